"""POST /wire/push/<provider>/ with a bearer token per provider."""

import hashlib
import http.client
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from masthead.wire.channels.push import create_push_token, token_is_valid
from masthead.wire.models import Channel, PushToken, RawItem, WireItem

pytestmark = pytest.mark.django_db

URL = "/wire/push/xinhua/"


def story(guid="urn:push:1", version="1", **fields) -> bytes:
    return json.dumps(
        {
            "uri": guid,
            "headline": "Pushed story",
            "body_html": "<p>Body.</p>",
            "version": version,
            "versioncreated": "2025-05-16T10:00:00Z",
            **fields,
        }
    ).encode()


@pytest.fixture
def token():
    return create_push_token("xinhua")


@pytest.fixture
def client():
    return Client(enforce_csrf_checks=True)  # token auth must not need CSRF


def post(client, data, token=None, url=URL, **extra):
    if token is not None:
        extra["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client.post(url, data=data, content_type="application/json", **extra)


def test_accepted_item_is_202_with_the_ingest_result(client, token):
    response = post(client, story(), token)
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "ok"
    assert body["format"] == "ninjs"
    assert body["guid"] == "urn:push:1"
    assert body["version"] == "1"
    assert body["headline"] == "Pushed story"
    assert set(body) == {
        "status",
        "format",
        "provider",
        "guid",
        "version",
        "headline",
        "reason",
    }
    raw = RawItem.objects.get()
    assert raw.channel == Channel.PUSH and raw.origin == "push:xinhua"
    assert raw.read() == story()
    assert (
        "no-cache" in response["Cache-Control"]
        or "no-store" in response["Cache-Control"]
    )


def test_duplicate_is_200(client, token):
    post(client, story(), token)
    response = post(client, story(), token)
    assert response.status_code == 200
    assert response.json()["status"] == "duplicate"
    # Same story, different bytes (e.g. whitespace): still a duplicate item.
    response = post(client, story() + b"\n", token)
    assert response.status_code == 200
    assert WireItem.objects.filter(status="ok").count() == 1


def test_refused_item_is_422_and_still_stored(client, token):
    response = post(client, b"\x00 not wire copy", token)
    assert response.status_code == 422
    assert response.json() == {
        "status": "rejected",
        "format": "",
        "provider": "",
        "guid": "",
        "version": "",
        "headline": "",
        "reason": "unknown format",
    }
    raw = RawItem.objects.get()
    assert raw.read() == b"\x00 not wire copy"
    assert raw.items.get().reason == "unknown format"


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Bearer",
        "Bearer ",
        "Bearer wrong-token",
        "Basic eGluaHVhOnNlY3JldA==",
        "TOKEN",  # replaced by the real token without the scheme
    ],
)
def test_missing_or_wrong_token_is_401_and_nothing_is_stored(
    client, token, authorization
):
    extra = {}
    if authorization is not None:
        extra["HTTP_AUTHORIZATION"] = (
            token if authorization == "TOKEN" else authorization
        )
    response = post(client, story(), **extra)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert RawItem.objects.count() == 0


def test_token_belongs_to_one_provider(client, token):
    create_push_token("ap")
    response = post(client, story(), token, url="/wire/push/ap/")
    assert response.status_code == 401
    assert RawItem.objects.count() == 0


def test_inactive_token_is_refused(client, token):
    PushToken.objects.update(active=False)
    assert post(client, story(), token).status_code == 401
    assert RawItem.objects.count() == 0


def test_over_the_cap_is_413_and_not_stored(client, token, settings):
    settings.MASTHEAD_WIRE_MAX_BYTES = 100
    response = post(client, b"x" * 101, token)
    assert response.status_code == 413
    assert RawItem.objects.count() == 0
    assert post(client, b"x" * 100, token).status_code == 422  # at the cap: read


