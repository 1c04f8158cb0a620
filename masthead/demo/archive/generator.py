"""A realistic archive for benchmarks (`masthead generate-archive`).

Bench data for design.md §2's scale note: N published articles spread over the
demo's sections and the last D days, with generated (original) text, the demo's
sources and people, regions and tags, indexed for search.

Wagtail's `add_child` costs several queries and a tree lock per page, so pages
are written in batches instead: materialised paths are computed here (treebeard's
`_get_path`), `wagtailcore_page` rows go in with `bulk_create`, the
`newsroom_articlepage` rows with one multi-row INSERT of the child table's own
columns (what `save_base(raw=True)` writes), then the parents' `numchild` is
bumped and the batch is indexed through the configured search backends'
`add_bulk`, so `update_index` is not needed afterwards. Pages get no revisions;
the admin edits them from the page row itself.

Running it again adds more articles after the existing children (no path or
slug collisions).
"""

import random
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
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
from masthead.demo.archive.words import Words, Writer, load_words
from masthead.demo.content import load_people, load_sources
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
from masthead.website.models import HomePage

ARTICLES_PER_DAY = 200  # a daily paper adds 100-300 (design.md §2)
MAX_DAYS = 3650
# Who may be credited as an author of the paper's own copy.
AUTHOR_ROLES = (PersonPage.Role.REPORTER, PersonPage.Role.COLUMNIST)


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
    next_step: dict[int, int] = field(default_factory=dict)


def _ensure_tree() -> HomePage:
    home = HomePage.objects.first()
    if home is None or not SectionPage.objects.filter(slug="world").exists():
        home = build_site_tree()
    return home


def _catalogue(home: HomePage, words: Words) -> Catalogue:
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
    )


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


PAGE_FIELDS = [f for f in Page._meta.concrete_fields if not f.primary_key]


def _insert_batch(
    rng: random.Random,
    writer: Writer,
    cat: Catalogue,
    slug: str,
    stamps: list[datetime],
    content_type_id: int,
    backends: list,
) -> None:
    section = cat.sections[slug]
    step = cat.next_step[section.pk]
    depth = section.depth + 1
    articles, regions_of, tags_of, authors_of = [], [], [], []
    staff = cat.staff
    rules = writer.words.sections[slug]
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
        article = ArticlePage(
            title=text["headline"],
            draft_title=text["headline"],
            slug=page_slug,
            content_type_id=content_type_id,
            locale_id=section.locale_id,
            path=Page._get_path(section.path, depth, step),
            depth=depth,
            numchild=0,
            url_path=f"{section.url_path}{page_slug}/",
            live=True,
            has_unpublished_changes=False,
            show_in_menus=False,
            first_published_at=stamp,
            last_published_at=stamp + timedelta(minutes=rng.randint(0, 90))
            if updated
            else stamp,
            lead=text["lead"],
            body=text["body"],
            kicker=rng.choice(writer.w["kickers"]) if rng.random() < 0.1 else "",
            opinion_kind=rng.choice(ArticlePage.OpinionKind.values)
            if rules.opinion
            else "",
            source_id=source.pk,
            original_byline=""
            if source is staff
            else f"By {writer.person()}, {source.credit_text}",
            dateline=text["place"].upper(),
            agency_time=None
            if source is staff
            else stamp - timedelta(minutes=rng.randint(5, 120)),
            desk_editor_id=rng.choice(cat.editors).pk,
            updated_at=stamp + timedelta(hours=rng.randint(1, 30)) if updated else None,
            comments_open=rng.random() < 0.8,
        )
        # In memory, so search indexing reads them without a query per article.
        article.regions = regions
        articles.append(article)
        regions_of.append(regions)
        tags_of.append(rng.sample(cat.tags, rng.randint(0, 3)))
        authors_of.append(authors)
        step += 1

    pages = Page.objects.bulk_create(
        [
            Page(**{f.attname: getattr(a, f.attname) for f in PAGE_FIELDS})
            for a in articles
        ]
    )
    for article, page in zip(articles, pages, strict=True):
        article.id = article.page_ptr_id = page.pk
    # The child table's own columns: what Model.save_base(raw=True) would write.
    child_fields = ArticlePage._meta.local_concrete_fields
    size = max(1, connection.ops.bulk_batch_size(child_fields, articles))
    for i in range(0, len(articles), size):
        ArticlePage._base_manager._insert(articles[i : i + size], fields=child_fields)

    through = ArticlePage.regions.through
    through.objects.bulk_create(
        [
            through(articlepage_id=a.pk, regionpage_id=r.pk)
            for a, rs in zip(articles, regions_of, strict=True)
            for r in rs
        ]
    )
    authors_through = ArticlePage.authors.through
    authors_through.objects.bulk_create(
        [
            authors_through(articlepage_id=a.pk, personpage_id=p.pk)
            for a, ps in zip(articles, authors_of, strict=True)
            for p in ps
        ]
    )
    ArticleTag.objects.bulk_create(
        [
            ArticleTag(content_object_id=a.pk, tag_id=t.pk)
            for a, ts in zip(articles, tags_of, strict=True)
            for t in ts
        ]
    )
    ArticleCorrection.objects.bulk_create(
        [
            ArticleCorrection(
                article_id=a.pk,
                kind=ArticleCorrection.Kind.UPDATE,
                noted_at=a.updated_at,
                text="This article was updated with further details.",
                sort_order=0,
            )
            for a in articles
            if a.updated_at
        ]
    )
    Page.objects.filter(pk=section.pk).update(numchild=F("numchild") + len(articles))
    cat.next_step[section.pk] = step
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
    cat = _catalogue(home, words)
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
    for section in cat.sections.values():
        cat.next_step[section.pk] = _next_step(section)

    with tqdm(
        total=articles, unit="article", disable=not progress, smoothing=0.1
    ) as bar:
        for slug, section_stamps in by_section.items():
            # Oldest first, so the tree order of a section is its publishing order.
            section_stamps.sort()
            for i in range(0, len(section_stamps), batch_size):
                chunk = section_stamps[i : i + batch_size]
                with transaction.atomic():
                    _insert_batch(
                        rng, writer, cat, slug, chunk, content_type_id, backends
                    )
                bar.update(len(chunk))

    for backend in backends:
        # The SQLite index keeps a BM25 title norm; refresh it once for all rows.
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
