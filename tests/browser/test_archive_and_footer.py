"""The archive's previous/next links and the footer, as a reader sees them on the
demo paper at 1366 and 390 px."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.browser.helpers import screenshot

pytestmark = pytest.mark.browser

VIEWPORTS = ["desktop", "phone"]
BOXES = """(sel) => [...document.querySelectorAll(sel)].map(el => {
    const r = el.getBoundingClientRect();
    return {text: el.innerText, left: r.left, right: r.right, top: r.top, width: r.width};
})"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_archive_days_lead_to_the_nearest_days_with_stories(new_page, viewport):
    page = new_page(viewport)
    # A day after every demo story: its only way on is back to the newest day.
    page.goto("/archive/2999/12/31/")
    previous = page.get_by_role(
        "navigation", name="Other days", exact=True
    ).get_by_role("link", name="Previous day")
    previous.click()
    page.wait_for_url("**/archive/*/*/*/")
    assert page.locator(".article-list .teaser").count() > 0
    nav = page.get_by_role("navigation", name="Other days", exact=True)
    assert nav.get_by_role("link", name="Next day").count() == 0
    older = nav.get_by_role("link", name="Previous day")
    older.wait_for()
    width = page.viewport_size["width"]
    for box in page.evaluate(BOXES, ".archive-nav__link"):
        assert box["left"] >= 0 and box["right"] <= width, box
    older.click()
    page.wait_for_url("**/archive/*/*/*/")
    assert page.locator(".article-list .teaser").count() > 0
    # A day in the middle of the demo: previous on the left, next at the
    # right edge of the same row, both whole inside the window.
    earlier = page.evaluate(BOXES, ".listing-header .archive-nav__link--previous")
    later = page.evaluate(BOXES, ".listing-header .archive-nav__link--next")
    assert len(later) == 1
    for box in earlier + later:
        assert box["left"] >= 0 and box["right"] <= width, box
    if earlier:
        assert earlier[0]["left"] < later[0]["left"]
        assert earlier[0]["top"] == later[0]["top"]
    screenshot(page, "archive-day", viewport)
    assert not page.problems


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_archive_index_counts_and_footer(new_page, viewport):
    page = new_page(viewport)
    page.goto("/archive/")
    first_year = page.locator(".archive-year__count").first
    assert first_year.inner_text().endswith(("story", "stories"))
    months = page.locator(".archive-months__link")
    assert months.count() > 0
    width = page.viewport_size["width"]
    for box in page.evaluate(BOXES, ".archive-months__link"):
        assert box["left"] >= 0 and box["right"] <= width, box
    screenshot(page, "archive-index", viewport)

    footer = page.get_by_role("navigation", name="About the paper")
    people = footer.get_by_role("link", name="Our people")
    people.scroll_into_view_if_needed()
    assert people.is_visible()
    year = datetime.now(ZoneInfo("Asia/Shanghai")).year
    copyright_line = page.locator(".site-footer__copyright")
    assert f"© {year} Masthead Daily" in copyright_line.inner_text()
    people.click()
    page.wait_for_url("**/people/")
    assert page.get_by_role("heading", level=1).inner_text()
    assert not page.problems