def test_over_the_cap_with_a_lying_content_length(token, settings, rf):
    """The body is read up to cap + 1 bytes whatever Content-Length says."""
    from masthead.wire.channels.push import push

    settings.MASTHEAD_WIRE_MAX_BYTES = 100
    request = rf.post(
        URL,
        data=b"y" * 5000,
        content_type="text/plain",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    request.META["CONTENT_LENGTH"] = "50"  # claims to be under the cap
    read_sizes = []
    original = request.read
    request.read = lambda n=-1: read_sizes.append(n) or original(n)
    response = push(request, provider="xinhua")
    assert read_sizes == [101]
    assert response.status_code == 413
    assert RawItem.objects.count() == 0


def test_empty_body_is_400(client, token):
    response = post(client, b"", token)
    assert response.status_code == 400
    assert RawItem.objects.count() == 0


def test_get_is_not_allowed(client, token):
    response = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 405


def test_push_over_a_real_socket(live_server, settings):
    """The whole path through a real WSGI server: token, cap, store."""
    token = create_push_token("xinhua")
    settings.MASTHEAD_WIRE_MAX_BYTES = 1000
    host, port = live_server.url.removeprefix("http://").split(":")

    def send(body, auth):
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        conn.request("POST", URL, body=body, headers={"Authorization": auth})
        response = conn.getresponse()
        payload = response.read()
        conn.close()
        return response.status, payload

    assert send(story(), "Bearer nope")[0] == 401
    assert send(b"z" * 5000, f"Bearer {token}")[0] == 413
    status, payload = send(story("urn:push:live"), f"Bearer {token}")
    assert status == 202
    assert json.loads(payload)["guid"] == "urn:push:live"
    assert RawItem.objects.count() == 1


def test_tokens_are_kept_hashed():
    token = create_push_token("xinhua")
    stored = PushToken.objects.get()
    assert stored.provider == "xinhua"
    assert stored.token_sha256 == hashlib.sha256(token.encode()).hexdigest()
    assert token not in stored.token_sha256
    assert len(token) >= 40
    assert token_is_valid("xinhua", token)
    assert not token_is_valid("xinhua", token[:-1])
    assert not token_is_valid("xinhua", "")


def test_provider_must_be_a_url_slug():
    with pytest.raises(ValueError, match="slug"):
        create_push_token("Xinhua News")


def test_wire_token_command_prints_a_working_token():
    out, err = StringIO(), StringIO()
    call_command("wire_token", "xinhua", stdout=out, stderr=err)
    first = out.getvalue().strip()
    assert token_is_valid("xinhua", first)
    assert "shown once" in err.getvalue()
    out = StringIO()
    call_command("wire_token", "xinhua", "--revoke", stdout=out, stderr=StringIO())
    second = out.getvalue().strip()
    assert not token_is_valid("xinhua", first)
    assert token_is_valid("xinhua", second)
    with pytest.raises(CommandError, match="slug"):
        call_command("wire_token", "Not A Slug", stdout=StringIO(), stderr=StringIO())


# --- the token, not the bytes, says which agency is speaking -------------------


def test_stories_are_stored_under_the_tokens_provider(client, token):
    # No provider in the bytes (the parser would fall back to the uri).
    assert post(client, story("urn:push:anon"), token).status_code == 202
    assert WireItem.objects.get().provider == "Xinhua"
    # The agency's own long name is the same agency.
    body = story("urn:push:named", provider="Xinhua News Agency")
    assert post(client, body, token).status_code == 202
    assert set(WireItem.objects.values_list("provider", flat=True)) == {"Xinhua"}


def test_a_token_cannot_write_as_another_agency(client, token, section):
    from masthead.newsroom.factories import ArticleFactory

    # Xinhua's story, made into an article on the desk.
    assert post(client, story("urn:x:1", provider="Xinhua"), token).status_code == 202
    article = ArticleFactory(parent=section("world"), title="Xinhua's story")
    WireItem.objects.update(article=article)

    # AP's token files a cancel of it, naming Xinhua.
    ap_token = create_push_token("ap")
    forged = story("urn:x:1", version="2", provider="Xinhua", pubstatus="canceled")
    response = post(client, forged, ap_token, url="/wire/push/ap/")
    assert response.status_code == 403
    body = response.json()
    assert body["status"] == "rejected"
    assert body["reason"] == (
        "provider mismatch: sent with the 'ap' push token but names 'Xinhua' "
        "as its provider"
    )
    # Kept, refused and visible to the desk; nothing of Xinhua's changed.
    raw = RawItem.objects.get(origin="push:ap")
    assert raw.read() == forged
    refused = raw.items.get()
    assert refused.status == WireItem.Status.REJECTED
    assert refused.reason == body["reason"]
    assert WireItem.objects.filter(status="ok").count() == 1
    article.refresh_from_db()
    assert article.wire_flag == ""

    # The same bytes again: still refused, not a quiet "duplicate".
    again = post(client, forged, ap_token, url="/wire/push/ap/")
    assert again.status_code == 403
    assert again.json()["reason"] == body["reason"]


def test_parsing_again_keeps_the_binding(client, token):
    from masthead.wire.services import parse_raw

    ap_token = create_push_token("ap")
    post(client, story("urn:x:2", provider="Reuters"), ap_token, url="/wire/push/ap/")
    raw = RawItem.objects.get()
    result = parse_raw(raw)  # the desk's "Parse again"
    assert result.status == "rejected"
    assert result.reason.startswith("provider mismatch")


def test_other_channels_still_take_the_provider_from_the_bytes(db):
    from masthead.wire.services import ingest_bytes

    result = ingest_bytes(story("urn:file:1", provider="Reuters"), origin="in.json")
    assert result.status == "ok" and result.provider == "Reuters"


# --- chunked bodies (no Content-Length) ------------------------------------------


def wsgi_push(body: bytes, token: str, **environ) -> tuple[str, bytes]:
    """A chunked push as a WSGI server hands it to Django: the chunking undone,
    no CONTENT_LENGTH, the input ending with the body (Django's test client
    always sends a Content-Length, so the environ is built here)."""
    import io

    from django.core.handlers.wsgi import WSGIHandler
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    env = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": URL,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "HTTP_AUTHORIZATION": f"Bearer {token}",
        "HTTP_TRANSFER_ENCODING": "chunked",
        "CONTENT_TYPE": "application/json",
        "wsgi.input": io.BytesIO(body),
        "wsgi.input_terminated": True,
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
        **environ,
    }
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = status

    # As Django's test client does: a real WSGI request closes "old" connections
    # when it starts and ends, which on PostgreSQL would close the test's own
    # transaction (SQLite's in-memory test database hides this).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = WSGIHandler()(env, start_response)
        return answer["status"], b"".join(result)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_a_chunked_push_is_accepted(token):
    status, payload = wsgi_push(story("urn:push:chunked"), token)
    assert status.startswith("202"), payload
    assert json.loads(payload)["guid"] == "urn:push:chunked"
    assert RawItem.objects.get().read() == story("urn:push:chunked")


def test_a_chunked_push_over_the_cap_is_413_and_not_stored(token, settings):
    settings.MASTHEAD_WIRE_MAX_BYTES = 100
    status, payload = wsgi_push(b"c" * 101, token)
    assert status.startswith("413"), payload
    assert RawItem.objects.count() == 0
    status, _ = wsgi_push(b"c" * 100, token)  # at the cap: read and kept
    assert status.startswith("422") and RawItem.objects.count() == 1


def test_no_length_and_no_chunking_is_an_empty_body(token):
    status, payload = wsgi_push(
        story(), token, HTTP_TRANSFER_ENCODING="", **{"wsgi.input_terminated": False}
    )
    assert status.startswith("400")
    assert b"Transfer-Encoding: chunked" in payload
    assert RawItem.objects.count() == 0
