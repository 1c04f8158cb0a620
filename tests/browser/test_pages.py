"""The public pages in a real browser, at desktop and phone widths.

Each page is checked for what a reader must see (the seed's navigation, the
footer from site settings, the page's own content), photographed under
artifacts/screenshots/ and run through axe-core in light and dark mode.
"""

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, screenshot

pytestmark = pytest.mark.browser

SECTIONS = ["In Focus", "News", "Video", "Opinion", "Regions", "Special"]
NEWS = ["Business", "Metro", "Nation", "World", "Sport"]
SPECIAL = ["Community", "Special reports"]
REGIONS = [
    "Baoshan",
    "Changning",
    "Chongming",
    "Huangpu",
    "Hongkou",
    "Jiading",
    "Jing'an",
    "Minhang",
    "Pudong",
    "Putuo",
    "Songjiang",
    "Xuhui",
    "Yangpu",
    "Qingpu",
    "Chengdu",
    "Hangzhou",
    "Ningbo",
    "Suzhou",
]
FOOTER_LINKS = [
    "About us",
    "Our people",
    "Contact us",
    "Feedback",
    "Privacy Policy",
    "Terms of Use",
    "Archive",
]
SEED_HEADLINE = (
    "Russia, Ukraine agree on large-scale POW swap, further talks in Istanbul"
)
SEED_PATH = "/news/world/pow-swap/"
PAGES = {
    "home": "/",
    "section": "/news/",
    "region": "/regions/pudong/",
    "regions": "/regions/",
    "archive": "/archive/",
    "archive-day": "/archive/2025/05/16/",
    "search": "/search/?q=Istanbul",
    "article": SEED_PATH,
}
VIEWPORTS = ["desktop", "phone"]


def open_page(new_page, viewport, path, **options):
    page = new_page(viewport, **options)
    response = page.goto(path, wait_until="load")
    assert response is not None and response.status == 200, f"{path}: {response}"
    return page


def settle_images(page):
    """Bring lazy images in before a full-page screenshot."""
    page.evaluate(
        """async () => {
            for (const img of document.querySelectorAll('img[loading="lazy"]')) {
                img.loading = "eager";
            }
            await Promise.all([...document.images].map(img => img.complete
                ? null : new Promise(done => { img.onload = img.onerror = done; })));
        }"""
    )


def in_viewport(page, locator) -> bool:
    # Scroll it fully into view, sideways too (the phone's section bar).
    locator.evaluate("e => e.scrollIntoView({block: 'nearest', inline: 'nearest'})")
    box = locator.bounding_box()
    width = page.viewport_size["width"]
    # Half a pixel either way: layout widths are fractional.
    return (
        box is not None and box["x"] >= -0.5 and box["x"] + box["width"] <= width + 0.5
    )


def check_header(page, viewport):
    nav = page.get_by_role("navigation", name="Sections", exact=True)
    expect(nav).to_be_visible()
    items = nav.locator(".primary-nav__item > a")
    expect(items).to_have_text(SECTIONS)
    for i in range(len(SECTIONS)):
        item = items.nth(i)
        expect(item).to_be_visible()
        if viewport == "phone":
            # The bar scrolls sideways on a phone; every section must scroll
            # fully into view.
            assert in_viewport(page, item), f"{SECTIONS[i]} cannot be reached"
    expect(page.get_by_role("search").first).to_be_visible()
    expect(page.locator(".site-header__name")).to_be_visible()


def check_footer(page):
    footer = page.locator("footer.site-footer")
    expect(footer).to_be_visible()
    for line in (
        "News information service licence: DEMO-0001",
        "Audio-visual programme licence: DEMO-0002",
        "Internet content provider filing: DEMO-0003",
    ):
        expect(footer.get_by_text(line, exact=True)).to_be_visible()
    # The year follows today's date (in any zone the site may be set to).
    now = datetime.now(UTC)
    years = "|".join(sorted({str(now.year), str((now + timedelta(hours=14)).year)}))
    expect(
        footer.get_by_text(re.compile(rf"© ({years}) Masthead Daily"))
    ).to_be_visible()
    expect(footer.get_by_text("Hotline: +86 21 5555 0100")).to_be_visible()
    about = footer.get_by_role("navigation", name="About the paper")
    expect(about.get_by_role("link")).to_have_text(FOOTER_LINKS)
    for name in FOOTER_LINKS:
        expect(about.get_by_role("link", name=name, exact=True)).to_be_visible()


