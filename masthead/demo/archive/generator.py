"""A realistic archive for benchmarks (`masthead generate-archive`).

Bench data for design.md §2's scale note: N published articles spread over the
demo's sections and the last D days (at most ten years), with generated
(original) text, the demo's sources and people, regions, tags and a small pool
of drawn lead images, indexed for search.

Wagtail's `add_child` costs several queries and a tree lock per page, so pages
are written in batches instead: materialised paths are computed here (treebeard's
`_get_path`) and each batch is made as plain rows (`_specs`), then written
- on PostgreSQL with COPY (pgcopy.py): page, article, through and correction
  rows, and the search index rows Wagtail's database backend would write, made
  by threads on their own connections while the next batches are generated;
- elsewhere (SQLite) with `bulk_create` for `wagtailcore_page`, one multi-row
  INSERT of the child table's own columns (what `save_base(raw=True)` writes),
  and the configured search backends' `add_bulk`.
The parents' `numchild` is bumped in the batch's transaction, so `update_index`
and `fixtree` have nothing to do afterwards. Pages get no revisions; the admin
edits them from the page row itself.

Running it again adds more articles after the existing children (no path or
slug collisions).
"""

import os
import random
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from io import BytesIO
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from tqdm import tqdm
from wagtail.models import Page
from wagtail.search.backends import get_search_backends

from masthead.core.models import SiteSettings
from masthead.core.pagecache import purge_all
from masthead.demo.archive import parallel, pgcopy
from masthead.demo.archive.words import Words, Writer, load_words
from masthead.demo.content import load_people, load_sources
from masthead.demo.images import MOTIFS, PALETTES, draw_illustration
from masthead.demo.sitetree import build_site_tree
from masthead.newsroom.factories import PersonFactory, SourceFactory
from masthead.newsroom.models import (
    ArticleCorrection,
    ArticlePage,
    PeopleIndexPage,
    PersonPage,
    RegionPage,
    SectionPage,
    Source,
)
from masthead.newsroom.models.articles import ArticleTag
from masthead.newsroom.models.images import NewsImage
from masthead.website.models import HomePage

ARTICLES_PER_DAY = 200  # a daily paper adds 100-300 (design.md §2)
MAX_DAYS = 3650
# Who may be credited as an author of the paper's own copy.
AUTHOR_ROLES = (PersonPage.Role.REPORTER, PersonPage.Role.COLUMNIST)
IMAGE_SHARE = 0.6  # articles with a lead image, drawn from a small shared pool
IMAGE_POOL = 12
DROP_GIN_FROM = 100_000  # articles: build the search index's GIN indexes once
PARALLEL_FROM = 20_000  # articles: several processes (parallel.py) on PostgreSQL
IMAGE_TITLE = "Archive illustration"
PAGE_FIELDS = pgcopy.PAGE_FIELDS


class ArchiveError(Exception):
    """The site cannot take the archive (a section it fills is missing)."""


@dataclass
class Catalogue:
    """What every batch refers to, loaded once."""

    sections: dict[str, SectionPage]
    staff: Source
    agencies: list[Source]
    editors: list[PersonPage]
    reporters: list[PersonPage]
    regions: list[RegionPage]
    regions_by_title: dict[str, RegionPage]
    tags: list[Tag]
    images: list[NewsImage]
    next_step: dict[int, int] = field(default_factory=dict)


def _ensure_tree() -> HomePage:
    home = HomePage.objects.first()
    if home is None or not SectionPage.objects.filter(slug="world").exists():
        home = build_site_tree()
    return home


def _catalogue(home: HomePage, words: Words, pool: int) -> Catalogue:
    sections = {}
    for slug in words.sections:
        page = SectionPage.objects.descendant_of(home).filter(slug=slug).first()
        if page is None:
            raise ArchiveError(f"The site tree has no section {slug!r}.")
        sections[slug] = page
    sources = [SourceFactory(**s) for s in load_sources()]
    people = [_person(p) for p in load_people()]
    regions = list(RegionPage.objects.live().order_by("path"))
    tags = [
        Tag.objects.get_or_create(name=n, defaults={"slug": n})[0]
        for n in words.shared["tags"]
    ]
    return Catalogue(
        sections=sections,
        staff=next(s for s in sources if s.kind == Source.Kind.STAFF),
        agencies=[s for s in sources if s.kind != Source.Kind.STAFF],
        editors=[p for p in people if p.role == PersonPage.Role.EDITOR],
        reporters=[p for p in people if p.role in AUTHOR_ROLES],
        regions=regions,
        regions_by_title={r.title: r for r in regions},
        tags=tags,
        images=_images(pool),
    )


