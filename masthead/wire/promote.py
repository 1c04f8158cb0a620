"""From a wire item to an article: the draft the desk edits, or a finished import."""

from dataclasses import replace

from django.db import transaction
from django.utils.text import slugify
from wagtail.rich_text import RichText

from masthead.newsroom.credits import create_person, unique_slug
from masthead.newsroom.models import (
    ArticlePage,
    PersonPage,
    SectionPage,
    Source,
)
from masthead.wire.lead import split_lead
from masthead.wire.models import WireItem
from masthead.wire.parsers import WireStory
from masthead.wire.parsers.agencies import normalise_provider


class PromoteError(Exception):
    pass


INCOMPLETE_REFUSAL = (
    "the agency's file ended before its end marker, so this story may be cut "
    "short. Check it against the agency's copy, then tick \u201cI have checked "
    "this incomplete story against the agency's copy\u201d."
)


def section_by_path(path: str) -> SectionPage:
    """`news/world` -> the World section page."""
    wanted = "/" + path.strip("/") + "/"
    section = (
        SectionPage.objects.filter(url_path__endswith=wanted).order_by("depth").first()
    )
    if section is None:
        raise PromoteError(
            f"No section at {path!r}; sections are e.g. news/world, opinion."
        )
    return section


def source_for(provider: str) -> Source | None:
    provider = (provider or "").strip()
    if not provider:
        return None
    # The parsers' own spelling table, so "Associated Press" and "AP" are one source.
    name = normalise_provider(provider)
    for source in Source.objects.exclude(wire_provider_codes=""):
        codes = {c.strip().casefold() for c in source.wire_provider_codes.split(",")}
        if provider.casefold() in codes:
            return source
    source = Source.objects.filter(name__iexact=name).first()
    if source is None:
        source = Source.objects.create(
            name=name[:120],
            slug=unique_slug(Source, slugify(name)[:100] or "agency"),
            kind=Source.Kind.AGENCY,
            wire_provider_codes=provider[:255],
        )
    return source


def person_for(name: str) -> PersonPage | None:
    name = (name or "").strip()
    if not name:
        return None
    person = PersonPage.objects.filter(title__iexact=name).first()
    return person if person is not None else create_person(name)


def _body(story) -> list[tuple]:
    if not story.body_html.strip():
        return []
    # The body is already sanitised by the parser (nh3); kept as one rich-text block
    # so the agency's paragraphs and links survive as sent.
    return [("paragraph", RichText(story.body_html))]


@transaction.atomic
def create_draft(
    item: WireItem, section: SectionPage, user=None, *, checked_incomplete=False
) -> ArticlePage:
    """A draft in `section` with everything the agency told us filled in.

    An incomplete story (cut off before its end marker) is made an article only
    once an editor says they checked it (`checked_incomplete`).
    """
    if item.status != WireItem.Status.OK:
        raise PromoteError(f"Item {item.pk} was refused: {item.reason}")
    if item.incomplete and not checked_incomplete:
        raise PromoteError(f"Item {item.pk} is incomplete: {INCOMPLETE_REFUSAL}")
    if item.article_id:
        raise PromoteError(
            f"Item {item.pk} already has an article (id {item.article_id})."
        )
    story = WireStory.from_json(item.story)
    lead, body = split_lead(story.lead, story.body_html, story.byline)
    story = replace(story, body_html=body)
    article = ArticlePage(
        title=story.headline[:255] or "Untitled wire story",
        slug=unique_slug(
            ArticlePage, slugify(story.headline)[:80] or f"wire-{item.pk}"
        ),
        lead=lead,
        body=_body(story),
        source=source_for(story.provider or story.source),
        original_byline=story.byline[:255],
        dateline=story.dateline[:120],
        agency_time=story.version_created or story.first_created,
        embargo_until=story.embargo_until,
        go_live_at=story.embargo_until,
        wire_item=item,
        live=False,
    )
    # Tags go on before add_child: the cluster saves them with the page.
    article.tags.add(*[subject[:100] for subject in story.subjects[:20]])
    section.add_child(instance=article)
    article.save_revision(user=user, log_action=True)
    item.article = article
    item.save(update_fields=["article"])
    WireItem.objects.filter(
        item_key=item.item_key, provider=item.provider, article__isnull=True
    ).update(article=article)
    return article


@transaction.atomic
def publish_import(item: WireItem, section: SectionPage, user=None) -> ArticlePage:
    """Import copy that was already published elsewhere (a page, an old archive):
    the original publication time and the credited editor are kept."""
    story = WireStory.from_json(item.story)
    article = create_draft(item, section, user=user)
    article.desk_editor = person_for(story.editor)
    if story.first_created:
        article.first_published_at = story.first_created
    article.go_live_at = None
    revision = article.save_revision(user=user)
    revision.publish(user=user)
    article.refresh_from_db()
    return article
