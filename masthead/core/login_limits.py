"""Login rate limits (django-axes, counting in the "logins" cache).

Every login path goes through Django's `authenticate()`, and LoginLimitBackend
(axes' gate) sits first in AUTHENTICATION_BACKENDS: once an account or an address has had
too many failures, the right password is refused too, before any password is
hashed, which also keeps a guessing loop from eating the server's CPU.
"""

import math

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpResponse
from django.utils.html import escape


def client_ip(request) -> str:
    """The reader's address: REMOTE_ADDR, or behind MASTHEAD_TRUSTED_PROXIES
    proxies (nginx appending to X-Forwarded-For) the entry they added."""
    proxies = settings.MASTHEAD_TRUSTED_PROXIES
    remote = request.META.get("REMOTE_ADDR", "")
    if proxies <= 0:
        return remote
    # Entries left of those our proxies appended are the client's to invent.
    hops = [
        h.strip()
        for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if h.strip()
    ]
    return hops[-proxies] if len(hops) >= proxies else remote


def minutes_left() -> int:
    return max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def lockout_response(request, original_response=None, credentials=None):
    minutes = minutes_left()
    unit = "minute" if minutes == 1 else "minutes"
    message = f"Too many attempts, try again in {minutes} {unit}."
    page = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<title>Too many attempts</title></head><body>"
        f"<h1>Too many attempts</h1><p>{escape(message)}</p>"
        f"<p><a href='{escape(request.path)}'>Back to the sign-in page</a></p>"
        "</body></html>"
    )
    response = HttpResponse(page, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


class LoginLimitBackend(AxesStandaloneBackend):
    """axes' gate, for web logins only.

    A call without a request (the shell, a management command, the test
    client's login()) comes from someone already on the server, and there is no
    address to count: axes would raise; this lets the next backend decide.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
