"""Publish to visible (design.md §8: floor 2 s, goal 1 s): how long after an
editor publishes does a reader see the story on its section page, the home
page and its own address, through the running server and its page cache.

    .venv/bin/python bench/publish_visible.py                  # var/bench-small
    .venv/bin/python bench/publish_visible.py --var-dir var/bench --runs 3

Needs an archive made by bench/run.py in --var-dir. Starts `masthead serve
--no-worker --workers 2` on it and fills its page cache with the section
page and the home page (as readers would). Then, in this process and on the
same database, publishes a new article in a section the front page lists
through Wagtail's own publish (the newsroom's publish path: search index,
purges after the commit), and polls the section page, the home page and the
article's address as an anonymous reader (page cache and all) every 20 ms
until all three show the headline. Prints the time from the publish call to
each page showing it, for each run; the articles made are deleted at the end.
Prints load average, commit, machine and versions. Figures only.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from served import (
    ROOT,
    Served,
    describe,
    get,
    load_average,
    wait_for_quiet,
)

FLOOR_S, GOAL_S = 2.0, 1.0
POLL_SECONDS = 0.02


def _setup(var_dir: Path) -> None:
    os.environ["MASTHEAD_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.dev")
    os.environ.pop("MASTHEAD_DEBUG", None)
    import django

    django.setup()


def _section_on_home():
    """A section whose stories the home page lists (a top-level section in
    the menu, not In Focus), and the home page's address."""
    from wagtail.models import Site

    from masthead.newsroom.models import SectionPage
    from masthead.newsroom.tree import children

    home = Site.objects.get(is_default_site=True).root_page
    for section in children(SectionPage, home).live().in_menu().order_by("path"):
        if section.slug != "in-focus":
            return section
    raise SystemExit("No section on the home page in this archive.")


def _publish(section, number: int):
    """A new article in `section`, published as an editor publishes."""
    from masthead.newsroom.models import ArticlePage

    stamp = time.strftime("%H%M%S")
    title = f"Bench story {number} published at {stamp}"
    article = ArticlePage(
        title=title,
        slug=f"bench-publish-{number}-{stamp}-{os.getpid()}",
        lead="A story the publish-to-visible bench made; it is deleted at the end.",
    )
    section.add_child(instance=article)
    started = time.monotonic()
    article.save_revision().publish()
    return article, title, started


def _poll(base: str, urls: dict[str, str], title: str, started: float, limit: float):
    seen: dict[str, float] = {}
    needle = title.encode()
    while len(seen) < len(urls) and time.monotonic() - started < limit:
        for name, path in urls.items():
            if name in seen:
                continue
            status, _headers, body = get(base + path, timeout=30)
            if status == 200 and needle in body:
                seen[name] = time.monotonic() - started
        if len(seen) < len(urls):
            time.sleep(POLL_SECONDS)
    return seen


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--var-dir", default=str(ROOT / "var" / "bench-small"))
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=float, default=30.0, help="seconds per run")
    parser.add_argument("--quiet-load", type=float, default=1.2)
    parser.add_argument("--wait", type=float, default=60)
    args = parser.parse_args(argv)
    var_dir = Path(args.var_dir).resolve()
    if not (var_dir / "masthead.sqlite3").exists():
        raise SystemExit(f"No archive in {var_dir}: run bench/run.py first.")
    _setup(var_dir)
    section = _section_on_home()

    print(f"Publish to visible: {var_dir}, section {section.url}")
    print("  " + wait_for_quiet(args.quiet_load, args.wait))
    print(f"  load average before: {load_average()}")
    made, totals = [], []
    try:
        with Served(var_dir, workers=args.workers) as base:
            for number in range(1, args.runs + 1):
                for path in (section.url, "/"):  # readers fill the page cache
                    get(base + path)
                    status, headers, _body = get(base + path)
                    state = headers.get("X-Cache", "-")
                    print(f"  before run {number}: {path} cached ({state})")
                article, title, started = _publish(section, number)
                made.append(article)
                urls = {"section": section.url, "home": "/", "article": article.url}
                seen = _poll(base, urls, title, started, args.limit)
                if len(seen) < len(urls):
                    missing = ", ".join(sorted(set(urls) - set(seen)))
                    print(
                        f"  run {number}: NOT visible on {missing} after {args.limit} s"
                    )
                    totals.append(None)
                    continue
                totals.append(max(seen.values()))
                print(
                    f"  run {number}: visible everywhere after {max(seen.values()):.3f} s "
                    f"(" + ", ".join(f"{k} {v:.3f} s" for k, v in seen.items()) + ")"
                    f"   (load {load_average()})"
                )
    finally:
        for article in made:
            article.delete()  # the newsroom's delete path purges it again
    print(f"  load average after: {load_average()}")
    print(f"  floor {FLOOR_S:.0f} s, goal {GOAL_S:.0f} s (design.md §8)")
    for line in describe():
        print("  " + line)
    return 0 if totals and all(t is not None for t in totals) else 1


if __name__ == "__main__":
    sys.exit(main())
