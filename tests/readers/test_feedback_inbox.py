"""The desk's inbox of reader messages and the dashboard count (issue 9, points
4 and 6): each desk's editors read what is routed to their sections, chief
editors read everything, reporters nothing."""

import pytest
from django.core import mail

from masthead.newsroom.models import SectionPage
from masthead.readers.feedback.models import ReaderMessage
from tests.readers.feedback_support import (
    desk_people_fixture,  # noqa: F401
    soup,
)

pytestmark = pytest.mark.django_db


def message_for(slug: str | None, text: str) -> ReaderMessage:
    section = SectionPage.objects.get(slug=slug) if slug else None
    return ReaderMessage.objects.create(
        kind="feedback",
        topic=f"section-{section.pk}" if section else "general",
        topic_label=section.title if section else "The paper in general",
        section=section,
        message=text,
        email="reader@example.com",
    )


@pytest.fixture
def messages(desk_people):
    return {
        "world": message_for("world", "About the World desk's talks story"),
        "business": message_for("business", "About a Business story"),
        "sport": message_for("sport", "About a Sport story"),
        "general": message_for(None, "About the paper in general"),
    }


def listed(client, user) -> set[str]:
    client.force_login(user)
    response = client.get("/admin/reader-messages/")
    assert response.status_code == 200
    return {a.get_text(strip=True) for a in soup(response).select("td.title a")}


def test_each_desk_reads_its_own_messages(client, desk_people, messages):
    assert listed(client, desk_people["world_editor"]) == {
        "About the World desk's talks story"
    }
    assert listed(client, desk_people["sport_editor"]) == {"About a Sport story"}
    # The News desk holds the News section page: its sub-sections' too.
    assert listed(client, desk_people["news_editor"]) == {
        "About the World desk's talks story",
        "About a Business story",
        "About a Sport story",
    }
    assert len(listed(client, desk_people["chief"])) == 4


def test_another_desks_message_is_not_found(client, desk_people, messages):
    client.force_login(desk_people["world_editor"])
    assert (
        client.get(f"/admin/reader-messages/{messages['sport'].pk}/").status_code == 404
    )
    response = client.post(
        f"/admin/reader-messages/{messages['sport'].pk}/act/", {"status": "spam"}
    )
    assert response.status_code == 404
    assert ReaderMessage.objects.get(pk=messages["sport"].pk).status == "new"


def test_reporters_have_no_inbox(client, desk_people, messages):
    client.force_login(desk_people["world_reporter"])
    assert client.get("/admin/reader-messages/").status_code in (302, 403)
    home = client.get("/admin/")
    assert "Reader messages" not in home.content.decode()


def test_the_dashboard_counts_new_messages_for_the_users_desks(
    client, desk_people, messages
):
    client.force_login(desk_people["world_editor"])
    panel = soup(client.get("/admin/")).select_one("#readers-messages-content")
    assert panel is not None
    assert "New for your desks: 1" in panel.get_text(" ", strip=True)
    assert "World desk's talks story" in panel.get_text()
    assert "Sport" not in panel.get_text()

    client.force_login(desk_people["chief"])
    panel = soup(client.get("/admin/")).select_one("#readers-messages-content")
    assert "New for your desks: 4" in panel.get_text(" ", strip=True)


def test_opening_a_message_marks_it_read(client, desk_people, messages):
    client.force_login(desk_people["world_editor"])
    response = client.get(f"/admin/reader-messages/{messages['world'].pk}/")
    assert response.status_code == 200
    assert "About the World desk" in soup(response).get_text()
    assert ReaderMessage.objects.get(pk=messages["world"].pk).status == "read"
    panel = soup(client.get("/admin/")).select_one("#readers-messages-content")
    assert "New for your desks: 0" in panel.get_text(" ", strip=True)


def test_a_message_is_shown_as_text(client, desk_people):
    hostile = message_for("world", "<script>alert(1)</script> <b>bold</b>")
    client.force_login(desk_people["world_editor"])
    html = client.get(f"/admin/reader-messages/{hostile.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_desk_marks_a_message_answered(client, desk_people, messages):
    editor = desk_people["world_editor"]
    client.force_login(editor)
    url = f"/admin/reader-messages/{messages['world'].pk}/act/"
    assert client.post(url, {"status": "answered"}).status_code == 302
    message = ReaderMessage.objects.get(pk=messages["world"].pk)
    assert (message.status, message.handled_by) == ("answered", editor)
    assert message.handled_at is not None
    client.post(url, {"note": "Answered by phone."})
    assert ReaderMessage.objects.get(pk=message.pk).note == "Answered by phone."


def test_moving_a_message_tells_the_new_desk(client, desk_people, messages):
    client.force_login(desk_people["world_editor"])
    sport = SectionPage.objects.get(slug="sport")
    response = client.post(
        f"/admin/reader-messages/{messages['world'].pk}/act/",
        {"topic": f"section-{sport.pk}"},
    )
    assert response.status_code == 302
    message = ReaderMessage.objects.get(pk=messages["world"].pk)
    assert (message.section_id, message.topic_label) == (sport.pk, "Sport")
    assert message.mailed_at is not None
    assert mail.outbox[-1].to == ["sport_editor@masthead.example"]
    # Out of the World desk's sight now.
    assert "About the World desk's talks story" not in listed(
        client, desk_people["world_editor"]
    )


def test_only_chief_editors_delete(client, desk_people, messages):
    url = f"/admin/reader-messages/{messages['world'].pk}/delete/"
    client.force_login(desk_people["world_editor"])
    assert client.post(url).status_code in (302, 403)
    assert ReaderMessage.objects.filter(pk=messages["world"].pk).exists()
    client.force_login(desk_people["chief"])
    assert client.post(url).status_code == 302
    assert not ReaderMessage.objects.filter(pk=messages["world"].pk).exists()


def test_search_and_filters(client, desk_people, messages):
    client.force_login(desk_people["chief"])
    response = client.get("/admin/reader-messages/?q=Sport")
    titles = {a.get_text(strip=True) for a in soup(response).select("td.title a")}
    assert titles == {"About a Sport story"}
    ReaderMessage.objects.filter(pk=messages["sport"].pk).update(status="spam")
    response = client.get("/admin/reader-messages/?status=spam")
    titles = {a.get_text(strip=True) for a in soup(response).select("td.title a")}
    assert titles == {"About a Sport story"}
