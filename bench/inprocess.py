"""Figures taken inside one Django process: SQL queries per render, search timing.

Call after django.setup(). The test Client goes through Django's handler but not
the page-cache WSGI layer, so every request here is a full render.
"""

import statistics
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

# Words the generated archive uses (masthead/demo/data/archive.toml), as a
# reader would type them: one word, two, a phrase.
SEARCH_QUERIES = [
    "ceasefire",
    "ceasefire talks",
    "prisoner exchange",
    "flood",
    "flood victims",
    "monsoon",
    "election",
    "snap election",
    "grain exports",
    "sanctions",
    "heatwave",
    "satellite",
    "high-speed line",
    "harvest",
    "data protection law",
    "hydrogen train",
    "chips",
    "tariff",
    "battery plant",
    "aircraft",
    "Hong Kong",
    "steel prices",
    "property market",
    "riverside park",
    "Metro Line 18",
    "night bus",
    "shipyard",
    "cycle lanes",
    "driverless taxis",
    "typhoon",
    "Pudong",
    "Jing'an clinic",
    "cup final",
    "penalty shoot-out",
    "head coach",
    "league title",
    "volleyball",
    "marathon",
    "urban renewal",
    "clean air",
    "shipwreck",
    "xiaolongbao",
    "lantern market",
    "repair cafe",
    "food banks",
    "import expo",
    "survey",
    "statistics bureau",
    "Fudan University",
    "officials said",
]


@dataclass
class RenderFigures:
    url: str
    status: int
    queries: int
    cold_queries: int
    bytes: int
    seconds: float


def render_figures(url: str, headers: dict | None = None) -> RenderFigures:
    """Queries of a steady-state render (second request; the first also builds
    per-process caches such as the navigation) and of the cold first one."""
    client = Client(**(headers or {}))
    with CaptureQueriesContext(connection) as cold:
        client.get(url)
    with CaptureQueriesContext(connection) as warm:
        started = time.perf_counter()
        response = client.get(url)
        seconds = time.perf_counter() - started
    return RenderFigures(
        url=url,
        status=response.status_code,
        queries=len(warm.captured_queries),
        cold_queries=len(cold.captured_queries),
        bytes=len(response.content),
        seconds=seconds,
    )


def queries_of(url: str) -> list[str]:
    client = Client()
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return [q["sql"] for q in captured.captured_queries]


@dataclass
class SearchFigures:
    count: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    mean_queries: float
    empty: int
    timed_out: int  # stopped at the limit; their time counts as the limit
    limit_s: float
    slowest: list[tuple[float, str]]


class QueryTimeout(Exception):
    pass


@contextmanager
def time_limit(seconds: float):
    """Stop any SQL statement still running after `seconds` (SQLite: progress
    handler; PostgreSQL: statement_timeout), so one pathological search cannot
    hang the bench."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        deadline = time.monotonic() + seconds
        raw = connection.connection
        raw.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
        try:
            yield
        finally:
            raw.set_progress_handler(None, 0)
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = %s", [int(seconds * 1000)])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = 0")
    else:
        yield


def search_figures(
    queries=SEARCH_QUERIES, warmup: int = 3, limit_s: float = 30.0
) -> SearchFigures:
    import logging

    from django.db import DatabaseError

    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    client = Client(raise_request_exception=True)
    timings, query_counts, empty, timed_out = [], [], 0, 0
    in_a_row = 0
    for i, query in enumerate([*queries[:warmup], *queries]):
        measured = i >= warmup
        if in_a_row >= 3:
            # Three searches in a row hit the limit: the rest would too, and
            # waiting for them tells nothing more. Count them at the limit.
            if measured:
                timings.append((limit_s * 1000, query))
                timed_out += 1
            continue
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            try:
                with time_limit(limit_s):
                    response = client.get("/search/", {"q": query})
            except DatabaseError:
                response = None
            elapsed = (time.perf_counter() - started) * 1000
        in_a_row = in_a_row + 1 if response is None else 0
        if not measured:
            continue
        if response is None:
            timed_out += 1
            elapsed = max(elapsed, limit_s * 1000)
        elif response.status_code != 200:
            raise RuntimeError(f"/search/?q={query} answered {response.status_code}")
        elif b'class="search-hit"' not in response.content:
            empty += 1
        timings.append((elapsed, query))
        query_counts.append(len(captured.captured_queries))
    values = sorted(t for t, _ in timings)
    return SearchFigures(
        count=len(values),
        p50_ms=statistics.median(values),
        p95_ms=_percentile(values, 95),
        max_ms=values[-1],
        mean_queries=statistics.mean(query_counts) if query_counts else 0.0,
        empty=empty,
        timed_out=timed_out,
        limit_s=limit_s,
        slowest=sorted(timings, reverse=True)[:5],
    )


def _percentile(sorted_values: list[float], pct: float) -> float:
    # Nearest-rank, as load-testing tools report it.
    rank = max(1, -(-len(sorted_values) * pct // 100))
    return sorted_values[int(rank) - 1]
