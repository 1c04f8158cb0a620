from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from masthead.wire.channels.fetch import FetchError, fetch_url
from masthead.wire.models import Channel, WireItem
from masthead.wire.promote import (
    PromoteError,
    create_draft,
    publish_import,
    section_by_path,
)
from masthead.wire.services import ingest_bytes


class Command(BaseCommand):
    help = (
        "Import one news page (saved text or HTML, or an http(s) URL) as an article, "
        "keeping its original time and credits. Without --publish it becomes a draft."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="A file path or an http(s) URL.")
        parser.add_argument("--section", required=True, help="e.g. news/world")
        parser.add_argument("--publish", action="store_true")

    def handle(self, *args, source, section, publish, **options):
        if source.startswith(("http://", "https://")):
            try:
                data = fetch_url(source)
            except FetchError as exc:
                raise CommandError(str(exc)) from exc
            channel = Channel.URL
        else:
            try:
                data = Path(source).read_bytes()
            except OSError as exc:
                raise CommandError(f"Cannot read {source}: {exc}") from exc
            channel = Channel.FILE
        result = ingest_bytes(data, channel=channel, origin=source)
        if result.status == "rejected":
            raise CommandError(f"Refused: the page was not imported ({result.reason})")
        # The file's items in order, refused ones included: take the first
        # story that was accepted (this time, or when the file first came).
        items = result.items or list(
            WireItem.objects.filter(raw=result.raw).order_by("position")
        )
        item = next((i for i in items if i.status == WireItem.Status.OK), None)
        if item is None:
            refused = next((i for i in items if i.reason), None)
            if refused is not None:
                raise CommandError(
                    "Refused: the page was not imported when first received "
                    f"({refused.reason})"
                )
            raise CommandError(
                "Nothing to import: the page was already received and holds no new story."
            )
        skipped = [i for i in items if i.status != WireItem.Status.OK]
        if skipped:
            self.stderr.write(
                f"Importing item {item.position + 1}; {len(skipped)} refused: "
                + "; ".join(f"item {i.position + 1}: {i.reason}" for i in skipped)
            )
        if item.article_id:
            # Running the same import again is not a mistake (`make seed` twice):
            # say where the article is and succeed, without a second copy.
            article = item.article.specific
            state = "published" if article.live else "draft"
            self.stdout.write(
                f"Already imported ({state}): {article.title} -> {_where(article)}"
            )
            return
        try:
            target = section_by_path(section)
            article = (
                publish_import(item, target) if publish else create_draft(item, target)
            )
        except PromoteError as exc:
            raise CommandError(str(exc)) from exc
        state = "published" if publish else "draft"
        self.stdout.write(
            self.style.SUCCESS(f"{state}: {article.title} -> {_where(article)}")
        )


def _where(article) -> str:
    """The article's public address, or its admin edit page while it is a draft."""
    if article.live:
        return article.get_full_url() or article.url_path
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse("wagtailadmin_pages:edit", args=[article.pk])
