"""The paper as an installable app (issue 9, point 5), in Chromium against the
demo: what Lighthouse's installability check looks at (a manifest with a name,
start URL, standalone display and 192 and 512 pixel icons; a service worker
that controls the page), and an article read online that reloads offline."""

import json
from io import BytesIO

import pytest
from PIL import Image

from tests.browser.helpers import assert_accessible, screenshot

pytestmark = pytest.mark.browser

ARTICLE = "/news/world/pow-swap/"
SAVED = """(url) => caches.open("masthead-articles")
    .then((cache) => cache.match(url)).then((hit) => Boolean(hit))"""


def test_the_manifest_and_its_icons(new_page):
    page = new_page("desktop")
    page.goto("/")
    href = page.locator('link[rel="manifest"]').get_attribute("href")
    response = page.request.get(href)
    assert response.ok
    assert response.headers["content-type"] == "application/manifest+json"
    manifest = json.loads(response.body())
    name = page.locator(".site-header__name").inner_text()
    assert manifest["name"] == name
    assert manifest["short_name"] and len(manifest["short_name"]) <= 12
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    sizes = set()
    for icon in manifest["icons"]:
        got = page.request.get(icon["src"])
        assert got.ok, icon
        if icon["type"] == "image/png":
            image = Image.open(BytesIO(got.body()))
            assert f"{image.width}x{image.height}" == icon["sizes"]
            sizes.add((icon["sizes"], icon["purpose"]))
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    assert not page.problems


def test_the_service_worker_controls_the_page_and_an_article_reads_offline(
    new_page,
):
    page = new_page("phone")
    page.goto("/")
    scope = page.evaluate(
        "navigator.serviceWorker.ready.then((registration) => registration.scope)"
    )
    assert scope == page.url  # the site's root
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    worker = page.request.get("/sw.js")
    assert worker.headers["service-worker-allowed"] == "/"
    assert worker.headers["content-type"].startswith("text/javascript")

    # Another article, never opened: offline it has no copy.
    page.goto("/news/world/")
    others = [
        href
        for href in page.locator(".article-list .teaser__headline a").evaluate_all(
            "links => links.map((a) => a.getAttribute('href'))"
        )
        if href != ARTICLE
    ]
    assert others, "the demo's World section lists other articles"

    # Read online: the worker keeps it.
    page.goto(ARTICLE)
    headline = page.locator("h1").first.inner_text()
    page.wait_for_function(SAVED, arg=page.url)
    assert not page.problems

    context = page.context
    context.set_offline(True)
    try:
        response = page.reload()
        assert response.from_service_worker
        assert page.locator("h1").first.inner_text() == headline
        # The shell came from the cache too: the page is styled.
        border = page.evaluate(
            "getComputedStyle(document.querySelector('.site-header')).borderBottomStyle"
        )
        assert border == "double"

        page.goto(others[0])
        assert page.locator("h1").first.inner_text() == "You are offline"
        saved = page.locator("[data-saved-articles] a")
        saved.first.wait_for()
        assert headline.startswith(saved.first.inner_text()[:20])
        screenshot(page, "app-offline", "phone")
        saved.first.click()
        page.wait_for_url(f"**{ARTICLE}")
        assert page.locator("h1").first.inner_text() == headline
    finally:
        context.set_offline(False)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_app_page(new_page, viewport):
    page = new_page(viewport)
    page.goto("/")
    page.locator(".site-header__tools").get_by_role("link", name="App").click()
    page.wait_for_url("**/app/")
    assert page.get_by_role("heading", name="iPhone and iPad").is_visible()
    assert page.get_by_role("heading", name="Android").is_visible()
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page, f"App page at {viewport}")
    screenshot(page, "app-page", viewport)
    page.goto("/offline/")
    assert_accessible(page, f"offline page at {viewport}")
    assert not page.problems
