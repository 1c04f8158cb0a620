"""A CDN backend for tests: Wagtail's frontend_cache calls it like any other
(settings.WAGTAILFRONTENDCACHE), and it keeps each batch it was told to drop."""

from wagtail.contrib.frontend_cache.backends import BaseBackend


class RecordingCDN(BaseBackend):
    batches: list[list[str]] = []

    def purge(self, url) -> None:
        self.purge_batch([url])

    def purge_batch(self, urls) -> None:
        RecordingCDN.batches.append(list(urls))
