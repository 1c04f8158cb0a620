"""Cursor pagination for article listings.

Offset pagination makes page 5,000 of a 100k-article section read 100k rows;
a cursor (the last item's publish time and id) keeps every page an index range.
"""

import base64
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import Q, QuerySet
from django.http import Http404

PER_PAGE = 20


@dataclass
class ArticleListPage:
    items: list
    next_cursor: str | None
    is_first: bool


def encode_cursor(published: datetime, pk: int) -> str:
    raw = f"{published.isoformat()}|{pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


# Far wider than any archive, narrow enough that the database can compare it:
# a stamp in year 1 or 9999 with an offset falls off the calendar in UTC.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(3000, 1, 1, tzinfo=UTC)
MAX_CURSOR_CHARS = 200
MAX_ID = 2**63 - 1


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    """A cursor from encode_cursor, or Http404: a mangled or forged link is a
    page that does not exist, not a server error."""
    try:
        if len(cursor) > MAX_CURSOR_CHARS:
            raise ValueError("cursor too long")
        padded = cursor + "=" * (-len(cursor) % 4)
        stamp, pk = base64.urlsafe_b64decode(padded).decode().split("|")
        published, pk = datetime.fromisoformat(stamp), int(pk)
        if published.tzinfo is None or not EARLIEST <= published < LATEST:
            raise ValueError("cursor time out of range")
        if not 0 < pk <= MAX_ID:
            raise ValueError("cursor id out of range")
        return published, pk
    except (ValueError, UnicodeDecodeError, OverflowError) as exc:
        raise Http404("Unknown page of results.") from exc


def paginate(queryset: QuerySet, request, per_page: int = PER_PAGE) -> ArticleListPage:
    queryset = queryset.for_listing().order_by("-first_published_at", "-id")
    cursor = request.GET.get("before")
    if cursor:
        published, pk = decode_cursor(cursor)
        queryset = queryset.filter(
            Q(first_published_at__lt=published)
            | Q(first_published_at=published, id__lt=pk)
        )
    items = list(queryset[: per_page + 1])
    next_cursor = None
    if len(items) > per_page:
        items = items[:per_page]
        last = items[-1]
        next_cursor = encode_cursor(last.first_published_at, last.pk)
    return ArticleListPage(items=items, next_cursor=next_cursor, is_first=not cursor)
