"""The bucket switch in the settings: the storage it names, the media origin
the Content-Security-Policy allows (checked against the URLs botocore makes),
and production's refusal of media over plain http."""

import json
import os
import subprocess
import sys
from urllib.parse import urlsplit

import pytest

from masthead.newsroom.media.bucket import BucketStorage
from masthead.settings.object_storage import (
    BUCKET_STORAGE,
    allow_media_origins,
    bucket_storage,
    media_origins,
)
from tests.resilience.test_production_settings import ROOT, check_deploy

from .conftest import KEYS

BUCKET = "masthead-media"
SETUPS = {
    "endpoint-ip": {"AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000"},
    "endpoint-host": {"AWS_S3_ENDPOINT_URL": "https://s3.example.net"},
    "endpoint-virtual": {
        "AWS_S3_ENDPOINT_URL": "https://s3.example.net",
        "AWS_S3_ADDRESSING_STYLE": "virtual",
    },
    "cdn": {
        "AWS_S3_ENDPOINT_URL": "http://minio.internal:9000",
        "AWS_S3_CUSTOM_DOMAIN": "media.example.com",
    },
    "path-domain": {
        "AWS_S3_CUSTOM_DOMAIN": f"127.0.0.1:9000/{BUCKET}",
        "AWS_S3_URL_PROTOCOL": "http:",
    },
    "aws": {"AWS_S3_REGION_NAME": "us-east-1"},
    "aws-region": {"AWS_S3_REGION_NAME": "eu-west-1"},
}


@pytest.fixture(autouse=True)
def no_credential_lookup(monkeypatch):
    # Without keys botocore asks the cloud's metadata address (169.254.169.254)
    # for some; tests reach nothing but loopback.
    for name, value in KEYS.items():
        monkeypatch.setenv(name, value)


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.mark.parametrize("setup", SETUPS.values(), ids=SETUPS.keys())
def test_the_policy_allows_the_origin_the_storage_makes_urls_on(setup):
    env = {"AWS_STORAGE_BUCKET_NAME": BUCKET, **setup}
    storage = BucketStorage(**bucket_storage(env)["OPTIONS"])
    # No request is made: public URLs are unsigned.
    url = storage.url("images/harbour.width-480.jpg")

    assert "Signature" not in url and "?" not in url
    assert url.endswith("/images/harbour.width-480.jpg")
    assert origin(url) in media_origins(env)
    policy = allow_media_origins(
        "default-src 'self'; img-src 'self' data:", [origin(url)]
    )
    assert f"img-src 'self' data: {origin(url)}" in policy


def test_no_bucket_leaves_storage_and_policy_alone():
    assert bucket_storage({}) is None
    assert media_origins({"AWS_S3_ENDPOINT_URL": "https://s3.example.net"}) == []
    policy = "default-src 'self'; img-src 'self'"
    assert allow_media_origins(policy, []) == policy


def test_a_directive_the_policy_lacks_starts_from_default_src():
    policy = allow_media_origins(
        "default-src 'self'; img-src 'self' data: blob:; object-src 'none'",
        ["https://media.example.com"],
    )
    assert policy == (
        "default-src 'self'; img-src 'self' data: blob: https://media.example.com; "
        "object-src 'none'; media-src 'self' https://media.example.com"
    )


def settings_in_a_fresh_process(module: str, **env: str) -> dict:
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps({'default': settings.STORAGES['default'], "
        "'csp': settings.MASTHEAD_CSP, 'admin_csp': settings.MASTHEAD_ADMIN_CSP}))"
    )
    outside = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**outside, "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_test_settings_switch_on_the_environment_as_base_does():
    plain = settings_in_a_fresh_process("masthead.settings.test")
    assert plain["default"]["BACKEND"].endswith("WholeFileStorage")
    assert "127.0.0.1:9000" not in plain["csp"]

    switched = settings_in_a_fresh_process(
        "masthead.settings.test",
        AWS_STORAGE_BUCKET_NAME=BUCKET,
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000",
    )
    assert switched["default"]["BACKEND"] == BUCKET_STORAGE
    assert switched["default"]["OPTIONS"]["bucket_name"] == BUCKET
    assert switched["default"]["OPTIONS"]["endpoint_url"] == "http://127.0.0.1:9000"
    assert "img-src 'self' data: http://127.0.0.1:9000;" in switched["csp"]
    assert "media-src 'self' http://127.0.0.1:9000;" in switched["csp"]
    assert "img-src 'self' data: blob: http://127.0.0.1:9000;" in switched["admin_csp"]


def test_production_refuses_media_over_plain_http():
    result = check_deploy(
        **KEYS,
        AWS_STORAGE_BUCKET_NAME=BUCKET,
        AWS_S3_ENDPOINT_URL="http://s3.internal:9000",
    )
    assert result.returncode != 0
    assert "Media would be served from http://s3.internal:9000" in result.stderr

    behind_a_cdn = check_deploy(
        **KEYS,
        AWS_STORAGE_BUCKET_NAME=BUCKET,
        AWS_S3_ENDPOINT_URL="http://s3.internal:9000",
        AWS_S3_CUSTOM_DOMAIN="media.example.com",
    )
    assert behind_a_cdn.returncode == 0, behind_a_cdn.stderr[-3000:]
