"""The `production` extra installs every package production settings can name.

A fresh process loads settings/production.py with every optional backend
switched on and imports each backend it names (storages, caches, database,
tasks, search, CDN purge, mail), then builds the caches and storages, which
import some client libraries only then. A backend whose package is not in the
extra fails here, not on a live site.
"""

import ast
import json
import os
import secrets
import subprocess
import sys
from types import SimpleNamespace

from .production_backends import failures, named_backends
from .test_production_settings import ROOT, check_deploy, example_env

PRODUCTION = ROOT / "masthead" / "settings" / "production.py"
# Each optional backend's switch in production.py, with a value that turns it on.
OPTIONAL_BACKENDS = {
    "AWS_STORAGE_BUCKET_NAME": "masthead-media",
    "CDN_PURGE_URL": "https://cdn.example.com/purge",
}
# Switches production.py refuses outright (docs/decisions/0007).
REFUSED = {"OPENSEARCH_URL"}


def switches_in_production_settings() -> set[str]:
    """Names X in every `if os.environ.get("X"):` of production.py."""
    names = set()
    for node in ast.walk(ast.parse(PRODUCTION.read_text())):
        test = getattr(node, "test", None) if isinstance(node, ast.If) else None
        if (
            isinstance(test, ast.Call)
            and ast.unparse(test.func) == "os.environ.get"
            and isinstance(test.args[0], ast.Constant)
        ):
            names.add(test.args[0].value)
    return names


def production_report() -> dict:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        **example_env(),
        **OPTIONAL_BACKENDS,
        "AWS_S3_ENDPOINT_URL": "https://s3.example.com",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": "postgres://masthead@127.0.0.1:9/masthead",  # never reached
        "REDIS_URL": "redis://127.0.0.1:9/0",
        "MASTHEAD_VAR_DIR": "/tmp/masthead-check",
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.resilience.production_backends"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def test_every_optional_backend_of_production_settings_is_switched_on_here():
    assert switches_in_production_settings() == set(OPTIONAL_BACKENDS) | REFUSED


def test_every_backend_production_settings_name_is_installed():
    report = production_report()

    assert report["failed"] == {}
    named = set(report["named"])
    assert {
        # S3Storage with the public folders' ACLs (imports django-storages).
        "masthead.newsroom.media.bucket.BucketStorage",
        "django.db.backends.postgresql",
        "django.core.cache.backends.redis.RedisCache",
        "wagtail.contrib.frontend_cache.backends.HTTPBackend",
    } <= named


def test_s3_media_goes_to_the_bucket_and_store_the_environment_names():
    report = production_report()

    assert report["bucket"] == "masthead-media"
    assert report["endpoint"] == "https://s3.example.com"


def test_a_backend_whose_package_is_missing_is_reported():
    settings = SimpleNamespace(
        STORAGES={"default": {"BACKEND": "masthead_no_such_package.Storage"}},
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
    )

    backends = named_backends(settings)

    assert set(backends) == {
        "masthead_no_such_package.Storage",
        "django.core.mail.backends.smtp.EmailBackend",
    }
    assert list(failures(backends)) == ["masthead_no_such_package.Storage"]


def test_an_opensearch_url_is_refused_not_ignored():
    result = check_deploy(OPENSEARCH_URL="https://search.internal:9200")

    assert result.returncode != 0
    assert "OPENSEARCH_URL is not supported" in result.stderr