def _images(count: int) -> list[NewsImage]:
    """The archive's lead images: a pool drawn once (Pillow, like the demo's)
    and shared by its articles; a later run reuses it."""
    images = list(NewsImage.objects.filter(title__startswith=IMAGE_TITLE))
    motifs, palettes = sorted(MOTIFS), sorted(PALETTES)
    for i in range(len(images), count):
        motif, palette = motifs[i % len(motifs)], palettes[i % len(palettes)]
        image = NewsImage(
            title=f"{IMAGE_TITLE} {i + 1}",
            alt_text=f"Drawn illustration: {motif} in {palette} colours",
            credit="Illustration: Masthead Daily",
        )
        data = draw_illustration(motif, palette, f"archive-{i}")
        image.file = ImageFile(BytesIO(data), name=f"archive-{i + 1}.jpg")
        image.save()
        images.append(image)
    return images


def _person(data: dict) -> PersonPage:
    """The demo's person of that slug, made (as `masthead demo` would, less the
    portrait) when the archive comes first."""
    person = PersonPage.objects.filter(slug=data["slug"]).first()
    if person is None:
        person = PersonFactory(
            parent=PeopleIndexPage.objects.get(),
            title=data["name"],
            slug=data["slug"],
            role=data["role"],
            job_title=data.get("job_title", ""),
            bio=f"<p>{data.get('bio', '')}</p>",
        )
        person.save_revision().publish()
    return person


def _publish_times(rng: random.Random, count: int, days: int, zone: ZoneInfo):
    """`count` times over the last `days` local days, busier on weekdays and by day."""
    now = timezone.now()
    today = now.astimezone(zone).date()
    day_list = [today - timedelta(days=d) for d in range(days)]
    weights = [0.6 if d.weekday() >= 5 else 1.0 for d in day_list]
    hours = list(range(24))
    hour_weights = [0.2] * 6 + [1.0] * 3 + [2.0] * 9 + [1.5] * 4 + [0.6] * 2
    chosen_days = rng.choices(day_list, weights=weights, k=count)
    chosen_hours = rng.choices(hours, weights=hour_weights, k=count)
    out = []
    for day, hour in zip(chosen_days, chosen_hours, strict=True):
        local = datetime.combine(
            day, dtime(hour, rng.randrange(60), rng.randrange(60)), tzinfo=zone
        )
        stamp = local.astimezone(UTC)
        if stamp > now:
            stamp = now - timedelta(seconds=rng.randint(60, 4 * 3600))
        out.append(stamp)
    return out


def _next_step(parent: Page) -> int:
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    return Page._str2int(last[-Page.steplen :]) + 1 if last else 1


def _specs(
    rng: random.Random,
    writer: Writer,
    cat: Catalogue,
    slug: str,
    stamps: list[datetime],
    content_type_id: int,
) -> list[dict]:
    """One batch of a section's articles as plain data (rows, not models)."""
    section = cat.sections[slug]
    step = cat.next_step[section.pk]
    depth = section.depth + 1
    staff = cat.staff
    rules = writer.words.sections[slug]
    batch = []
    for stamp in stamps:
        text = writer.article(slug, stamp)
        page_slug = f"{slugify(text['headline'])[:72].strip('-')}-{step:x}"
        source = (
            staff if rules.staff or rng.random() < 0.25 else rng.choice(cat.agencies)
        )
        regions = []
        if rules.regional or rng.random() < 0.08:
            place = cat.regions_by_title.get(text["place"])
            regions = [place] if place else []
            if rng.random() < 0.3:
                regions.append(rng.choice(cat.regions))
            regions = list({r.pk: r for r in regions}.values())
        authors = (
            rng.sample(cat.reporters, rng.randint(1, 2)) if source is staff else []
        )
        updated = rng.random() < 0.04
        updated_at = stamp + timedelta(hours=rng.randint(1, 30)) if updated else None
        page = {
            "title": text["headline"],
            "draft_title": text["headline"],
            "slug": page_slug,
            "content_type_id": content_type_id,
            "locale_id": section.locale_id,
            "path": Page._get_path(section.path, depth, step),
            "depth": depth,
            "numchild": 0,
            "url_path": f"{section.url_path}{page_slug}/",
            "live": True,
            "has_unpublished_changes": False,
            "show_in_menus": False,
            "first_published_at": stamp,
            "last_published_at": stamp + timedelta(minutes=rng.randint(0, 90))
            if updated
            else stamp,
        }
        article = {
            "lead": text["lead"],
            "kicker": rng.choice(writer.w["kickers"]) if rng.random() < 0.1 else "",
            "opinion_kind": rng.choice(ArticlePage.OpinionKind.values)
            if rules.opinion
            else "",
            "source_id": source.pk,
            "original_byline": ""
            if source is staff
            else f"By {writer.person()}, {source.credit_text}",
            "dateline": text["place"].upper(),
            "agency_time": None
            if source is staff
            else stamp - timedelta(minutes=rng.randint(5, 120)),
            "desk_editor_id": rng.choice(cat.editors).pk,
            "updated_at": updated_at,
            "comments_open": rng.random() < 0.8,
            "main_image_id": rng.choice(cat.images).pk
            if cat.images and rng.random() < IMAGE_SHARE
            else None,
        }
        batch.append(
            {
                "page": page,
                "article": article,
                "body": text["body"],
                "body_texts": text["body_texts"],
                "regions": regions,
                "authors": authors,
                "tags": rng.sample(cat.tags, rng.randint(0, 3)),
                "corrections": [_update_note(updated_at)] if updated else [],
            }
        )
        step += 1
    cat.next_step[section.pk] = step
    return batch


