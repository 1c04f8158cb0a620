"""The desk's actions: create draft, upload, parse again; and who may do what."""

from datetime import UTC, datetime

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from masthead.newsroom.models import ArticlePage
from masthead.wire import services
from masthead.wire.models import Channel, RawItem, WireItem
from masthead.wire.parsers import WireRefusal

from .conftest import BROKEN, ninjs

pytestmark = pytest.mark.django_db


def draft_url(item):
    return reverse("wire_basket:create_draft", args=[item.pk])


def detail_url(item):
    return reverse("wire_basket:inspect", args=[item.pk])


def texts(response):
    return [str(m.message) for m in get_messages(response.wsgi_request)]


# --- create draft -----------------------------------------------------------


def test_create_draft_makes_an_article_and_opens_the_editor(
    client, superuser, ingest, section, xinhua
):
    item = ingest(ninjs(1, subject=[{"name": "Politics"}, {"name": "Trade"}])).items[0]
    world = section("world")
    client.force_login(superuser)
    response = client.post(draft_url(item), {"section": world.pk})

    article = ArticlePage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert any("Draft" in m and "World" in m for m in texts(response))
    assert article.live is False
    assert article.get_parent().pk == world.pk
    assert article.title == "Test story 1"
    assert article.source == xinhua
    assert article.original_byline == "Jane Roe"
    assert article.dateline == "BEIJING"
    assert article.agency_time == datetime(2025, 5, 16, 10, 0, tzinfo=UTC)
    assert set(article.tags.names()) == {"Politics", "Trade"}
    assert article.wire_item_id == item.pk
    item.refresh_from_db()
    assert item.article_id == article.pk
    # The editor opens on the new draft.
    editor = client.get(response["Location"])
    assert editor.status_code == 200


def test_create_draft_twice_is_refused_with_a_message(
    client, superuser, ingest, section
):
    item = ingest(ninjs(2)).items[0]
    client.force_login(superuser)
    client.post(draft_url(item), {"section": section("world").pk})
    response = client.post(draft_url(item), {"section": section("world").pk})
    assert response.status_code == 302
    assert response["Location"] == detail_url(item)
    assert any("already has an article" in m for m in texts(response))
    assert ArticlePage.objects.count() == 1
    # The detail page now links the article instead of offering a draft.
    item.refresh_from_db()
    html = client.get(detail_url(item)).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[item.article_id]) in html
    assert "Create draft" not in html


def test_create_draft_of_refused_item_is_refused(client, superuser, ingest, section):
    item = ingest(BROKEN).items[0]
    client.force_login(superuser)
    response = client.post(draft_url(item), {"section": section("world").pk})
    assert response["Location"] == detail_url(item)
    assert any("was refused" in m for m in texts(response))
    assert not ArticlePage.objects.exists()


def test_create_draft_is_post_only_and_needs_a_section(
    client, superuser, ingest, site_tree
):
    item = ingest(ninjs(3)).items[0]
    client.force_login(superuser)
    assert client.get(draft_url(item)).status_code == 405
    response = client.post(draft_url(item), {})
    assert response["Location"] == detail_url(item)
    assert any("Choose a section" in m for m in texts(response))
    assert not ArticlePage.objects.exists()


def test_create_draft_needs_a_csrf_token(superuser, ingest, section):
    from django.test import Client

    item = ingest(ninjs(4)).items[0]
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)
    response = client.post(draft_url(item), {"section": section("world").pk})
    assert response.status_code == 403
    assert not ArticlePage.objects.exists()


def test_sections_offered_are_those_the_user_may_add_to(
    client, world_desk, ingest, section
):
    item = ingest(ninjs(5)).items[0]
    client.force_login(world_desk)
    response = client.get(detail_url(item))
    choices = list(response.context["draft_form"].fields["section"].queryset)
    assert choices == [section("world")]
    # Posting another section is refused, nothing is made.
    response = client.post(draft_url(item), {"section": section("opinion").pk})
    assert response["Location"] == detail_url(item)
    assert not ArticlePage.objects.exists()
    response = client.post(draft_url(item), {"section": section("world").pk})
    assert ArticlePage.objects.get().get_parent().pk == section("world").pk


# --- upload -----------------------------------------------------------------


