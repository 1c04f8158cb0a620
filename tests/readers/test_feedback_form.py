"""The feedback and contact forms (issue 9, point 4): cached pages without a
CSRF token, messages stored and routed to the desk by topic, the same spam
defences as comments, and hostile input answered plainly with nothing stored."""

import pytest
from django.core import mail

from masthead.newsroom.models import SectionPage
from masthead.readers.feedback.models import ReaderMessage
from tests.readers.feedback_support import (
    ORIGIN,
    SITE,
    desk_people_fixture,  # noqa: F401
    send_fixture,  # noqa: F401
    soup,
    topic_of,
)

pytestmark = pytest.mark.django_db


def test_the_feedback_page_is_a_cached_page_without_a_token(client):
    response = client.get("/feedback/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert "csrftoken" not in response.cookies
    page = soup(response)
    form = page.select_one("form.reader-form")
    assert form["action"] == "/feedback/" and form["method"] == "post"
    assert not page.select("input[name=csrfmiddlewaretoken]")
    topics = {
        o.get_text(): o["value"] for o in form.select("select[name=topic] option")
    }
    assert topics["World"] == topic_of("world")
    assert topics["Business"] == topic_of("business")
    assert topics["The website or the app"] == "site"
    # Every field has its label; the trap is out of sight and out of the tab order.
    for field in form.select("input:not([type=hidden]), select, textarea"):
        assert form.select_one(f"label[for={field['id']}]"), field
    trap = form.select_one("input[name=website]")
    assert trap["tabindex"] == "-1"
    assert trap.find_parent(class_="reader-form__trap")["aria-hidden"] == "true"


def test_feedback_is_stored_for_the_desk_of_its_topic(send, desk_people):
    response = send(email="Reader@Example.com")
    assert response.status_code == 303
    assert response["Location"] == "/feedback/thanks/"
    message = ReaderMessage.objects.get()
    assert message.kind == "feedback"
    assert message.section == SectionPage.objects.get(slug="world")
    assert message.topic_label == "World"
    assert message.email == "reader@example.com"
    assert message.status == "new"
    # Mailed to the World desk's editors by the task the post queued.
    assert message.mailed_at is not None
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == [
        "world_editor2@masthead.example",
        "world_editor@masthead.example",
    ]


def test_the_thank_you_page_says_the_message_arrived(client):
    response = client.get("/feedback/thanks/")
    assert response.status_code == 200
    assert "Your message has reached the newsroom." in soup(response).get_text()


def test_a_general_topic_goes_to_the_chief_editors(send, desk_people):
    assert send(topic="site").status_code == 303
    message = ReaderMessage.objects.get()
    assert message.section is None
    assert mail.outbox[0].to == ["chief@masthead.example"]


def test_a_post_from_elsewhere_is_refused_and_the_text_shown_back(send):
    for headers in (
        {},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
    ):
        response = send(headers=headers, message="Keep this text")
        assert response.status_code == 403
        assert "was not accepted" in response.content.decode()
        assert "Keep this text" in soup(response).select_one("textarea").get_text()
    assert not ReaderMessage.objects.exists()
    # A browser that sends a Referer and no Origin is one of ours.
    assert send(headers={"HTTP_REFERER": f"{SITE}/feedback/"}).status_code == 303
    assert ReaderMessage.objects.count() == 1


def test_the_honeypot_gets_a_thank_you_and_stores_nothing(send):
    response = send(website="http://spam.example")
    assert response.status_code == 303
    assert not ReaderMessage.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("address", "says"),
    [
        ("reader@example.com\r\nBcc: everyone@example.com", "one line"),
        ("reader@example.com\nSubject: hi", "one line"),
        ("not an address", "valid email"),
    ],
)
def test_header_injection_in_the_address_is_refused(send, address, says):
    response = send(email=address)
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not ReaderMessage.objects.exists()
    assert mail.outbox == []


