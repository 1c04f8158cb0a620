"""Whether an article takes comments, and whether they wait for review.

A section's CommentSettings apply to every article below it, unless a
sub-section has its own. The article's own "Comments open" box closes them at
once; a section's `close_after_days` closes them that long after the article
was first published.
"""

import threading
import time
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from masthead.readers.comments.config import conf
from masthead.readers.comments.models import CommentSettings

# Wagtail's tree paths: each level adds this many characters.
STEPLEN = 4


@dataclass(frozen=True)
class Rules:
    publish_at_once: bool = False
    close_after_days: int | None = None


DEFAULT_RULES = Rules()


class _Memo:
    """Every section's rules, read at most once a minute per process for the
    article pages (the table is tiny). Saving settings clears it here; other
    processes catch up within the minute, and only the shown form depends on
    it: the endpoint reads the rules afresh."""

    def __init__(self):
        self._lock = threading.Lock()
        self._rules: dict[str, Rules] | None = None
        self._read_at = 0.0

    def get(self) -> dict[str, Rules]:
        with self._lock:
            if self._rules is None or time.monotonic() - self._read_at > conf(
                "SETTINGS_MEMO_SECONDS"
            ):
                self._rules = _read_rules()
                self._read_at = time.monotonic()
            return self._rules

    def clear(self, **kwargs) -> None:
        with self._lock:
            self._rules = None


memo = _Memo()


def _read_rules(paths=None) -> dict[str, Rules]:
    rows = CommentSettings.objects.all()
    if paths is not None:
        rows = rows.filter(section__path__in=paths)
    return {
        path: Rules(publish_at_once, days)
        for path, publish_at_once, days in rows.values_list(
            "section__path", "publish_at_once", "close_after_days"
        )
    }


def _ancestor_paths(path: str) -> list[str]:
    """Tree paths above `path`, nearest first."""
    return [path[:n] for n in range(len(path) - STEPLEN, 0, -STEPLEN)]


def rules_for(article, fresh: bool = False) -> Rules:
    """The rules of the nearest section above `article` that has settings.
    `fresh`: read the database now (one query) instead of the memo."""
    ancestors = _ancestor_paths(article.path)
    rules = _read_rules(ancestors) if fresh else memo.get()
    for path in ancestors:
        if path in rules:
            return rules[path]
    return DEFAULT_RULES


def closes_at(article, rules: Rules):
    if rules.close_after_days is None or article.first_published_at is None:
        return None
    return article.first_published_at + timedelta(days=rules.close_after_days)


def is_open(article, rules: Rules, now=None) -> bool:
    if not article.comments_open:
        return False
    closing = closes_at(article, rules)
    return closing is None or (now or timezone.now()) < closing
