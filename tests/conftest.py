import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the seed's site tree once per test database; each test's rollback
    keeps it. Tests that flush the database (transaction=True) get it rebuilt by
    the `site_tree` fixture, which is idempotent."""
    with django_db_blocker.unblock():
        from masthead.demo.sitetree import build_site_tree

        build_site_tree(hostname="testserver")


@pytest.fixture
def site_tree(db):
    """The seed's sections, regions, people index and static pages."""
    from masthead.demo.sitetree import build_site_tree

    return build_site_tree(hostname="testserver")


@pytest.fixture
def xinhua(db):
    from masthead.newsroom.factories import SourceFactory

    return SourceFactory(name="Xinhua", slug="xinhua", credit="Xinhua")


@pytest.fixture
def section(site_tree):
    from masthead.newsroom.models import SectionPage

    return lambda slug: SectionPage.objects.get(slug=slug)


@pytest.fixture(autouse=True)
def _fresh_caches():
    from django.core.cache import caches

    from masthead.core.pagecache.store import get_store

    for alias in ("default", "pages", "logins"):
        caches[alias].clear()
    # A fresh store: no copies of pages or outage state from an earlier test.
    get_store.cache_clear()
    yield


DB_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server"}


def pytest_collection_modifyitems(items):
    """Every test that touches the database is part of the integration pass that
    `.ci/run` repeats on PostgreSQL and Redis, marked or not."""
    for item in items:
        if item.get_closest_marker("django_db") or DB_FIXTURES & set(
            getattr(item, "fixturenames", ())
        ):
            item.add_marker(pytest.mark.integration)


SAMPLES_MISSING = "shared wire samples not found"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter):
    """A skipped conformance suite must be seen, not buried in the `-ra` list:
    `make test` passing without it says less than it seems to. (Outermost
    wrapper: the line comes after pytest's short summary, just above the counts.)"""
    yield
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", ())
        if SAMPLES_MISSING in str(getattr(report, "longrepr", ""))
    ]
    if not skipped:
        return
    from tests.wire.conformance.samples import samples_folder

    terminalreporter.write_sep(
        "!",
        f"conformance suite SKIPPED: {samples_folder()} not found "
        f"({len(skipped)} tests; set MASTHEAD_SHARED, or MASTHEAD_REQUIRE_SHARED=1 "
        "to fail instead)",
        yellow=True,
        bold=True,
    )
