"""Ingest: store the raw bytes, parse, dedupe, link versions, tell the desk.

Every channel (command line, watched folder, feed poll, HTTP push, admin upload,
URL import) ends in `ingest_bytes`, so the rules live in one place.
"""

import dataclasses
import logging
from contextlib import nullcontext
from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.utils.text import slugify

from masthead.newsroom.models import ArticlePage
from masthead.wire.models import Channel, RawItem, WireItem
from masthead.wire.parsers import WireRefusal, WireStory, detect_format, parse
from masthead.wire.parsers.agencies import KNOWN_AGENCIES, normalise_provider

logger = logging.getLogger("masthead.wire")

MAX_BYTES = 5 * 1024 * 1024  # the parsers' own cap; refused here before parsing


@dataclass
class IngestResult:
    """One line of `masthead ingest` output, and what every channel reports."""

    status: str  # "ok", "duplicate" or "rejected"
    format: str = ""
    provider: str = ""
    guid: str = ""
    version: str = ""
    headline: str = ""
    reason: str = ""
    items: list[WireItem] = field(default_factory=list)
    raw: RawItem | None = None

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "format": self.format,
            "provider": self.provider,
            "guid": self.guid,
            "version": self.version,
            "headline": self.headline,
            "reason": self.reason,
        }


def ingest_bytes(
    data: bytes, channel: str = Channel.FILE, origin: str = ""
) -> IngestResult:
    """Keep the bytes, then parse them. Identical bytes twice are a no-op.

    A database or disk error (a full disk, the database gone) is raised: the
    caller tells the sender to retry, or keeps its file for the next try. What
    was stored by then is whole: the bytes alone, or the bytes and every item
    parsed from them, never some of the items.
    """
    digest = RawItem.digest(data)
    try:
        # The unique sha256 decides "seen before" in the same statement that
        # stores the bytes: no separate lookup, no race between channels.
        with _atomic_if_needed():
            raw = RawItem.objects.create(
                channel=channel,
                origin=origin[:1000],
                sha256=digest,
                size=len(data),
                data=data,
            )
    except IntegrityError:
        raw = RawItem.objects.defer("data").get(sha256=digest)
    return _parse_once(raw)


def _parse_once(raw: RawItem) -> IngestResult:
    """Parse stored bytes unless some ingest already has; a duplicate otherwise.

    Bytes stored whose parse never finished (the disk filled up, or the process
    died, between the two) are parsed when the same bytes come again, so the
    sender's retry completes the story instead of being told "duplicate". The
    raw row is locked (on SQLite the IMMEDIATE transaction serialises writers),
    so two pushes of the same bytes at once parse them once.
    """
    with transaction.atomic():
        locked = RawItem.objects.select_for_update().get(pk=raw.pk)
        if not locked.items.exists():
            return parse_raw(locked)
    return _duplicate_of_raw(raw)


def _atomic_if_needed():
    """A savepoint only inside an outer transaction, where a failed INSERT would
    otherwise break it; in autocommit a failed INSERT simply fails."""
    if connection.in_atomic_block:
        return transaction.atomic()
    return nullcontext()


def parse_raw(raw: RawItem) -> IngestResult:
    """Parse (or parse again) a stored raw file into wire items."""
    data = bytes(raw.data)
    fmt = ""
    try:
        if len(data) > MAX_BYTES:
            raise WireRefusal(
                f"input is {len(data) / 1024 / 1024:.1f} MB, over the "
                f"{MAX_BYTES // 1024 // 1024} MB cap"
            )
        fmt = detect_format(data)
        stories = parse(data)
        if not stories:
            raise WireRefusal(f"{fmt}: the file holds no story")
        stories = bind_provider(stories, bound_provider(raw))
    except WireRefusal as refusal:
        item = WireItem.objects.create(
            raw=raw,
            received_at=raw.received_at,
            status=WireItem.Status.REJECTED,
            format=fmt,
            reason=str(refusal),
        )
        return IngestResult(
            status="rejected", format=fmt, reason=str(refusal), items=[item], raw=raw
        )

    results = [
        _store_story(raw, position, story) for position, story in enumerate(stories)
    ]
    new = [r for r in results if r.status == "ok"]
    first = (new or results)[0]
    return IngestResult(
        status="ok" if new else "duplicate",
        format=first.format,
        provider=first.provider,
        guid=first.guid,
        version=first.version,
        headline=first.headline,
        reason=first.reason,
        items=[i for r in results for i in r.items],
        raw=raw,
    )


