"""HTTP push: agencies POST items to /wire/push/<provider>/.

Each provider has its own bearer tokens (`PushToken`; only a SHA-256 of each
is kept). The endpoint answers before reading the body when the token is
missing or wrong, so nothing an unauthenticated caller sends is stored. An
accepted body goes to `ingest_bytes` like every other channel; the answer is
the ingest result as JSON: 202 for a new story, 200 for a duplicate, 422 for a
refused item (stored all the same, with its reason), and 503 with Retry-After
when it could not be stored (a full disk, the database away): send it again.

The token decides who is speaking, not the bytes: every story is stored under
the token's provider, and a file naming another provider is refused with 403
(kept all the same, as a refused item in the wire basket whose reason starts
"provider mismatch", so the desk can see who tried what). Otherwise one agency
could file a new version or a cancel of another's story and flag its article.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, JsonResponse
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from masthead.wire.models import Channel, PushToken
from masthead.wire.services import (
    MAX_BYTES,
    PROVIDER_MISMATCH,
    IngestResult,
    ingest_bytes,
)

STATUS_CODES = {"ok": 202, "duplicate": 200, "rejected": 422}
RETRY_AFTER_SECONDS = 60
NOT_STORED = (
    "the item could not be stored now (storage full or database unavailable); "
    "send it again later"
)

logger = logging.getLogger("masthead.wire")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_push_token(provider: str) -> str:
    """A new token for `provider` (a slug, as in the URL); shown once, kept hashed."""
    if not provider or slugify(provider) != provider:
        raise ValueError(
            f"provider must be a lower-case slug as used in the URL, e.g. "
            f"{slugify(provider) or 'xinhua'!r}"
        )
    token = secrets.token_urlsafe(32)
    PushToken.objects.create(provider=provider, token_sha256=_digest(token))
    return token


def token_is_valid(provider: str, token: str) -> bool:
    """Constant-time check against every active token of this provider."""
    if not token:
        return False
    presented = _digest(token)
    stored = PushToken.objects.filter(provider=provider, active=True).values_list(
        "token_sha256", flat=True
    )
    valid = False
    for digest in stored:
        valid |= hmac.compare_digest(digest, presented)
    return valid


def _bearer(request: HttpRequest) -> str:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return ""
    return token.strip()


def _error(status: int, message: str) -> JsonResponse:
    response = JsonResponse({"status": "error", "reason": message}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="masthead-wire"'
    return response


@csrf_exempt  # token auth, no cookies: CSRF does not apply
@never_cache
@require_POST
def push(request: HttpRequest, provider: str) -> JsonResponse:
    if not token_is_valid(provider, _bearer(request)):
        return _error(401, "a valid bearer token for this provider is required")
    cap = getattr(settings, "MASTHEAD_WIRE_MAX_BYTES", MAX_BYTES)
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return _error(400, "bad Content-Length")
    if declared > cap:
        return _error(413, f"body is over the {cap}-byte cap")
    data = _read_body(request, cap + 1)
    if len(data) > cap:
        return _error(413, f"body is over the {cap}-byte cap")
    if not data:
        return _error(
            400, "empty body (send a Content-Length or Transfer-Encoding: chunked)"
        )
    # The origin carries the token's provider: ingest binds the stories to it.
    try:
        result = ingest_bytes(data, channel=Channel.PUSH, origin=f"push:{provider}")
    except (DatabaseError, OSError) as exc:
        # A full disk or a database away: the item is not (wholly) stored, so
        # the agency must send it again; what did get stored is parsed then.
        logger.error("wire push from %s not stored: %s", provider, exc)
        response = _error(503, NOT_STORED)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    refusal = _provider_refusal(result)
    if refusal:
        body = {**result.as_dict(), "status": "rejected", "reason": refusal}
        return JsonResponse(body, status=403)
    return JsonResponse(result.as_dict(), status=STATUS_CODES[result.status])


def _read_body(request: HttpRequest, limit: int) -> bytes:
    """At most `limit` bytes of the body, with or without a Content-Length.

    A chunked body has no Content-Length, and Django then reads nothing (it
    trusts only that header). A server that has undone the chunking and ends
    the input with the body says so with `wsgi.input_terminated` (granian
    does); such a body is read from the WSGI input up to its end or the limit.
    """
    if request.META.get("CONTENT_LENGTH"):
        return request.read(limit)
    chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
    if not (chunked and request.META.get("wsgi.input_terminated")):
        return b""
    stream = request.META["wsgi.input"]
    pieces, size = [], 0
    while size < limit:
        piece = stream.read(min(64 * 1024, limit - size))
        if not piece:
            break
        pieces.append(piece)
        size += len(piece)
    return b"".join(pieces)


def _provider_refusal(result: IngestResult) -> str:
    """The mismatch reason, also when the same refused bytes come again."""
    if result.status == "rejected":
        return result.reason if result.reason.startswith(PROVIDER_MISMATCH) else ""
    if result.status == "duplicate" and result.raw is not None:
        refused = result.raw.items.filter(reason__startswith=PROVIDER_MISMATCH)
        return refused.values_list("reason", flat=True).first() or ""
    return ""
