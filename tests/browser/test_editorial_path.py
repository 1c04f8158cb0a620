"""The whole editorial path, in the admin and on the public site.

A World reporter writes an article and submits it to the World review workflow;
the World desk editor schedules it a minute ahead and approves it with a
comment; an anonymous reader cannot find it before its time (page, home page,
section page, search); one worker tick after the go-live time (the periodic
jobs, `masthead worker --once`, then the queue, `masthead db_worker --batch`)
publishes it, purges the page cache and credits the approving editor; the
editor then adds a correction, which the reader sees on the page.

Everything is done through the admin's own UI as a user would (no form posts).
Two things set the pace:

- The go-live picker only takes minutes ("Y-m-d H:i", seconds are dropped on
  blur), so the go-live time is the next whole minute at least GO_LIVE_MARGIN
  ahead: the test waits 40 to 100 s for it.
- The first worker tick of a fresh newsroom also drains the demo's queue (image
  renditions: about a minute and a half). A catch-up tick runs in the background
  from the start (the server and the worker share the newsroom, as in production),
  so that the tick after the go-live time does little more than publish and purge.
"""

import re
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import screenshot
from tests.servers import stop_process_group

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
MASTHEAD = Path(sys.executable).with_name("masthead")
TRACEBACK = re.compile(r"^Traceback \(most recent call last\):", re.MULTILINE)

ADMIN_TIMEOUT = 30_000  # ms: the admin's scripts are heavy on a cold server
GO_LIVE_MARGIN = timedelta(seconds=40)
WORKER_TIMEOUT = 600  # s
CACHE_WAIT = 30  # s: a page the server renders and stores, even on a busy machine
# world.editor's PersonPage, from masthead.demo.users.DEMO_USERS.
EDITOR_NAME = "Zhao Yinuo"
EDITOR_PROFILE = "/people/zhao-yinuo/"
SITE_ZONE = ZoneInfo("Asia/Shanghai")  # the demo site's settings
# How `news_time` prints a time to readers: "21:13 UTC+8, 2026-11-25".
NEWS_TIME = r"\d{2}:\d{2} UTC\+8, \d{4}-\d{2}-\d{2}"


def shot(page, name: str) -> None:
    screenshot(page, f"editorial-{name}", "desktop")


def log_in(new_page, login: dict[str, str]):
    """A fresh browser context, logged in to the admin."""
    page = new_page()
    page.set_default_timeout(ADMIN_TIMEOUT)
    page.set_default_navigation_timeout(ADMIN_TIMEOUT)
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(login["username"])
    page.get_by_label("Password").fill(login["password"])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def messages(page):
    return page.locator(".messages")


def page_status(page, title: str):
    """The status tag in the explorer's row of a page."""
    row = page.get_by_role("row").filter(
        has=page.get_by_role("link", name=title, exact=True)
    )
    return row.get_by_role("cell", name=re.compile(r"^Current page status:"))


def assert_cached_without(page, path: str, word: str) -> None:
    """An anonymous request for `path` is answered from the page cache, without
    `word` in it (the request API: no copy from the browser's own cache).

    Waits for the cached copy rather than expecting it on the first request: a
    copy may have been dropped meanwhile (it outlived its TTL while a slow
    worker ran, or the catch-up tick purged it), and then the next request
    renders and stores it again. Every answer on the way must lack `word`.
    """
    deadline = time.monotonic() + CACHE_WAIT
    seen = []
    while True:
        response = page.request.get(path)
        assert response.status == 200, (path, response.status)
        assert word not in response.text(), f"{word} is already on {path}"
        seen.append(response.headers.get("x-cache"))
        if seen[-1] == "HIT":
            return
        assert time.monotonic() < deadline, f"{path} never cached: {seen}"
        time.sleep(0.1)


