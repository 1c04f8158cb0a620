"""/api/v1/openapi.json: valid OpenAPI 3.1, every route described, and the
answers the API gives match what it describes."""

from __future__ import annotations

import json
from urllib.parse import unquote

import jsonschema
import pytest
from django.urls import URLPattern, reverse
from openapi_spec_validator import validate

from masthead.api.readapi import urls as readapi_urls
from masthead.newsroom.factories import ArticleFactory

from .readapi_support import api_fixture, api_key_fixture  # noqa: F401 - fixtures, known by name

pytestmark = pytest.mark.django_db

BASE = "/api/v1"


@pytest.fixture
def spec(client):
    response = client.get(f"{BASE}/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def described_path(pattern: URLPattern) -> str:
    """The OpenAPI path of a route: reversed with each argument as {name}."""
    names = list(pattern.pattern.regex.groupindex)
    url = unquote(reverse(pattern.name, kwargs={n: f"{{{n}}}" for n in names}))
    assert url.startswith(BASE), url
    return url[len(BASE) :] or "/"


def schema_validator(spec, name):
    return jsonschema.Draft202012Validator(
        {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}
    )


def test_the_description_is_valid_openapi_3_1(spec):
    validate(spec)
    assert spec["openapi"].startswith("3.1")
    assert spec["servers"] == [{"url": "http://testserver/api/v1"}]


def test_every_route_is_described(spec):
    routes = {described_path(p) for p in readapi_urls.urlpatterns}
    assert routes == set(spec["paths"])
    for path, operations in spec["paths"].items():
        assert set(operations) == {"get"}, path


def test_answers_match_the_description(spec, api, api_key, client, section):
    world = section("world")
    for n in range(3):
        ArticleFactory(parent=world, title=f"Story {n}")
    listing = api(f"{BASE}/items", limit="2")
    responses = spec["paths"]["/items"]["get"]["responses"]
    assert str(listing.status_code) in responses
    schema_validator(spec, "ItemList").validate(listing.json())
    guid = listing.json()["items"][0]["uri"]
    one = api(f"{BASE}/items/{guid}")
    schema_validator(spec, "Ninjs").validate(one.json())

    documented = {
        (f"{BASE}/items", 401): client.get(f"{BASE}/items"),
        (f"{BASE}/items", 400): api(f"{BASE}/items", limit="0"),
        (f"{BASE}/items/{{guid}}", 404): api(f"{BASE}/items/nope"),
    }
    for (path, status), response in documented.items():
        operation = spec["paths"][path[len(BASE) :]]["get"]
        assert str(status) in operation["responses"], (path, status)
        assert response.status_code == status
        schema_validator(spec, "Error").validate(response.json())

    index = client.get(f"{BASE}/")
    assert index.status_code == 200
    assert index.json()["openapi"] == "http://testserver/api/v1/openapi.json"
    assert index.json()["items"] == "http://testserver/api/v1/items"


def test_listing_parameters_are_described_with_their_limits(spec):
    params = {p["name"]: p for p in spec["paths"]["/items"]["get"]["parameters"]}
    assert set(params) == {"section", "region", "since", "until", "limit", "cursor"}
    assert params["limit"]["schema"]["maximum"] == 100
    assert spec["components"]["securitySchemes"]["apiKey"]["scheme"] == "bearer"
    assert (
        "Retry-After" in spec["paths"]["/items"]["get"]["responses"]["429"]["headers"]
    )
