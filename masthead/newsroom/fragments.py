"""Rendered fragments shared by many pages, kept in the page cache's store.

"More from World" is the same four teasers under every World article, so it is
rendered once per section and generation. Publishing or unpublishing anything
in a section bumps that section's generation (from purge.py), which retires
every fragment made before it without knowing their keys.

The lists of the front page, sections and regions (`listing_fragment`) are
rendered once per page and generation of the whole archive, which the same
purges bump: any article's change retires them all. Their comment counts are
not kept in them: each teaser leaves a slot, filled on every render with the
counts of the moment (one query for the list), so a new comment shows at once.
A purge of everything clears the store, fragments and generations with it.
"""

import hashlib
import logging
import re
import secrets

from django.template import engines
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from masthead.core.models import SiteSettings
from masthead.core.pagecache import get_store
from masthead.newsroom.models import ArticlePage

FRAGMENT_SECONDS = 300
ARCHIVE_GENERATION_KEY = "frag-gen:archive"
logger = logging.getLogger("masthead.fragments")

# What the teaser template (includes/teaser.html) writes instead of its
# comment count when rendered into a cached list.
COMMENT_SLOT = "<!--masthead-comments:{pk}:{url}-->"
_COMMENT_SLOT_RE = re.compile(r"<!--masthead-comments:(\d+):([^>]*)-->")


def _cache():
    return get_store().cache


def _generation_key(section_path: str) -> str:
    return f"frag-gen:section:{section_path}"


def section_path_of(article) -> str:
    """The parent section's tree path, known from the article's own path."""
    return article.path[: -article.steplen]


def bump_section(section_path: str) -> None:
    """An article of this section changed: retire the section's related-stories
    block, and every list of articles (which may show it)."""
    try:
        cache = _cache()
        cache.set(_generation_key(section_path), secrets.token_hex(6), None)
        cache.set(ARCHIVE_GENERATION_KEY, secrets.token_hex(6), None)
    except Exception:
        # Fragments then live out their FRAGMENT_SECONDS; publishing goes on.
        logger.warning("could not retire fragments of %s", section_path, exc_info=True)


def settings_key(site_settings) -> str:
    """What a fragment shows of the site settings (time zone and format, the
    paper's name), as a short digest for fragment keys."""
    if site_settings is None:
        return "none"
    shown = "|".join(
        str(getattr(site_settings, name, ""))
        for name in ("pk", "time_zone", "time_format", "masthead_name")
    )
    return hashlib.blake2s(shown.encode(), digest_size=6).hexdigest()


def page_listing_html(page, request, template: str, listing_context) -> SafeString:
    """A listing page's content block (`template`, with `listing_context(request)`
    and the page), kept per page revision and settings (listing_fragment)."""
    site_settings = SiteSettings.for_request(request)

    def build() -> str:
        return render_to_string(
            template,
            {
                "page": page,
                "self": page,
                "site_settings": site_settings,
                "comment_slots": True,
                **listing_context(request),
            },
            request=request,
        )

    name = (
        f"{page._meta.label_lower}:{page.pk}:{page.live_revision_id}:"
        f"{settings_key(site_settings)}"
    )
    return listing_fragment(name, build, request)


def listing_fragment(name: str, build, request=None) -> SafeString:
    """The cached HTML of the list called `name` (which must name everything
    the HTML depends on besides the articles), or `build()`'s (a str rendered
    with `comment_slots=True`), stored for the next render. Either way with
    the comment counts of now. A preview (a draft's own render) is never
    stored nor read."""
    if request is not None and getattr(request, "is_preview", False):
        return fill_comment_slots(str(build()))
    cache = _cache()
    try:
        generation = cache.get(ARCHIVE_GENERATION_KEY, "0")
        key = f"frag:list:{name}:{generation}"
        html = cache.get(key)
    except Exception:
        # A cache outage costs a render, never the page.
        logger.warning("fragment cache unavailable", exc_info=True)
        key, html = None, None
    if html is None:
        html = str(build())
        if key is not None:
            try:
                cache.set(key, html, FRAGMENT_SECONDS)
            except Exception:
                logger.warning("fragment cache unavailable", exc_info=True)
    return fill_comment_slots(html)


_COUNTS_SOURCE = (
    "{% load readers_comments %}{% for article in articles %}"
    "{% comment_count article %}\x1f{% endfor %}"
)
_counts_template = []


def _counts():
    if not _counts_template:  # compiled once per process
        _counts_template.append(engines["django"].from_string(_COUNTS_SOURCE))
    return _counts_template[0]


def fill_comment_slots(html: str) -> SafeString:
    """`html` with each teaser's comment slot replaced by its count now: the
    comments app's own tag, for every teaser of the list in one query."""
    slots = _COMMENT_SLOT_RE.findall(html)
    if not slots:
        return mark_safe(html)  # noqa: S308 - our own rendered templates
    # Unsaved stand-ins with the id and tree path the count and its link
    # need; made like the rows of a list, so the tag counts them together.
    articles = {}
    for pk, url_path in slots:
        if pk not in articles:
            articles[pk] = ArticlePage(id=int(pk), pk=int(pk), url_path=url_path)
    counts = _counts().render({"articles": list(articles.values())}).split("\x1f")
    by_pk = dict(zip(articles, counts, strict=False))
    return mark_safe(  # noqa: S308 - our own rendered templates and the tag's HTML
        _COMMENT_SLOT_RE.sub(lambda m: by_pk.get(m.group(1), ""), html)
    )


def related_block(article, section: dict | None, site_settings, count: int = 4) -> str:
    """The related-stories block for `article`: the newest stories of its section.

    One list of teasers is rendered per section (and generation) and shared by
    every article in it; each page drops itself from the list.
    """
    cache = _cache()
    section_path = section_path_of(article)
    try:
        generation = cache.get(_generation_key(section_path), "0")
        key = f"frag:related:{section_path}:{generation}"
        teasers = cache.get(key)
    except Exception:
        # A cache outage costs a render, never the page.
        logger.warning("fragment cache unavailable", exc_info=True)
        key, teasers = None, None
    if teasers is None:
        newest = (
            ArticlePage.objects.published()
            # A path prefix and a depth range, not sibling_of: its `depth =` makes
            # SQLite scan every page instead of walking the publish-time index.
            .filter(path__startswith=section_path, depth__gte=article.depth)
            .for_listing()[: count + 1]
        )
        teasers = [
            (
                item.pk,
                str(
                    render_to_string(
                        "includes/teaser.html",
                        {
                            "article": item,
                            "show_image": True,
                            "site_settings": site_settings,
                        },
                    )
                ),
            )
            for item in newest
        ]
        if key is not None:
            try:
                cache.set(key, teasers, FRAGMENT_SECONDS)
            except Exception:
                logger.warning("fragment cache unavailable", exc_info=True)
    chosen = [html for pk, html in teasers if pk != article.pk][:count]
    return render_to_string(
        "newsroom/includes/related.html",
        {"teasers": [mark_safe(html) for html in chosen], "section": section},  # noqa: S308 - our own rendered templates
    )
