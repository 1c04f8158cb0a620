"""`masthead generate-archive --articles N`: a realistic archive for benchmarks.

Bench data for design.md §2's scale note: N published articles spread over the
seed's sections and the last D days, with generated (original) text, sources,
editors, regions and tags, indexed for search.

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
import uuid
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from taggit.models import Tag
from tqdm import tqdm
from wagtail.models import Page
from wagtail.search.backends import get_search_backends

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

ARTICLES_PER_DAY = 200  # a daily paper adds 100-300 (design.md §2)
MAX_DAYS = 3650


def _w(words: str) -> list[str]:
    return words.split("|")


# --- Words ----------------------------------------------------------------
# Each section: (who, does what, amid what, where, share of the archive).
PLACES_WORLD = "Istanbul Geneva Brussels Nairobi Jakarta Brasilia Cairo Washington Kyiv Ankara New-Delhi Tokyo Seoul Berlin Paris Lagos Lima Hanoi".split()
PLACES_NATION = "Beijing Guangzhou Shenzhen Wuhan Xi'an Chengdu Hangzhou Nanjing Kunming Harbin Tianjin Qingdao".split()
DISTRICT_PLACES = "Pudong Huangpu Xuhui Jing'an Minhang Baoshan Jiading Songjiang Qingpu Yangpu Hongkou Putuo Changning Chongming".split()

SECTIONS = {
    "world": (
        "Delegations|Foreign ministers|European leaders|Rescue teams|Negotiators|Election observers|Coalition partners|Central bankers|Peacekeepers|Aid agencies",
        "agree on a prisoner exchange|resume ceasefire talks|pledge new aid for flood victims|call a snap election|sign a trade corridor deal|extend sanctions for six months|open a humanitarian corridor|reach a deal on grain exports|urge calm after border clashes|back a climate finance plan|raise interest rates again|evacuate coastal towns",
        "talks in Istanbul|a week of protests|rising food prices|a summit in Geneva|heavy monsoon rains|a disputed vote|a record heatwave|a currency slide",
        PLACES_WORLD,
        22,
    ),
    "nation": (
        "Lawmakers|Rail operators|Provincial authorities|Scientists|Farmers|Schools|Space engineers|Health officials|Forest rangers|Courts",
        "approve a data protection law|open a high-speed line to the coast|launch a weather satellite|bring in an early wheat harvest|expand free health checks|plant a new shelter belt|publish new flood defence rules|test a hydrogen-powered train|restore a Ming-dynasty bridge|cut fees for rural students",
        "the summer flood season|a national work conference|a five-year plan review|record grain output|an ageing population|a push for cleaner air",
        PLACES_NATION,
        15,
    ),
    "business": (
        "Carmakers|Chipmakers|Exporters|Regulators|Port operators|Banks|Airlines|Electric-vehicle makers|Tech start-ups|Insurers|Shipbuilders",
        "raise prices|report record quarterly profits|cut jobs|expand into Southeast Asia|post strong gains|tighten lending rules|order new aircraft|open a battery plant|list shares in Hong Kong|sign a long-term gas deal|slash delivery times",
        "weak consumer demand|a tariff dispute|a rally in tech shares|falling steel prices|a shortage of chips|strong export figures|a cooling property market",
        PLACES_NATION + ["Shanghai", "Hong Kong", "Singapore"],
        14,
    ),
    "metro": (
        "District officials|Metro operators|City planners|Volunteers|Hospitals|Residents|Firefighters|Traffic police|Museum curators|Park keepers",
        "open a new riverside park|extend Metro Line 18|launch a night bus service|start work on the old shipyard|add cycle lanes on Century Avenue|restore shikumen lane houses|trial driverless taxis|open a 24-hour clinic|replant the plane trees|clear flooded underpasses",
        "the plum rain season|a typhoon warning|the Lantern Festival crowds|a busy Golden Week|complaints about noise|the marathon weekend",
        DISTRICT_PLACES,
        14,
    ),
    "sport": (
        "Shanghai Port|Shenhua|The national team|Olympic champions|Table tennis stars|Marathon runners|The women's volleyball team|Young swimmers|Badminton pairs|Basketball Sharks",
        "win the cup final|reach the semi-finals|sign a new head coach|break the course record|qualify for the world championships|come back from two goals down|retain the league title|unveil a new stadium|beat the defending champions|clinch a place in the final",
        "a tense penalty shoot-out|a packed stadium|an injury crisis|the season opener|heavy rain in the second half|a record crowd",
        ["Shanghai", "Beijing", "Guangzhou", "Tokyo", "Doha", "Paris", "Madrid"],
        10,
    ),
    "opinion": (
        "Cities|Regulators|Universities|Families|Small firms|Trade partners|Museums|Readers",
        "need a longer view of urban renewal|should share the cost of clean air|must plan for an older population|deserve clearer rules on data|can learn from the river clean-up|should keep the libraries open late",
        "a changing climate|a slower world economy|new technology|crowded classrooms|rising rents|an uncertain trade outlook",
        ["Shanghai", "Beijing"],
        8,
    ),
    "in-focus": (
        "Investigators|Reporters|Scientists|Archaeologists|Engineers|Economists",
        "trace the city's lost canals|follow a container across the ocean|map the river's recovery|uncover a Song-dynasty shipwreck|rebuild a silk workshop|measure the cost of the heatwave",
        "decades of change|a hidden history|a year on the road|the race for clean energy|a quiet revolution in farming",
        PLACES_NATION + DISTRICT_PLACES,
        5,
    ),
    "video": (
        "Dancers|Chefs|Drone pilots|Street musicians|Ferry crews|Night-market traders",
        "take over the Bund at dawn|cook the perfect xiaolongbao|film the tide on the Qiantang|play for commuters|cross the Huangpu at rush hour|light up the lantern market",
        "a festival weekend|the first snow|the mid-autumn moon|a summer storm",
        DISTRICT_PLACES,
        4,
    ),
    "community": (
        "Neighbours|Retired teachers|Students|Library volunteers|Choirs|Food banks",
        "run a free repair cafe|teach English to elderly residents|collect books for rural schools|sing in the old lanes|share surplus vegetables|clean up the creek",
        "the spring festival|a rainy weekend|the school holidays|a heat alert",
        DISTRICT_PLACES,
        4,
    ),
    "special-reports": (
        "Planners|Delegates|Exhibitors|Researchers|Diplomats",
        "prepare for the import expo|set out the climate road map|count the cost of the floods|take stock of the Belt and Road|open the world AI conference",
        "a landmark year|the anniversary of the reforms|a week of talks|global attention",
        ["Shanghai", "Beijing", "Hangzhou"],
        2,
    ),
}
LINKS = _w("amid|after|ahead of|despite")
COUNTS = _w(
    "homes lose power|flights are cancelled|new jobs are created|trees are planted|volunteers sign up|visitors pack the riverside|students sit the entrance exam|cars are recalled"
)
EFFECTS = _w(
    "raised questions about costs|drawn wide public support|divided opinion among experts|been welcomed by residents|put pressure on local budgets|pushed the issue up the agenda"
)
TRENDS = _w(
    "demand picking up in the second half|prices easing slowly|visitor numbers climbing above last year's|investment shifting towards cleaner industries|a steady rise in applications"
)
OBSERVATIONS = _w(
    "queues had formed before dawn|the changes were already visible on the streets|they had waited years for the decision|the mood was calm but watchful|the first results had surprised them"
)
QUOTES = _w(
    "We have listened carefully and this is the right step|The details still need work, but the direction is clear|Nobody expected it to happen so quickly|This is about the next generation, not the next quarter|We will keep checking the figures every week|People want something they can see and use"
)
SURNAMES = "Wang Li Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Hu Zhu Gao Lin He Guo Ma Luo".split()
GIVEN = "Wei Fang Min Jing Lei Yan Hao Yu Ting Jie Xin Lin Yinuo Chen Bo Mei".split()
FOREIGN = _w(
    "Anna Hoffmann|David Okafor|Maria Silva|James Carter|Elif Yilmaz|Sophie Martin|Rahul Mehta|Olga Petrova|Kenji Sato|Amira Haddad"
)
ROLES = _w("a spokesperson|director|a senior researcher|deputy head|chair")
ORGS = _w(
    "the city government|Fudan University|the chamber of commerce|the statistics bureau|the port authority|a consumer group|the ministry|an industry association"
)
KICKERS = _w("Analysis|Explainer|Exclusive|Update|In pictures|Interview")
TAGS = _w(
    "economy|climate|transport|health|education|technology|culture|diplomacy|energy|housing|food|football|weather|elections|trade"
)
SOURCES = [
    ("Masthead Daily", "staff", Source.Kind.STAFF, "Masthead Daily"),
    ("Xinhua", "xinhua", Source.Kind.AGENCY, "Xinhua"),
    ("Associated Press", "ap", Source.Kind.AGENCY, "AP"),
    ("Anadolu Agency", "anadolu", Source.Kind.AGENCY, "Anadolu"),
    ("Agence France-Presse", "afp", Source.Kind.AGENCY, "AFP"),
    ("Reuters", "reuters", Source.Kind.AGENCY, "Reuters"),
]
PEOPLE = [
    ("Zhao Yinuo", PersonPage.Role.EDITOR),
    ("Li Wen", PersonPage.Role.EDITOR),
    ("Chen Hao", PersonPage.Role.EDITOR),
    ("Wang Mei", PersonPage.Role.REPORTER),
    ("Sun Jie", PersonPage.Role.REPORTER),
    ("Zhou Lin", PersonPage.Role.REPORTER),
    ("Hu Ting", PersonPage.Role.REPORTER),
    ("Grace Turner", PersonPage.Role.COLUMNIST),
]
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


class Writer:
    """Headlines, leads and paragraphs from the lists above; deterministic per seed."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.sections = {
            slug: (
                a.split("|"),
                b.split("|"),
                c.split("|"),
                [p.replace("-", " ") for p in d],
            )
            for slug, (a, b, c, d, _w) in SECTIONS.items()
        }

    def person(self) -> str:
        r = self.rng
        if r.random() < 0.3:
            return r.choice(FOREIGN)
        return f"{r.choice(SURNAMES)} {r.choice(GIVEN)}"

    def article(self, slug: str, when: datetime) -> dict:
        r = self.rng
        actors, actions, contexts, places = self.sections[slug]
        actor, action = r.choice(actors), r.choice(actions)
        context, place = r.choice(contexts), r.choice(places)
        shape = r.randrange(6)
        if shape == 0:
            headline = f"{actor} {action} {r.choice(LINKS)} {context}"
        elif shape == 1:
            headline = f"{actor} to {action}"
        elif shape == 2:
            headline = f"{place}: {actor.lower()} {action}"
        elif shape == 3:
            headline = f"{r.randint(2, 98) * 50:,} {r.choice(COUNTS)} in {place}"
        elif shape == 4:
            headline = f"What {context} means for {r.choice(actors).lower()}"
        else:
            headline = f"{actor} {action} as {place} watches"
        if slug == "video":
            headline = "Video: " + headline
        weekday = WEEKDAYS[when.weekday()]
        lead = (
            f"{actor} in {place} {action} on {weekday}, a step that has "
            f"{r.choice(EFFECTS)} {r.choice(LINKS)} {context}."
        )
        body = []
        for _ in range(r.randint(4, 8)):
            sentences = [self.sentence(actors, actions, contexts, places, weekday)]
            sentences += [
                self.sentence(actors, actions, contexts, places, weekday)
                for _ in range(r.randint(1, 3))
            ]
            body.append(
                {
                    "type": "paragraph",
                    "value": f"<p>{escape(' '.join(sentences))}</p>",
                    "id": str(uuid.UUID(int=r.getrandbits(128), version=4)),
                }
            )
        if r.random() < 0.3:
            body.insert(
                r.randint(1, len(body) - 1),
                {
                    "type": "quote",
                    "value": {
                        "quote": r.choice(QUOTES) + ".",
                        "attribution": self.person(),
                    },
                    "id": str(uuid.UUID(int=r.getrandbits(128), version=4)),
                },
            )
        return {"headline": headline, "lead": lead, "body": body, "place": place}

    def sentence(self, actors, actions, contexts, places, weekday) -> str:
        r = self.rng
        n = r.randrange(9)
        if n == 0:
            return f"{r.choice(actors)} said they would {r.choice(actions)} before the end of the year."
        if n == 1:
            return (
                f"The move follows {r.choice(contexts)}, which has {r.choice(EFFECTS)}."
            )
        if n == 2:
            return f'"{r.choice(QUOTES)}," said {self.person()}, {r.choice(ROLES)} at {r.choice(ORGS)}.'
        if n == 3:
            return f"About {r.randint(3, 900) * 10:,} people in {r.choice(places)} were affected, officials said on {weekday}."
        if n == 4:
            return f"{r.randint(12, 88)} per cent of those asked in a survey by {r.choice(ORGS)} supported the plan."
        if n == 5:
            return f"Analysts at {r.choice(ORGS)} expect {r.choice(TRENDS)}."
        if n == 6:
            return f"People in {r.choice(places)} told reporters that {r.choice(OBSERVATIONS)}."
        if n == 7:
            return f"{r.choice(actors)} have long argued that it is time to {r.choice(actions)}."
        return (
            f"Further details are expected after {r.choice(contexts)} later this month."
        )


