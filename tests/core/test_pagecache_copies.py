"""A hit answered from the process's own copy of the page (issue 13, point 1).

A fresh copy answers without reading the shared cache; a purge made by any
process bumps one shared generation, and every process drops its copies when
it next reads it (within store.GENERATION_CHECK_SECONDS). Entries are stored as
plain bytes behind a small fixed header, never pickled.
"""

import pickle
import time

import pytest
from django.core.cache import caches

from masthead.core.pagecache import store as store_module
from masthead.core.pagecache.store import CachedPage, PageStore
from masthead.newsroom.factories import ArticleFactory

pytestmark = pytest.mark.integration

URL = "/news/world/copies/"
SETTLE = store_module.GENERATION_CHECK_SECONDS * 3


@pytest.fixture
def article(site_tree, section, xinhua):
    return ArticleFactory(parent=section("world"), slug="copies", source=xinhua)


def other_process_store(store) -> PageStore:
    """Another worker's store: the same shared cache, copies of its own."""
    return PageStore("pages", store.ttl, store.stale_ttl, store.lock_seconds)


def test_a_hit_does_not_read_the_shared_cache(web, django_app, store, article):
    first = web.get(URL)
    # Gone from the shared cache behind the store's back (no purge, so no new
    # generation): a hit that still read the shared cache would render again.
    caches["pages"].delete(store.key_for(URL, ""))
    again = web.get(URL)

    assert (first.x_cache, again.x_cache) == ("MISS", "HIT")
    assert again.body == first.body
    assert django_app.paths == [URL]


def test_a_purge_in_another_process_reaches_this_ones_copies(
    web, django_app, store, article
):
    assert web.get(URL).x_cache == "MISS"
    assert web.get(URL).x_cache == "HIT"
    assert web.get(URL + "?before=x").x_cache == "MISS"

    other_process_store(store).purge({URL})
    time.sleep(SETTLE)

    assert web.get(URL).x_cache == "MISS"
    assert web.get(URL + "?before=x").x_cache == "MISS"  # variants went too
    assert web.get(URL).x_cache == "HIT"
    assert django_app.paths == [URL] * 4


def test_a_purge_in_this_process_shows_at_once(web, store, article):
    web.get(URL)
    store.purge({URL})
    assert web.get(URL).x_cache == "MISS"


@pytest.mark.parametrize("how", ["purge_all", "by hand"])
def test_clearing_the_whole_cache_drops_every_copy(web, store, article, how):
    web.get(URL)
    web.get("/news/world/")
    if how == "purge_all":
        other_process_store(store).clear()
    else:
        caches["pages"].clear()  # e.g. redis-cli FLUSHDB
    time.sleep(SETTLE)

    assert web.get(URL).x_cache == "MISS"
    assert web.get("/news/world/").x_cache == "MISS"


def test_a_page_another_process_stores_is_served_here(web, django_app, store):
    other_process_store(store).store(
        store.key_for("/elsewhere/", ""),
        "200 OK",
        [("Content-Type", "text/html"), ("Cache-Control", "public, max-age=60")],
        b"<p>rendered by another worker</p>",
    )
    reply = web.get("/elsewhere/")
    assert (reply.status, reply.x_cache) == (200, "HIT")
    assert reply.body == b"<p>rendered by another worker</p>"
    assert django_app.paths == []


def test_entries_are_bytes_with_a_fixed_header_not_pickles(store):
    key = store.key_for("/stored/", "")
    headers = [
        ("Content-Type", "text/html; charset=utf-8"),
        ("Vary", "Accept-Encoding"),
    ]
    page = store.store(key, "200 OK", headers, "<p>é</p>".encode())

    raw = caches["pages"].get(key)
    assert isinstance(raw, bytes) and raw.startswith(store_module.ENTRY_MAGIC)
    read = CachedPage.decode(raw)
    assert (read.status, read.headers, read.body) == (
        "200 OK",
        tuple(headers),
        "<p>é</p>".encode(),
    )
    assert (read.etag, read.stored_at, read.ttl) == (page.etag, page.stored_at, 300)


def test_an_entry_of_an_older_release_is_dropped_and_rendered_again(
    web, django_app, store, article
):
    key = store.key_for(URL, "")
    # What the previous release stored: a pickled object, not this format.
    caches["pages"].set(key, pickle.dumps({"status": "200 OK"}), None)

    assert web.get(URL).x_cache == "MISS"
    assert CachedPage.decode(caches["pages"].get(key)) is not None
    assert web.get(URL).x_cache == "HIT"
    assert django_app.paths == [URL]
