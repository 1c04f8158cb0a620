"""Several workers on one PostgreSQL and one Redis (issue 14, point 4).

Two django-tasks `db_worker`s and two periodic-job runners (`masthead
worker`, ticking every second) run at once, as on two worker nodes. Each
piece of work they share must happen exactly once: a scheduled publish, an
embargo lift, the day's digest (one message per subscriber at a real SMTP
server) and a wire feed poll (one request at a local feed server per time
the feed is due).
"""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.readers.newsletter_support import Smtp

from .conftest import forget_counters, node_env, start, stop_all, wait_for

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Instead of the suite's: see conftest.forget_counters."""
    forget_counters()


TICK = "1"
# Ticks waited after the work is seen done, for a second run to show up.
SETTLE_SECONDS = 4
READERS = ("ana@example.com", "ben@example.com", "cleo@example.com")
FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Scale wire</title>
<link>http://127.0.0.1/</link><description>Test feed</description>
<item><title>Port strike called off</title><guid>scale-wire-1</guid>
<pubDate>Fri, 27 Nov 2026 09:00:00 GMT</pubDate>
<description>&lt;p&gt;Dockers returned to work on Friday.&lt;/p&gt;</description>
</item></channel></rss>"""


class FeedServer:
    """A wire agency's feed on 127.0.0.1 that counts the polls it answers."""

    def __init__(self):
        hits = self.hits = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                hits.append(time.monotonic())
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(FEED)))
                self.end_headers()
                self.wfile.write(FEED)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/feed.xml"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def digest_due(shared_db, django_db_blocker):
    """Readers, a story of today and a digest hour that has passed, all there
    before the runners start: the first tick of either makes the digest."""
    with django_db_blocker.unblock():
        from wagtail.models import Site

        from masthead.newsroom.factories import ArticleFactory
        from masthead.newsroom.models import SectionPage
        from masthead.readers.newsletter.models import NewsletterSettings, Subscriber

        site = Site.objects.get(is_default_site=True)
        options = NewsletterSettings.for_site(site)
        options.digest_enabled, options.digest_hour = True, 0
        options.save()
        for address in READERS:
            Subscriber.objects.create(
                email=address,
                email_key=address,
                status=Subscriber.Status.ACTIVE,
                daily_digest=True,
            )
        ArticleFactory(
            parent=SectionPage.objects.get(slug="world"),
            title="Tide barrier holds",
            slug="tide-barrier-holds",
        )


@pytest.fixture(scope="module")
def workers(shared_db, digest_due, tmp_path_factory):
    smtp = Smtp()
    smtp.start()
    processes, logs = [], []
    try:
        for n in range(2):
            var_dir = tmp_path_factory.mktemp(f"worker-node-{n}")
            env = node_env(
                var_dir, shared_db, EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(smtp.port)
            )
            for name, args in (
                (
                    "db_worker",
                    [
                        "db_worker",
                        "--queue-name",
                        "*",
                        "--interval",
                        "0.2",
                        "--no-startup-delay",
                        "--no-reload",
                        "--worker-id",
                        f"scale-{n}",
                    ],
                ),
                ("worker", ["worker", "--tick", TICK]),
            ):
                log = var_dir / f"{name}.log"
                logs.append(log)
                processes.append(start(args, env, log))
        wait_for(
            lambda: all(
                ("Starting worker" in log.read_text())
                or ("periodic jobs every" in log.read_text())
                for log in logs
            ),
            "both db_workers and both periodic runners started",
            90,
            logs,
        )
        yield smtp, logs
    finally:
        stop_all(processes)
        smtp.stop()


def settle():
    """Long enough for each runner to have had its turn more than once."""
    time.sleep(SETTLE_SECONDS)