def test_upload_stores_each_file_and_reports_per_file(client, superuser, db):
    client.force_login(superuser)
    files = [
        SimpleUploadedFile("good.json", ninjs(11), "application/json"),
        SimpleUploadedFile("bad.json", BROKEN, "application/json"),
        SimpleUploadedFile("empty.json", b"", "application/json"),
    ]
    response = client.post(reverse("wire_basket:upload"), {"files": files})
    assert response.status_code == 302
    assert response["Location"] == reverse("wire_basket:index")
    messages = texts(response)
    assert len(messages) == 3
    assert any(
        m.startswith("good.json: accepted") and "Test story 11" in m for m in messages
    )
    assert any(
        m.startswith("bad.json: refused") and "invalid JSON" in m for m in messages
    )
    assert any(m.startswith("empty.json: not stored") for m in messages)

    good = WireItem.objects.get(status=WireItem.Status.OK)
    assert good.headline == "Test story 11"
    assert good.raw.channel == Channel.UPLOAD
    assert good.raw.origin == "good.json"
    bad = WireItem.objects.get(status=WireItem.Status.REJECTED)
    assert bad.raw.origin == "bad.json"
    assert bad.raw.read() == BROKEN

    # The same file again is a no-op with a clear message.
    response = client.post(
        reverse("wire_basket:upload"),
        {"files": [SimpleUploadedFile("again.json", ninjs(11))]},
    )
    assert any(
        m.startswith("again.json: nothing new, identical file") for m in texts(response)
    )
    assert WireItem.objects.count() == 2


def test_upload_over_the_size_cap_is_not_stored(client, superuser, db, monkeypatch):
    from masthead.wire import admin_views

    monkeypatch.setattr(admin_views, "MAX_UPLOAD_BYTES", 100)
    client.force_login(superuser)
    response = client.post(
        reverse("wire_basket:upload"),
        {
            "files": [
                SimpleUploadedFile("huge.json", b" " * 200 + ninjs(12)),
                SimpleUploadedFile("small.json", b"x" * 50),
            ]
        },
    )
    messages = texts(response)
    assert any(m.startswith("huge.json: not stored") and "limit" in m for m in messages)
    assert RawItem.objects.get().origin == "small.json"


def test_upload_form_renders_and_requires_files(client, superuser, db):
    client.force_login(superuser)
    response = client.get(reverse("wire_basket:upload"))
    assert response.status_code == 200
    assert 'type="file"' in response.content.decode()
    assert "multiple" in response.content.decode()
    response = client.post(reverse("wire_basket:upload"), {})
    assert response.status_code == 200
    assert "Choose at least one file" in response.content.decode()


# --- parse again ------------------------------------------------------------


def test_parse_again_lets_a_fixed_parser_accept_a_refused_file(
    client, superuser, ingest, monkeypatch
):
    def buggy_parse(data):
        raise WireRefusal("ninjs: parser bug")

    with monkeypatch.context() as patch:
        patch.setattr(services, "parse", buggy_parse)
        refused = ingest(ninjs(21)).items[0]
    assert refused.status == WireItem.Status.REJECTED
    client.force_login(superuser)
    response = client.post(reverse("wire_basket:reparse", args=[refused.raw_id]))

    item = WireItem.objects.get()  # the refusal row is replaced by the story
    assert item.status == WireItem.Status.OK
    assert item.raw_id == refused.raw_id
    assert item.headline == "Test story 21"
    assert response["Location"] == detail_url(item)
    assert any("1 new item" in m for m in texts(response))


def test_parse_again_of_a_still_refused_file_keeps_one_refusal(
    client, superuser, ingest
):
    refused = ingest(BROKEN).items[0]
    client.force_login(superuser)
    response = client.post(reverse("wire_basket:reparse", args=[refused.raw_id]))
    item = WireItem.objects.get()
    assert item.status == WireItem.Status.REJECTED
    assert response["Location"] == detail_url(item)
    assert any("still refused" in m for m in texts(response))
    assert RawItem.objects.count() == 1


def test_parse_again_of_an_accepted_file_changes_nothing(client, superuser, ingest):
    item = ingest(ninjs(22)).items[0]
    client.force_login(superuser)
    response = client.post(reverse("wire_basket:reparse", args=[item.raw_id]))
    assert list(WireItem.objects.all()) == [item]
    assert response["Location"] == detail_url(item)
    assert any("nothing new" in m for m in texts(response))
    assert (
        client.get(reverse("wire_basket:reparse", args=[item.raw_id])).status_code
        == 405
    )


