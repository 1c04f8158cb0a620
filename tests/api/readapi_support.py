"""What the read API's tests share: IPTC's ninjs schemas read in place from
../shared (never copied into the repo), a key, and a client that sends it."""

from __future__ import annotations

import json
import re
from datetime import datetime
from functools import cache
from io import BytesIO
from urllib.parse import urlsplit

import jsonschema
import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage

from tests.wire.conformance.samples import shared_samples

# Checked here, not left to optional packages: without rfc3987 jsonschema
# would pass any string as a "uri" without a word.
FORMATS = jsonschema.FormatChecker(formats=())
URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+")
DATE_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", re.IGNORECASE
)


@FORMATS.checks("uri")
def _is_uri(value) -> bool:
    if not isinstance(value, str) or not URI.fullmatch(value):
        return False
    parts = urlsplit(value)
    return parts.scheme not in ("http", "https") or bool(parts.hostname)


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value) -> bool:
    if not isinstance(value, str) or not DATE_TIME.fullmatch(value):
        return False
    datetime.fromisoformat(value.replace("z", "Z"))
    return True


@cache
def ninjs_validators() -> dict[str, jsonschema.Draft202012Validator]:
    """One validator per ninjs 2.x schema IPTC publishes, by version; skips (or,
    under MASTHEAD_REQUIRE_SHARED=1, fails) without ../shared."""
    folder = shared_samples() / "newsinjson" / "specification"
    validators = {}
    for path in sorted(folder.glob("ninjs-schema_2.*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        version = path.stem.removeprefix("ninjs-schema_")
        validators[version] = jsonschema.Draft202012Validator(
            schema, format_checker=FORMATS
        )
    assert validators, f"no ninjs 2.x schema in {folder}"
    return validators


def assert_valid_ninjs(document: dict) -> None:
    validators = ninjs_validators()
    for version, validator in validators.items():
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
        assert not errors, f"not valid ninjs {version}: " + "; ".join(
            f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors[:5]
        )


@pytest.fixture(name="api_key")
def api_key_fixture(db):
    from masthead.api.readapi.keys import create_api_key

    _, key = create_api_key("Test partner", rate_limit=1000)
    return key


@pytest.fixture(name="api")
def api_fixture(client, api_key):
    """GET with the key: api("/api/v1/items", since="2025-01-01")."""

    def get(path, key=api_key, **params):
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return client.get(path, params, headers=headers)

    return get


@pytest.fixture(name="no_renditions")
def no_renditions_fixture(settings):
    """Pictures without renditions (their task is only recorded): many
    pictures cost no encoding time, and the API must cope with none made."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "wire", "media"],
        }
    }


def picture(title="Harbour at dawn", width=320, height=180, **fields):
    """A saved NewsImage. Its renditions are made by the immediate task
    backend of the test settings, as the worker would."""
    from masthead.newsroom.models import NewsImage

    fields.setdefault("alt_text", f"Photo: {title}")
    image = NewsImage(title=title, **fields)
    out = BytesIO()
    PILImage.new("RGB", (width, height), (30, 90, 160)).save(out, "JPEG")
    image.file = ImageFile(BytesIO(out.getvalue()), name="picture.jpg")
    image._set_image_file_metadata()
    image.save()
    return image
