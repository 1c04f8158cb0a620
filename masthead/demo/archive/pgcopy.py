"""The generated archive on PostgreSQL: rows go in with COPY (psycopg 3's
`cursor.copy()`), several times faster than the ORM's bulk inserts.

A batch is a list of plain dicts (what `generator._specs` makes): the page
row's and the article row's attributes, the StreamField body as its stored JSON,
the plain texts of the body, and the related rows. Page ids come from the
table's own sequence first, so the child, through and index rows can name them.

The search index rows are what Wagtail's database backend writes for PostgreSQL
(`modelsearch...postgres.PostgresIndex.add_items`): for each of the title, body
and autocomplete vectors, `setweight(to_tsvector(config, text), weight)` of each
search field in the model's order, joined with `||`, plus the plain
`title_text`/`body_text`. The texts are copied into a temporary table and the
vectors made by one INSERT ... SELECT, so PostgreSQL computes them as Wagtail's
own INSERT would; tests compare the rows with those Wagtail writes.
"""

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.db import connection, transaction
from wagtail.models import Page
from wagtail.search.backends.database.postgres.postgres import PostgresSearchBackend
from wagtail.search.backends.database.postgres.weights import get_weight
from wagtail.search.index import AutocompleteField, RelatedFields, SearchField
from wagtail.search.models import IndexEntry

from masthead.newsroom.models import ArticleCorrection, ArticlePage
from masthead.newsroom.models.articles import ArticleTag

PAGE_FIELDS = [f for f in Page._meta.concrete_fields if not f.primary_key]
ARTICLE_FIELDS = [f for f in ArticlePage._meta.local_concrete_fields]
STAGE = "masthead_archive_index_stage"


@dataclass(frozen=True)
class Slot:
    """One search field's place in an index row."""

    vector: str  # "title", "body" or "autocomplete"
    weight: str  # A-D
    config: str | None  # None: the server's default_text_search_config
    field_name: str


def copy_slots(backends) -> list[Slot] | None:
    """The index layout when every backend is Wagtail's PostgreSQL one (COPY
    then writes the rows); None otherwise (the ORM and the backends do)."""
    if connection.vendor != "postgresql" or not all(
        isinstance(b, PostgresSearchBackend) for b in backends
    ):
        return None
    slots = []
    for backend in backends:  # one: the index rows are shared by its table
        slots = search_slots(ArticlePage, backend)
    return slots


def search_slots(model, backend) -> list[Slot]:
    """The fields `ObjectIndexer` turns into vectors, in its order."""
    slots = []
    for field in model.get_search_fields():
        if isinstance(field, SearchField):
            vector = "title" if field.field_name == "title" else "body"
            slots.append(
                Slot(vector, get_weight(field.boost), backend.config, field.field_name)
            )
        elif isinstance(field, AutocompleteField):
            slots.append(
                Slot("autocomplete", "D", backend.autocomplete_config, field.field_name)
            )
        elif isinstance(field, RelatedFields) and any(
            isinstance(f, SearchField | AutocompleteField) for f in field.fields
        ):
            raise NotImplementedError(
                f"{model.__name__}.{field.field_name}: related search fields "
                "are not copied; index them with the backend instead."
            )
    return slots


def _defaults(fields, given: set[str]):
    """Per field: a constant default, or a callable made per row (uuid4)."""
    out = {}
    for f in fields:
        if f.attname in given:
            continue
        if f.has_default() and callable(f.default):
            out[f.attname] = (True, f.default)
        else:
            out[f.attname] = (False, f.get_default())
    return out


def _rows(fields, specs: list[dict]):
    columns = [f.column for f in fields]
    if not specs:
        return columns, []
    defaults = _defaults(fields, set(specs[0]))
    rows = []
    for spec in specs:
        row = []
        for f in fields:
            if f.attname in spec:
                row.append(spec[f.attname])
            else:
                per_row, value = defaults[f.attname]
                row.append(value() if per_row else value)
        rows.append(row)
    return columns, rows