def _jobs(rng, cat: Catalogue, by_section: dict, batch_size: int) -> list:
    """The batches for parallel.run: tree steps given out here, in order."""
    jobs = []
    for slug, section_stamps in by_section.items():
        section_stamps.sort()  # oldest first: tree order is publishing order
        step = cat.next_step[cat.sections[slug].pk]
        for i in range(0, len(section_stamps), batch_size):
            chunk = section_stamps[i : i + batch_size]
            jobs.append(parallel.Job(slug, chunk, step, rng.getrandbits(64)))
            step += len(chunk)
        cat.next_step[cat.sections[slug].pk] = step
    return jobs


def _update_note(noted_at: datetime) -> dict:
    return {
        "kind": ArticleCorrection.Kind.UPDATE,
        "noted_at": noted_at,
        "text": "This article was updated with further details.",
        "sort_order": 0,
    }


def _write_orm(batch: list[dict], backends: list) -> None:
    """Any database: bulk inserts through the ORM, indexed by the backends."""
    articles = []
    for spec in batch:
        article = ArticlePage(**spec["page"], **spec["article"], body=spec["body"])
        # In memory, so search indexing reads them without a query per article.
        article.regions = spec["regions"]
        articles.append(article)
    pages = Page.objects.bulk_create(
        [
            Page(**{f.attname: getattr(a, f.attname) for f in PAGE_FIELDS})
            for a in articles
        ]
    )
    for article, page, spec in zip(articles, pages, batch, strict=True):
        article.id = article.page_ptr_id = spec["id"] = page.pk
    # The child table's own columns: what Model.save_base(raw=True) would write.
    child_fields = ArticlePage._meta.local_concrete_fields
    size = max(1, connection.ops.bulk_batch_size(child_fields, articles))
    for i in range(0, len(articles), size):
        ArticlePage._base_manager._insert(articles[i : i + size], fields=child_fields)

    through = ArticlePage.regions.through
    through.objects.bulk_create(
        [
            through(articlepage_id=s["id"], regionpage_id=r.pk)
            for s in batch
            for r in s["regions"]
        ]
    )
    authors_through = ArticlePage.authors.through
    authors_through.objects.bulk_create(
        [
            authors_through(articlepage_id=s["id"], personpage_id=p.pk)
            for s in batch
            for p in s["authors"]
        ]
    )
    ArticleTag.objects.bulk_create(
        [
            ArticleTag(content_object_id=s["id"], tag_id=t.pk)
            for s in batch
            for t in s["tags"]
        ]
    )
    ArticleCorrection.objects.bulk_create(
        [
            ArticleCorrection(article_id=s["id"], **note)
            for s in batch
            for note in s["corrections"]
        ]
    )
    with _searchable_content_once(ArticlePage, "body"):
        for backend in backends:
            backend.add_bulk(ArticlePage, articles)


