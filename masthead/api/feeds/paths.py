"""Where each feed lives: one naming rule, used by the routes, the
`<link rel="alternate">` tags and the purge.

A page that lists articles at path P (`/news/world/`) has its feeds at
`/feeds` + P + `rss.xml` and `atom.xml` (`/feeds/news/world/rss.xml`); the
home page's are the whole site's, `/feeds/rss.xml`. Slugs hold no dot, so no
page path can end in a feed's file name.
"""

FEED_PREFIX = "/feeds"
FORMATS = ("rss", "atom")


def feed_path(page_path: str, fmt: str) -> str:
    """`/news/world/`, "rss" -> `/feeds/news/world/rss.xml`."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown feed format {fmt!r}; known: {', '.join(FORMATS)}")
    return f"{FEED_PREFIX}{page_path}{fmt}.xml"


def feed_paths(page_path: str) -> set[str]:
    return {feed_path(page_path, fmt) for fmt in FORMATS}


def feed_paths_for_article(article, listed_on: frozenset[str]) -> set[str]:
    """The feeds an article shows in: those of every page that lists it (its
    sections up to home, regions, special reports and people), which are the
    pages that have feeds. Registered with newsroom's purge."""
    return {path for page_path in listed_on for path in feed_paths(page_path)}
