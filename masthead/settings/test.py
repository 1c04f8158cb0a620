"""Fast and predictable settings for pytest.

DATABASE_URL and REDIS_URL switch the same suite onto PostgreSQL and Redis
(`.ci/run` does this for the integration pass).
"""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, MASTHEAD_PAGE_CACHE, REDIS_URL
from .object_storage import bucket_storage

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# What the worker and the newsletter's sender deliver through: Django's outbox
# too, unless a test starts an SMTP server of its own.
MASTHEAD_MAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

_TMP = Path(os.environ.get("MASTHEAD_TEST_TMP") or tempfile.mkdtemp(prefix="masthead-"))
MEDIA_ROOT = _TMP / "media"
if not os.environ.get("DATABASE_URL"):
    # pytest-django tests in memory; this is for `manage.py` checks run with
    # these settings on a fresh clone, where var/ does not exist yet.
    DATABASES["default"]["NAME"] = str(_TMP / "check.sqlite3")
STATIC_ROOT = _TMP / "static"
MASTHEAD_MAIL_DIR = _TMP / "mail"
# The worker's folder channel must never pick up files from a real inbox.
MASTHEAD_WIRE_WATCH_DIR = _TMP / "wire-inbox"
STORAGES = {
    # A bucket when the environment names one (a `masthead` process a test
    # starts); tests/storage points single tests at one with `settings`.
    "default": bucket_storage()
    or {"BACKEND": "masthead.newsroom.media.storage.WholeFileStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if not REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "TIMEOUT": None,
        },
        "logins": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "logins",
        },
    }
MASTHEAD_PAGE_CACHE = {**MASTHEAD_PAGE_CACHE}
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "wire", "media"],
    }
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# With DATABASE_REPLICA_URL the replica alias and the router are here too, but
# public reads stay on the primary unless a test opts in (tests/scale/
# test_replica.py): a test's uncommitted rows never reach a replica, and
# committed ones only after replay.
MASTHEAD_READ_REPLICA = ""
