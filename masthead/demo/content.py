"""The demo newsroom's content, read from the files under `data/`.

Everything in those files was written for this project: the people, companies,
clubs, books and quotations are invented and the stories deliberately generic.
Reading them touches neither the network nor the database, so the archive
generator and the tests may call these functions freely.

An article is `data/articles/<slug>.md`: TOML front matter between `+++` lines,
then the body, one paragraph per block of lines (a paragraph's line breaks are
only wrapping). Its `hours_ago` is relative to the moment the demo is loaded, so
the archive always spans roughly the last month; articles come newest first.
"""

import re
import tomllib
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
ARTICLES_DIR = DATA_DIR / "articles"
FENCE = "+++"

# What an article's front matter may leave out: every key the demo command and
# the tests read is present on each loaded article.
ARTICLE_DEFAULTS = {
    "kicker": "",
    "author": None,
    "original_byline": "",
    "dateline": "",
    "desk_editor": None,
    "regions": [],
    "opinion_kind": "",
    "special_report": None,
    "image": None,
}


def _table(name: str) -> list[dict]:
    with (DATA_DIR / f"{name}.toml").open("rb") as f:
        return tomllib.load(f)[name]


def load_sources() -> list[dict]:
    """Agencies, partners and staff: name, slug, kind, credit."""
    return _table("sources")


def load_people() -> list[dict]:
    """Editors, columnists, reporters, a photographer: name, slug, role,
    job_title, bio."""
    return _table("people")


def load_special_reports() -> list[dict]:
    """Series pages: slug, title, intro."""
    return _table("special_reports")


def parse_article(text: str, slug: str) -> dict:
    """One article file's text as a dict: front matter, `slug` and `paragraphs`."""
    opening, front, body = text.split(FENCE + "\n", 2)
    if opening.strip():
        raise ValueError(f"{slug}: the file must start with {FENCE}")
    article = {**ARTICLE_DEFAULTS, **tomllib.loads(front), "slug": slug}
    article["paragraphs"] = [
        " ".join(block.split()) for block in re.split(r"\n\s*\n", body.strip())
    ]
    return article


def load_articles() -> list[dict]:
    """Every demo article, newest first."""
    articles = [
        parse_article(path.read_text(encoding="utf-8"), path.stem)
        for path in ARTICLES_DIR.glob("*.md")
    ]
    return sorted(articles, key=lambda a: a["hours_ago"])