@dataclass
class Catalogue:
    """What every batch refers to, loaded once."""

    sections: dict[str, SectionPage]
    sources: dict[str, Source]
    editors: list[PersonPage]
    reporters: list[PersonPage]
    regions: list[RegionPage]
    regions_by_title: dict[str, RegionPage]
    tags: list[Tag]
    next_step: dict[int, int] = field(default_factory=dict)


def _ensure_tree():
    from masthead.website.models import HomePage
    from masthead.website.sitetree import build_site_tree

    home = HomePage.objects.first()
    if home is None or not SectionPage.objects.filter(slug="world").exists():
        home = build_site_tree()
    return home


def _catalogue(home) -> Catalogue:
    from masthead.newsroom.factories import SourceFactory

    sections = {}
    for slug in SECTIONS:
        page = SectionPage.objects.descendant_of(home).filter(slug=slug).first()
        if page is None:
            raise CommandError(f"The site tree has no section {slug!r}.")
        sections[slug] = page
    sources = {
        slug: SourceFactory(name=name, slug=slug, kind=kind, credit=credit)
        for name, slug, kind, credit in SOURCES
    }
    people_index = PeopleIndexPage.objects.first()
    people = []
    for title, role in PEOPLE:
        slug = slugify(title)
        person = PersonPage.objects.filter(slug=slug).first()
        if person is None:
            person = PersonPage(title=title, slug=slug, role=role)
            people_index.add_child(instance=person)
            person.save_revision().publish()
        people.append(person)
    regions = list(RegionPage.objects.live().order_by("path"))
    return Catalogue(
        sections=sections,
        sources=sources,
        editors=[p for p in people if p.role == PersonPage.Role.EDITOR],
        reporters=[p for p in people if p.role != PersonPage.Role.EDITOR],
        regions=regions,
        regions_by_title={r.title: r for r in regions},
        tags=[Tag.objects.get_or_create(name=n, defaults={"slug": n})[0] for n in TAGS],
    )


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
    staff = cat.sources["staff"]
    agencies = [s for key, s in cat.sources.items() if key != "staff"]
    for stamp in stamps:
        text = writer.article(slug, stamp)
        page_slug = f"{slugify(text['headline'])[:72].strip('-')}-{step:x}"
        source = (
            staff
            if slug in ("metro", "community", "opinion", "in-focus")
            or rng.random() < 0.25
            else rng.choice(agencies)
        )
        regions = []
        if slug in ("metro", "community", "video") or rng.random() < 0.08:
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
            kicker=rng.choice(KICKERS) if rng.random() < 0.1 else "",
            opinion_kind=rng.choice(ArticlePage.OpinionKind.values)
            if slug == "opinion"
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
    writer = Writer(rng)
    home = _ensure_tree()
    cat = _catalogue(home)
    if days is None:
        days = min(MAX_DAYS, max(1, -(-articles // ARTICLES_PER_DAY)))
    from masthead.core.models import SiteSettings

    site = home.get_site()
    zone = ZoneInfo(SiteSettings.for_site(site).time_zone) if site else ZoneInfo("UTC")

    weights = [w for *_rest, w in SECTIONS.values()]
    slugs = rng.choices(list(SECTIONS), weights=weights, k=articles)
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

    from masthead.core.pagecache import purge_all

    purge_all()  # listings, home and archive now have new articles
    return {
        "articles": articles,
        "days": days,
        "sections": {slug: len(s) for slug, s in by_section.items()},
        "seconds": time.monotonic() - started,
    }


class Command(BaseCommand):
    help = (
        "Add a realistic archive of N published articles (bench data): sections, "
        "sources, regions, tags, generated text, search index, in batches."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True)
        parser.add_argument("--seed", type=int, default=None)
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Spread over the last D days (default: about {ARTICLES_PER_DAY} "
            f"articles a day, at most {MAX_DAYS} days).",
        )
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, articles, seed, days, batch_size, verbosity, **options):
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        if days is not None and days < 1:
            raise CommandError("--days must be at least 1.")
        result = generate_archive(
            articles,
            seed=seed,
            days=days,
            batch_size=max(1, batch_size),
            progress=verbosity > 0,
        )
        rate = result["articles"] / max(result["seconds"], 1e-6)
        self.stdout.write(
            f"Added {result['articles']:,} articles over {result['days']} days in "
            f"{result['seconds']:.1f} s ({rate:,.0f}/s); search index updated."
        )
        if verbosity > 1:
            for slug, n in sorted(result["sections"].items()):
                self.stdout.write(f"  {slug}: {n:,}")