def wait_until(moment: datetime) -> None:
    """Poll the clock until `moment` has passed (the go-live picker takes whole
    minutes, so the test has to reach a wall-clock time)."""
    deadline = time.monotonic() + (moment - datetime.now(UTC)).total_seconds() + 30
    while datetime.now(UTC) <= moment:
        assert time.monotonic() < deadline, f"the clock did not reach {moment}"
        time.sleep(0.2)


# One tick of the background work: the periodic jobs, then the queue that they
# and the admin filled, as `masthead serve`'s two background processes would.
WORKER_TICK = (
    '"$0" worker --once && '
    'exec "$0" db_worker --batch --queue-name "*" --no-startup-delay --no-reload'
)


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("w") as out:
        return subprocess.Popen(
            ["/bin/sh", "-c", WORKER_TICK, str(MASTHEAD)],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            # Its own group: a stop reaches the shell's `masthead` child too.
            start_new_session=True,
        )


def finish_worker(process: subprocess.Popen, log: Path) -> str:
    try:
        process.wait(timeout=WORKER_TIMEOUT)
    except subprocess.TimeoutExpired:
        stop_process_group(process, term_seconds=0)
        pytest.fail(f"the worker tick took over {WORKER_TIMEOUT} s")
    output = log.read_text()
    assert process.returncode == 0, f"worker failed:\n{output[-6000:]}"
    # A failing periodic job is logged, not raised: look for its traceback.
    assert not TRACEBACK.search(output), f"worker traceback:\n{output[-6000:]}"
    return output


def run_worker_tick(env: dict[str, str], log: Path) -> str:
    return finish_worker(start_worker(env, log), log)


def next_whole_minute(after: datetime) -> datetime:
    return after.replace(second=0, microsecond=0) + timedelta(minutes=1)


def test_reporter_to_reader_with_schedule_and_correction(
    new_page, live_server_env, demo_logins
):
    var_dir = Path(live_server_env["MASTHEAD_VAR_DIR"])
    catch_up = start_worker(live_server_env, var_dir / "worker-catch-up.log")
    try:
        _editorial_path(new_page, live_server_env, demo_logins, var_dir, catch_up)
    finally:
        stop_process_group(catch_up, term_seconds=0)


