import pytest


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Parsers are pure: override the project-wide Django cache reset so these
    tests also run without Django (``-p no:django``)."""
    yield