def test_a_scheduled_publish_is_published_once(workers, committed):
    from django.utils import timezone
    from wagtail.models import PageLogEntry

    from masthead.newsroom.factories import ArticleFactory
    from masthead.newsroom.models import ArticlePage, SectionPage

    _, logs = workers
    article = ArticleFactory(
        parent=SectionPage.objects.get(slug="world"),
        title="Budget vote at noon",
        slug="budget-vote-at-noon",
        publish=False,
    )
    article.go_live_at = timezone.now() + timedelta(seconds=2)
    revision = article.save_revision()
    revision.publish()  # a future go-live time: Wagtail schedules it
    assert not ArticlePage.objects.get(pk=article.pk).live

    wait_for(
        lambda: ArticlePage.objects.get(pk=article.pk).live,
        "the scheduled article live",
        30,
        logs,
    )
    settle()
    # What Wagtail's publish_scheduled logs for each revision it publishes.
    publishes = PageLogEntry.objects.filter(
        page=article, action="wagtail.publish.scheduled"
    )
    assert publishes.count() == 1
    assert ArticlePage.objects.get(pk=article.pk).live_revision_id == revision.pk


def test_an_embargo_is_lifted_once(workers, committed):
    from django.core.cache import cache
    from django.utils import timezone
    from wagtail.models import PageLogEntry

    from masthead.newsroom.factories import ArticleFactory
    from masthead.newsroom.models import ArticlePage, SectionPage
    from masthead.newsroom.publishing import EMBARGO_LIFTED_ACTION
    from masthead.newsroom.scheduled_jobs import LAST_EMBARGO_CHECK

    _, logs = workers
    article = ArticleFactory(
        parent=SectionPage.objects.get(slug="world"),
        title="Trade figures out",
        slug="trade-figures-out",
    )
    ArticlePage.objects.filter(pk=article.pk).update(
        embargo_until=timezone.now() + timedelta(seconds=2)
    )
    lifts = PageLogEntry.objects.filter(page=article, action=EMBARGO_LIFTED_ACTION)
    wait_for(lifts.exists, "the embargo lifted", 30, logs)
    settle()
    assert lifts.count() == 1
    # Redis lost the time of the last check (a restart, an eviction): the
    # runners look back a day, and still lift nothing twice.
    cache.delete(LAST_EMBARGO_CHECK)
    wait_for(lambda: cache.get(LAST_EMBARGO_CHECK), "an embargo check", 30, logs)
    settle()
    assert lifts.count() == 1


def test_the_digest_is_made_and_mailed_once(workers, committed):
    from masthead.readers.newsletter.models import Mailing

    smtp, logs = workers
    digests = Mailing.objects.filter(kind=Mailing.Kind.DIGEST)
    wait_for(
        lambda: digests.filter(state=Mailing.State.DONE).exists(),
        "the digest sent",
        60,
        logs,
    )
    settle()
    assert digests.count() == 1
    digest = digests.get()
    assert (digest.recipients, digest.sent_count) == (len(READERS), len(READERS))
    for address in READERS:
        received = smtp.inbox.to(address)
        assert len(received) == 1, (address, len(received))
        assert "daily digest" in received[0]["Subject"]


def test_a_due_feed_is_polled_once_per_due_time(workers, committed):
    from django.utils import timezone

    from masthead.wire.models import WireFeed, WireItem

    _, logs = workers
    items_before = WireItem.objects.count()
    with FeedServer() as agency:
        feed = WireFeed.objects.create(
            provider="Scale wire",
            url=agency.url,
            interval_seconds=3600,
            next_poll_at=timezone.now(),
        )
        wait_for(
            lambda: WireFeed.objects.get(pk=feed.pk).last_polled_at,
            "the feed polled",
            30,
            logs,
        )
        settle()
        assert len(agency.hits) == 1
        assert WireItem.objects.count() == items_before + 1

        # Due again: one more poll, not one per worker.
        WireFeed.objects.filter(pk=feed.pk).update(next_poll_at=timezone.now())
        wait_for(lambda: len(agency.hits) >= 2, "the second poll", 30, logs)
        settle()
        assert len(agency.hits) == 2
        feed.refresh_from_db()
        assert feed.failures == 0, feed.last_error
