"""A big newsroom: PostgreSQL, Redis, workers, object storage, a CDN.

Every value that matters must come from the environment; a missing or unsafe one
stops the process at start-up instead of running half-configured.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from masthead.core.public_urls import check_public_url

from .base import *  # noqa: F403


def _require(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(
            f"Set {name} in the environment (see deploy/env.example)."
        )
    return value


DEBUG = False
SECRET_KEY = _require("SECRET_KEY")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters.")
ALLOWED_HOSTS = [h.strip() for h in _require("ALLOWED_HOSTS").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS]
_require("DATABASE_URL")
_require("REDIS_URL")
WAGTAILADMIN_BASE_URL = _require("MASTHEAD_BASE_URL")
# Behind nginx and a CDN the request's host is not the readers' address, and
# cached pages must not carry whichever host first asked for them.
MASTHEAD_PUBLIC_URL = check_public_url(
    os.environ.get("MASTHEAD_PUBLIC_URL") or WAGTAILADMIN_BASE_URL
)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES = {
        "default": {"BACKEND": "storages.backends.s3.S3Storage"},
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
        },
    }

if os.environ.get("OPENSEARCH_URL"):
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [os.environ["OPENSEARCH_URL"]],
            "INDEX": "masthead",
        }
    }

if os.environ.get("CDN_PURGE_URL"):
    # Any HTTP purge endpoint (Varnish, nginx cache_purge, Fastly-like) speaks this.
    WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["CDN_PURGE_URL"],
        }
    }

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))

# Only the test suite may fetch from private addresses (its servers are local).
MASTHEAD_WIRE_FETCH_ALLOW_PRIVATE = False
