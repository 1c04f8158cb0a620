"""Feed polling against a real local server: conditional GET, ingest, back-off."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from masthead.core.scheduler import JOBS
from masthead.wire.channels.feeds import poll_due_feeds, poll_feed
from masthead.wire.models import Channel, RawItem, WireFeed, WireItem

pytestmark = pytest.mark.django_db

# Through the `settings` fixture, not override_settings: the two restore in
# different orders and would leak the flag into later tests.
ALLOW_LOCAL = pytest.mark.usefixtures("allow_local")
LAST_MODIFIED = "Fri, 16 May 2025 10:00:00 GMT"


def atom(*entries: tuple[str, str]) -> bytes:
    items = "".join(
        f"<entry><id>urn:test:{guid}</id><title>{title}</title>"
        f"<updated>2025-05-16T10:00:00Z</updated>"
        f'<content type="html">&lt;p&gt;Body of {title}.&lt;/p&gt;</content></entry>'
        for guid, title in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Test Agency</title>'
        f"<id>urn:test:feed</id><updated>2025-05-16T10:00:00Z</updated>{items}</feed>"
    ).encode()


def rss(*entries: tuple[str, str]) -> bytes:
    items = "".join(
        f"<item><guid>urn:rss:{guid}</guid><title>{title}</title>"
        f"<description>Text of {title}.</description>"
        f"<pubDate>Fri, 16 May 2025 10:00:00 GMT</pubDate></item>"
        for guid, title in entries
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>RSS Agency</title>'
        f"<link>http://example.com/</link>{items}</channel></rss>"
    ).encode()


class FeedRoute:
    """Serves a feed with validators, answers 304 when they match, fails on demand."""

    def __init__(self, body: bytes, etag: str = '"v1"'):
        self.body, self.etag, self.fail_with = body, etag, None

    def __call__(self, handler):
        if self.fail_with:
            handler.respond(self.fail_with, b"down")
            return
        if (
            handler.headers.get("If-None-Match") == self.etag
            and handler.headers.get("If-Modified-Since") == LAST_MODIFIED
        ):
            handler.respond(304, headers={"ETag": self.etag})
            return
        handler.respond(
            200,
            self.body,
            {
                "Content-Type": "application/atom+xml",
                "ETag": self.etag,
                "Last-Modified": LAST_MODIFIED,
            },
        )


@pytest.fixture
def feed_route(server):
    route = FeedRoute(atom(("1", "First story"), ("2", "Second story")))
    server.route("/feed.xml", route)
    return route


@pytest.fixture
def allow_local(settings):
    settings.MASTHEAD_WIRE_FETCH_ALLOW_PRIVATE = True


def make_feed(server, path="/feed.xml", **kwargs) -> WireFeed:
    return WireFeed.objects.create(
        provider="Test Agency", url=server.url(path), interval_seconds=300, **kwargs
    )


def due(feed: WireFeed) -> None:
    WireFeed.objects.filter(pk=feed.pk).update(next_poll_at=timezone.now())


def assert_close(moment, expected, slack=5):
    assert abs((moment - expected).total_seconds()) < slack, (moment, expected)


@ALLOW_LOCAL
def test_first_poll_ingests_every_entry_and_keeps_validators(server, feed_route):
    feed = make_feed(server)
    assert poll_feed(feed) == "ok"
    feed.refresh_from_db()
    assert feed.etag == '"v1"'
    assert feed.last_modified == LAST_MODIFIED
    assert feed.failures == 0 and feed.last_error == ""
    assert_close(feed.next_poll_at, timezone.now() + timedelta(seconds=300))
    raw = RawItem.objects.get()
    assert raw.channel == Channel.FEED and raw.origin == feed.url
    assert sorted(WireItem.objects.values_list("headline", flat=True)) == [
        "First story",
        "Second story",
    ]


@ALLOW_LOCAL
def test_second_poll_is_conditional_and_304_changes_nothing(server, feed_route):
    feed = make_feed(server)
    poll_feed(feed)
    feed.refresh_from_db()
    assert poll_feed(feed) == "not-modified"
    _method, _path, headers = server.requests[-1]
    assert headers["If-None-Match"] == '"v1"'
    assert headers["If-Modified-Since"] == LAST_MODIFIED
    assert RawItem.objects.count() == 1
    assert WireItem.objects.count() == 2


@ALLOW_LOCAL
def test_changed_feed_adds_only_the_new_entry(server, feed_route):
    feed = make_feed(server)
    poll_feed(feed)
    feed_route.body = atom(
        ("3", "Third story"), ("1", "First story"), ("2", "Second story")
    )
    feed_route.etag = '"v2"'
    feed.refresh_from_db()
    assert poll_feed(feed) == "ok"
    assert WireItem.objects.count() == 3
    assert WireItem.objects.filter(headline="Third story").exists()
    feed.refresh_from_db()
    assert feed.etag == '"v2"'
    # The same entries again under a new ETag: dedupe makes them no-ops.
    feed_route.body = atom(("1", "First story"), ("3", "Third story"))
    feed_route.etag = '"v3"'
    assert poll_feed(feed) == "duplicate"
    assert WireItem.objects.count() == 3


@ALLOW_LOCAL
def test_rss_feed(server):
    server.route("/rss", body=rss(("a", "RSS one"), ("b", "RSS two")))
    feed = make_feed(server, "/rss")
    assert poll_feed(feed) == "ok"
    assert WireItem.objects.filter(format="rss").count() == 2


@ALLOW_LOCAL
def test_failures_back_off_exponentially_and_success_resets(server, feed_route):
    feed = make_feed(server)
    feed_route.fail_with = 500
    assert poll_feed(feed) == "failed"
    feed.refresh_from_db()
    assert feed.failures == 1
    assert feed.last_error == "HTTP 500"
    assert_close(feed.next_poll_at, timezone.now() + timedelta(seconds=600))
    poll_feed(feed)
    feed.refresh_from_db()
    assert feed.failures == 2
    assert_close(feed.next_poll_at, timezone.now() + timedelta(seconds=1200))
    feed_route.fail_with = None
    assert poll_feed(feed) == "ok"
    feed.refresh_from_db()
    assert feed.failures == 0 and feed.last_error == ""
    assert_close(feed.next_poll_at, timezone.now() + timedelta(seconds=300))


@ALLOW_LOCAL
def test_back_off_is_capped_at_six_hours(server, feed_route):
    feed = make_feed(server, failures=7)
    feed_route.fail_with = 503
    poll_feed(feed)
    feed.refresh_from_db()
    assert feed.failures == 8
    assert_close(feed.next_poll_at, timezone.now() + timedelta(hours=6))


@ALLOW_LOCAL
def test_unreachable_feed_is_a_failure(server):
    feed = WireFeed.objects.create(provider="x", url="http://127.0.0.1:9/feed")
    assert poll_feed(feed) == "failed"
    feed.refresh_from_db()
    assert feed.failures == 1
    assert "127.0.0.1" in feed.last_error


@ALLOW_LOCAL
def test_refused_body_is_stored_counts_as_failure_and_keeps_no_validators(server):
    empty = atom()  # a feed without entries: the parser refuses it
    server.route("/empty", body=empty, headers={"ETag": '"e"'})
    feed = make_feed(server, "/empty")
    assert poll_feed(feed) == "failed"
    feed.refresh_from_db()
    assert "no entries" in feed.last_error
    assert feed.etag == ""
    raw = RawItem.objects.get()
    assert raw.read() == empty
    assert raw.items.get().status == WireItem.Status.REJECTED
    # Polled again, the same refused bytes are still a failure, not a success.
    assert poll_feed(feed) == "failed"
    feed.refresh_from_db()
    assert feed.failures == 2


def test_private_feed_address_is_refused_without_the_flag(server, feed_route):
    feed = make_feed(server)
    assert poll_feed(feed) == "failed"
    feed.refresh_from_db()
    assert feed.last_error == "refused: 127.0.0.1 is a loopback address"
    assert server.requests == []


@ALLOW_LOCAL
def test_worker_tick_polls_only_due_active_feeds(
    server, feed_route, settings, tmp_path
):
    settings.MASTHEAD_WIRE_WATCH_DIR = tmp_path / "inbox"
    assert "wire-feeds" in JOBS
    server.route("/later.xml", body=atom(("9", "Later")))
    server.route("/off.xml", body=atom(("8", "Off")))
    make_feed(server)
    make_feed(server, "/later.xml", next_poll_at=timezone.now() + timedelta(hours=1))
    make_feed(server, "/off.xml", active=False)
    call_command("worker", once=True)
    assert server.paths() == ["/feed.xml"]
    assert WireItem.objects.count() == 2


@ALLOW_LOCAL
def test_claimed_feeds_are_not_claimed_twice(server, feed_route, monkeypatch):
    from masthead.wire.channels import feeds

    enqueued = []
    monkeypatch.setattr(feeds, "_enqueue_poll", enqueued.append)
    feed = make_feed(server)
    assert poll_due_feeds() == 1
    assert poll_due_feeds() == 0  # leased until the task sets the real time
    assert enqueued == [feed.pk]
    feed.refresh_from_db()
    assert feed.next_poll_at > timezone.now() + timedelta(seconds=500)