def check_article(page):
    article = page.locator("article.article")
    breadcrumb = article.get_by_role("navigation", name="Breadcrumb")
    expect(breadcrumb.get_by_role("link")).to_have_text(["News", "World"])
    expect(breadcrumb).to_be_visible()
    separator = breadcrumb.locator("li + li").evaluate(
        "li => getComputedStyle(li, '::before').content"
    )
    assert separator == '"/"', separator  # reads `News / World`

    headline = article.get_by_role("heading", level=1)
    expect(headline).to_have_text(SEED_HEADLINE)
    expect(headline).to_be_visible()
    source = article.locator(".article__source")
    expect(source).to_have_text("Xinhua")
    expect(source).to_be_visible()
    assert source.bounding_box()["y"] >= (
        headline.bounding_box()["y"] + headline.bounding_box()["height"]
    ), "the source sits under the headline"

    time = article.locator('.article__meta time[datetime="2025-05-16T15:35:00+00:00"]')
    expect(time).to_have_text("23:35 UTC+8, 2025-05-16")
    expect(time).to_be_visible()
    expect(article.locator(".article__lead")).to_be_visible()
    expect(article.locator(".article__body p").first).to_be_visible()
    expect(article.locator(".article__body")).to_contain_text("Dolmabahce")

    credit = article.locator(".article__credit")
    expect(credit).to_be_visible()
    expect(credit).to_have_text(re.compile(r"^Source: Xinhua {3}Editor: Zhao Yinuo$"))
    expect(credit.get_by_role("link", name="Zhao Yinuo")).to_be_visible()

    related = page.locator("section.related")
    expect(related).to_be_visible()
    expect(related.get_by_role("heading", level=2)).to_have_text("More from World")
    expect(related.locator(".teaser").first).to_be_visible()


