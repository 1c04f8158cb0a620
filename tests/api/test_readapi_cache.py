"""The read API's answers are each key's own: through the real WSGI stack the
page cache never stores or serves them, they say `private`, and the shipped
nginx micro-cache lets requests with credentials through."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from masthead.api.readapi.keys import create_api_key
from masthead.core.pagecache.wsgi import PageCacheApp
from masthead.newsroom.factories import ArticleFactory, SourceFactory
from tests.core.conftest import WSGIClient

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
ITEMS = "/api/v1/items"


@pytest.fixture
def web(db):
    # As Django's test client does: closing "old" connections after a request
    # would close the test's transaction on PostgreSQL.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIClient(PageCacheApp(get_wsgi_application()))
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def titles(reply) -> list[str]:
    return [d["headlines"][0]["value"] for d in json.loads(reply.body)["items"]]


def test_each_key_gets_its_own_answer_never_a_stored_one(web, section):
    world = section("world")
    xinhua = SourceFactory(name="Xinhua", slug="xinhua")
    ap = SourceFactory(name="AP", slug="ap")
    ArticleFactory(parent=world, title="From Xinhua", source=xinhua)
    ArticleFactory(parent=world, title="From AP", source=ap)
    _, xinhua_key = create_api_key("Xinhua partner", sources=[xinhua])
    _, ap_key = create_api_key("AP partner", sources=[ap])

    for _ in range(2):
        first = web.get(ITEMS, headers={"Authorization": f"Bearer {xinhua_key}"})
        assert first.status == 200 and titles(first) == ["From Xinhua"]
        assert first.x_cache is None  # passed by the page cache, not a MISS
        assert first.cache_control.get("private") is True
        assert "public" not in first.cache_control
        assert "authorization" in (first.header("Vary") or "").lower()
        second = web.get(ITEMS, headers={"Authorization": f"Bearer {ap_key}"})
        assert titles(second) == ["From AP"]
    # Without a key: a 401, never a copy of what a key was given.
    for _ in range(2):
        anonymous = web.get(ITEMS)
        assert anonymous.status == 401 and anonymous.x_cache != "HIT"
        assert anonymous.cache_control.get("private") is True


def test_the_public_description_may_be_shared(web, site_tree):
    first = web.get("/api/v1/openapi.json")
    assert first.status == 200 and first.cache_control.get("public") is True
    assert web.get("/api/v1/openapi.json").x_cache == "HIT"
    # With credentials, even a public document is the caller's own answer.
    keyed = web.get("/api/v1/openapi.json", headers={"Authorization": "Bearer x"})
    assert keyed.x_cache is None and keyed.cache_control.get("private") is True


def test_the_shipped_nginx_micro_cache_passes_requests_with_credentials():
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    site = re.search(r"location / \{(.*?)\n    \}", conf, re.S).group(1)
    for directive in ("proxy_cache_bypass", "proxy_no_cache"):
        line = re.search(rf"^\s*{directive}\s+([^;]+);", site, re.M).group(1)
        assert "$http_authorization" in line.split(), directive
