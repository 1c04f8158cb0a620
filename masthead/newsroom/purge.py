"""Which addresses a change touches, and dropping them from our cache and the CDN.

`masthead.newsroom.publishing` decides when (after the change commits) and in
what order; this module knows the addresses: the paths an article shows on,
the old addresses of a page whose URL changed, the surrogate keys a served
page is tagged with, and how one `Purge` is carried out.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from wagtail import hooks
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site

from masthead.core.models import SiteSettings
from masthead.core.navigation import clear_navigation_cache
from masthead.core.pagecache import purge_all, purge_paths
from masthead.core.public_urls import base_url, page_url
from masthead.newsroom.date_archive import paths_around
from masthead.newsroom.fragments import bump_section, section_path_of
from masthead.newsroom.models import ArticlePage

# What other apps build from an article (feeds, sitemaps) is theirs to name:
# newsroom imports no app above it. Each provider, added once at start-up from
# the app's AppConfig.ready() (`add_paths_provider`), is called with the article
# and the paths of the pages that list it (its sections up to home, regions,
# special reports, people) and returns the paths of its outputs that show it.
_extra_paths_providers: list = []


def add_paths_provider(provider) -> None:
    if provider not in _extra_paths_providers:
        _extra_paths_providers.append(provider)


@dataclass
class Purge:
    """What one change drops: paths of our page cache (or all of it, with the
    navigation), the related-stories fragments of sections, and full URLs at
    the CDN."""

    paths: set[str] = field(default_factory=set)
    everything: bool = False
    sections: set[str] = field(default_factory=set)
    cdn_urls: set[str] = field(default_factory=set)


def for_article(article, paths_before=frozenset()) -> Purge:
    """An article appeared, changed or went: the paths it shows on now and,
    for a re-publish, those its previous live version showed on."""
    paths = paths_for_article(article) | set(paths_before)
    return Purge(
        paths=paths,
        sections={section_path_of(article)},
        cdn_urls=set(full_urls(article, paths)),
    )


def for_whole_site(page, old_urls=()) -> Purge:
    """A section, region, person or static page changed: titles and links of
    these show in the navigation and footer of every page, so drop everything
    we hold; the CDN is told the page's address (and its old ones)."""
    url = page_url(page)
    return Purge(everything=True, cdn_urls={url, *old_urls} - {None})


def purge_our_cache(purge: Purge) -> None:
    for section_path in sorted(purge.sections):
        bump_section(section_path)
    if purge.everything:
        clear_navigation_cache()
        purge_all()
    else:
        purge_paths(purge.paths)


def purge_cdn(purge: Purge) -> None:
    """One PurgeBatch for the change (Wagtail queues it as one task)."""
    if not settings.WAGTAILFRONTENDCACHE or not purge.cdn_urls:
        return
    PurgeBatch(purge.cdn_urls).purge()


def _path(url: str | None) -> str | None:
    if not url:
        return None
    return urlsplit(url).path or "/"


def paths_for_article(article) -> set[str]:
    """The article, every section above it (home included), its regions,
    special reports and people, the archive pages of its date, and what the
    registered providers add (feeds and sitemaps)."""
    listed_on = {
        _path(p.url) for p in Page.objects.ancestor_of(article).filter(depth__gt=1)
    }
    listed_on |= {_path(r.url) for r in article.regions.all()}
    listed_on |= {_path(r.url) for r in article.special_reports.all()}
    listed_on |= {_path(p.url) for p in article.authors.all()}
    if article.desk_editor_id:
        listed_on.add(_path(article.desk_editor.url))
    listed_on.discard(None)
    paths = {_path(article.url), *listed_on}
    if article.first_published_at:
        site = article.get_site()
        zone = (
            ZoneInfo(SiteSettings.for_site(site).time_zone) if site else ZoneInfo("UTC")
        )
        paths |= paths_around(article.first_published_at.astimezone(zone).date(), zone)
    for provider in _extra_paths_providers:
        paths |= provider(article, frozenset(listed_on))
    paths.discard(None)
    return paths


def live_paths(page) -> frozenset[str]:
    """The paths the live version of an article shows on, read from its row
    (which holds the live version until a publish writes the next one)."""
    before = ArticlePage.objects.filter(pk=page.pk, live=True).first()
    return frozenset(paths_for_article(before)) if before is not None else frozenset()


def live_url_path(page) -> str | None:
    return (
        Page.objects.filter(pk=page.pk, live=True)
        .values_list("url_path", flat=True)
        .first()
    )


def relocated_urls(page, url_path_before: str | None) -> set[str]:
    """The old addresses of a page and its live descendants after its URL
    changed (new slug, or moved): each now answers with a redirect that a
    cached copy would hide. Empty when the URL did not change."""
    if not url_path_before or url_path_before == page.url_path:
        return set()
    prefix = len(page.url_path)
    url_paths = [url_path_before]
    url_paths += [
        url_path_before + url_path[prefix:]
        for url_path in page.get_descendants()
        .live()
        .values_list("url_path", flat=True)
        .iterator()
    ]
    return set(_site_urls(url_paths))


def subtree_urls(page) -> set[str]:
    """The addresses of a page and its live descendants, as they are now."""
    pages = Page.objects.live().descendant_of(page, inclusive=True)
    return set(_site_urls(pages.values_list("url_path", flat=True).iterator()))


def _site_urls(url_paths):
    """Full public URLs of tree paths (`/home/news/x/`), on every site whose
    root holds them."""
    roots = Site.get_site_root_paths()
    for url_path in url_paths:
        for root in roots:
            if url_path.startswith(root.root_path):
                path = "/" + url_path[len(root.root_path) :]
                yield base_url(fallback=root.root_url) + path
                break


def full_urls(page, paths: set[str]) -> list[str]:
    site = page.get_site()
    if site is None:
        return [page.full_url] if page.full_url else []
    root = base_url(fallback=site.root_url)
    return [root + path for path in sorted(paths)]


def surrogate_keys_for(page) -> set[str]:
    """Keys a CDN can purge a served page by: `page-<id>` on every page, and on
    an article `article-<id>` and `section-<id>` of its section."""
    keys = {f"page-{page.pk}"}
    if page.specific_class is not None and (
        page.specific_class._meta.label_lower == "newsroom.articlepage"
    ):
        keys |= {f"article-{page.pk}", f"section-{page.get_parent().pk}"}
    return keys


# Registered when this module is first imported (NewsroomConfig.ready imports
# it through publishing), once per process, as Wagtail's own hook modules do.
@hooks.register("before_serve_page")
def tag_served_page(page, request, serve_args, serve_kwargs):
    """Name the served page in the Surrogate-Key header (CacheHeadersMiddleware)."""
    keys = getattr(request, "surrogate_keys", None) or set()
    request.surrogate_keys = keys | surrogate_keys_for(page)
