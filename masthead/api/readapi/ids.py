"""Stable identifiers: tag URIs (RFC 4151) built on the page or image id.

`tag:news.example.com,2025:article:123` names article 123 for good: the id
never changes when the headline, the slug or the section does, and the date
(the year the API began minting them) keeps it valid even if the paper later
changes its domain. The authority is MASTHEAD_GUID_AUTHORITY, or the public
address's host name; set it once in production and never change it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.conf import settings

from masthead.core.public_urls import configured_base_url

GUID_DATE = "2025"
KINDS = ("article", "image")


def guid_authority() -> str:
    configured = getattr(settings, "MASTHEAD_GUID_AUTHORITY", "")
    if configured:
        return configured
    base = configured_base_url() or getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    return urlsplit(base).hostname or "localhost"


def guid_for(kind: str, pk: int) -> str:
    return f"tag:{guid_authority()},{GUID_DATE}:{kind}:{pk}"


def article_id_from_guid(guid: str) -> int | None:
    """The page id in one of our article guids, else None."""
    prefix = f"tag:{guid_authority()},{GUID_DATE}:article:"
    if not guid.startswith(prefix):
        return None
    rest = guid[len(prefix) :]
    if not re.fullmatch(r"[1-9][0-9]{0,17}", rest):
        return None
    return int(rest)