PROVIDER_MISMATCH = "provider mismatch"


def bound_provider(raw: RawItem) -> str:
    """The agency a channel authenticated (a push token's provider slug, kept
    in the raw item's origin), or "" where only the bytes say who sent them."""
    if raw.channel == Channel.PUSH and raw.origin.startswith("push:"):
        return raw.origin.removeprefix("push:")
    return ""


def bind_provider(stories: list[WireStory], bound: str) -> list[WireStory]:
    """Stories from an authenticated agency are stored under that agency, so no
    token can file a new version or a cancel of another agency's story. A file
    naming another known agency is refused whole (kept, with the reason); a
    name we cannot place (or a parser's fallback, such as a URI) is no claim,
    and the story is simply stored under the token's provider."""
    if not bound:
        return stories
    own = normalise_provider(bound)
    bound_stories = []
    for story in stories:
        claimed = normalise_provider(story.provider or story.source)
        if slugify(claimed) == slugify(own):
            name = claimed  # the agency's own spelling, as other channels store it
        elif claimed in KNOWN_AGENCIES:
            raise WireRefusal(
                f"{PROVIDER_MISMATCH}: sent with the {bound!r} push token but "
                f"names {claimed!r} as its provider"
            )
        else:
            name = own
        bound_stories.append(dataclasses.replace(story, provider=name))
    return bound_stories


def _item_key(story: WireStory) -> str:
    return story.guid or f"content:{story.content_key}"


def _store_story(raw: RawItem, position: int, story: WireStory) -> IngestResult:
    key = _item_key(story)
    version = story.version or ""
    provider = story.provider or story.source or ""
    summary = {
        "format": story.format,
        "provider": provider,
        "guid": story.guid or key,
        "version": version,
        "headline": story.headline,
    }
    # One query answers both "seen this version?" and "which version came before?".
    known = list(
        WireItem.objects.filter(
            status=WireItem.Status.OK, provider=provider, item_key=key
        )
        .order_by("-received_at", "-pk")
        .only("pk", "version", "article_id")[:100]
    )
    if any(k.version == version for k in known):
        return IngestResult(
            status="duplicate", reason="already received", items=[], **summary
        )
    earlier = known[0] if known else None
    try:
        with _atomic_if_needed():
            item = WireItem.objects.create(
                raw=raw,
                position=position,
                received_at=raw.received_at,
                status=WireItem.Status.OK,
                format=story.format,
                provider=provider,
                guid=story.guid or "",
                item_key=key,
                version=version,
                headline=story.headline[:500],
                language=story.language[:20],
                urgency=story.urgency,
                first_created=story.first_created,
                version_created=story.version_created,
                embargo_until=story.embargo_until,
                signals=",".join(sorted(story.signals)),
                story=story.to_json(),
                previous=earlier,
                article=earlier.article if earlier else None,
            )
    except IntegrityError:
        return IngestResult(status="duplicate", reason="already received", **summary)
    if earlier is not None and item.article_id:
        _flag_article(item)
    return IngestResult(status="ok", items=[item], **summary)


def _flag_article(item: WireItem) -> None:
    """A later version or a cancel of a story we already made an article from."""
    signals = item.signal_set
    flag = (
        ArticlePage.WireFlag.CANCELLED
        if signals & {"cancel", "kill"}
        else ArticlePage.WireFlag.NEW_VERSION
    )
    ArticlePage.objects.filter(pk=item.article_id).update(wire_flag=flag)
    logger.warning(
        "wire: %s for article %s (%s %s v%s)",
        flag,
        item.article_id,
        item.provider,
        item.item_key,
        item.version,
    )


def _duplicate_of_raw(raw: RawItem) -> IngestResult:
    first = raw.items.order_by("position").first()
    return IngestResult(
        status="duplicate",
        format=first.format if first else "",
        provider=first.provider if first else "",
        guid=(first.guid or first.item_key) if first else "",
        version=first.version if first else "",
        headline=first.headline if first else "",
        reason="identical file already received",
        raw=raw,
    )
