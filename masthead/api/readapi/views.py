"""The endpoints of /api/v1/: plain Django views answering JSON.

Every answer to a key is that key's own (its licence decides what it sees), so
it is `Cache-Control: private` and varies on Authorization: no shared cache
may keep it (the page cache and nginx also pass requests that carry the
header). Errors are JSON too: {"error": {"status", "code", "message"}}.
"""

from __future__ import annotations

import functools
from urllib.parse import urlencode

from django.db.models import Q
from django.http import JsonResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers

from masthead.core.public_urls import absolute_url
from masthead.newsroom.models import ArticlePage, RegionPage, SectionPage

from . import keys, ninjs
from .ids import article_id_from_guid
from .openapi import openapi_document
from .params import BadRequest, check_query_string, encode_cursor, parse_list_query

JSON_TYPE = "application/json; charset=utf-8"
REALM = 'Bearer realm="api"'


def _json(data, status=200, **headers) -> JsonResponse:
    response = JsonResponse(
        data,
        status=status,
        content_type=JSON_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def error(status: int, code: str, message: str, parameter=None, **headers):
    body = {"status": status, "code": code, "message": message}
    if parameter:
        body["parameter"] = parameter
    response = _json({"error": body}, status=status, **headers)
    _private(response)
    return response


def _private(response) -> None:
    patch_cache_control(response, private=True, max_age=0)
    patch_vary_headers(response, ["Authorization"])


def _only_get(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = error(
                405, "method_not_allowed", f"{request.method} is not allowed; use GET"
            )
            response["Allow"] = "GET, HEAD"
            return response
        return view(request, *args, **kwargs)

    return wrapper


def with_key(view):
    """Run `view(request, key, ...)` for a valid, active key within its limit."""

    @_only_get
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        token = keys.bearer_token(request)
        if token is None:
            return error(
                401,
                "missing_key",
                "send your API key as 'Authorization: Bearer <key>'",
                WWW_Authenticate=REALM,
            )
        key = keys.find_key(token)
        if key is None:
            return error(
                401,
                "invalid_key",
                "this API key is not known; check it was copied whole",
                WWW_Authenticate=f'{REALM}, error="invalid_token"',
            )
        if not key.active:
            return error(
                403, "key_disabled", "this API key is switched off; ask the newsroom"
            )
        rate = keys.spend(key)
        limit_headers = {
            "RateLimit_Limit": str(rate.limit),
            "RateLimit_Remaining": str(max(rate.remaining, 0)),
            "RateLimit_Reset": str(rate.reset_seconds),
        }
        if rate.exceeded:
            return error(
                429,
                "rate_limited",
                f"this key may make {rate.limit} requests a minute; "
                f"try again in {rate.reset_seconds} s",
                Retry_After=str(rate.reset_seconds),
                **limit_headers,
            )
        keys.note_use(key)
        try:
            response = view(request, key, *args, **kwargs)
        except BadRequest as exc:
            response = error(400, "bad_parameter", exc.message, exc.parameter)
        for name, value in limit_headers.items():
            response[name.replace("_", "-")] = value
        _private(response)
        return response

    return wrapper


def _absolute(request, path: str, params: dict | None = None) -> str:
    if params:
        path = f"{path}?{urlencode(params)}"
    return absolute_url(path, request)


def _live_articles(key):
    articles = ArticlePage.objects.published()
    refused = keys.unlicensed_source_ids(key)
    return articles.exclude(source_id__in=refused) if refused else articles


def _filtered(queryset, query):
    if query.section:
        paths = list(
            SectionPage.objects.filter(slug=query.section).values_list(
                "path", flat=True
            )
        )
        if not paths:
            raise BadRequest(f"there is no section {query.section!r}", "section")
        under = Q()
        for path in paths:
            under |= Q(path__startswith=path)
        queryset = queryset.filter(under)
    if query.region:
        region = RegionPage.objects.filter(slug=query.region).first()
        if region is None:
            raise BadRequest(f"there is no region {query.region!r}", "region")
        queryset = queryset.filter(regions=region)
    if query.since:
        queryset = queryset.filter(first_published_at__gte=query.since)
    if query.until:
        queryset = queryset.filter(first_published_at__lt=query.until)
    if query.cursor:
        # The plain range first, the tie-break as a filter on it: an OR of two
        # ranges makes SQLite gather both and sort them all, however deep the
        # page, where this walks the publish-time index from the cursor down.
        moment, pk = query.cursor.published, query.cursor.pk
        queryset = queryset.filter(first_published_at__lte=moment).filter(
            Q(first_published_at__lt=moment) | Q(id__lt=pk)
        )
    return queryset


@with_key
def item_list(request, key):
    query = parse_list_query(request)
    queryset = _filtered(_live_articles(key), query)
    # Keyset pagination: every page is an index range of (first_published_at,
    # id), however deep; one row more than asked says whether a next page exists.
    rows = list(
        ninjs.with_relations(queryset.order_by("-first_published_at", "-id"))[
            : query.limit + 1
        ]
    )
    more = len(rows) > query.limit
    rows = rows[: query.limit]
    next_cursor = None
    next_url = None
    if more:
        last = rows[-1]
        next_cursor = encode_cursor(query, last.first_published_at, last.pk)
        params = {k: v for k, v in request.GET.items() if k != "cursor"}
        params["cursor"] = next_cursor
        next_url = _absolute(request, reverse("api_v1_items"), params)
    return _json(
        {
            "items": ninjs.documents(rows, request),
            "next": next_url,
            "cursor": next_cursor,
        }
    )


@with_key
def item_detail(request, key, guid):
    check_query_string(request, ())
    pk = article_id_from_guid(guid)
    article = (
        ninjs.with_relations(ArticlePage.objects.published().filter(pk=pk)).first()
        if pk
        else None
    )
    if article is None:
        return error(404, "not_found", "no published article has this guid")
    if not keys.may_receive(key, article.source):
        return error(
            403,
            "not_licensed",
            f"this key may not receive copy from {article.source.credit_text}",
        )
    return _json(ninjs.documents([article], request)[0])


@_only_get
def index(request):
    check = _public_params(request)
    if check is not None:
        return check
    response = _json(
        {
            "name": "Masthead read API",
            "version": "1",
            "items": _absolute(request, reverse("api_v1_items")),
            "openapi": _absolute(request, reverse("api_v1_openapi")),
            "authentication": "Authorization: Bearer <key>",
        }
    )
    patch_cache_control(response, public=True, max_age=300)
    return response


@_only_get
def openapi(request):
    check = _public_params(request)
    if check is not None:
        return check
    response = _json(openapi_document(_absolute(request, "/api/v1")))
    patch_cache_control(response, public=True, max_age=300)
    return response


def _public_params(request):
    try:
        check_query_string(request, ())
    except BadRequest as exc:
        return error(400, "bad_parameter", exc.message, exc.parameter)
    return None
