"""Made-up Host headers cost neither memory nor log (issue 8, point 13).

A scanner's 3,000 unique Host headers used to leave 3,000 Site + home page
copies in each worker's site cache and 3,000 tracebacks in the log.
"""

import logging

import pytest
from django.test import Client

from masthead.core import sites
from masthead.core.logfilters import LINES_PER_MINUTE, BadHostLogFilter

pytestmark = pytest.mark.django_db

HOSTS = 3000


@pytest.fixture(autouse=True)
def _empty_site_cache():
    sites.clear_site_cache()
    yield
    sites.clear_site_cache()


@pytest.fixture
def security_records():
    """What reaches the handlers of Django's DisallowedHost logger (after its
    filters), as a handler on the root logger sees it."""
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler = Keep(level=logging.DEBUG)
    logger = logging.getLogger("django.security.DisallowedHost")
    logger.addHandler(handler)
    yield records
    logger.removeHandler(handler)


def test_refused_hosts_are_not_remembered_nor_logged_each(
    site_tree, settings, security_records
):
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    statuses = set()

    for n in range(HOSTS):
        statuses.add(client.get("/news/", HTTP_HOST=f"h{n}.invalid").status_code)
    assert statuses == {400}
    assert sites.cached_host_count() == 0
    assert not sites._sites
    # One line each, no traceback, and far fewer lines than requests.
    assert security_records, "refused hosts must still be logged"
    assert len(security_records) <= 2 * LINES_PER_MINUTE
    for record in security_records:
        assert record.exc_info is None and record.exc_text is None
        assert "\n" not in record.getMessage()
        assert "refused Host header 'h" in record.getMessage()
    # The real host still gets its page.
    assert client.get("/news/").status_code == 200


def test_allowed_wildcard_hosts_are_kept_in_a_bounded_cache(site_tree, settings, rf):
    settings.ALLOWED_HOSTS = [".example.com", "testserver"]
    for n in range(HOSTS):
        site = sites.site_for_request(rf.get("/news/", HTTP_HOST=f"h{n}.example.com"))
        assert site is not None and site.is_default_site
    assert sites.cached_host_count() == sites.MAX_HOSTS
    # Every host name leads to the one default site, held once.
    assert len(sites._sites) == 1
    assert Client().get("/news/", HTTP_HOST="h1.example.com").status_code == 200


def test_the_filter_says_each_host_once_and_counts_what_it_held_back():
    now = [0.0]
    keep = BadHostLogFilter(clock=lambda: now[0])

    def record(host):
        class Request:
            path = "/"

            def _get_raw_host(self):
                return host

        rec = logging.LogRecord(
            "django.security.DisallowedHost", logging.ERROR, __file__, 1,
            "Invalid HTTP_HOST header: %r", (host,), (ValueError, ValueError(), None),
        )  # fmt: skip
        rec.request = Request()
        return rec

    assert keep.filter(record("a.invalid"))
    assert not keep.filter(record("a.invalid"))  # the same host again
    passed = [keep.filter(record(f"{n}.invalid")) for n in range(100)]
    assert passed.count(True) == LINES_PER_MINUTE - 1  # the cap per minute
    now[0] = 61.0
    line = record("late.invalid")
    assert keep.filter(line)
    message = line.getMessage()
    assert "'late.invalid'" in message
    # The repeat was counted in the first line passed after it.
    assert f"{100 - (LINES_PER_MINUTE - 1)} more refused requests" in message
