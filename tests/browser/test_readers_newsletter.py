"""The newsletter as a reader meets it, at 1366 and 390 px: the footer's
sign-up (answered in place by its script; as a page without JavaScript), the
confirmation mail (read from var/mail/, where the demo writes it), the
confirm button, the preferences page and unsubscribing; axe-core on each."""

import email
import email.policy
import re
import time
from pathlib import Path

import pytest

from tests.browser.helpers import SCREENSHOTS, assert_accessible, screenshot

pytestmark = pytest.mark.browser

VIEWPORTS = ["desktop", "phone"]


def fits(page) -> bool:
    return (
        page.evaluate("document.documentElement.scrollWidth")
        <= page.viewport_size["width"]
    )


def mail_to(var_dir: Path, address: str, timeout: float = 15.0):
    """The newest message written for `address` (the demo has no SMTP server)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in sorted((var_dir / "mail").glob("*.eml"), reverse=True):
            message = email.message_from_bytes(
                path.read_bytes(), policy=email.policy.default
            )
            if message["To"] == address:
                return message
        time.sleep(0.25)
    raise AssertionError(f"no mail to {address} in {var_dir / 'mail'}")


def link_in(message, fragment: str) -> str:
    text = message.get_body(preferencelist=("plain",)).get_content()
    [url] = [u for u in re.findall(r"https?://\S+", text) if fragment in u]
    return url


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_sign_up_confirm_and_unsubscribe(new_page, live_server_env, viewport):
    var_dir = Path(live_server_env["MASTHEAD_VAR_DIR"])
    address = f"reader.{viewport}@example.com"
    page = new_page(viewport)
    page.goto("/")
    footer = page.locator(".site-footer__newsletter")
    footer.scroll_into_view_if_needed()
    footer.get_by_label("Your e-mail address for the daily digest").fill(address)
    footer.get_by_role("button", name="Subscribe").click()
    answer = footer.get_by_role("status")
    answer.wait_for()
    assert answer.inner_text().startswith("Thank you for subscription.")
    assert "check your mailbox" in answer.inner_text()
    assert page.url.endswith("/"), "answered in place, the page stays"
    assert fits(page)
    assert_accessible(page, f"home with the sign-up answer at {viewport}")
    screenshot(page, "newsletter-signup", viewport)
    footer.screenshot(path=str(SCREENSHOTS / f"newsletter-footer-{viewport}.png"))

    confirmation = mail_to(var_dir, address)
    assert confirmation["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    page.goto(link_in(confirmation, "/newsletter/confirm/"))
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Confirm your subscription"
    )
    assert fits(page)
    assert_accessible(page, f"confirm page at {viewport}")
    screenshot(page, "newsletter-confirm", viewport)
    page.get_by_role("button", name="Confirm my subscription").click()
    page.get_by_role("heading", name="You are subscribed").wait_for()
    assert_accessible(page, f"confirmed page at {viewport}")
    screenshot(page, "newsletter-confirmed", viewport)

    page.get_by_role("link", name="Choose what you receive").click()
    page.get_by_role("heading", name="Your newsletters").wait_for()
    main = page.locator("main")
    assert main.get_by_label("Daily digest").is_checked()
    main.get_by_label("Breaking-news alerts").check()
    main.get_by_role("button", name="Save").click()
    main.get_by_role("status").wait_for()
    assert main.get_by_label("Breaking-news alerts").is_checked()
    assert fits(page)
    assert_accessible(page, f"preferences page at {viewport}")
    screenshot(page, "newsletter-preferences", viewport)

    page.goto(link_in(confirmation, "/newsletter/unsubscribe/"))
    assert fits(page)
    assert_accessible(page, f"unsubscribe page at {viewport}")
    page.get_by_role("button", name="Unsubscribe").click()
    page.get_by_role("heading", name="You are unsubscribed").wait_for()
    assert_accessible(page, f"unsubscribed page at {viewport}")
    screenshot(page, "newsletter-unsubscribed", viewport)
    assert not page.problems


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_subscribe_page_and_a_lost_link(new_page, viewport):
    page = new_page(viewport)
    page.goto("/")
    page.locator(".site-header").get_by_role("link", name="Subscribe").click()
    page.wait_for_url("**/subscribe/")
    assert fits(page)
    assert_accessible(page, f"subscribe page at {viewport}")
    screenshot(page, "subscribe-page", viewport)
    main = page.locator("main")
    main.get_by_label("Your subscribed e-mail address").fill(
        f"lost.{viewport}@example.com"
    )
    main.get_by_role("button", name="Send me a link").click()
    page.get_by_role("heading", name="Please check your mailbox.").wait_for()
    assert fits(page)
    assert_accessible(page, f"answer page at {viewport}")
    screenshot(page, "newsletter-link-sent", viewport)
    assert not page.problems


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_signing_up_works_without_javascript(new_page, live_server_env, viewport):
    # axe-core needs script, so this page is only read; the answer page is the
    # template the test above checks.
    address = f"no-script.{viewport}@example.com"
    page = new_page(viewport, java_script_enabled=False)
    page.goto("/subscribe/")
    main = page.locator("main")
    main.get_by_label("Breaking-news alerts").check()
    main.get_by_label("World", exact=True).check()
    main.get_by_label("Your e-mail address", exact=True).fill(address)
    main.get_by_role("button", name="Subscribe").click()
    page.get_by_role("heading", name="Thank you for subscription.").wait_for()
    assert "check your mailbox" in main.inner_text()
    screenshot(page, "newsletter-thanks-nojs", viewport)
    confirmation = mail_to(Path(live_server_env["MASTHEAD_VAR_DIR"]), address)
    assert (
        "breaking-news alerts"
        in confirmation.get_body(preferencelist=("plain",)).get_content()
    )
    assert not page.problems
