"""Our own admin screens, as a desk editor and a reporter see them (issue 7,
points 2 and 9): every button says what it does at a normal size inside the
window, at 1366 and 390 px; the dashboard asks no outside host for anything
(avatars included); a reporter adding below their section gets the article
form, its first field labelled "Headline"."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import screenshot

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
MASTHEAD = Path(sys.executable).with_name("masthead")
WIRE_SAMPLE = ROOT / "tests/wire/parsers/fixtures/g2_no_ns.xml"
WIRE_HEADLINE = "Harbour reopens after storm"
ADMIN_TIMEOUT = 30_000  # ms: the admin's scripts are heavy on a cold server
WIDTHS = {"desktop": 1366, "phone": 390}
CONTROLS = "button, a.button, [role=button], input[type=submit]"
MAX_CONTROL_HEIGHT = 60  # px: a button with a giant icon is far taller
MAX_ICON_SIZE = 32  # px

FIND_IDS = """
import json
from masthead.newsroom.models import ArticlePage, SectionPage
from masthead.wire.models import WireItem
print(json.dumps({
    "world": SectionPage.objects.get(slug="world").pk,
    "article": ArticlePage.objects.live().get(slug="pow-swap").pk,
    "wire_item": WireItem.objects.filter(headline=%r).order_by("pk").first().pk,
}))
"""


@pytest.fixture(scope="module")
def ids(live_server_env):
    """The demo's World section, the seed's live article and one wire item
    (ingested here with the ingest command, as a wire desk would)."""

    def masthead(*args):
        result = subprocess.run(
            [str(MASTHEAD), *args],
            env=live_server_env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        return result.stdout

    masthead("ingest", str(WIRE_SAMPLE))
    output = masthead("shell", "-c", FIND_IDS % WIRE_HEADLINE)
    return json.loads(output.strip().splitlines()[-1])


def log_in(new_page, login, viewport="desktop"):
    page = new_page(viewport)
    page.set_viewport_size(
        {"width": WIDTHS[viewport], "height": page.viewport_size["height"]}
    )
    page.set_default_timeout(ADMIN_TIMEOUT)
    page.set_default_navigation_timeout(ADMIN_TIMEOUT)
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(login["username"])
    page.get_by_label("Password").fill(login["password"])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


# Each text node of the control: its box, and the control's own box.
TEXT_BOXES = """
element => {
    const boxes = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        if (!node.textContent.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const r = range.getBoundingClientRect();
        // Text hidden on purpose (a filter count of none, say) is not drawn.
        if (!node.parentElement.checkVisibility(
            {visibilityProperty: true, opacityProperty: true})) continue;
        const style = getComputedStyle(node.parentElement);
        boxes.push({
            text: node.textContent.trim(), x: r.x, y: r.y, w: r.width, h: r.height,
            hidden: style.fontSize === "0px",
        });
    }
    const b = element.getBoundingClientRect();
    return {texts: boxes, box: {x: b.x, y: b.y, w: b.width, h: b.height}};
}
"""


def assert_controls_readable(page, screen: str) -> int:
    """Every visible button of the main area: an accessible name, a normal
    size, small icons, its text drawn inside it, all inside the window."""
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    controls = page.locator("main").locator(CONTROLS).locator("visible=true")
    count = controls.count()
    assert count, f"{screen}: no buttons found"
    for index in range(count):
        control = controls.nth(index)
        control.scroll_into_view_if_needed()
        where = f"{screen} at {width} px, button {control.evaluate('e => e.outerHTML')[:160]}"
        expect(control, where).to_have_accessible_name(re.compile(r"\S"))
        found = control.evaluate(TEXT_BOXES)
        box = found["box"]
        assert 0 < box["h"] < MAX_CONTROL_HEIGHT, (where, box)
        assert box["x"] >= -1 and box["x"] + box["w"] <= width + 1, (where, box)
        assert box["y"] >= -1 and box["y"] + box["h"] <= height + 1, (where, box)
        for icon in control.locator("svg").locator("visible=true").all():
            icon_box = icon.bounding_box()
            assert icon_box["height"] <= MAX_ICON_SIZE, (where, icon_box)
            assert icon_box["width"] <= MAX_ICON_SIZE, (where, icon_box)
        for text in found["texts"]:
            assert not text["hidden"] and text["w"] > 0, (where, text)
            assert 6 <= text["h"] <= 40, (where, text)
            # Drawn inside the button, not pushed out of it by an icon.
            assert text["x"] >= box["x"] - 1, (where, text, box)
            assert text["x"] + text["w"] <= box["x"] + box["w"] + 1, (where, text)
            assert text["y"] >= box["y"] - 1, (where, text, box)
            assert text["y"] + text["h"] <= box["y"] + box["h"] + 1, (where, text)
    return count


def test_wire_item_buttons_show_their_labels(new_page, demo_logins, ids):
    page = log_in(new_page, demo_logins["editor"])
    page.goto(f"/admin/wire/item/{ids['wire_item']}/")
    for label in ("Parse again", "Create draft"):
        button = page.get_by_role("button", name=label, exact=True)
        expect(button).to_be_visible()
        expect(button).to_have_text(label)
        assert button.bounding_box()["height"] < MAX_CONTROL_HEIGHT
        icon = button.locator("svg").bounding_box()
        assert icon["height"] <= MAX_ICON_SIZE and icon["width"] <= MAX_ICON_SIZE


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_our_admin_screens_have_readable_buttons(new_page, demo_logins, ids, viewport):
    screens = {
        "desk panel": "/admin/",
        "wire basket": "/admin/wire/",
        "wire item": f"/admin/wire/item/{ids['wire_item']}/",
        "wire upload": "/admin/wire/upload/",
        "takedown": f"/admin/newsroom/takedown/{ids['article']}/",
    }
    page = log_in(new_page, demo_logins["editor"], viewport)
    for screen, path in screens.items():
        response = page.goto(path)
        assert response is not None and response.status == 200, (screen, response)
        screenshot(page, f"admin-{screen.replace(' ', '-')}", viewport)
        assert_controls_readable(page, screen)
    assert not page.problems, page.problems


@pytest.mark.parametrize("role", ["reporter", "editor", "superuser"])
def test_the_dashboard_loads_nothing_from_outside(
    new_page, demo_logins, live_server_url, role
):
    page = log_in(new_page, demo_logins[role])
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.reload(wait_until="networkidle")
    outside = [
        url
        for url in requests
        if not url.startswith((live_server_url + "/", "data:", "blob:"))
    ]
    assert not outside, outside
    images = page.locator("img")
    assert images.count(), "the dashboard shows the user's avatar"
    broken = page.evaluate(
        "() => [...document.images]"
        ".filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)"
    )
    assert not broken, broken
    assert not page.problems, page.problems


def test_a_reporter_adding_a_page_gets_the_article_form(new_page, demo_logins, ids):
    page = log_in(new_page, demo_logins["reporter"])
    page.goto(f"/admin/pages/{ids['world']}/add_subpage/")
    page.wait_for_url(
        re.compile(rf"/admin/pages/add/newsroom/articlepage/{ids['world']}/$")
    )
    headline = page.get_by_role("textbox", name="Headline")
    expect(headline).to_be_visible()
    expect(headline).to_have_attribute("placeholder", "Headline*")
    expect(page.locator("main")).not_to_contain_text("page title", ignore_case=True)
    screenshot(page, "admin-new-article", "desktop")
    # Another type, asked for by its address, is refused.
    page.goto(f"/admin/pages/add/newsroom/sectionpage/{ids['world']}/")
    page.wait_for_url(re.compile(r"/admin/$"))
    expect(page.locator(".messages")).to_contain_text("permission")
