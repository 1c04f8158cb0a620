import logging
import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from masthead.core.admin_paths import is_admin_path

logger = logging.getLogger("masthead.database")

# A lost or refused database connection: a 503 readers can retry, not a 500.
DATABASE_ERRORS = (OperationalError, InterfaceError)
DATABASE_RETRY_AFTER_SECONDS = 30
DATABASE_DOWN_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Back shortly</title></head>
<body><h1>Back shortly</h1>
<p>This page cannot be shown for a moment. Please try again in a minute.</p>
</body></html>
"""

PUBLIC_CACHE = {
    "public": True,
    "max_age": 60,
    "s_maxage": 300,
    "stale_while_revalidate": 60,
    "stale_if_error": 86_400,
}
# Unknown URLs are endless and an article may appear at one any minute (its
# publish purges the URL too); keep their answer briefly.
NOT_FOUND_CACHE = {
    "public": True,
    "max_age": 30,
    "s_maxage": 60,
    "stale_while_revalidate": 30,
    "stale_if_error": 300,
}


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy for readers, a workable one for the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            policy = (
                settings.MASTHEAD_ADMIN_CSP
                if is_admin_path(request.path)
                else settings.MASTHEAD_CSP
            )
            response["Content-Security-Policy"] = policy
        response.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response


class CacheHeadersMiddleware:
    """Marks what may be shared by caches and what must never be.

    Public pages are cacheable only for anonymous readers and only when nothing
    personal went into them (no session touched, no CSRF token, no cookie);
    the admin, previews and anything a logged-in user sees are `private, no-store`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Checking the cookie and whether the session was read, not request.user:
        # touching the session here would add `Vary: Cookie` to every page.
        session = getattr(request, "session", None)
        personal = (
            is_admin_path(request.path)
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or "HTTP_AUTHORIZATION" in request.META
            or getattr(request, "is_preview", False)
            or (session is not None and getattr(session, "accessed", False))
            or response.cookies
            or request.method not in ("GET", "HEAD")
            or response.status_code not in (200, 301, 404, 410)
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        )
        if personal:
            # Whatever the view said: nothing personal goes to a shared cache.
            del response["Cache-Control"]
            patch_cache_control(response, private=True, no_store=True)
            return response
        if response.has_header("Cache-Control"):
            return response  # the view chose its own lifetime
        lifetime = (
            NOT_FOUND_CACHE if response.status_code in (404, 410) else PUBLIC_CACHE
        )
        patch_cache_control(response, **lifetime)
        keys = getattr(request, "surrogate_keys", None)
        if keys:
            response["Surrogate-Key"] = " ".join(sorted(keys))
        patch_vary_headers(response, ["Accept-Encoding"])
        return response


def database_unavailable() -> HttpResponse:
    # No template: rendering one runs context processors, which read the database.
    response = HttpResponse(DATABASE_DOWN_PAGE, status=503)
    response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
    patch_cache_control(response, no_store=True)
    return response


def _note_database_failure(sender, request=None, **kwargs):
    # Django turns an exception raised in any middleware into a 500 before the
    # outer ones see it; this signal is sent while it is being handled.
    if request is not None and isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        request.masthead_database_down = True


got_request_exception.connect(_note_database_failure)


class DatabaseUnavailableMiddleware:
    """Answers 503 with Retry-After when the database cannot be reached.

    First in MIDDLEWARE, so it also covers middleware that reads the database
    (sites, sessions, users). The page cache in front of Django keeps serving
    what it holds, and serves its stale copy rather than this 503.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 500 and getattr(
            request, "masthead_database_down", False
        ):
            logger.warning("database unavailable; answered 503 for %s", request.path)
            return database_unavailable()
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.warning(
                "database unavailable (%s); answered 503 for %s",
                exception,
                request.path,
            )
            return database_unavailable()
        return None
