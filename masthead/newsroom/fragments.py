"""Rendered fragments shared by many pages, kept in the page cache's store.

"More from World" is the same four teasers under every World article, so it is
rendered once per section and generation. Publishing or unpublishing anything
in a section bumps that section's generation (from purge.py), which retires
every fragment made before it without knowing their keys.
"""

import logging
import secrets

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from masthead.core.pagecache import get_store
from masthead.newsroom.models import ArticlePage

FRAGMENT_SECONDS = 300
logger = logging.getLogger("masthead.fragments")


def _cache():
    return get_store().cache


def _generation_key(section_path: str) -> str:
    return f"frag-gen:section:{section_path}"


def section_path_of(article) -> str:
    """The parent section's tree path, known from the article's own path."""
    return article.path[: -article.steplen]


def bump_section(section_path: str) -> None:
    try:
        _cache().set(_generation_key(section_path), secrets.token_hex(6), None)
    except Exception:
        # Fragments then live out their FRAGMENT_SECONDS; publishing goes on.
        logger.warning("could not retire fragments of %s", section_path, exc_info=True)


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
