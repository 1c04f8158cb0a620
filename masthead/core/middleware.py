from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers

PUBLIC_CACHE = {
    "public": True,
    "max_age": 60,
    "s_maxage": 300,
    "stale_while_revalidate": 60,
    "stale_if_error": 86_400,
}
PRIVATE_PREFIXES = ("/admin", "/django-admin")


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy for readers, a workable one for the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            policy = (
                settings.MASTHEAD_ADMIN_CSP
                if request.path.startswith(PRIVATE_PREFIXES)
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
        if response.has_header("Cache-Control"):
            return response
        # Checking the cookie, not request.user: touching the session here would
        # add `Vary: Cookie` and make every page uncacheable.
        personal = (
            request.path.startswith(PRIVATE_PREFIXES)
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or getattr(request, "is_preview", False)
            or response.cookies
            or request.method not in ("GET", "HEAD")
            or response.status_code not in (200, 301, 404, 410)
            or getattr(request, "META", {}).get("CSRF_COOKIE_NEEDS_UPDATE")
        )
        if personal:
            patch_cache_control(response, private=True, no_store=True)
            return response
        patch_cache_control(response, **PUBLIC_CACHE)
        keys = getattr(request, "surrogate_keys", None)
        if keys:
            response["Surrogate-Key"] = " ".join(sorted(keys))
        patch_vary_headers(response, ["Accept-Encoding"])
        return response
