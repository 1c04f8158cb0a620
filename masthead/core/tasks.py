from django_tasks import task
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache


@task()
def purge_cdn_urls(urls: list[str]) -> None:
    """Tell the CDN (Wagtail's frontend_cache backends) to drop these URLs."""
    purge_urls_from_cache(urls)