def _copy(cursor, table: str, columns: list[str], rows) -> None:
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    with cursor.copy(
        f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN"
    ) as copy:
        for row in rows:
            copy.write_row(row)


def _new_page_ids(cursor, count: int) -> list[int]:
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
        [Page._meta.db_table, count],
    )
    return [r[0] for r in cursor.fetchall()]


def write_batch(batch: list[dict]) -> None:
    """Page, article, through and correction rows of one batch."""
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # psycopg's own cursor: .copy()
        ids = _new_page_ids(cursor, len(batch))
        pages, articles = [], []
        for pk, spec in zip(ids, batch, strict=True):
            spec["id"] = pk
            pages.append(spec["page"])
            article = dict(spec["article"], page_ptr_id=pk)
            article["body"] = json.dumps(spec["body"])
            articles.append(article)
        _copy(cursor, Page._meta.db_table, *_with_ids(PAGE_FIELDS, pages, ids))
        _copy(cursor, ArticlePage._meta.db_table, *_rows(ARTICLE_FIELDS, articles))
        _copy_relations(cursor, batch)


class Indexer:
    """Writes the search-index rows of committed batches.

    `to_tsvector` is most of a load's cost, so with `workers` the rows are
    written by threads on their own connections while the next batches are
    made; with none (or inside a transaction, as in tests, whose rows other
    connections cannot see) on this connection, in the batch's transaction.
    A big load drops the index table's GIN indexes first and builds them again
    at the end: one build is far cheaper than a million updates.
    """

    def __init__(self, content_type_id: int, slots: list[Slot], workers: int):
        self.content_type_id = content_type_id
        self.slots = slots
        self.workers = 0 if connection.in_atomic_block else workers
        self.pool = ThreadPoolExecutor(self.workers) if self.workers else None
        self.room = threading.BoundedSemaphore(2 * self.workers or 1)
        self.futures = []
        self.dropped: list[str] = []

    def drop_gin_indexes(self) -> None:
        if self.workers == 0:
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = "
                "current_schema() AND tablename = %s AND indexdef LIKE %s",
                [IndexEntry._meta.db_table, "% USING gin %"],
            )
            found = cursor.fetchall()
            for name, definition in found:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
                self.dropped.append(definition)

    def add(self, batch: list[dict]) -> None:
        if self.pool is None:
            write_index(batch, self.content_type_id, self.slots)
            return
        rows = index_rows(batch, self.slots)
        for done in [f for f in self.futures if f.done()]:
            done.result()  # a failed batch stops the load here
            self.futures.remove(done)
        self.room.acquire()
        future = self.pool.submit(self._write, rows)
        future.add_done_callback(lambda _: self.room.release())
        self.futures.append(future)

    def _write(self, rows) -> None:
        try:
            with transaction.atomic(), connection.cursor() as wrapper:
                _copy_index(wrapper.cursor, rows, self.content_type_id, self.slots)
        finally:
            connection.close()  # this thread's own connection

    def finish(self) -> None:
        """Waits for the writers, then builds the dropped indexes (in parallel)."""
        try:
            for future in self.futures:
                future.result()
        finally:
            if self.pool:
                self.pool.shutdown(cancel_futures=True)
            if self.dropped:
                with ThreadPoolExecutor(len(self.dropped)) as pool:
                    list(pool.map(_build_index, self.dropped))
                self.dropped = []


def _build_index(definition: str) -> None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '256MB'")
            cursor.execute(definition)
    finally:
        connection.close()  # this thread's own connection


def _with_ids(fields, specs, ids):
    columns, rows = _rows(fields, specs)
    return ["id", *columns], [[pk, *row] for pk, row in zip(ids, rows, strict=True)]


