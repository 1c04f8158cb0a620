"""Settings shared by every way Masthead runs.

Values that differ between one box and a big newsroom come from the environment
(DATABASE_URL, REDIS_URL, MASTHEAD_VAR_DIR, ...); see docs/operations.md.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url

from .object_storage import allow_media_origins, bucket_storage, media_origins

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
# Everything the running site writes (database, media, page cache) lives here,
# so a checkout stays clean and one folder is all there is to back up.
VAR_DIR = Path(os.environ.get("MASTHEAD_VAR_DIR", BASE_DIR / "var"))

INSTALLED_APPS = [
    "masthead.core",
    "masthead.newsroom",
    "masthead.wire",
    "masthead.website",
    "masthead.readers",
    "masthead.api",
    "masthead.epaper",
    "masthead.demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    # Not "wagtail.contrib.frontend_cache": its receivers would purge each
    # published page a second time; masthead/newsroom/publishing.py purges the
    # CDN once per change with its PurgeBatch, which needs no app entry.
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
]

MIDDLEWARE = [
    "masthead.core.middleware.DatabaseUnavailableMiddleware",
    # A full disk is a 507 page saying the upload was not saved (media/storage.py).
    "masthead.newsroom.media.storage.StorageFullMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "masthead.core.middleware.SecurityHeadersMiddleware",
    "masthead.core.sites.SiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "masthead.core.middleware.CacheHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: turns a locked-out login into the 429 page (core/login_limits.py).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "masthead.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "masthead.core.context_processors.site_chrome",
            ],
        },
    },
]

WSGI_APPLICATION = "masthead.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'masthead.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        # A kept connection is checked before each request reuses it, so the
        # first request after PostgreSQL restarts reconnects instead of failing.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while the worker writes; IMMEDIATE transactions
    # stop "database is locked" on upgrade from read to write under load.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA busy_timeout=20000; PRAGMA mmap_size=268435456;"
        ),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = None
# A streaming read replica of the primary (docs/operations.md, "Read
# replica"): public reads go there, writes and whatever follows them do not
# (core/dbrouter.py). Migrations run on the primary only.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
# The alias public reads may use; "" reads everything from the primary.
MASTHEAD_READ_REPLICA = "replica" if DATABASE_REPLICA_URL else ""
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    # Tests: no test database is made on the replica (it is read-only). A
    # physical replica carries every database of its primary's cluster, so
    # the mirror's connection keeps the replica's host and port and takes the
    # primary's test database name (test_<name>), which streams over to it.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["masthead.core.dbrouter.ReplicaRouter"]
    # Right after the 503 page, before anything reads (sites, sessions).
    MIDDLEWARE.insert(1, "masthead.core.dbrouter.ReplicaReadsMiddleware")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "masthead.core.login_limits.LoginLimitBackend",  # refuses locked-out logins
    "django.contrib.auth.backends.ModelBackend",
]
# Login limits (django-axes; masthead/core/login_limits.py): after
# AXES_FAILURE_LIMIT failures an account, and separately an address, is locked
# out for AXES_COOLOFF_TIME, right password or not. Counted in the "logins"
# cache, which every process shares.
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_CACHE = "logins"
AXES_FAILURE_LIMIT = int(os.environ.get("MASTHEAD_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "masthead.core.login_limits.lockout_response"
AXES_CLIENT_IP_CALLABLE = "masthead.core.login_limits.client_ip"
AXES_VERBOSE = False
# axes warns about any cache but Redis/Memcached: on one box without Redis the
# file cache is what every process shares (its increments are not atomic, so
# racing failures may count once: the limit is approximate, never absent).
SILENCED_SYSTEM_CHECKS = [] if os.environ.get("REDIS_URL") else ["axes.W001"]
# Behind nginx (deploy/nginx.conf appends to X-Forwarded-For) set this to 1.
MASTHEAD_TRUSTED_PROXIES = int(os.environ.get("MASTHEAD_TRUSTED_PROXIES", "0"))

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"  # stored in UTC; readers see the zone from SiteSettings
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("MASTHEAD_STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MASTHEAD_MEDIA_ROOT", VAR_DIR / "media"))
# The folders of MEDIA_ROOT served as plain files under MEDIA_URL (images,
# their renditions, videos). Anything else, documents above all, is not.
MASTHEAD_PUBLIC_MEDIA_DIRS = ("images", "original_images", "videos", "epaper")
STORAGES = {
    # Whole files or none: a full disk leaves no truncated upload behind.
    "default": {"BACKEND": "masthead.newsroom.media.storage.WholeFileStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    },
}
# AWS_STORAGE_BUCKET_NAME (and an endpoint) put media in an S3-compatible
# bucket instead (settings/object_storage.py).
STORAGES["default"] = bucket_storage() or STORAGES["default"]

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "masthead-default",
    },
    # The page cache must be shared by every process that serves or purges
    # (web workers, `masthead worker`, `masthead db_worker`), so on one box it
    # lives in files.
    "pages": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "pagecache"),
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": 50_000},
    },
    # Login failures (django-axes): shared by every web process; never the
    # page cache, whose purge-all would forgive every lock-out.
    "logins": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "logincache"),
    },
}

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Reads that cannot reach Redis are misses, not 500s (core/resilient_cache.py);
    # the timeouts keep an unreachable Redis from holding up every request.
    REDIS_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 2}
    CACHES["default"] = {
        "BACKEND": "masthead.core.resilient_cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "masthead",
        "OPTIONS": REDIS_OPTIONS,
    }
    CACHES["logins"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "masthead-logins",
        "OPTIONS": REDIS_OPTIONS,
    }
    # Pages get a database of their own: purging everything flushes it.
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ.get(
            "REDIS_PAGES_URL", re.sub(r"(/\d+)?/?$", "/1", REDIS_URL, count=1)
        ),
        "KEY_PREFIX": "masthead-pages",
        "TIMEOUT": None,
        "OPTIONS": REDIS_OPTIONS,
    }

# Full-page cache (masthead.core.pagecache); seconds.
MASTHEAD_PAGE_CACHE = {
    "ENABLED": True,
    "CACHE_ALIAS": "pages",
    "TTL": 300,  # fresh for this long; purges make it exact, TTL only bounds drift
    "STALE_TTL": 86_400,  # kept this long to serve while re-rendering or on error
    "LOCK_SECONDS": 10,
}

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "wire", "media"],
    }
}

# Mail, from the usual EMAIL_* variables. With an EMAIL_HOST every message is
# queued as a task and the worker hands it to Django's SMTP backend, retrying
# while the server is down (masthead/core/outbox.py). Without one (the
# one-box default) each message is written to MASTHEAD_MAIL_DIR as an .eml
# file, listed in the admin under Newsletter > Outbox (core/mailfiles.py).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "").lower() in ("1", "true", "yes")
EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL", "").lower() in ("1", "true", "yes")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Masthead <newsroom@localhost>"
)
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
MASTHEAD_MAIL_DIR = Path(os.environ.get("MASTHEAD_MAIL_DIR", VAR_DIR / "mail"))
MASTHEAD_MAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "masthead.core.mailfiles.FileMailBackend"
)
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "masthead.core.outbox.QueuedEmailBackend" if EMAIL_HOST else MASTHEAD_MAIL_BACKEND
)
# The newsletter's sender; DEFAULT_FROM_EMAIL when empty.
MASTHEAD_NEWSLETTER_FROM = os.environ.get("MASTHEAD_NEWSLETTER_FROM", "")
# Web push of breaking news (masthead/readers/app/push.py): the VAPID key pair
# `masthead vapid_keys` makes (or its file in VAR_DIR when these are empty),
# and the contact push services may reach us at. No keys: no push offered.
MASTHEAD_VAPID_PRIVATE_KEY = os.environ.get("MASTHEAD_VAPID_PRIVATE_KEY", "")
MASTHEAD_VAPID_PUBLIC_KEY = os.environ.get("MASTHEAD_VAPID_PUBLIC_KEY", "")
MASTHEAD_VAPID_SUBJECT = os.environ.get("MASTHEAD_VAPID_SUBJECT", "")

WAGTAIL_SITE_NAME = "Masthead"
WAGTAILADMIN_BASE_URL = os.environ.get("MASTHEAD_BASE_URL", "http://127.0.0.1:8000")
# The readers' address for canonical links, the sitemap and CDN purges
# (masthead/core/public_urls.py); empty: each request's own host and port.
MASTHEAD_PUBLIC_URL = os.environ.get("MASTHEAD_PUBLIC_URL", "")

# The hour (0-23, in the site's time zone) after which the worker builds the
# day's PDF edition (masthead/epaper).
MASTHEAD_EDITION_HOUR = int(os.environ.get("MASTHEAD_EDITION_HOUR", "22"))
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx", "zip"]
# Documents go out only through Wagtail's view, which checks the collection's
# privacy and adds nosniff and a CSP; never as plain files or a storage redirect.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "avif", "webp": "webp"}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The CSP allows no third-party images: Wagtail shows its local default avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The whole newsroom works on the site's clock (SiteSettings.time_zone, applied
# by masthead.newsroom.admin_time): no per-user zone, 24-hour formats.
WAGTAIL_USER_TIME_ZONES = []
FORMAT_MODULE_PATH = "masthead.newsroom.formats"
WAGTAIL_I18N_ENABLED = False
WAGTAILFRONTENDCACHE = {}  # a CDN backend is configured in production.py

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# Pages carry no inline script and no third-party requests, so the policy can
# be strict; the admin needs inline styles and scripts and gets its own.
MASTHEAD_CSP = (
    "default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self'; "
    "script-src 'self'; object-src 'none'; base-uri 'self'; "
    "frame-ancestors 'none'; form-action 'self'"
)
MASTHEAD_ADMIN_CSP = (
    "default-src 'self'; img-src 'self' data: blob:; "
    "style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'self'"
)
# Media from a bucket or its CDN come from another origin.
MASTHEAD_CSP = allow_media_origins(MASTHEAD_CSP, media_origins())
MASTHEAD_ADMIN_CSP = allow_media_origins(MASTHEAD_ADMIN_CSP, media_origins())

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"masthead": {"level": os.environ.get("MASTHEAD_LOG_LEVEL", "INFO")}},
}
WAGTAILIMAGES_IMAGE_MODEL = "newsroom.NewsImage"
# Refuses damaged files and non-image content by decoding them at upload.
WAGTAILIMAGES_IMAGE_FORM_BASE = "masthead.newsroom.media.uploads.NewsImageForm"
