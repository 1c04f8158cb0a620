"""API keys: 401 without or with a wrong key, 403 for a key switched off, 429
with Retry-After over the limit; kept as a hash; made by `masthead api-key` or
in the admin by chief editors and administrators, and shown once."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import CommandError, call_command

from masthead.api.readapi import keys
from masthead.api.readapi.keys import create_api_key, digest
from masthead.api.readapi.models import APIKey
from masthead.newsroom.factories import SourceFactory
from masthead.newsroom.roles import ADMINISTRATORS, CHIEF_EDITORS

pytestmark = pytest.mark.django_db

ITEMS = "/api/v1/items"
ADMIN_KEYS = "/admin/api_keys/"


def get(client, key, path=ITEMS):
    headers = {"Authorization": f"Bearer {key}"} if key is not None else {}
    return client.get(path, headers=headers)


def assert_error(response, status, code):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["status"] == status and error["code"] == code
    assert error["message"]
    assert "private" in response["Cache-Control"]
    return error


def test_missing_or_wrong_keys_get_401_with_a_challenge(client):
    _, key = create_api_key("Partner")
    response = get(client, None)
    assert_error(response, 401, "missing_key")
    assert response["WWW-Authenticate"].startswith("Bearer")
    for wrong in (key[:-1], key + "x", "x" * 5000, f"Basic {key}"):
        response = client.get(ITEMS, headers={"Authorization": f"Bearer {wrong}"})
        assert_error(response, 401, "invalid_key")
        assert 'error="invalid_token"' in response["WWW-Authenticate"]
    # Another scheme is no key at all.
    response = client.get(ITEMS, headers={"Authorization": f"Token {key}"})
    assert_error(response, 401, "missing_key")
    assert get(client, key).status_code == 200


def test_only_a_hash_of_the_key_is_kept(client):
    row, key = create_api_key("Partner")
    row.refresh_from_db()
    assert row.key_sha256 == digest(key) != key
    assert key.startswith(row.prefix) and len(row.prefix) < len(key) // 3
    stored = [str(v) for v in APIKey.objects.values_list().get()]
    assert key not in stored


def test_a_key_switched_off_gets_403(client):
    row, key = create_api_key("Partner")
    row.active = False
    row.save()
    assert_error(get(client, key), 403, "key_disabled")


def test_over_the_limit_gets_429_with_retry_after(client):
    _, key = create_api_key("Partner", rate_limit=3)
    for remaining in (2, 1, 0):
        response = get(client, key)
        assert response.status_code == 200
        assert response["RateLimit-Limit"] == "3"
        assert response["RateLimit-Remaining"] == str(remaining)
    response = get(client, key)
    assert_error(response, 429, "rate_limited")
    retry = int(response["Retry-After"])
    assert 1 <= retry <= keys.RATE_WINDOW_SECONDS
    # Each key has its own count.
    _, other = create_api_key("Other partner", rate_limit=3)
    assert get(client, other).status_code == 200


def test_the_limit_resets_with_the_next_minute():
    row, _ = create_api_key("Partner", rate_limit=1)
    start = 1_000_000 * keys.RATE_WINDOW_SECONDS + 50
    assert not keys.spend(row, now=start).exceeded
    late = keys.spend(row, now=start + 5)
    assert late.exceeded and late.reset_seconds == 5
    assert not keys.spend(row, now=start + 10).exceeded


def test_methods_other_than_get_are_refused(client):
    _, key = create_api_key("Partner")
    response = client.post(ITEMS, headers={"Authorization": f"Bearer {key}"})
    assert_error(response, 405, "method_not_allowed")
    assert response["Allow"] == "GET, HEAD"


def test_the_command_prints_the_key_once_and_keeps_its_hash(client):
    SourceFactory(name="Xinhua", slug="xinhua")
    out, err = StringIO(), StringIO()
    call_command(
        "api_key",
        "Harbour Times",
        "--source",
        "xinhua",
        "--rate-limit",
        "120",
        stdout=out,
        stderr=err,
    )
    key = out.getvalue().strip()
    assert re.fullmatch(r"mh_[A-Za-z0-9_-]{43}", key)
    assert "shown once" in err.getvalue() and key not in err.getvalue()
    row = APIKey.objects.get(name="Harbour Times")
    assert row.key_sha256 == digest(key) and row.rate_limit == 120
    assert [s.slug for s in row.sources.all()] == ["xinhua"]
    assert get(client, key).status_code == 200

    with pytest.raises(CommandError, match="unknown source nope; known: xinhua"):
        call_command("api_key", "X", "--source", "nope", stdout=out, stderr=err)
    with pytest.raises(CommandError, match="needs a name"):
        call_command("api_key", "  ", stdout=out, stderr=err)
    with pytest.raises(CommandError, match="greater than or equal to 1"):
        call_command("api_key", "X", "--rate-limit", "0", stdout=out, stderr=err)


def _member(name: str, group: str | None) -> User:
    user = User.objects.create_user(name, password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


@pytest.mark.parametrize("group", [CHIEF_EDITORS, ADMINISTRATORS])
def test_chiefs_and_administrators_make_keys_in_the_admin_shown_once(client, group):
    xinhua = SourceFactory(name="Xinhua", slug="xinhua")
    client.force_login(_member("lead", group))
    assert client.get(ADMIN_KEYS).status_code == 200
    response = client.post(
        f"{ADMIN_KEYS}new/",
        {
            "name": "Harbour Times",
            "active": "on",
            "rate_limit": "30",
            "sources": [xinhua.pk],
        },
    )
    assert response.status_code == 200, response.content[:2000]
    html = response.content.decode()
    key = re.search(r'value="(mh_[^"]+)"', html).group(1)
    assert "no-store" in response["Cache-Control"]
    row = APIKey.objects.get()
    assert row.key_sha256 == digest(key) and row.created_by.username == "lead"
    assert get(client, key).status_code == 200
    # Never again: not on the list, not on the edit page.
    for page in (ADMIN_KEYS, f"{ADMIN_KEYS}edit/{row.pk}/"):
        shown = client.get(page)
        assert shown.status_code == 200 and key not in shown.content.decode()
        assert row.prefix in shown.content.decode() or "edit" in page


def test_other_staff_cannot_see_or_make_keys(client):
    client.force_login(_member("reporter", "World reporters"))
    assert client.get(ADMIN_KEYS).status_code in (302, 403)
    response = client.post(f"{ADMIN_KEYS}new/", {"name": "Sneaky", "rate_limit": "30"})
    assert response.status_code in (302, 403)
    assert not APIKey.objects.exists()


def test_a_cache_outage_lets_partners_through(client, monkeypatch):
    from redis.exceptions import ConnectionError as RedisConnectionError

    _, key = create_api_key("Partner", rate_limit=1)

    def down(*args, **kwargs):
        raise RedisConnectionError("cache down")

    monkeypatch.setattr(keys.cache, "add", down)
    for _ in range(3):
        assert get(client, key).status_code == 200