def _copy_relations(cursor, batch: list[dict]) -> None:
    regions = ArticlePage.regions.through
    _copy(
        cursor,
        regions._meta.db_table,
        ["articlepage_id", "regionpage_id"],
        ((s["id"], r.pk) for s in batch for r in s["regions"]),
    )
    authors = ArticlePage.authors.through
    _copy(
        cursor,
        authors._meta.db_table,
        ["articlepage_id", "personpage_id"],
        ((s["id"], p.pk) for s in batch for p in s["authors"]),
    )
    _copy(
        cursor,
        ArticleTag._meta.db_table,
        ["content_object_id", "tag_id"],
        ((s["id"], t.pk) for s in batch for t in s["tags"]),
    )
    fields = [f for f in ArticleCorrection._meta.concrete_fields if not f.primary_key]
    notes = [dict(note, article_id=s["id"]) for s in batch for note in s["corrections"]]
    _copy(cursor, ArticleCorrection._meta.db_table, *_rows(fields, notes))


def search_values(spec: dict) -> dict[str, str]:
    """What `ObjectIndexer.prepare_value` makes of each searched field: plain
    fields as they are, the body's blocks' searchable texts joined by ", "."""
    values = dict(spec["page"], **spec["article"])
    values["body"] = ", ".join(spec["body_texts"])
    return values


def _vector_sql(slots: list[Slot], vector: str) -> tuple[str, list]:
    parts, params = [], []
    for i, slot in enumerate(slots):
        if slot.vector != vector:
            continue
        if slot.config:
            parts.append(f"setweight(to_tsvector(%s::regconfig, s{i}), %s)")
            params += [slot.config, slot.weight]
        else:
            parts.append(f"setweight(to_tsvector(s{i}), %s)")
            params.append(slot.weight)
    # An empty text makes an empty vector, as ObjectIndexer's EMPTY_VECTOR.
    return (" || ".join(parts) or "to_tsvector('')"), params


def write_index(batch: list[dict], content_type_id: int, slots: list[Slot]) -> None:
    """The batch's search index rows, on this connection, now."""
    with connection.cursor() as wrapper:
        _copy_index(wrapper.cursor, index_rows(batch, slots), content_type_id, slots)


def index_rows(batch: list[dict], slots: list[Slot]) -> list[list[str]]:
    rows = []
    for spec in batch:
        values = search_values(spec)
        texts = [(values.get(s.field_name) or "").strip() for s in slots]
        title_text = " ".join(
            t for s, t in zip(slots, texts, strict=True) if s.vector == "title" and t
        )
        body_text = " ".join(
            t for s, t in zip(slots, texts, strict=True) if s.vector == "body" and t
        )
        rows.append([str(spec["id"]), title_text, body_text, *texts])
    return rows


def _copy_index(cursor, rows, content_type_id: int, slots: list[Slot]) -> None:
    cursor.execute(
        f"CREATE TEMPORARY TABLE IF NOT EXISTS {STAGE} (object_id text, "
        "title_text text, body_text text, "
        + ", ".join(f"s{i} text" for i in range(len(slots)))
        + ") ON COMMIT DELETE ROWS"
    )
    columns = ["object_id", "title_text", "body_text"] + [
        f"s{i}" for i in range(len(slots))
    ]
    _copy(cursor, STAGE, columns, rows)
    vectors, params = [], []
    for vector in ("title", "autocomplete", "body"):
        sql, p = _vector_sql(slots, vector)
        vectors.append(sql)
        params += p
    # Table and column names are ours; every value goes as a parameter.
    sql = (
        f"INSERT INTO {IndexEntry._meta.db_table} (content_type_id, object_id, "  # noqa: S608
        "title, autocomplete, body, title_norm, title_text, body_text) "
        f"SELECT %s, object_id, {', '.join(vectors)}, 1.0, title_text, body_text "
        f"FROM {STAGE}"
    )
    cursor.execute(sql, [content_type_id, *params])
    cursor.execute(f"TRUNCATE {STAGE}")
