"""Articles as ninjs 2.x documents (IPTC's News in JSON).

Everything sent is what the live version shows: the page row holds the
published content (a draft waits in its revisions), so nothing here reads a
revision. A list of articles is turned into documents with a fixed number of
queries, whatever its length: relations are prefetched, sections and pictures
loaded once for the whole list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Prefetch
from django.utils.html import strip_tags
from django.utils.translation import to_language
from wagtail.models import Page

from masthead.core.models import SiteSettings
from masthead.core.public_urls import absolute_url, page_url
from masthead.newsroom.models import (
    ArticleCorrection,
    ArticlePage,
    SectionPage,
    Source,
)

from .body import body_image_ids, render_body, word_count
from .ids import guid_for
from .pictures import load_pictures

NINJS_VERSION = "2.2"
NINJS_SCHEMA = f"http://www.iptc.org/std/ninjs/ninjs-schema_{NINJS_VERSION}.json"
MAIN_IMAGE = "main-image"


def with_relations(queryset):
    """What `documents()` reads, fetched with the articles."""
    return queryset.select_related("source").prefetch_related(
        "authors",
        "regions",
        "special_reports",
        "tagged_items__tag",
        Prefetch(
            "corrections", queryset=ArticleCorrection.objects.order_by("noted_at")
        ),
    )


def stamp(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def language_tag() -> str:
    """The site's language as BCP 47 (`en-GB`)."""
    language, _, region = to_language(settings.LANGUAGE_CODE).partition("-")
    return f"{language}-{region.upper()}" if region else language


@dataclass
class Shared:
    """What every document of one response needs, read once."""

    request: object
    sections: dict  # parent path -> SectionPage
    pictures: dict  # image id -> Picture
    copyright_holder: str
    language: str

    def absolute(self, url: str) -> str:
        # Media on another host (S3, a CDN) is already absolute.
        if urlsplit(url).scheme:
            return url
        return absolute_url(url, self.request)

    def url_of(self, page) -> str | None:
        return page_url(page, self.request)


def _parent_path(article) -> str:
    return article.path[: -Page.steplen]


def _load(articles, request) -> Shared:
    parents = {_parent_path(a) for a in articles}
    sections = {s.path: s for s in SectionPage.objects.filter(path__in=parents)}
    image_ids = [a.main_image_id for a in articles]
    for article in articles:
        image_ids.extend(body_image_ids(article.body.raw_data))
    settings_row = SiteSettings.for_request(request)
    shared = Shared(
        request=request,
        sections=sections,
        pictures={},
        copyright_holder=settings_row.copyright_holder or settings_row.masthead_name,
        language=language_tag(),
    )
    shared.pictures = load_pictures(image_ids, shared.absolute)
    return shared


def documents(articles, request) -> list[dict]:
    """ninjs documents of `articles` (from `with_relations`), in their order."""
    articles = list(articles)
    if not articles:
        return []
    shared = _load(articles, request)
    return [document(article, shared) for article in articles]


def _byline(article, authors) -> str:
    if authors:
        return ", ".join(a.title for a in authors)
    if article.original_byline:
        return article.original_byline
    return article.source.credit_text if article.source_id else ""


def _descriptions(article) -> list[dict]:
    out = []
    if article.lead:
        out.append(
            {"role": "summary", "contenttype": "text/plain", "value": article.lead}
        )
    # Notes are only ever added by a publish that also sets updated_at.
    if article.updated_at:
        for note in article.corrections.all():
            label = note.get_kind_display()
            out.append(
                {
                    "role": note.kind,
                    "contenttype": "text/plain",
                    "value": f"{label} ({stamp(note.noted_at)}): {note.text}",
                }
            )
    return out