def test_header_injection_in_the_contact_name_and_subject_is_refused(send):
    for field in ("name", "subject"):
        response = send(
            path="/feedback/contact/", **{field: "Hi\r\nBcc: x@example.com"}
        )
        assert response.status_code == 400
        assert "must be one line" in response.content.decode()
    assert not ReaderMessage.objects.exists()


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("Hello\x00world", "Null characters are not allowed"),
        ("Hello\x1b[31mworld", "control characters"),
        ("Invoice \u202egnp.exe", "change the text's direction"),
    ],
)
def test_control_characters_are_refused(send, text, says):
    response = send(message=text)
    assert response.status_code == 400
    assert says in soup(response).get_text()
    assert not ReaderMessage.objects.exists()


def test_ordinary_text_in_any_script_is_kept(send):
    text = "שלום, 你好, Привет\ttabs\r\nand lines"
    assert send(message=text).status_code == 303
    assert ReaderMessage.objects.get().message == "שלום, 你好, Привет\ttabs\nand lines"


def test_a_long_message_is_refused_with_its_length(send):
    response = send(message="x" * 5001)
    assert response.status_code == 400
    assert "5,001 characters long" in response.content.decode()
    assert not ReaderMessage.objects.exists()


def test_a_huge_body_is_refused_before_it_is_read(send):
    response = send(message="x" * 100_000)
    assert response.status_code == 413
    assert "too long" in response.content.decode()
    assert not ReaderMessage.objects.exists()


def test_an_unknown_topic_is_refused(send):
    response = send(topic="section-999999")
    assert response.status_code == 400
    assert not ReaderMessage.objects.exists()


def test_messages_are_limited_per_ip_address(send, settings):
    settings.MASTHEAD_FEEDBACK = {"IP_LIMIT": (3, 3600)}
    for _ in range(3):
        assert send().status_code == 303
    response = send(message="One too many")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "try again in" in response.content.decode()
    assert "One too many" in response.content.decode()
    assert ReaderMessage.objects.count() == 3
    # Another address (behind no proxy: REMOTE_ADDR) is counted on its own.
    assert send(headers={**ORIGIN, "REMOTE_ADDR": "192.0.2.7"}).status_code == 303


def test_messages_are_limited_per_address(send, settings):
    settings.MASTHEAD_FEEDBACK = {"ADDRESS_LIMIT": (2, 3600)}
    for n in range(2):
        headers = {**ORIGIN, "REMOTE_ADDR": f"192.0.2.{n + 1}"}
        assert send(headers=headers, email="same@example.com").status_code == 303
    headers = {**ORIGIN, "REMOTE_ADDR": "192.0.2.99"}
    assert send(headers=headers, email="SAME@example.com").status_code == 429
    assert ReaderMessage.objects.count() == 2


def test_the_contact_page_shows_the_contact_form(client):
    response = client.get("/contact-us/")
    assert response.status_code == 200
    page = soup(response)
    form = page.select_one(".reader-contact form")
    assert form["action"] == "/feedback/contact/"
    assert form.select_one("input[name=name][required]")
    assert form.select_one("input[name=email][required]")
    assert not page.select("input[name=csrfmiddlewaretoken]")
    assert "csrftoken" not in response.cookies


def test_a_contact_message_is_stored_with_its_sender(send, desk_people):
    response = send(path="/feedback/contact/", topic=topic_of("sport"))
    assert response.status_code == 303
    message = ReaderMessage.objects.get()
    assert message.kind == "contact"
    assert (message.name, message.email, message.subject) == (
        "Li Wei",
        "li.wei@example.com",
        "A question",
    )
    assert mail.outbox[0].to == ["sport_editor@masthead.example"]
    assert mail.outbox[0].reply_to == ["li.wei@example.com"]


def test_the_contact_form_needs_an_address_to_answer(send):
    response = send(path="/feedback/contact/", email="")
    assert response.status_code == 400
    assert soup(response).select_one("#contact-email")["aria-invalid"] == "true"
    assert not ReaderMessage.objects.exists()


def test_the_footer_links_to_feedback(client):
    links = soup(client.get("/")).select(".site-footer__pages a")
    assert "/feedback/" in [a["href"] for a in links if a.get_text() == "Feedback"]