@contextmanager
def _searchable_content_once(model, field_name: str):
    """The indexer reads each search field three times (title, body and
    autocomplete passes); turning a StreamField into text is most of the cost
    of indexing, so compute it once per value while a batch is indexed."""
    field = model._meta.get_field(field_name)
    original = field.get_searchable_content
    memo: dict[int, tuple] = {}

    def once(value):
        key = id(value)
        if key not in memo:
            memo[key] = (value, original(value))  # holding value keeps id unique
        return memo[key][1]

    field.get_searchable_content = once
    try:
        yield
    finally:
        del field.get_searchable_content


def generate_archive(
    articles: int,
    seed: int | None = None,
    days: int | None = None,
    batch_size: int = 1000,
    progress: bool = False,
) -> dict:
    """Add `articles` published ArticlePages; returns counts and timings."""
    started = time.monotonic()
    rng = random.Random(seed)  # noqa: S311 - bench data, not secrets
    words = load_words()
    writer = Writer(rng, words)
    home = _ensure_tree()
    # About a second per drawn image: a small archive draws one or two.
    cat = _catalogue(home, words, min(IMAGE_POOL, 1 + articles // 5000))
    if days is None:
        days = min(MAX_DAYS, max(1, -(-articles // ARTICLES_PER_DAY)))
    site = home.get_site()
    zone = ZoneInfo(SiteSettings.for_site(site).time_zone) if site else ZoneInfo("UTC")

    weights = [s.share for s in words.sections.values()]
    slugs = rng.choices(list(words.sections), weights=weights, k=articles)
    stamps = _publish_times(rng, articles, days, zone)
    by_section: dict[str, list[datetime]] = defaultdict(list)
    for slug, stamp in zip(slugs, stamps, strict=True):
        by_section[slug].append(stamp)

    content_type_id = ContentType.objects.get_for_model(ArticlePage).pk
    backends = list(get_search_backends(with_auto_update=True))
    slots = pgcopy.copy_slots(backends)  # None: not PostgreSQL, use the ORM
    for section in cat.sections.values():
        cat.next_step[section.pk] = _next_step(section)

    indexer = None
    if slots is not None:
        indexer = pgcopy.Indexer(content_type_id, slots, workers=os.cpu_count() or 1)
        if articles >= DROP_GIN_FROM:
            indexer.drop_gin_indexes()
    processes = (os.cpu_count() or 1) + 1
    try:
        with tqdm(
            total=articles, unit="article", disable=not progress, smoothing=0.1
        ) as bar:
            if indexer is not None and indexer.workers and articles >= PARALLEL_FROM:
                jobs = _jobs(rng, cat, by_section, batch_size)
                parallel.run(
                    jobs,
                    processes,
                    bar.update,
                    cat=cat,
                    words=words,
                    content_type_id=content_type_id,
                    slots=slots,
                    specs=_specs,
                )
                by_section = {}  # all written
            for slug, section_stamps in by_section.items():
                # Oldest first: the tree order of a section is its publishing order.
                section_stamps.sort()
                for i in range(0, len(section_stamps), batch_size):
                    chunk = section_stamps[i : i + batch_size]
                    batch = _specs(rng, writer, cat, slug, chunk, content_type_id)
                    with transaction.atomic():
                        if indexer is None:
                            _write_orm(batch, backends)
                        else:
                            pgcopy.write_batch(batch)
                        section_pk = cat.sections[slug].pk
                        Page.objects.filter(pk=section_pk).update(
                            numchild=F("numchild") + len(batch)
                        )
                        if indexer is not None and indexer.workers == 0:
                            indexer.add(batch)
                    if indexer is not None and indexer.workers:
                        indexer.add(batch)  # committed: other connections see it
                    bar.update(len(chunk))
    finally:
        if indexer is not None:
            if progress:
                print("Finishing the search index ...", flush=True)
            indexer.finish()

    for backend in backends:
        # Both database indexes keep a BM25-like title norm (new rows get 1.0);
        # refresh it once for all rows.
        index = backend.get_index_for_model(ArticlePage)
        if hasattr(index, "_refresh_title_norms"):
            index._refresh_title_norms(full=True)

    # Fresh planner statistics after a bulk load. Without them SQLite drives
    # every listing from the embargo_until index (the OR in published()) and
    # sorts the whole archive: 350 ms instead of 1 ms per listing at 100k.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    purge_all()  # listings, home and archive now have new articles
    return {
        "articles": articles,
        "days": days,
        "sections": {slug: len(s) for slug, s in by_section.items()},
        "seconds": time.monotonic() - started,
    }
