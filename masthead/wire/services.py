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
from masthead.wire.rawfiles import save_raw

logger = logging.getLogger("masthead.wire")

MAX_BYTES = 5 * 1024 * 1024  # the parsers' own cap; refused here before parsing


@dataclass
class IngestResult:
    """One line of `masthead ingest` output, and what every channel reports.

    A file of several stories is "ok" when at least one is new; `reason` then
    says what else happened to the file (items refused, incomplete, with
    warnings, already received), so "ok" is never silently partial.
    """

    status: str  # "ok", "duplicate" or "rejected"
    format: str = ""
    provider: str = ""
    guid: str = ""
    version: str = ""
    headline: str = ""
    reason: str = ""
    items: list[WireItem] = field(default_factory=list)
    raw: RawItem | None = None
    new_version: bool = False  # a later version of a story already received

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

    @property
    def summary(self) -> str:
        """e.g. "ok (2 stories, 1 refused: item 3: no headline and no body)"."""
        return f"{self.status} ({self.reason})" if self.reason else self.status


def ingest_bytes(
    data: bytes, channel: str = Channel.FILE, origin: str = ""
) -> IngestResult:
    """Keep the bytes, then parse them. Identical bytes twice are a no-op.

    A database or disk error (a full disk, the database gone) is raised: the
    caller tells the sender to retry, or keeps its file for the next try. What
    was stored by then is whole: the bytes alone, or the bytes and every item
    parsed from them, never some of the items.

    The bytes go to media storage first, under their sha256 (rawfiles.py), and
    the row second: a file whose row failed is the same file the retry writes,
    and a row never names a file that is not there.
    """
    digest = RawItem.digest(data)
    save_raw(data, digest)
    try:
        # The unique sha256 decides "seen before" in the same statement that
        # stores the row: no separate lookup, no race between channels.
        with _atomic_if_needed():
            raw = RawItem.objects.create(
                channel=channel,
                origin=origin[:1000],
                sha256=digest,
                size=len(data),
            )
    except IntegrityError:
        raw = RawItem.objects.get(sha256=digest)
    return _parse_once(raw, data)


def _parse_once(raw: RawItem, data: bytes | None = None) -> IngestResult:
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
            return parse_raw(locked, data)
    return _duplicate_of_raw(raw)


def _atomic_if_needed():
    """A savepoint only inside an outer transaction, where a failed INSERT would
    otherwise break it; in autocommit a failed INSERT simply fails."""
    if connection.in_atomic_block:
        return transaction.atomic()
    return nullcontext()


def parse_raw(raw: RawItem, data: bytes | None = None) -> IngestResult:
    """Parse (or parse again) a stored raw file into wire items.

    A parser refuses a whole file by raising WireRefusal, or single items of it
    by returning a WireRefusal in the item's place: each is kept as a refused
    item at its position, and the file's other stories stand on their own.
    `data` is the file's bytes when the caller holds them already (ingest);
    otherwise they are read from media storage.
    """
    if data is None:
        data = raw.read()
    fmt = ""
    try:
        if len(data) > MAX_BYTES:
            raise WireRefusal(
                f"input is {len(data) / 1024 / 1024:.1f} MB, over the "
                f"{MAX_BYTES // 1024 // 1024} MB cap"
            )
        fmt = detect_format(data)
        outputs = parse(data)
        if not outputs:
            raise WireRefusal(f"{fmt}: the file holds no story")
        outputs = bind_provider(outputs, bound_provider(raw))
    except WireRefusal as refusal:
        item = _store_refusal(raw, 0, fmt, str(refusal))
        return IngestResult(
            status="rejected", format=fmt, reason=str(refusal), items=[item], raw=raw
        )
    return store_parsed(raw, fmt, outputs)


def store_parsed(
    raw: RawItem, fmt: str, outputs: list[WireStory | WireRefusal]
) -> IngestResult:
    """Store a parser's list for `raw`: each story at its position (new, a new
    version, or a repeat), each WireRefusal as a refused item with its reason."""
    results = []
    for position, output in enumerate(outputs):
        if isinstance(output, WireRefusal):
            item = _store_refusal(raw, position, fmt, output.reason)
            results.append(
                IngestResult(
                    status="rejected", format=fmt, reason=item.reason, items=[item]
                )
            )
        else:
            results.append(_store_story(raw, position, output))
    return _file_result(raw, results)


def _store_refusal(raw: RawItem, position: int, fmt: str, reason: str) -> WireItem:
    return WireItem.objects.create(
        raw=raw,
        position=position,
        received_at=raw.received_at,
        status=WireItem.Status.REJECTED,
        format=fmt,
        reason=reason,
    )