def check_search(page):
    expect(page.get_by_role("heading", level=1, name="Search")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("for “Istanbul”")
    hits = page.locator(".search-hit")
    expect(hits.first).to_be_visible()
    expect(hits.get_by_role("link", name=SEED_HEADLINE)).to_be_visible()
    marks = page.locator(".search-hit__snippet mark")
    expect(marks.first).to_be_visible()
    expect(marks.first).to_have_text(re.compile("^istanbul$", re.IGNORECASE))
    # The form keeps the query so the reader can refine it.
    expect(page.get_by_label("Words")).to_have_value("Istanbul")


def check_archive(page):
    expect(page.get_by_role("heading", level=1, name="Archive")).to_be_visible()
    expect(
        page.get_by_role("heading", level=2, name=re.compile(r"^2025 \d+ stor"))
    ).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^May \d+ stor"))).to_be_visible()


def check_archive_day(page):
    expect(page.get_by_role("heading", level=1, name="16 May 2025")).to_be_visible()
    expect(page.locator(".article-list .teaser").first).to_be_visible()
    expect(page.get_by_role("link", name=SEED_HEADLINE)).to_be_visible()


def check_home(page):
    expect(page.locator(".front__top .teaser--lead")).to_be_visible()
    expect(page.locator(".front__section").first).to_be_visible()
    expect(page.locator(".front .teaser__headline a").first).to_be_visible()


def check_section(page):
    expect(page.get_by_role("heading", level=1, name="News")).to_be_visible()
    subnav = page.get_by_role("navigation", name="News sections")
    for name in NEWS:
        expect(subnav.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(page.locator(".article-list .teaser").first).to_be_visible()


def check_region(page):
    expect(page.get_by_role("heading", level=1, name="Pudong")).to_be_visible()
    expect(page.get_by_role("link", name=SEED_HEADLINE)).to_be_visible()


def check_regions(page):
    main = page.locator("main")
    for name in REGIONS:
        link = main.get_by_role("link", name=name, exact=True)
        expect(link).to_be_visible()
        assert in_viewport(page, link), name


CHECKS = {
    "home": check_home,
    "section": check_section,
    "region": check_region,
    "regions": check_regions,
    "archive": check_archive,
    "archive-day": check_archive_day,
    "search": check_search,
    "article": check_article,
}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_shows_its_elements_and_passes_axe(new_page, name, viewport):
    page = open_page(new_page, viewport, PAGES[name])
    check_header(page, viewport)
    CHECKS[name](page)
    check_footer(page)
    settle_images(page)
    screenshot(page, name, viewport)
    assert not page.problems, "\n".join(page.problems)
    assert_accessible(page, f"{name} at {viewport} width")


@pytest.mark.parametrize("name", list(PAGES))
def test_dark_mode_passes_axe(new_page, name):
    page = open_page(new_page, "desktop", PAGES[name], color_scheme="dark")
    settle_images(page)
    if name in ("home", "article"):
        screenshot(page, f"{name}-dark", "desktop")
    assert_accessible(page, f"{name} in dark mode")


def test_desktop_sub_menus_open_on_hover_and_keyboard_focus(new_page):
    page = open_page(new_page, "desktop", "/")
    nav = page.get_by_role("navigation", name="Sections", exact=True)
    item = {
        name: nav.locator(".primary-nav__item").filter(
            has=page.get_by_role("link", name=name, exact=True)
        )
        for name in ("News", "Regions", "Special")
    }
    sub = {name: loc.locator(".primary-nav__sub") for name, loc in item.items()}
    for name in item:
        expect(sub[name]).to_be_hidden()

    nav.get_by_role("link", name="News", exact=True).hover()
    for name in NEWS:
        expect(sub["News"].get_by_role("link", name=name, exact=True)).to_be_visible()

    nav.get_by_role("link", name="Special", exact=True).hover()
    expect(sub["News"]).to_be_hidden()
    for name in SPECIAL:
        link = sub["Special"].get_by_role("link", name=name, exact=True)
        expect(link).to_be_visible()

    nav.get_by_role("link", name="Regions", exact=True).hover()
    for name in REGIONS:
        link = sub["Regions"].get_by_role("link", name=name, exact=True)
        expect(link).to_be_visible()
        assert in_viewport(page, link), name
    screenshot(page, "nav-regions-open", "desktop")
    page.mouse.move(640, 800)
    expect(sub["Regions"]).to_be_hidden()

    # Keyboard: tabbing into a section opens its menu (:focus-within).
    nav.get_by_role("link", name="Regions", exact=True).focus()
    expect(sub["Regions"].get_by_role("link", name="Pudong")).to_be_visible()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Baoshan", focused


def test_phone_reaches_sub_sections_through_their_index_pages(new_page):
    page = open_page(new_page, "phone", "/")
    nav = page.get_by_role("navigation", name="Sections", exact=True)
    # Phones have no hover: the drop-downs stay shut, the index pages list
    # their children instead.
    nav.get_by_role("link", name="Regions", exact=True).tap()
    expect(page).to_have_url(re.compile(r"/regions/$"))
    expect(nav.locator(".primary-nav__sub").first).to_be_hidden()
    check_regions(page)
    page.locator("main").get_by_role("link", name="Suzhou", exact=True).tap()
    expect(page.get_by_role("heading", level=1, name="Suzhou")).to_be_visible()

    nav.get_by_role("link", name="Special", exact=True).tap()
    subnav = page.get_by_role("navigation", name="Special sections")
    for name in SPECIAL:
        expect(subnav.get_by_role("link", name=name, exact=True)).to_be_visible()

    nav.get_by_role("link", name="News", exact=True).tap()
    check_section(page)


def test_pages_read_without_javascript(new_page):
    page = open_page(new_page, "phone", SEED_PATH, java_script_enabled=False)
    check_header(page, "phone")
    check_article(page)
    check_footer(page)

    page.goto("/")
    check_home(page)
    page.get_by_role("link", name="Archive", exact=True).first.click()
    check_archive(page)

    # The search form works as a plain GET form.
    page.goto("/")
    page.get_by_label("Search the site").fill("Istanbul")
    page.get_by_label("Search the site").press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=Istanbul"))
    check_search(page)
    screenshot(page, "search-nojs", "phone")
    assert not page.problems, "\n".join(page.problems)