# --- permissions ------------------------------------------------------------


def _denied(response):
    # Wagtail answers a PermissionDenied in the admin with a redirect home
    # (and a plain 403 to XHR); either way nothing is shown.
    return response.status_code == 403 or (
        response.status_code == 302
        and response["Location"] in (reverse("wagtailadmin_home"),)
    )


def test_anonymous_is_sent_to_login(client, ingest):
    item = ingest(ninjs(31)).items[0]
    for url in (
        reverse("wire_basket:index"),
        detail_url(item),
        reverse("wire_basket:raw", args=[item.raw_id]),
        reverse("wire_basket:upload"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("wagtailadmin_login") in response["Location"]


def test_user_without_wire_permissions_is_refused(client, outsider, ingest, section):
    item = ingest(ninjs(32)).items[0]
    client.force_login(outsider)
    for url in (
        reverse("wire_basket:index"),
        reverse("wire_basket:index_results"),
        detail_url(item),
        reverse("wire_basket:raw", args=[item.raw_id]),
        reverse("wire_basket:upload"),
    ):
        assert _denied(client.get(url)), url
    assert _denied(client.post(draft_url(item), {"section": section("world").pk}))
    assert _denied(client.post(reverse("wire_basket:reparse", args=[item.raw_id])))
    xhr = client.get(
        reverse("wire_basket:index"), headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert xhr.status_code == 403
    assert not ArticlePage.objects.exists()


def test_view_only_user_can_look_but_not_act(client, reader, ingest, section):
    item = ingest(ninjs(33)).items[0]
    client.force_login(reader)
    index = client.get(reverse("wire_basket:index"))
    assert index.status_code == 200
    assert reverse("wire_basket:upload") not in index.content.decode()
    detail = client.get(detail_url(item))
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "Create draft" not in html and "Parse again" not in html
    assert client.get(reverse("wire_basket:raw", args=[item.raw_id])).status_code == 200

    assert _denied(client.get(reverse("wire_basket:upload")))
    upload = client.post(
        reverse("wire_basket:upload"),
        {"files": [SimpleUploadedFile("x.json", ninjs(34))]},
    )
    assert _denied(upload)
    assert _denied(client.post(draft_url(item), {"section": section("world").pk}))
    assert _denied(client.post(reverse("wire_basket:reparse", args=[item.raw_id])))
    assert not ArticlePage.objects.exists()
    assert WireItem.objects.count() == 1


def test_uploader_permission(client, db):
    from .conftest import make_user

    uploader = make_user("uploader", "wire.view_wireitem", "wire.add_wireitem")
    client.force_login(uploader)
    assert (
        reverse("wire_basket:upload")
        in client.get(reverse("wire_basket:index")).content.decode()
    )
    client.post(
        reverse("wire_basket:upload"),
        {"files": [SimpleUploadedFile("u.json", ninjs(35))]},
    )
    assert WireItem.objects.get().headline == "Test story 35"


def test_upload_messages_escape_names_and_headlines(client, superuser, db):
    client.force_login(superuser)
    response = client.post(
        reverse("wire_basket:upload"),
        {
            "files": [
                SimpleUploadedFile(
                    "<img src=x onerror=alert(1)>.json",
                    ninjs(40, headline="<b>Bold</b> & <i>brave</i>"),
                )
            ]
        },
    )
    page = client.get(response["Location"]).content.decode()
    assert "<img src=x onerror" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;.json" in page


def test_parse_again_survives_a_parser_crash(client, superuser, ingest, monkeypatch):
    refused = ingest(BROKEN).items[0]

    def crashing_parse(data):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "parse", crashing_parse)
    monkeypatch.setattr(services, "detect_format", lambda data: "ninjs")
    client.force_login(superuser)
    response = client.post(reverse("wire_basket:reparse", args=[refused.raw_id]))
    assert response["Location"] == detail_url(refused)
    assert any("parser crashed" in m for m in texts(response))
    assert list(WireItem.objects.all()) == [refused]  # nothing changed
