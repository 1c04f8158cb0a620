"""Feed polling: each due `WireFeed` is fetched with a conditional GET.

`masthead worker` runs the periodic job "wire-feeds" on every tick. It claims
the feeds that are due (moving their next poll out by a lease, so a second
tick or worker does not claim them again) and enqueues one `poll_feed_task`
per feed on the "wire" queue; the task does the network work and sets the
real next poll time: the feed's interval after a success, an exponential
back-off (capped, 6 h by default) after a failure.

A 304 costs nothing; a 200 goes to `ingest_bytes` like every other channel,
where the feed parser makes a story per entry and dedupe makes repeats no-ops.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from masthead.core.scheduler import periodic
from masthead.wire.channels.fetch import FetchError, fetch
from masthead.wire.models import Channel, WireFeed, WireItem
from masthead.wire.services import MAX_BYTES, IngestResult, ingest_bytes

logger = logging.getLogger("masthead.wire")

DEFAULT_MAX_BACKOFF = 6 * 3600
DEFAULT_LEASE = 600
DEFAULT_BATCH = 50


def _setting(name: str, default):
    return getattr(settings, name, default)


@periodic("wire-feeds")
def poll_due_feeds() -> int:
    """Claim the feeds that are due and enqueue a poll for each; returns how many."""
    now = timezone.now()
    lease = timedelta(
        seconds=_setting("MASTHEAD_WIRE_FEED_LEASE_SECONDS", DEFAULT_LEASE)
    )
    batch = _setting("MASTHEAD_WIRE_FEED_BATCH", DEFAULT_BATCH)
    due = list(
        WireFeed.objects.filter(active=True, next_poll_at__lte=now)
        .order_by("next_poll_at")
        .values_list("pk", "next_poll_at")[:batch]
    )
    claimed = 0
    for pk, next_poll_at in due:
        # Compare-and-set: only the tick that moved next_poll_at enqueues.
        won = WireFeed.objects.filter(pk=pk, next_poll_at=next_poll_at).update(
            next_poll_at=now + lease
        )
        if won:
            _enqueue_poll(pk)
            claimed += 1
    return claimed


def _enqueue_poll(feed_id: int) -> None:
    """On the "wire" queue where the backend has one (base settings do)."""
    from django_tasks import default_task_backend

    job = poll_feed_task
    if "wire" in default_task_backend.queues:
        job = job.using(queue_name="wire")
    job.enqueue(feed_id=feed_id)


@task()
def poll_feed_task(feed_id: int) -> str:
    feed = WireFeed.objects.filter(pk=feed_id, active=True).first()
    if feed is None:
        return "gone"
    return poll_feed(feed)


def poll_feed(feed: WireFeed) -> str:
    """Poll one feed now; returns "not-modified", the ingest status, or "failed"."""
    now = timezone.now()
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    feed.last_polled_at = now
    try:
        response = fetch(
            feed.url,
            headers=headers,
            max_bytes=_setting("MASTHEAD_WIRE_MAX_BYTES", MAX_BYTES),
            timeout=_setting("MASTHEAD_WIRE_FETCH_TIMEOUT", 10.0),
        )
        if response.status == 304:
            outcome = "not-modified"
        elif response.status == 200:
            if not response.body:
                raise FetchError("HTTP 200 with an empty body")
            result = ingest_bytes(response.body, channel=Channel.FEED, origin=feed.url)
            refusal = _refusal(result)
            if refusal:
                # Keep no validators: the next poll fetches the feed in full again.
                feed.etag = feed.last_modified = ""
                raise FetchError(f"refused: {refusal}")
            feed.etag = response.headers.get("etag", "")[:300]
            feed.last_modified = response.headers.get("last-modified", "")[:100]
            outcome = result.status
        else:
            raise FetchError(f"HTTP {response.status}")
    except Exception as exc:
        if not isinstance(exc, FetchError):
            logger.exception("wire feed %s: poll failed", feed.url)
        feed.failures += 1
        feed.last_error = str(exc)[:2000] or exc.__class__.__name__
        cap = _setting("MASTHEAD_WIRE_FEED_MAX_BACKOFF", DEFAULT_MAX_BACKOFF)
        delay = min(feed.interval_seconds * 2**feed.failures, cap)
        feed.next_poll_at = now + timedelta(seconds=delay)
        feed.save(
            update_fields=[
                "failures", "last_error", "next_poll_at", "last_polled_at",
                "etag", "last_modified",
            ]
        )  # fmt: skip
        logger.warning("wire feed %s: %s (retry in %ss)", feed.url, exc, delay)
        return "failed"
    feed.failures = 0
    feed.last_error = ""
    feed.next_poll_at = now + timedelta(seconds=feed.interval_seconds)
    feed.save(
        update_fields=[
            "failures", "last_error", "next_poll_at", "last_polled_at",
            "etag", "last_modified",
        ]
    )  # fmt: skip
    return outcome


def _refusal(result: IngestResult) -> str:
    """The reason a feed body was refused, also when the same bytes come again."""
    if result.status == "rejected":
        return result.reason
    if result.status == "duplicate" and result.raw is not None:
        refused = result.raw.items.filter(status=WireItem.Status.REJECTED).first()
        if refused is not None:
            return refused.reason
    return ""
