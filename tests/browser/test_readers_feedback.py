"""Feedback and contact (issue 9, point 4) as a reader sends them, at 1366 and
390 px, with axe-core on the form and on the answer."""

import pytest

from tests.browser.helpers import assert_accessible, screenshot

pytestmark = pytest.mark.browser

VIEWPORTS = ["desktop", "phone"]


def fits(page) -> bool:
    return (
        page.evaluate("document.documentElement.scrollWidth")
        <= page.viewport_size["width"]
    )


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_feedback_from_the_footer(new_page, viewport):
    page = new_page(viewport)
    page.goto("/")
    page.locator(".site-footer").get_by_role("link", name="Feedback").click()
    page.wait_for_url("**/feedback/")
    assert fits(page)
    assert_accessible(page, f"feedback form at {viewport}")
    page.get_by_label("Topic").select_option(label="World")
    page.get_by_label("Your message").fill(
        "The story on the swap left out where the talks will resume."
    )
    page.get_by_label("Your e-mail address (optional)").fill(
        f"reader.{viewport}@example.com"
    )
    screenshot(page, "feedback-form", viewport)
    page.get_by_role("button", name="Send feedback").click()
    page.wait_for_url("**/feedback/thanks/")
    assert page.locator("main [role=status]").inner_text() == (
        "Your message has reached the newsroom."
    )
    assert_accessible(page, f"feedback thanks at {viewport}")
    screenshot(page, "feedback-thanks", viewport)
    assert not page.problems


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_contact_form_on_the_contact_page(new_page, viewport):
    page = new_page(viewport)
    page.goto("/contact-us/")
    form = page.locator(".reader-contact")
    assert fits(page)
    assert_accessible(page, f"contact page at {viewport}")
    form.get_by_label("Your name").fill("Li Wei")
    form.get_by_label("Your e-mail address").fill(f"li.wei.{viewport}@example.com")
    form.get_by_label("Topic").select_option(label="The paper in general")
    form.get_by_label("Subject").fill("Photos of the flood")
    form.get_by_label("Your message").fill("May I send you photos of the flood?")
    screenshot(page, "contact-form", viewport)
    form.get_by_role("button", name="Send message").click()
    page.wait_for_url("**/feedback/thanks/")
    assert page.get_by_role("heading", name="Thank you").is_visible()
    assert not page.problems
