"""The demo's site tree: sections, regions, people index and static pages.

The tree is data (`data/site.toml`); the pages are made with the factories the
tests use, so `masthead demo` and the tests run on the same tree made the same
way. `build_site_tree()` is idempotent: run twice, it finds what it made the
first time.
"""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

import wagtail_factories
from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from masthead.core.models import SiteSettings
from masthead.newsroom.factories import (
    PeopleIndexFactory,
    RegionFactory,
    RegionIndexFactory,
    SectionFactory,
)
from masthead.newsroom.models import RegionPage, SectionPage
from masthead.website.factories import HomePageFactory, StandardPageFactory
from masthead.website.models import HomePage, StandardPage

DATA_FILE = Path(__file__).resolve().parent / "data" / "site.toml"
PAGES_DIR = Path(__file__).resolve().parent / "data" / "pages"
# One-line placeholders of earlier demos: a page still holding one gets the
# full text; a page an editor has changed is left alone.
_OLD_PLACEHOLDER_STARTS = (
    "<p>Masthead Daily is an English-language city paper. Our newsroom reports ",
    "<p>Tips, corrections and questions reach the news desk at any hour.</p>",
    "<p>We keep the least data we can. Reading the site sets no cookie. ",
    "<p>Articles are for personal reading. Agency copy belongs to the agency ",
)


class Place(NamedTuple):
    title: str
    slug: str


class Section(NamedTuple):
    title: str
    slug: str
    children: list[Place]
    is_video: bool


class StaticPage(NamedTuple):
    title: str
    slug: str
    show_contact_details: bool


@dataclass(frozen=True)
class SiteTree:
    site_name: str
    sections: list[Section]
    regions: dict  # title, slug, before_section
    districts: list[Place]
    cities: list[Place]
    people: dict  # title, slug
    static_pages: list[StaticPage]
    settings: dict


@cache
def load_site_tree(path: Path = DATA_FILE) -> SiteTree:
    with path.open("rb") as f:
        data = tomllib.load(f)
    regions = data["regions"]
    return SiteTree(
        site_name=data["site_name"],
        sections=[
            Section(
                s["title"],
                s["slug"],
                [Place(c["title"], c["slug"]) for c in s.get("children", [])],
                s.get("is_video", False),
            )
            for s in data["sections"]
        ],
        regions={k: regions[k] for k in ("title", "slug", "before_section")},
        districts=[Place(r["title"], r["slug"]) for r in regions["districts"]],
        cities=[Place(r["title"], r["slug"]) for r in regions["cities"]],
        people=data["people"],
        static_pages=[
            StaticPage(p["title"], p["slug"], p.get("show_contact_details", False))
            for p in data["static_pages"]
        ],
        settings=data["settings"],
    )


def static_page_body(slug: str) -> str:
    return (PAGES_DIR / f"{slug}.html").read_text(encoding="utf-8").strip()


def _child(parent: Page, page_factory, slug: str, **fields) -> Page:
    model = page_factory._meta.model
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = page_factory(parent=parent, slug=slug, **fields)
    # Published through a revision, as an editor's page would be.
    page.save_revision().publish()
    return page


@transaction.atomic
def build_site_tree(hostname: str = "127.0.0.1", port: int = 80) -> HomePage:
    tree = load_site_tree()
    root = Page.get_first_root_node() or _make_root()
    home = HomePage.objects.first()
    if home is None:
        # Replace Wagtail's placeholder "Welcome" page with the paper's front page.
        Page.objects.filter(depth=2).exclude(content_type__model="homepage").delete()
        root.refresh_from_db()
        home = _child(root, HomePageFactory, "home", title="Home")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name=tree.site_name,
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()

    for s in tree.sections:
        section = _child(
            home, SectionFactory, s.slug, title=s.title, is_video=s.is_video
        )
        for child in s.children:
            _child(section, SectionFactory, child.slug, title=child.title)
    regions = _child(
        home, RegionIndexFactory, tree.regions["slug"], title=tree.regions["title"]
    )
    for kind, places in (
        (RegionPage.Kind.DISTRICT, tree.districts),
        (RegionPage.Kind.CITY, tree.cities),
    ):
        for place in places:
            _child(regions, RegionFactory, place.slug, title=place.title, kind=kind)
    _place_before(home, regions, tree.regions["before_section"])
    _child(home, PeopleIndexFactory, tree.people["slug"], title=tree.people["title"])
    for p in tree.static_pages:
        page = _child(
            home,
            StandardPageFactory,
            p.slug,
            title=p.title,
            body=static_page_body(p.slug),
            show_contact_details=p.show_contact_details,
        )
        _replace_placeholder(page, p.slug)
    _ensure_settings(site, tree.settings)
    return home


def _replace_placeholder(page: StandardPage, slug: str) -> None:
    if page.body.startswith(_OLD_PLACEHOLDER_STARTS) and len(page.body) < 400:
        page.body = static_page_body(slug)
        page.save_revision().publish()


def _make_root() -> Page:
    # Wagtail's migrations make the root; a flushed database (transactional
    # tests, a restore of content only) may lack it, and its default locale.
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    return wagtail_factories.PageFactory(
        parent=None, title="Root", slug="root", live=True
    )


def _place_before(home: HomePage, page: Page, section_slug: str) -> None:
    following = SectionPage.objects.child_of(home).filter(slug=section_slug).first()
    page.refresh_from_db()
    if following and page.path > following.path:
        page.move(following, pos="left")


def _ensure_settings(site: Site, values: dict) -> None:
    site_settings = SiteSettings.for_site(site)
    if site_settings.licence_lines:
        return
    for name in (
        "masthead_name",
        "tagline",
        "copyright_holder",
        "hotline",
        "address",
        "contact_email",
    ):
        setattr(site_settings, name, values[name])
    site_settings.licence_lines = "\n".join(values["licence_lines"])
    site_settings.social_links = [("link", link) for link in values["social_links"]]
    site_settings.save()
