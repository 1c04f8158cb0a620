"""The seed's site: sections, regions, people and static pages, made once.

Used by `masthead demo` and by the tests, so both run on the same tree.
Every function is idempotent: run twice, it finds what it made the first time.
"""

from pathlib import Path

from django.db import transaction
from wagtail.models import Page, Site

from masthead.core.models import SiteSettings
from masthead.newsroom.models import (
    PeopleIndexPage,
    RegionIndexPage,
    RegionPage,
    SectionPage,
)
from masthead.website.models import HomePage, StandardPage

# (title, slug, children, is_video): the order is the navigation order.
SECTIONS = [
    ("In Focus", "in-focus", [], False),
    (
        "News",
        "news",
        [
            ("Business", "business"),
            ("Metro", "metro"),
            ("Nation", "nation"),
            ("World", "world"),
            ("Sport", "sport"),
        ],
        False,
    ),
    ("Video", "video", [], True),
    ("Opinion", "opinion", [], False),
    (
        "Special",
        "special",
        [("Community", "community"), ("Special reports", "special-reports")],
        False,
    ),
]
DISTRICTS = [
    ("Baoshan", "baoshan"),
    ("Changning", "changning"),
    ("Chongming", "chongming"),
    ("Huangpu", "huangpu"),
    ("Hongkou", "hongkou"),
    ("Jiading", "jiading"),
    ("Jing'an", "jingan"),
    ("Minhang", "minhang"),
    ("Pudong", "pudong"),
    ("Putuo", "putuo"),
    ("Songjiang", "songjiang"),
    ("Xuhui", "xuhui"),
    ("Yangpu", "yangpu"),
    ("Qingpu", "qingpu"),
]
CITIES = [
    ("Chengdu", "chengdu"),
    ("Hangzhou", "hangzhou"),
    ("Ningbo", "ningbo"),
    ("Suzhou", "suzhou"),
]
# (title, slug, show contact details): texts in demo_pages/<slug>.html.
STATIC_PAGES = [
    ("About us", "about-us", False),
    ("Contact us", "contact-us", True),
    ("Privacy Policy", "privacy-policy", False),
    ("Terms of Use", "terms-of-use", False),
]
DEMO_PAGES_DIR = Path(__file__).resolve().parent / "demo_pages"
# One-line placeholders of earlier demos: a page still holding one gets the
# full text; a page an editor has changed is left alone.
_OLD_PLACEHOLDER_STARTS = (
    "<p>Masthead Daily is an English-language city paper. Our newsroom reports ",
    "<p>Tips, corrections and questions reach the news desk at any hour.</p>",
    "<p>We keep the least data we can. Reading the site sets no cookie. ",
    "<p>Articles are for personal reading. Agency copy belongs to the agency ",
)


def static_page_body(slug: str) -> str:
    return (DEMO_PAGES_DIR / f"{slug}.html").read_text(encoding="utf-8").strip()


def _child(parent: Page, model, slug: str, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def build_site_tree(hostname: str = "127.0.0.1", port: int = 80) -> HomePage:
    root = Page.get_first_root_node() or _make_root()
    home = HomePage.objects.first()
    if home is None:
        # Replace Wagtail's placeholder "Welcome" page with the paper's front page.
        Page.objects.filter(depth=2).exclude(content_type__model="homepage").delete()
        root.refresh_from_db()
        home = HomePage(title="Home", slug="home")
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name="Masthead Daily",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()

    for title, slug, children, is_video in SECTIONS:
        section = _child(
            home, SectionPage, slug, title=title, show_in_menus=True, is_video=is_video
        )
        for child_title, child_slug in children:
            _child(
                section, SectionPage, child_slug, title=child_title, show_in_menus=True
            )
    regions = _child(
        home, RegionIndexPage, "regions", title="Regions", show_in_menus=True
    )
    for title, slug in DISTRICTS:
        _child(regions, RegionPage, slug, title=title, kind=RegionPage.Kind.DISTRICT)
    for title, slug in CITIES:
        _child(regions, RegionPage, slug, title=title, kind=RegionPage.Kind.CITY)
    # Regions sits between Opinion and Special, as in the seed's navigation.
    _place_regions_before_special(home, regions)
    _child(home, PeopleIndexPage, "people", title="Our people")
    for title, slug, contact in STATIC_PAGES:
        page = _child(
            home,
            StandardPage,
            slug,
            title=title,
            body=static_page_body(slug),
            show_contact_details=contact,
        )
        _replace_placeholder(page, slug)
    _ensure_settings(site)
    return home


def _replace_placeholder(page: StandardPage, slug: str) -> None:
    if page.body.startswith(_OLD_PLACEHOLDER_STARTS) and len(page.body) < 400:
        page.body = static_page_body(slug)
        page.save_revision().publish()


def _make_root() -> Page:
    # Wagtail's migrations make the root; a flushed database (transactional
    # tests, a restore of content only) may lack it, and its default locale.
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    return Page.add_root(instance=Page(title="Root", slug="root", live=True))


def _place_regions_before_special(home: HomePage, regions: RegionIndexPage) -> None:
    special = SectionPage.objects.child_of(home).filter(slug="special").first()
    regions.refresh_from_db()
    if special and regions.path > special.path:
        regions.move(special, pos="left")


def _ensure_settings(site: Site) -> None:
    settings = SiteSettings.for_site(site)
    if settings.licence_lines:
        return
    settings.masthead_name = "Masthead Daily"
    settings.tagline = "The city's paper, every day"
    # Demo values of our own; a real paper enters its registrations here.
    settings.licence_lines = "\n".join(
        [
            "News information service licence: DEMO-0001",
            "Audio-visual programme licence: DEMO-0002",
            "Internet content provider filing: DEMO-0003",
        ]
    )
    settings.copyright_holder = "Masthead Daily"
    settings.hotline = "+86 21 5555 0100"
    settings.address = "1 Example Road\nHuangpu District, Shanghai"
    settings.contact_email = "desk@masthead.example"
    settings.social_links = [
        ("link", {"network": "x", "url": "https://x.com/mastheaddaily"}),
        ("link", {"network": "weibo", "url": "https://weibo.com/mastheaddaily"}),
        (
            "link",
            {"network": "youtube", "url": "https://www.youtube.com/@mastheaddaily"},
        ),
    ]
    settings.save()
