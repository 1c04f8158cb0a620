"""The listing's query parameters, checked before any query runs.

Anything malformed, huge, repeated, unknown or out of range is a `BadRequest`
naming the parameter and saying what would be accepted: a partner's developer
reads these messages, not our code.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.core import signing

from masthead.newsroom.listing import EARLIEST, LATEST, MAX_ID

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_QUERY_CHARS = 2000
MAX_VALUE_CHARS = 200
SLUG = re.compile(r"[-a-z0-9_]{1,100}")
CURSOR_SALT = "masthead.api.cursor"

LIST_PARAMS = ("section", "region", "since", "until", "limit", "cursor")


class BadRequest(Exception):
    def __init__(self, message: str, parameter: str | None = None):
        super().__init__(message)
        self.message = message
        self.parameter = parameter


@dataclass(frozen=True)
class Cursor:
    published: datetime
    pk: int


@dataclass(frozen=True)
class ListQuery:
    section: str | None = None
    region: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = DEFAULT_LIMIT
    cursor: Cursor | None = None

    def fingerprint(self) -> str:
        """Which listing a cursor belongs to: the same filters, any limit."""
        filters = "|".join(
            str(v)
            for v in (
                self.section,
                self.region,
                self.since and self.since.isoformat(),
                self.until and self.until.isoformat(),
            )
        )
        return hashlib.sha256(filters.encode()).hexdigest()[:12]


def _moment(name: str, value: str) -> datetime:
    hint = (
        f"{name} must be an ISO 8601 date or date and time with a zone, "
        "e.g. 2025-05-16 or 2025-05-16T08:30:00Z"
    )
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            moment = datetime.combine(
                date.fromisoformat(value), datetime.min.time(), UTC
            )
        else:
            moment = datetime.fromisoformat(value)
    except ValueError:
        raise BadRequest(f"{hint}; got {value!r}", name) from None
    if moment.tzinfo is None:
        raise BadRequest(f"{hint} (Z or an offset such as +08:00)", name)
    try:
        in_range = EARLIEST <= moment < LATEST
    except OverflowError:
        in_range = False
    if not in_range:
        raise BadRequest(
            f"{name} must be between {EARLIEST.year} and {LATEST.year}; got {value!r}",
            name,
        )
    return moment.astimezone(UTC)


def _slug(name: str, value: str) -> str:
    if not SLUG.fullmatch(value):
        raise BadRequest(
            f"{name} must be a slug of lower-case letters, digits and hyphens, "
            f"e.g. 'world'; got {value!r}",
            name,
        )
    return value


def _limit(value: str) -> int:
    if not re.fullmatch(r"\d{1,6}", value) or not 1 <= int(value) <= MAX_LIMIT:
        raise BadRequest(
            f"limit must be a whole number from 1 to {MAX_LIMIT}; got {value!r}",
            "limit",
        )
    return int(value)


def encode_cursor(query: ListQuery, published: datetime, pk: int) -> str:
    stamp = published.astimezone(UTC).isoformat()
    return signing.Signer(salt=CURSOR_SALT).sign_object(
        [query.fingerprint(), stamp, pk], compress=True
    )


def _cursor(value: str, query: ListQuery) -> Cursor:
    problem = (
        "cursor is not one this API gave out; use the `next` link of the last page"
    )
    try:
        fingerprint, stamp, pk = signing.Signer(salt=CURSOR_SALT).unsign_object(value)
        published = datetime.fromisoformat(stamp)
    except (signing.BadSignature, ValueError, TypeError):
        raise BadRequest(problem, "cursor") from None
    if not isinstance(pk, int) or not 0 < pk <= MAX_ID or published.tzinfo is None:
        raise BadRequest(problem, "cursor")
    if fingerprint != query.fingerprint():
        raise BadRequest(
            "cursor belongs to a listing with other filters: keep section, region, "
            "since and until as they were, or start again without a cursor",
            "cursor",
        )
    return Cursor(published, pk)


def check_query_string(request, allowed: tuple[str, ...]) -> dict[str, str]:
    """The parameters as a plain dict, or BadRequest for a query string that is
    too long, a name we do not know, a name given twice or a value too long."""
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_CHARS:
        raise BadRequest(
            f"the query string is longer than {MAX_QUERY_CHARS} characters"
        )
    values = {}
    for name, given in request.GET.lists():
        if name not in allowed:
            known = ", ".join(allowed) if allowed else "none"
            raise BadRequest(
                f"unknown parameter {name[:40]!r}; known parameters: {known}", name[:40]
            )
        if len(given) > 1:
            raise BadRequest(f"{name} is given {len(given)} times; give it once", name)
        value = given[0]
        if len(value) > MAX_VALUE_CHARS:
            raise BadRequest(
                f"{name} is longer than {MAX_VALUE_CHARS} characters", name
            )
        if not value:
            raise BadRequest(f"{name} is empty; leave it out or give a value", name)
        values[name] = value
    return values


def parse_list_query(request) -> ListQuery:
    values = check_query_string(request, LIST_PARAMS)
    query = ListQuery(
        section=_slug("section", values["section"]) if "section" in values else None,
        region=_slug("region", values["region"]) if "region" in values else None,
        since=_moment("since", values["since"]) if "since" in values else None,
        until=_moment("until", values["until"]) if "until" in values else None,
        limit=_limit(values["limit"]) if "limit" in values else DEFAULT_LIMIT,
    )
    if query.since and query.until and query.since >= query.until:
        raise BadRequest("since must be earlier than until", "since")
    if "cursor" in values:
        query = ListQuery(
            **{**query.__dict__, "cursor": _cursor(values["cursor"], query)}
        )
    return query
