"""A takedown or correction of a story in a built edition rebuilds it.

Newsroom's publish path calls `edition_paths_for_article` (registered with
`masthead.newsroom.purge.add_paths_provider` by EpaperConfig.ready) for every
change of an article: publish, correction, unpublish, takedown, embargo lift.
It names the edition pages that show the article and, after the change
commits, queues `rebuild_for_article`, which decides from the committed state
whether the change is one the paper must reflect: the story is no longer
published (taken down, unpublished) or carries a correction note newer than
the build. Any other re-publish leaves the printed edition as it was.
"""

import logging
from datetime import date

from django.db import transaction
from django_tasks import task

from masthead.core.pagecache import purge_paths
from masthead.epaper.build import (
    NothingToPrint,
    build_edition,
    drop_files,
    edition_paths,
)
from masthead.epaper.content import site_zone
from masthead.epaper.models import Edition, EditionBuild
from masthead.newsroom.models import ArticlePage, Takedown

logger = logging.getLogger("masthead.epaper")


def edition_paths_for_article(article, listed_on=frozenset()) -> set[str]:
    if article.pk is None or article.first_published_at is None:
        return set()
    day = article.first_published_at.astimezone(site_zone()).date()
    edition = Edition.objects.filter(day=day).only("article_ids").first()
    if edition is None or article.pk not in edition.article_ids:
        return set()
    transaction.on_commit(
        lambda: rebuild_for_article.enqueue(article.pk, day.isoformat()), robust=True
    )
    return edition_paths(day)


def why_rebuild(edition: Edition, article_id: int) -> tuple[str, str] | None:
    """(trigger, reason) when the edition must change for this article."""
    if article_id not in edition.article_ids:
        return None
    article = ArticlePage.objects.filter(pk=article_id).first()
    if (
        article is None
        or not ArticlePage.objects.published().filter(pk=article_id).exists()
    ):
        takedown = (
            Takedown.objects.filter(article_id=article_id).order_by("-pk").first()
        )
        title = article.title if article else f"article {article_id}"
        if takedown is not None:
            return (
                EditionBuild.Trigger.TAKEDOWN,
                f"Taken down: {title}. {takedown.reason}",
            )
        return EditionBuild.Trigger.TAKEDOWN, f"Withdrawn from the site: {title}."
    note = (
        article.corrections.filter(noted_at__gt=edition.built_at)
        .order_by("-noted_at")
        .first()
    )
    if note is not None:
        return (
            EditionBuild.Trigger.CORRECTION,
            f"{note.get_kind_display()} to {article.title}: {note.text}",
        )
    return None


@task()
def rebuild_for_article(article_id: int, day: str) -> str:
    edition = Edition.objects.filter(day=date.fromisoformat(day)).first()
    if edition is None:
        return "no edition"
    why = why_rebuild(edition, article_id)
    if why is None:
        return "unchanged"
    trigger, reason = why
    try:
        build_edition(
            edition.day, trigger=trigger, reason=reason, article_id=article_id
        )
    except NothingToPrint:
        # The last story of the day went: the old files would still print it,
        # so they go; the edition's row stays with its log of why.
        drop_files([edition.pdf, edition.front_image])
        Edition.objects.filter(pk=edition.pk).update(
            pdf="", front_image="", pages=0, size=0, article_ids=[], headlines=[]
        )
        EditionBuild.objects.create(
            edition=edition,
            trigger=trigger,
            reason=f"{reason} No story of the day is left: edition withdrawn.",
            article_id=article_id,
        )
        purge_paths(edition_paths(edition.day))
        return "withdrawn"
    return "rebuilt"
