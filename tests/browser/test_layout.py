"""Where things land on the page, measured in a real browser at 1366 and 390 px.

Lists keep one text column whether a story has a picture or not; the lead image
fills the text column and the browser picks a rendition that fits it; a column
shows its columnist beside the text; every home teaser with a picture shows it.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.helpers import screenshot

pytestmark = pytest.mark.browser

MASTHEAD = Path(sys.executable).with_name("masthead")
VIEWPORTS = ["desktop", "phone"]
COLUMN = "/opinion/our-streets-need-more-places-to-sit/"
NEWS_WITH_IMAGE = "/news/world/health-ministers-pandemic-preparedness-talks/"
# Demo lists that hold stories with and without a picture.
MIXED_LISTS = {
    "section": "/opinion/",
    "person": "/people/chen-ruoxi/",
    "region": "/regions/xuhui/",
}
# Every teaser on this one has a picture; its text must still start at the list's edge.
OTHER_LISTS = {"special report": "/special/special-reports/small-shops-big-city/"}

TEASER_BOXES = """() => {
    const list = document.querySelector('.article-list');
    const box = (el) => { const r = el.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width}; };
    // Does any line of the headline run under the picture?
    const clear = (link, pic) => [...link.getClientRects()].every(line =>
        line.bottom <= pic.top || line.top >= pic.bottom || line.right <= pic.left + 1);
    return {
        list: box(list),
        teasers: [...list.querySelectorAll('.teaser')].map(t => {
            const pic = t.querySelector('.teaser__image');
            return {
                title: t.querySelector('.teaser__headline').innerText,
                text: box(t.querySelector('.teaser__text')),
                image: pic ? box(pic) : null,
                headlineClear: pic ? clear(t.querySelector('.teaser__headline a'), pic.getBoundingClientRect()) : true,
            };
        }),
    };
}"""

# The picture's box, the text column's, and the width (its srcset `w`) of the
# file the browser chose.
FIGURE = """(sel) => {
    const img = document.querySelector(sel);
    const column = document.querySelector('.article__body');
    const widths = {};
    for (const el of img.closest('figure').querySelectorAll('[srcset]')) {
        for (const part of el.getAttribute('srcset').split(',')) {
            const [url, w] = part.trim().split(/\\s+/);
            widths[new URL(url, location.href).href] = parseInt(w, 10);
        }
    }
    const r = img.getBoundingClientRect(), c = column.getBoundingClientRect();
    return {
        img: {left: r.left, width: r.width, height: r.height},
        column: {left: c.left, width: c.width},
        src: img.currentSrc, chosenWidth: widths[img.currentSrc] || null,
        dpr: window.devicePixelRatio,
    };
}"""


def make_renditions(env, paths):
    """What the worker does for a saved image, for the pictures these tests
    measure (the test server runs without a worker); a no-op when `masthead
    demo` has already made them."""
    script = (
        "from masthead.newsroom.models import ArticlePage\n"
        "from masthead.newsroom.media.renditions import ensure_renditions\n"
        "from masthead.core.pagecache import purge_all\n"
        f"for path in {paths!r}:\n"
        "    page = ArticlePage.objects.get(url_path__endswith=path)\n"
        "    ensure_renditions(page.main_image)\n"
        "    for person in page.authors.all():\n"
        "        if person.photo:\n"
        "            ensure_renditions(person.photo)\n"
        "purge_all()\n"
    )
    result = subprocess.run(
        [str(MASTHEAD), "shell", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.fixture(scope="module")
def renditions(live_server_env):
    make_renditions(live_server_env, [COLUMN, NEWS_WITH_IMAGE])


def open_page(new_page, viewport, path):
    page = new_page(viewport)
    response = page.goto(path, wait_until="load")
    assert response is not None and response.status == 200, f"{path}: {response}"
    return page


def archive_month_with_both_kinds(new_page):
    """An archive month whose list holds stories with and without a picture
    (the demo's dates follow today's, so the month is found, not named)."""
    page = open_page(new_page, "desktop", "/archive/")
    months = [
        href
        for href in page.eval_on_selector_all(
            "a[href^='/archive/']", "links => links.map(a => a.getAttribute('href'))"
        )
        if re.fullmatch(r"/archive/\d{4}/\d{2}/", href)
    ]
    for month in months:
        page.goto(month, wait_until="load")
        kinds = page.eval_on_selector_all(
            ".article-list .teaser",
            "ts => ts.map(t => !!t.querySelector('.teaser__image'))",
        )
        if True in kinds and False in kinds:
            return month
    pytest.fail(f"no archive month lists stories with and without a picture: {months}")


def check_list(page, label, *, mixed):
    boxes = page.evaluate(TEASER_BOXES)
    teasers = boxes["teasers"]
    assert teasers, f"{label}: no teasers"
    pictured = [t for t in teasers if t["image"]]
    plain = [t for t in teasers if not t["image"]]
    if mixed:
        assert pictured and plain, (
            f"{label}: expected stories with and without a picture"
        )
    for t in teasers:
        # Every headline starts at the list's left edge, picture or not.
        assert abs(t["text"]["left"] - boxes["list"]["left"]) < 1, (label, t)
    wide = page.viewport_size["width"] >= 768
    for t in pictured:
        # The picture sits at the list's right edge, never over the headline:
        # in a column of its own on a wide screen, the text wrapping under it
        # on a phone.
        assert abs(t["image"]["right"] - boxes["list"]["right"]) < 1, (label, t)
        assert t["image"]["width"] > 0 and t["headlineClear"], (label, t)
        if wide:
            assert t["image"]["left"] >= t["text"]["right"] - 1, (label, t)
    if pictured and plain and wide:
        # On a wide screen the text column is as wide with or without a picture.
        widths = {round(t["text"]["width"]) for t in teasers}
        assert len(widths) == 1, (label, widths)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_list_teasers_keep_one_text_column(new_page, viewport):
    archive = archive_month_with_both_kinds(new_page)
    lists = {**MIXED_LISTS, "archive": archive}
    for label, path in {**lists, **OTHER_LISTS}.items():
        page = open_page(new_page, viewport, path)
        check_list(page, f"{label} {path} at {viewport}", mixed=label in lists)
        if label == "section":
            screenshot(page, "layout-list", viewport)
        assert page.problems == [], page.problems


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", [NEWS_WITH_IMAGE, COLUMN])
def test_lead_image_fills_the_text_column_from_a_fitting_rendition(
    new_page, renditions, viewport, path
):
    page = open_page(new_page, viewport, path)
    img = page.locator(".article__figure img").first
    img.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => { const i = document.querySelector('.article__figure img');"
        " return i.complete && i.naturalWidth > 0; }"
    )
    m = page.evaluate(FIGURE, ".article__figure img")
    assert abs(m["img"]["width"] - m["column"]["width"]) < 1, m
    assert abs(m["img"]["left"] - m["column"]["left"]) < 1, m
    assert m["img"]["height"] > 0, m
    assert "/original_images/" not in m["src"], f"the original was sent: {m}"
    chosen = m["chosenWidth"]
    assert chosen is not None, f"currentSrc is not one of the srcset files: {m}"
    shown = m["img"]["width"] * m["dpr"]
    # Sharp (at least as wide as shown, unless it is the largest there is) and
    # light (at most about twice as wide as shown).
    assert chosen <= 2 * shown, m
    assert chosen >= shown or chosen == 1200, m
    assert page.problems == [], page.problems


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_column_shows_its_columnist_beside_the_text(new_page, renditions, viewport):
    page = open_page(new_page, viewport, COLUMN)
    box = page.get_by_role("complementary", name="About the columnist")
    name = box.locator(".columnist__name")
    bio = box.locator(".columnist__bio")
    photo = box.locator("img.columnist__photo")
    main = page.locator(".article__main")
    for part in (name, bio, photo):
        part.scroll_into_view_if_needed()
        assert part.is_visible()
    assert name.inner_text() == "Chen Ruoxi"
    assert "weekly column on streets, parks" in bio.inner_text()
    page.wait_for_function(
        "() => { const i = document.querySelector('img.columnist__photo');"
        " return i.complete && i.naturalWidth > 0; }"
    )
    b, p, n, t = (loc.bounding_box() for loc in (box, photo, name, main))
    assert p["width"] >= 60 and abs(p["width"] - p["height"]) < 1, p  # a round portrait
    if viewport == "desktop":
        # Beside the text: right of its column, level with the lead.
        assert b["x"] >= t["x"] + t["width"], (b, t)
        assert t["y"] <= b["y"] < t["y"] + 100, (b, t)
    else:
        # Above the text, the portrait beside the name.
        assert b["y"] + b["height"] <= t["y"], (b, t)
        assert p["x"] + p["width"] <= n["x"], (p, n)
    credit = page.locator(".article__credit")
    credit.scroll_into_view_if_needed()
    line = " ".join(credit.inner_text().split())
    assert line.startswith("Columnist: Chen Ruoxi"), line
    assert "Source" not in line, line
    screenshot(page, "layout-column", viewport)
    assert page.problems == [], page.problems


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_home_teaser_shows_its_articles_image(new_page, viewport):
    page = open_page(new_page, viewport, "/")
    teasers = page.locator(".front__focus .teaser, .front__section .teaser")
    assert teasers.count() >= 8
    shown = 0
    for i in range(teasers.count()):
        teaser = teasers.nth(i)
        href = teaser.locator(".teaser__headline a").get_attribute("href")
        article = page.request.get(href)
        assert article.ok, href
        has_image = 'class="article__figure"' in article.text()
        picture = teaser.locator(".teaser__image img")
        if not has_image:
            assert picture.count() == 0, href
            continue
        assert picture.count() == 1, f"{href} has an image; its home teaser does not"
        picture.scroll_into_view_if_needed()
        page.wait_for_function(
            "el => el.complete && el.naturalWidth > 0", arg=picture.element_handle()
        )
        box, frame = picture.bounding_box(), teaser.bounding_box()
        assert box["width"] > 40 and box["height"] > 20, (href, box)
        assert frame["x"] - 1 <= box["x"] <= frame["x"] + frame["width"], (href, box)
        shown += 1
    assert shown >= 4, "the demo home page should show several pictures"
    screenshot(page, "layout-home", viewport)
    assert page.problems == [], page.problems


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", [NEWS_WITH_IMAGE, COLUMN])
def test_comments_line_up_with_the_article_text(new_page, viewport, path):
    page = open_page(new_page, viewport, path)
    comments = page.locator(".comments")
    comments.scroll_into_view_if_needed()
    c = comments.bounding_box()
    t = page.locator(".article__main").bounding_box()
    assert abs(c["x"] - t["x"]) < 1, (c, t)
    assert c["width"] <= t["width"] + 1, (c, t)
    screenshot(page, "layout-comments", viewport)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_header_search_box_has_room_for_a_query(new_page, viewport):
    page = open_page(new_page, viewport, "/")
    box = page.locator("#search-mini-q").bounding_box()
    button = page.locator(".search-mini button").bounding_box()
    # Room for a word or two, and the button inside the window.
    assert box["width"] >= 150, box
    assert button["x"] + button["width"] <= page.viewport_size["width"], button