def _subjects(article, shared: Shared) -> list[dict]:
    out = []
    section = shared.sections.get(_parent_path(article))
    if section is not None:
        subject = {"name": section.title, "literal": section.slug, "rel": "section"}
        url = shared.url_of(section)
        if url:
            subject["uri"] = url
        out.append(subject)
    for report in article.special_reports.all():
        if not report.live:
            continue
        subject = {
            "name": report.title,
            "literal": report.slug,
            "rel": "special-report",
        }
        url = shared.url_of(report)
        if url:
            subject["uri"] = url
        out.append(subject)
    for tagged in article.tagged_items.all():
        out.append({"name": tagged.tag.name, "literal": tagged.tag.slug, "rel": "tag"})
    return out


def _places(article, shared: Shared) -> list[dict]:
    out = []
    for region in article.regions.all():
        if not region.live:
            continue
        place = {"name": region.title, "literal": region.slug, "rel": "region"}
        url = shared.url_of(region)
        if url:
            place["uri"] = url
        out.append(place)
    return out


def _people(authors, shared: Shared) -> list[dict]:
    out = []
    for person in authors:
        entry = {"name": person.title, "literal": person.slug, "rel": "author"}
        url = shared.url_of(person) if person.live else None
        if url:
            entry["uri"] = url
        out.append(entry)
    return out


def _associations(article, shared: Shared) -> list[dict]:
    out = []
    used = set()
    main = shared.pictures.get(article.main_image_id)
    if main is not None:
        out.append(main.as_association(MAIN_IMAGE))
        used.add(main.image_id)
    number = 0
    for image_id in body_image_ids(article.body.raw_data):
        picture = shared.pictures.get(image_id)
        if picture is None or image_id in used:
            continue
        used.add(image_id)
        number += 1
        out.append(picture.as_association(f"image-{number}"))
    return out


def document(article: ArticlePage, shared: Shared) -> dict:
    authors = [a for a in article.authors.all()]
    body = render_body(article.body.raw_data, shared.pictures, shared.absolute)
    agency = article.source_id and article.source.kind != Source.Kind.STAFF
    doc = {
        "uri": guid_for("article", article.pk),
        "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA},
        "type": "text",
        "representationtype": "full",
        # The live revision's id: it grows with every publish (a correction
        # too), so a partner seeing a bigger number knows to replace its copy.
        "version": str(article.live_revision_id or 1),
        "firstcreated": stamp(article.first_published_at),
        "versioncreated": stamp(
            max(filter(None, (article.first_published_at, article.last_published_at)))
        ),
        "pubstatus": "usable",
        "language": shared.language,
        "headlines": [{"role": "main", "value": article.title}],
    }
    if article.kicker:
        doc["headlines"].append({"role": "kicker", "value": article.kicker})
    if article.agency_time:
        doc["contentcreated"] = stamp(article.agency_time)
    descriptions = _descriptions(article)
    if descriptions:
        doc["descriptions"] = descriptions
    doc["bodies"] = [
        {
            "role": "main",
            "contenttype": "text/html",
            "value": body,
            "wordcount": word_count(body),
            "charcount": len(strip_tags(body)),
        }
    ]
    byline = _byline(article, authors)
    if byline:
        doc["by"] = byline
    if article.dateline:
        doc["located"] = article.dateline
    for name, values in (
        ("people", _people(authors, shared)),
        ("subjects", _subjects(article, shared)),
        ("places", _places(article, shared)),
    ):
        if values:
            doc[name] = values
    if article.opinion_kind:
        doc["genres"] = [
            {
                "name": article.get_opinion_kind_display(),
                "literal": article.opinion_kind,
            }
        ]
    if article.source_id:
        doc["infosources"] = [
            # No role: ninjs 2.0 wants a URI there and IPTC's scheme for it
            # has no term for "the agency the story came from".
            {"name": article.source.credit_text, "literal": article.source.slug}
        ]
    doc["copyrightholder"] = (
        article.source.credit_text if agency else shared.copyright_holder
    )
    associations = _associations(article, shared)
    if associations:
        doc["associations"] = associations
    url = shared.url_of(article)
    altids = [{"role": "page-id", "value": str(article.pk)}]
    if url:
        altids.insert(0, {"role": "web-url", "value": url})
    doc["altids"] = altids
    return doc
