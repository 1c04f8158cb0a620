"""A big newsroom: PostgreSQL, Redis, workers, object storage, a CDN.

Every value that matters must come from the environment; a missing or unsafe one
stops the process at start-up instead of running half-configured.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from masthead.core.public_urls import check_public_url

from .base import *  # noqa: F403
from .object_storage import media_origins


def _require(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(
            f"Set {name} in the environment (see deploy/env.example)."
        )
    return value


# Values that were published, so are no secret: the old deploy/env.example line,
# and the shapes of placeholder text.
PUBLISHED_SECRET_KEYS = {
    "change-me-to-at-least-fifty-random-characters-xxxxxxxxxxxxxxxx",
}
PLACEHOLDER_WORDS = ("change-me", "changeme", "replace-me", "example", "secret-key")
MIN_SECRET_KEY_LENGTH = 50
# secrets.token_urlsafe(50) gives about 45 distinct characters; a typed phrase
# or a repeated character gives few.
MIN_SECRET_KEY_DISTINCT = 20


def check_secret_key(key: str) -> str:
    lowered = key.lower()
    if key in PUBLISHED_SECRET_KEYS or any(w in lowered for w in PLACEHOLDER_WORDS):
        raise ImproperlyConfigured(
            "SECRET_KEY is a placeholder (the one in deploy/env.example is public). "
            'Make one: python3 -c "import secrets; print(secrets.token_urlsafe(50))"'
        )
    if key.startswith("django-insecure-"):
        raise ImproperlyConfigured(
            "SECRET_KEY is a development key (django-insecure-)."
        )
    if len(key) < MIN_SECRET_KEY_LENGTH:
        raise ImproperlyConfigured(
            f"SECRET_KEY must be at least {MIN_SECRET_KEY_LENGTH} characters."
        )
    if len(set(key)) < MIN_SECRET_KEY_DISTINCT:
        raise ImproperlyConfigured(
            f"SECRET_KEY is too weak: {len(set(key))} distinct characters, "
            f"at least {MIN_SECRET_KEY_DISTINCT} needed (use random output)."
        )
    return key


def check_allowed_hosts(value: str) -> list[str]:
    hosts = [h.strip() for h in value.split(",") if h.strip()]
    wild = [h for h in hosts if "*" in h]
    if wild:
        # '*' lets any Host header through: poisoned absolute links and
        # password-reset mails, and one site-cache entry per made-up host.
        raise ImproperlyConfigured(
            f"ALLOWED_HOSTS must name the site's hosts, not {', '.join(wild)!s} "
            "(a leading dot, '.example.com', allows its subdomains)."
        )
    if not hosts:
        raise ImproperlyConfigured("ALLOWED_HOSTS names no host.")
    return hosts


DEBUG = False
SECRET_KEY = check_secret_key(_require("SECRET_KEY"))
ALLOWED_HOSTS = check_allowed_hosts(_require("ALLOWED_HOSTS"))
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
    # base.py has put media in the bucket (settings/object_storage.py). Readers
    # fetch them from its address or AWS_S3_CUSTOM_DOMAIN: on this https site
    # an http one is mixed content, which browsers refuse to show.
    _plain = [o for o in media_origins() if not o.startswith("https://")]
    if _plain:
        raise ImproperlyConfigured(
            f"Media would be served from {', '.join(_plain)}: use https "
            "(AWS_S3_ENDPOINT_URL, or AWS_S3_CUSTOM_DOMAIN with AWS_S3_URL_PROTOCOL)."
        )

if os.environ.get("OPENSEARCH_URL"):
    # Said loudly: an operator who set it would otherwise believe search ran there.
    raise ImproperlyConfigured(
        "OPENSEARCH_URL is not supported: search uses Wagtail's database backend "
        "(docs/decisions/0007-no-opensearch-backend.md). Remove it from the environment."
    )

if os.environ.get("CDN_PURGE_URL"):
    # Any HTTP purge endpoint (Varnish, nginx cache_purge, Fastly-like) speaks this.
    WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["CDN_PURGE_URL"],
        }
    }

# Mail is queued as tasks and sent by the worker, retried while SMTP is down
# (masthead/core/outbox.py); Wagtail alone would drop it.
EMAIL_BACKEND = "masthead.core.outbox.QueuedEmailBackend"
MASTHEAD_MAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))

# Only the test suite may fetch from private addresses (its servers are local).
MASTHEAD_WIRE_FETCH_ALLOW_PRIVATE = False
