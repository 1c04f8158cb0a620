"""A reader comments on the seed article (the form is a plain POST: no script
of ours takes part) and the World desk's editor approves it.

At both widths: axe-core clean on the article with its form, on the answer
page and on the article showing the approved comment; screenshots of each.
"""

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import SCREENSHOTS, assert_accessible, screenshot

pytestmark = pytest.mark.browser

SEED_PATH = "/news/world/pow-swap/"


def _log_in(new_page, login):
    page = new_page("desktop")
    page.set_default_timeout(60_000)
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(login["username"])
    page.get_by_label("Password").fill(login["password"])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def _section_shot(page, name, viewport):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#comments").screenshot(
        path=str(SCREENSHOTS / f"{name}-{viewport}.png")
    )


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_a_reader_comments_and_the_desk_approves(new_page, demo_logins, viewport):
    text = f"Good to see talks go on ({viewport} {uuid.uuid4().hex[:6]})"
    reader = new_page(viewport)
    reader.goto(SEED_PATH)
    count = reader.locator(".article__time .comment-count")
    expect(count).to_be_visible()
    before = int(count.inner_text().split()[-1])

    form = reader.locator("form.comment-form")
    form.get_by_label("Name").fill("Li Wei")
    form.get_by_label("E-mail address").fill(f"li.wei.{viewport}@example.com")
    form.get_by_label("Comment", exact=True).fill(text)
    assert_accessible(reader, f"article with the comment form, {viewport}")
    _section_shot(reader, "comments-form", viewport)
    form.get_by_role("button", name="Post comment").click()

    expect(reader.locator("h1")).to_have_text("Your comment awaits moderation")
    assert_accessible(reader, f"comment answer page, {viewport}")
    screenshot(reader, "comment-posted", viewport)
    assert not reader.problems, reader.problems

    desk = _log_in(new_page, demo_logins["editor"])
    expect(desk.locator("#readers-comments-section")).to_contain_text(
        "Waiting for review"
    )
    desk.goto("/admin/comments/")
    row = desk.locator("tbody tr", has_text=text)
    row.get_by_role("checkbox").check()
    desk.get_by_role("button", name="Approve").click()
    expect(desk.get_by_text("1 comment approved.")).to_be_visible()

    # A fresh browser: the reader's own may keep the page for its max-age.
    reader = new_page(viewport)
    reader.goto(SEED_PATH)
    expect(reader.locator(".comment__body", has_text=text)).to_be_visible()
    count = reader.locator(".article__time .comment-count")
    expect(count).to_have_text(re.compile(rf"{before + 1}$"))
    assert_accessible(reader, f"article with an approved comment, {viewport}")
    _section_shot(reader, "comments-approved", viewport)
    assert not reader.problems, reader.problems
