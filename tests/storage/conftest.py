"""A local S3-compatible store for the storage tests: moto's server mode.

One server for the session on a free loopback port, one fresh bucket per test.
`bucket` points media storage (and the Content-Security-Policy) at it through
the same functions the settings use (masthead/settings/object_storage.py),
from the same environment variables an operator sets; the variables are also
in os.environ, for a `masthead` process a test may start.

moto is imported at module level: without it these tests fail at collection,
they never skip.
"""

from __future__ import annotations

import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass

import boto3
import pytest
from botocore.exceptions import ClientError
from moto.server import ThreadedMotoServer

from masthead.settings.object_storage import (
    allow_media_origins,
    bucket_storage,
    media_origins,
)
from tests.epaper.conftest import (  # noqa: F401 - fixtures, known by name
    day_news,
    quiet_tasks,
)
from tests.newsroom.media.conftest import (  # noqa: F401 - fixtures, known by name
    video_files,
)
from tests.servers import free_port

REGION = "us-east-1"
# moto accepts any keys; these only have to be present (without them botocore
# would also ask the cloud's metadata address, which is not loopback).
KEYS = {
    "AWS_ACCESS_KEY_ID": "masthead-test",
    "AWS_SECRET_ACCESS_KEY": "masthead-test",
    "AWS_EC2_METADATA_DISABLED": "true",
}


@dataclass
class Bucket:
    name: str
    endpoint: str
    client: object
    env: dict

    def url(self, key: str) -> str:
        return f"{self.endpoint}/{self.name}/{key}"

    def keys(self, prefix: str = "") -> set[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.name, Prefix=prefix
        )
        return {o["Key"] for page in pages for o in page.get("Contents", ())}

    def body(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def exists(self, key: str) -> bool:
        try:
            self.client.head_object(Bucket=self.name, Key=key)
        except ClientError as error:
            if error.response["ResponseMetadata"]["HTTPStatusCode"] == 404:
                return False
            raise
        return True


def fetch(url: str) -> tuple[int, bytes, str]:
    """GET `url` as a reader's browser would: no keys, no signature."""
    try:
        with urllib.request.urlopen(url, timeout=10) as reply:
            return reply.status, reply.read(), reply.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers.get("Content-Type", "")


@pytest.fixture(scope="session")
def s3_endpoint():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch) -> Bucket:
    name = f"masthead-{uuid.uuid4().hex[:12]}"
    env = {
        **KEYS,
        "AWS_STORAGE_BUCKET_NAME": name,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": REGION,
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id=KEYS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["AWS_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(Bucket=name)
    # Django drops its storage objects when STORAGES changes (setting_changed),
    # so default_storage and every FileField's storage become the bucket.
    settings.STORAGES = {**settings.STORAGES, "default": bucket_storage(env)}
    origins = media_origins(env)
    settings.MASTHEAD_CSP = allow_media_origins(settings.MASTHEAD_CSP, origins)
    settings.MASTHEAD_ADMIN_CSP = allow_media_origins(
        settings.MASTHEAD_ADMIN_CSP, origins
    )
    return Bucket(name=name, endpoint=s3_endpoint, client=client, env=env)