def _editorial_path(new_page, env, logins, var_dir, catch_up):
    word = f"Okapi{uuid.uuid4().hex[:8]}"  # in no other article or search hit
    headline = f"{word} herd crosses the river at dawn"
    slug = word.lower()
    lead = f"Rangers counted forty {word} animals on the move before sunrise."
    paragraph = "The herd waited for the water to drop before it crossed."
    article_path = f"/news/world/{slug}/"

    # 1. The reporter writes, saves a draft and submits it for review ---------
    reporter = log_in(new_page, logins["reporter"])
    # A World reporter's explorer opens on the one section they may write in.
    reporter.goto("/admin/pages/")
    expect(reporter).to_have_title(re.compile(r"^Exploring: World\b"))
    section_id = re.search(r"/admin/pages/(\d+)/$", reporter.url).group(1)

    reporter.goto(f"/admin/pages/add/newsroom/articlepage/{section_id}/")
    reporter.get_by_role("textbox", name="Headline").fill(headline)
    reporter.get_by_role("textbox", name="Lead").fill(lead)
    body = reporter.get_by_role("region", name="Body", exact=True)
    body.get_by_role("button", name="Insert a block").click()
    reporter.get_by_role("option", name="Paragraph").click()
    body.get_by_role("textbox").click()  # the paragraph's Draftail editor
    reporter.keyboard.type(paragraph)
    # Draftail writes its hidden input a moment after the last keystroke.
    expect(body.locator("input[name='body-0-value']")).to_have_value(
        re.compile(re.escape(paragraph))
    )
    # The headline panel does not fill the slug in (it is a plain FieldPanel,
    # not a TitleFieldPanel): the reporter sets it on the Promote tab.
    reporter.get_by_role("tab", name="Promote").click()
    reporter.get_by_role("textbox", name="Slug").fill(slug)
    reporter.get_by_role("button", name="Save draft").click()
    # Wagtail autosaves a new page every half second: on a slow machine the
    # autosave may have created it already, and the click then updates it.
    expect(messages(reporter)).to_contain_text(
        re.compile(rf"Page '{re.escape(headline)}' (created|has been updated)\.")
    )
    reporter.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    page_id = re.search(r"/admin/pages/(\d+)/edit/$", reporter.url).group(1)
    edit_url = f"/admin/pages/{page_id}/edit/"
    shot(reporter, "draft")

    reporter.get_by_role("button", name="More actions").click()
    reporter.get_by_role("button", name="Submit to World review").click()
    expect(messages(reporter)).to_contain_text(
        f"Page '{headline}' has been submitted for moderation."
    )
    # Back to the section's listing, where the page now waits for review.
    reporter.wait_for_url(re.compile(rf"/admin/pages/{section_id}/$"))
    expect(page_status(reporter, headline)).to_contain_text(
        "in moderation", ignore_case=True
    )
    shot(reporter, "submitted")

    # 2. The desk editor schedules and approves ---------------------------------
    editor = log_in(new_page, logins["editor"])
    review = editor.get_by_role("region", name="Awaiting your review")
    review.get_by_role("link", name=headline, exact=True).first.click()
    editor.wait_for_url(re.compile(re.escape(edit_url) + "$"))
    expect(editor.get_by_role("textbox", name="Lead")).to_have_value(lead)

    editor.get_by_role("button", name="Toggle status").click()
    status = editor.locator("[data-side-panel='status']")
    expect(status).to_contain_text("In Moderation")
    status.get_by_role("button", name="Set schedule").click()
    schedule = editor.get_by_role("dialog", name="Set publishing schedule")
    # The admin runs on the site's clock (the demo's zone is Asia/Shanghai).
    go_live = next_whole_minute(datetime.now(UTC) + GO_LIVE_MARGIN)
    typed = go_live.astimezone(SITE_ZONE).strftime("%Y-%m-%d %H:%M")
    go_live_box = schedule.get_by_role("textbox", name="Go live date/time")
    go_live_box.fill(typed)
    # Focusing the field opens its date picker (a moment later), over the
    # dialog's buttons; a click elsewhere in the dialog closes it. (Tab would
    # open the expiry field's picker instead.)
    pickers = editor.locator(".xdsoft_datetimepicker").locator("visible=true")
    expect(pickers).to_have_count(1)
    schedule.get_by_role("heading", name="Set publishing schedule").click()
    expect(pickers).to_have_count(0)
    expect(go_live_box).to_have_value(typed)
    save = schedule.get_by_role("button", name="Save schedule")
    save.click()
    expect(schedule).to_be_hidden()
    expect(status).to_contain_text("Go-live:")
    shot(editor, "schedule")

    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name=re.compile(r"^Approve with comment")).click()
    approve = editor.get_by_role("dialog").filter(
        has=editor.get_by_role("textbox", name="Comment")
    )
    approve.get_by_role("textbox", name="Comment").fill("Facts checked; run it.")
    approve.get_by_role("button", name="Approve with comment").click()
    scheduled_for = go_live.astimezone(SITE_ZONE).strftime("%H:%M UTC+8, %Y-%m-%d")
    expect(messages(editor)).to_contain_text(
        f"\u201c{headline}\u201d approved. Scheduled for {scheduled_for}."
    )
    editor.wait_for_url(re.compile(rf"/admin/pages/{section_id}/$"))
    state = page_status(editor, headline)
    expect(state).to_contain_text("scheduled", ignore_case=True)
    expect(state).not_to_contain_text("live", ignore_case=True)  # "live + scheduled"
    shot(editor, "approved")

    # 3. Before its time, the reader sees nothing of it ---------------------------
    assert datetime.now(UTC) < go_live, "the go-live time passed before step 3"
    reader = new_page(java_script_enabled=False)
    response = reader.goto(article_path)
    assert response is not None and response.status == 404, response
    for path in ("/", "/news/world/"):
        response = reader.goto(path)
        assert response is not None and response.status == 200, (path, response)
        expect(reader.locator("body")).not_to_contain_text(word)
        # The page cache holds this copy now: only a purge can make the
        # article appear on it.
        assert_cached_without(reader, path, word)
    response = reader.goto(f"/search/?q={word}")
    assert response is not None and response.status == 200, response
    expect(reader.get_by_role("heading", level=1, name="Search")).to_be_visible()
    # No hit (the "no results" line repeats the query itself).
    expect(reader.locator(".search-hit")).to_have_count(0)
    expect(reader.get_by_role("link", name=headline)).to_have_count(0)
    shot(reader, "before-go-live")

    assert datetime.now(UTC) < go_live, "the go-live time passed during step 3"

    # 4. After its time, one worker tick publishes it -----------------------------
    finish_worker(catch_up, var_dir / "worker-catch-up.log")
    # Whatever the catch-up tick did (and however long it took), copies without
    # the article are in the page cache now, made again if the tick or their
    # TTL dropped them: only the purge of the tick below can show it.
    for path in ("/", "/news/world/"):
        assert_cached_without(reader, path, word)
    wait_until(go_live)
    run_worker_tick(env, var_dir / "worker-tick.log")

    # A fresh context: the first reader's browser may keep its own copies.
    reader = new_page(java_script_enabled=False)
    response = reader.goto(article_path)
    assert response is not None and response.status == 200, response
    article = reader.locator("article.article")
    expect(article.get_by_role("heading", level=1)).to_have_text(headline)
    expect(article.locator(".article__lead")).to_have_text(lead)
    expect(article.locator(".article__body")).to_contain_text(paragraph)
    credit = article.locator(".article__credit")
    expect(credit).to_have_text(re.compile(rf"Editor: {EDITOR_NAME}$"))
    expect(credit.get_by_role("link", name=EDITOR_NAME)).to_have_attribute(
        "href", EDITOR_PROFILE
    )
    expect(article.locator(".corrections")).to_have_count(0)
    shot(reader, "live")
    for path in ("/", "/news/world/"):
        response = reader.goto(path)
        assert response is not None and response.status == 200, (path, response)
        link = reader.get_by_role("link", name=headline, exact=True).first
        expect(link).to_be_visible()
        expect(link).to_have_attribute("href", article_path)
    shot(reader, "section-after")
    reader.goto(f"/search/?q={word}")
    expect(
        reader.locator(".search-hit").get_by_role("link", name=headline)
    ).to_be_visible()

    # 5. The editor adds a correction and publishes -------------------------------
    note = f"An earlier version gave the wrong number of {word} animals."
    editor.goto(edit_url)
    notes = editor.get_by_role("region", name="Corrections and updates")
    notes.get_by_role("button", name="Add Note").click()
    notes.get_by_label("Kind").select_option(label="Correction")
    notes.get_by_role("textbox", name="Text").fill(note)
    shot(editor, "correction")
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Publish", exact=True).click()
    expect(messages(editor)).to_contain_text(f"Page '{headline}' has been published.")

    reader = new_page(java_script_enabled=False)
    response = reader.goto(article_path)
    assert response is not None and response.status == 200, response
    corrections = reader.get_by_role("complementary", name="Corrections and updates")
    expect(corrections).to_be_visible()
    expect(corrections.get_by_role("listitem")).to_have_count(1)
    expect(corrections.get_by_role("listitem")).to_have_text(
        re.compile(rf"^Correction {NEWS_TIME}: {re.escape(note)}$")
    )
    expect(reader.locator(".article__updated")).to_have_text(
        re.compile(rf"^Updated {NEWS_TIME}$")
    )
    # Still credited to the editor who approved it.
    expect(reader.locator(".article__credit")).to_have_text(
        re.compile(rf"Editor: {EDITOR_NAME}$")
    )
    shot(reader, "corrected")
