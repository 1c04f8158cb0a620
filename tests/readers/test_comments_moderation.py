"""The desk's queue: each desk's editors moderate their own section's comments."""

import pytest

from masthead.newsroom.factories import ArticleFactory
from masthead.readers.comments.models import BlockedAddress, Comment, CommentSettings

from .comments_support import (  # noqa: F401 - fixtures, known by name
    article_fixture,
    comment_fixture,
    desk_users_fixture,
    post_fixture,
    soup,
)

pytestmark = pytest.mark.integration

QUEUE = "/admin/comments/"


@pytest.fixture
def two_desks(article, section, comment):
    sport = ArticleFactory(parent=section("sport"), title="Cup final tonight")
    return {
        "world": comment(article, body="World comment", status=Comment.Status.HELD),
        "sport": comment(sport, body="Sport comment", status=Comment.Status.HELD),
    }


def queue_bodies(client, query="") -> list[str]:
    response = client.get(QUEUE + query)
    assert response.status_code == 200
    return [b.get_text(" ", strip=True) for b in soup(response).select("tbody td div")]


def test_editors_see_only_their_desks_comments(client, desk_users, two_desks):
    client.force_login(desk_users["world_editor"])
    assert queue_bodies(client) == ["World comment"]
    client.force_login(desk_users["sport_editor"])
    assert queue_bodies(client) == ["Sport comment"]
    client.force_login(desk_users["chief"])
    assert sorted(queue_bodies(client)) == ["Sport comment", "World comment"]


def test_reporters_have_no_queue_and_no_menu_item(client, desk_users, two_desks):
    client.force_login(desk_users["world_reporter"])
    assert client.get(QUEUE).status_code in (302, 403)
    assert 'href="/admin/comments/"' not in client.get("/admin/").content.decode()
    client.force_login(desk_users["world_editor"])
    assert 'href="/admin/comments/"' in client.get("/admin/").content.decode()


def test_approve_shows_the_comment_on_the_article(
    client, desk_users, two_desks, article
):
    client.force_login(desk_users["world_editor"])
    response = client.post(QUEUE, {"action": "approve", "ids": [two_desks["world"].pk]})
    assert response.status_code == 302
    two_desks["world"].refresh_from_db()
    assert two_desks["world"].status == Comment.Status.PUBLISHED
    assert two_desks["world"].moderated_by == desk_users["world_editor"]
    client.logout()
    page = soup(client.get(article.url))
    assert [b.get_text() for b in page.select(".comment__body")] == ["World comment"]


def test_an_editor_cannot_act_on_another_desks_comment(client, desk_users, two_desks):
    client.force_login(desk_users["world_editor"])
    client.post(QUEUE, {"action": "approve", "ids": [two_desks["sport"].pk]})
    two_desks["sport"].refresh_from_db()
    assert two_desks["sport"].status == Comment.Status.HELD


@pytest.mark.parametrize(
    ("action", "status"),
    [("reject", Comment.Status.REJECTED), ("spam", Comment.Status.SPAM)],
)
def test_reject_and_spam(client, desk_users, two_desks, action, status):
    client.force_login(desk_users["world_editor"])
    client.post(QUEUE, {"action": action, "ids": [two_desks["world"].pk]})
    two_desks["world"].refresh_from_db()
    assert two_desks["world"].status == status
    assert queue_bodies(client) == []
    assert queue_bodies(client, f"?view={action if action == 'spam' else 'rejected'}")


def test_block_an_address(client, desk_users, article, comment, post):
    held = comment(article, email="troll@example.com", status=Comment.Status.HELD)
    also_held = comment(
        article, body="More", email="troll@example.com", status=Comment.Status.HELD
    )
    client.force_login(desk_users["world_editor"])
    client.post(QUEUE, {"action": "block", "ids": [held.pk]})
    assert BlockedAddress.objects.filter(email="troll@example.com").exists()
    assert set(
        Comment.objects.filter(pk__in=[held.pk, also_held.pk]).values_list(
            "status", flat=True
        )
    ) == {Comment.Status.SPAM}
    client.logout()
    post(article, email="troll@example.com", body="Let me back in")
    assert not Comment.objects.filter(body="Let me back in").exists()
    # And the desk can lift it.
    client.force_login(desk_users["world_editor"])
    blocked = BlockedAddress.objects.get()
    assert (
        "troll@example.com" in client.get("/admin/comments/blocked/").content.decode()
    )
    client.post(f"/admin/comments/blocked/{blocked.pk}/unblock/")
    assert not BlockedAddress.objects.exists()


def test_a_reported_comment_goes_back_to_the_queue(
    client, desk_users, article, comment
):
    shown = comment(article, body="Rude words")
    client.post(f"/comments/report/{shown.pk}/", HTTP_ORIGIN="http://testserver")
    client.force_login(desk_users["world_editor"])
    assert queue_bodies(client) == ["Rude words"]
    assert "Reported 1 time" in client.get(QUEUE).content.decode()
    assert queue_bodies(client, "?view=reported") == ["Rude words"]
    # Approving it again clears the report.
    client.post(QUEUE, {"action": "approve", "ids": [shown.pk]})
    shown.refresh_from_db()
    assert shown.reported_at is None and shown.report_count == 0
    assert queue_bodies(client) == []


def test_dashboard_counts_waiting_and_reported_for_the_users_desks(
    client, desk_users, two_desks, article, comment
):
    comment(article, body="Another held", status=Comment.Status.HELD)
    reported = comment(article, body="Reported one")
    client.post(f"/comments/report/{reported.pk}/", HTTP_ORIGIN="http://testserver")
    client.force_login(desk_users["world_editor"])
    panel = soup(client.get("/admin/")).select_one("#readers-comments-section")
    text = panel.get_text(" ", strip=True)
    assert "Waiting for review: 2" in text
    assert "Reported by readers: 1" in text
    client.force_login(desk_users["sport_editor"])
    panel = soup(client.get("/admin/")).select_one("#readers-comments-section")
    assert "Waiting for review: 1" in panel.get_text(" ", strip=True)


def test_section_settings_are_the_desks_to_change(
    client, desk_users, section, article, post
):
    world = section("world")
    client.force_login(desk_users["sport_editor"])
    assert client.get(f"/admin/comments/settings/{world.pk}/").status_code == 404
    listed = client.get("/admin/comments/settings/").content.decode()
    assert "Sport" in listed and ">World<" not in listed
    client.force_login(desk_users["world_editor"])
    response = client.post(
        f"/admin/comments/settings/{world.pk}/",
        {"publish_at_once": "on", "close_after_days": ""},
    )
    assert response.status_code == 302
    settings = CommentSettings.objects.get(section=world)
    assert settings.publish_at_once and settings.close_after_days is None
    client.logout()
    post(article, body="Straight through")
    assert Comment.objects.get().status == Comment.Status.PUBLISHED
