"""The basket shows warnings and incomplete stories, and an incomplete story
becomes an article only once a wire editor says they checked it."""

from html import unescape

import pytest
from django.contrib.messages import constants, get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from masthead.newsroom.models import ArticlePage
from masthead.wire.forms import CHECKED_INCOMPLETE_LABEL
from masthead.wire.models import Channel, RawItem, WireItem
from masthead.wire.parsers import WireStory
from masthead.wire.rawfiles import save_raw
from masthead.wire.services import ingest_bytes, store_parsed

from ..test_ingest_rules import FEED_WITH_A_BAD_ITEM
from .conftest import ninjs

pytestmark = pytest.mark.django_db

WARNING = "encoding guessed as windows-1252 (no declaration)"


def stored(story: WireStory) -> WireItem:
    """A story as the desk stores it (the parsers' list goes through services)."""
    data = repr(story).encode()
    digest = RawItem.digest(data)
    save_raw(data, digest)
    raw = RawItem.objects.create(channel=Channel.FILE, sha256=digest, size=len(data))
    (item,) = store_parsed(raw, story.format, [story]).items
    return item


@pytest.fixture
def cut_short(db):
    return stored(
        WireStory(
            format="anpa1312",
            headline="Lighthouse keepers strike",
            body_html="<p>The keepers walked out at noon and</p>",
            incomplete=True,
            warnings=("incomplete: the file ends before its end-of-text marker",),
        )
    )


@pytest.fixture
def with_warning(db):
    return stored(
        WireStory(
            format="rss",
            guid="urn:test:warned",
            headline="Harbour reopens",
            body_html="<p>The harbour reopened.</p>",
            warnings=(WARNING,),
        )
    )


def messages_of(response):
    return [unescape(str(m.message)) for m in get_messages(response.wsgi_request)]


def test_list_shows_incomplete_badge_and_warning_marker(
    client, world_desk, cut_short, with_warning
):
    plain = ingest_bytes(ninjs(7)).items[0]
    client.force_login(world_desk)
    html = client.get(reverse("wire_basket:index")).content.decode()
    rows = {
        item.headline: html.split(item.headline, 1)[1].split("</tr>", 1)[0]
        for item in (cut_short, with_warning, plain)
    }
    assert "Incomplete" in rows["Lighthouse keepers strike"]
    assert "Warnings:" in rows["Lighthouse keepers strike"]
    assert f"Warnings: {WARNING}" in rows["Harbour reopens"]
    assert "Incomplete" not in rows["Harbour reopens"]
    assert "Incomplete" not in rows[plain.headline]
    assert "Warnings:" not in rows[plain.headline]


def test_detail_shows_each_warning_and_the_incomplete_badge(
    client, world_desk, cut_short, with_warning
):
    client.force_login(world_desk)
    page = client.get(reverse("wire_basket:inspect", args=[with_warning.pk]))
    assert WARNING in page.content.decode()
    assert CHECKED_INCOMPLETE_LABEL not in page.content.decode()
    page = client.get(reverse("wire_basket:inspect", args=[cut_short.pk]))
    html = unescape(page.content.decode())
    assert "Incomplete" in html and "wire-incomplete-note" in html
    assert "end-of-text marker" in html  # the parser's warning, listed
    assert CHECKED_INCOMPLETE_LABEL in html  # the tick box on the draft form


def test_incomplete_story_is_promoted_only_once_checked(
    client, world_desk, section, cut_short
):
    url = reverse("wire_basket:create_draft", args=[cut_short.pk])
    world = section("world")
    client.force_login(world_desk)

    refused = client.post(url, {"section": world.pk})
    assert refused.status_code == 302
    assert refused["Location"] == reverse("wire_basket:inspect", args=[cut_short.pk])
    (message,) = messages_of(refused)
    assert message.startswith("No draft made:") and "incomplete" in message
    assert CHECKED_INCOMPLETE_LABEL in message
    assert not ArticlePage.objects.exists()
    cut_short.refresh_from_db()
    assert cut_short.article_id is None

    made = client.post(url, {"section": world.pk, "checked_incomplete": "on"})
    article = ArticlePage.objects.get()
    assert made["Location"] == reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert article.title == "Lighthouse keepers strike"
    cut_short.refresh_from_db()
    assert cut_short.article_id == article.pk


def test_a_complete_story_needs_no_tick(client, world_desk, section):
    item = ingest_bytes(ninjs(8)).items[0]
    assert item.incomplete is False
    client.force_login(world_desk)
    client.post(
        reverse("wire_basket:create_draft", args=[item.pk]),
        {"section": section("world").pk},
    )
    assert ArticlePage.objects.get().wire_item_id == item.pk


def test_an_upload_with_a_refused_item_is_no_plain_success(client, superuser):
    client.force_login(superuser)
    upload = SimpleUploadedFile("harbour.xml", FEED_WITH_A_BAD_ITEM)
    response = client.post(reverse("wire_basket:upload"), {"files": [upload]})
    (message,) = get_messages(response.wsgi_request)
    assert message.level == constants.WARNING
    assert "accepted, 2 item(s)" in str(message.message)
    assert "2 stories, 1 refused: item 2: " in unescape(str(message.message))
