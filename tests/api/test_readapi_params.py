"""Bad input to the read API: malformed, huge, repeated, unknown or
out-of-range parameters get a 400 naming the parameter, before any listing
query runs; forged cursors too."""

from __future__ import annotations

import pytest
from django.core import signing

from masthead.api.readapi.params import CURSOR_SALT
from masthead.newsroom.factories import ArticleFactory

from .readapi_support import api_fixture, api_key_fixture  # noqa: F401 - fixtures, known by name

pytestmark = pytest.mark.django_db

ITEMS = "/api/v1/items"

BAD = [
    ({"limit": "0"}, "limit", "from 1 to 100"),
    ({"limit": "101"}, "limit", "from 1 to 100"),
    ({"limit": "-1"}, "limit", "whole number"),
    ({"limit": "ten"}, "limit", "whole number"),
    ({"limit": "9" * 400}, "limit", "longer than 200"),
    ({"since": "yesterday"}, "since", "ISO 8601"),
    ({"since": "2025-05-16T08:30:00"}, "since", "with a zone"),
    ({"since": "2025-13-01"}, "since", "ISO 8601"),
    ({"until": "0001-01-01T00:00:00+14:00"}, "until", "between 1900 and 3000"),
    ({"until": "9999-12-31T23:59:59-14:00"}, "until", "between 1900 and 3000"),
    ({"since": "2025-05-17", "until": "2025-05-16"}, "since", "earlier than until"),
    ({"section": "News World"}, "section", "slug"),
    ({"section": "nowhere"}, "section", "no section 'nowhere'"),
    ({"region": "atlantis"}, "region", "no region 'atlantis'"),
    ({"region": "<script>"}, "region", "slug"),
    ({"sectoin": "world"}, "sectoin", "unknown parameter 'sectoin'"),
    ({"section": ""}, "section", "empty"),
    ({"cursor": "abc"}, "cursor", "not one this API gave out"),
    ({"cursor": "x" * 199}, "cursor", "not one this API gave out"),
]


@pytest.mark.parametrize(("params", "parameter", "words"), BAD)
def test_bad_parameters_get_a_clear_400(api, site_tree, params, parameter, words):
    response = api(ITEMS, **params)
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == "bad_parameter"
    assert error["parameter"] == parameter
    assert words in error["message"]
    assert "private" in response["Cache-Control"]


def test_repeated_and_huge_query_strings(client, api_key, site_tree):
    auth = {"Authorization": f"Bearer {api_key}"}
    repeated = client.get(f"{ITEMS}?section=world&section=metro", headers=auth)
    assert repeated.status_code == 400
    assert "given 2 times" in repeated.json()["error"]["message"]
    huge = client.get(f"{ITEMS}?section={'a' * 5000}", headers=auth)
    assert huge.status_code == 400
    assert "query string is longer" in huge.json()["error"]["message"]
    many = client.get(
        ITEMS + "?" + "&".join(f"p{n}=1" for n in range(400)), headers=auth
    )
    assert many.status_code == 400


def test_one_item_takes_no_parameters_and_unknown_guids_are_404(api, site_tree):
    for guid in ("nope", "tag:elsewhere.example,2025:article:1", "x" * 300):
        response = api(f"{ITEMS}/{guid}")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    response = api(f"{ITEMS}/nope", fields="all")
    assert response.status_code == 400


def test_a_cursor_signed_elsewhere_or_for_other_filters_is_refused(api, section):
    world = section("world")
    for n in range(3):
        ArticleFactory(parent=world, title=f"Story {n}")
    first = api(ITEMS, limit="1", section="world").json()
    assert first["cursor"]
    other = api(ITEMS, limit="1", section="metro", cursor=first["cursor"])
    assert other.status_code == 400
    assert "other filters" in other.json()["error"]["message"]
    # Same filters with another page size is the same listing.
    assert (
        api(ITEMS, limit="2", section="world", cursor=first["cursor"]).status_code
        == 200
    )
    forged = signing.Signer(salt="another.salt").sign_object(
        ["x", "2025-01-01T00:00:00+00:00", 1]
    )
    assert api(ITEMS, cursor=forged).status_code == 400
    wrong_shape = signing.Signer(salt=CURSOR_SALT).sign_object({"a": 1})
    assert api(ITEMS, cursor=wrong_shape).status_code == 400