def _file_result(raw: RawItem, results: list[IngestResult]) -> IngestResult:
    """One result for a file from its items' results, in file order."""
    new = [r for r in results if r.status == "ok"]
    repeats = [r for r in results if r.status == "duplicate"]
    refused = [r for r in results if r.status == "rejected"]
    items = [i for r in results for i in r.items]
    if new:
        status = "ok"
    elif repeats:
        status = "duplicate"
    else:
        status = "rejected"
    first = (new or repeats or refused)[0]
    if len(results) == 1:
        reason = first.reason
    else:
        reason = _file_reason(results, new, repeats, refused)
    return IngestResult(
        status=status,
        format=first.format,
        provider=first.provider,
        guid=first.guid,
        version=first.version,
        headline=first.headline,
        reason=reason,
        items=items,
        raw=raw,
        new_version=first.new_version,
    )


def _file_reason(results, new, repeats, refused) -> str:
    """What happened to each kind of item of a file of several."""
    number = {id(r): n for n, r in enumerate(results, start=1)}  # file order
    parts = []
    if new:
        parts.append(f"{len(new)} stor{'y' if len(new) == 1 else 'ies'}")
    if repeats:
        parts.append(f"{len(repeats)} already received")
    if refused:
        listed = "; ".join(f"item {number[id(r)]}: {r.reason}" for r in refused[:5])
        more = f"; and {len(refused) - 5} more" if len(refused) > 5 else ""
        parts.append(f"{len(refused)} refused: {listed}{more}")
    # Each new item's own notes (a new version, incomplete, warnings).
    parts += [f"item {number[id(r)]} ({r.reason})" for r in new if r.reason]
    return ", ".join(parts)


PROVIDER_MISMATCH = "provider mismatch"


def bound_provider(raw: RawItem) -> str:
    """The agency a channel authenticated (a push token's provider slug, kept
    in the raw item's origin), or "" where only the bytes say who sent them."""
    if raw.channel == Channel.PUSH and raw.origin.startswith("push:"):
        return raw.origin.removeprefix("push:")
    return ""


def bind_provider(
    stories: list[WireStory | WireRefusal], bound: str
) -> list[WireStory | WireRefusal]:
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
        if isinstance(story, WireRefusal):
            bound_stories.append(story)  # a refused item names no one
            continue
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
    """Store one story, unless this very copy was received before.

    A repeat is the same id, version, copy (content key) and signals. New copy
    under a known id is a new version linked to the latest one, whether or not
    the agency moved its version number or time: agencies resend corrections
    under the same version, and many feeds carry none.
    """
    key = _item_key(story)
    version = story.version or ""
    provider = story.provider or story.source or ""
    signals = ",".join(sorted(story.signals))
    summary = {
        "format": story.format,
        "provider": provider,
        "guid": story.guid or key,
        "version": version,
        "headline": story.headline,
    }
    # One query answers both "seen this copy?" and "which version came before?".
    known = list(
        WireItem.objects.filter(
            status=WireItem.Status.OK, provider=provider, item_key=key
        )
        .order_by("-received_at", "-pk")
        .only("pk", "version", "content_key", "signals", "article_id")[:100]
    )
    if any(
        (k.version, k.content_key, k.signals) == (version, story.content_key, signals)
        for k in known
    ):
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
                content_key=story.content_key,
                incomplete=story.incomplete,
                warnings=list(story.warnings),
                headline=story.headline[:500],
                language=story.language[:20],
                urgency=story.urgency,
                first_created=story.first_created,
                version_created=story.version_created,
                embargo_until=story.embargo_until,
                signals=signals,
                story=story.to_json(),
                previous=earlier,
                article=earlier.article if earlier else None,
            )
    except IntegrityError:
        return IngestResult(status="duplicate", reason="already received", **summary)
    if earlier is not None and item.article_id:
        _flag_article(item)
    return IngestResult(
        status="ok",
        items=[item],
        reason=_story_notes(story, earlier),
        new_version=earlier is not None,
        **summary,
    )


def _story_notes(story: WireStory, earlier: WireItem | None) -> str:
    """What the desk must know of an accepted story, for the ingest result."""
    notes = []
    if earlier is not None:
        notes.append(f"new version of item {earlier.pk}")
    if story.incomplete:
        notes.append("incomplete, check it against the agency's copy")
    if story.warnings:
        count = len(story.warnings)
        notes.append(f"{count} warning{'' if count == 1 else 's'}")
    return ", ".join(notes)


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
