"""An article's facts, gathered once per render, and its `NewsArticle`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from masthead.core.public_urls import page_url
from masthead.newsroom.models import ArticleCorrection, Source

from .pictures import SharePicture, share_pictures
from .site import publisher


@dataclass
class ArticleFacts:
    url: str
    headline: str
    lead: str
    summary: str  # the page's meta description: search description, else lead
    published: datetime | None
    modified: datetime | None
    section: str
    people: list[tuple[str, str]] = field(default_factory=list)  # name, url or ""
    agency: str = ""  # credit of a source that is not our staff
    dateline: str = ""
    corrections: list[tuple[str, datetime]] = field(default_factory=list)
    pictures: list[SharePicture] = field(default_factory=list)


def iso(value: datetime | None) -> str:
    return value.astimezone(UTC).isoformat(timespec="seconds") if value else ""


def _section_title(page, section) -> str:
    if isinstance(section, dict):
        return section.get("title", "")
    parent = page.get_parent()  # outside a render: one query
    return parent.title if parent else ""


def article_facts(
    page, request=None, *, section=None, authors=None, corrections=None
) -> ArticleFacts:
    """What the head says about `page`. `section`, `authors` and `corrections`
    are the page context's (ArticlePage.get_context), so a render loads them
    once for the body and the head."""
    if authors is None:
        authors = list(page.authors.all())
    if corrections is None:
        corrections = page.corrections.all() if page.updated_at else []
    people = [
        (person.title, (page_url(person, request) or "") if person.live else "")
        for person in authors
    ]
    source = page.source if page.source_id else None
    agency = source.credit_text if source and source.kind != Source.Kind.STAFF else ""
    summary = (page.search_description or page.lead or "").strip()
    if len(summary) > 200:  # as the meta description (article_page.html)
        summary = summary[:199].rstrip() + "…"
    return ArticleFacts(
        url=page_url(page, request) or "",
        headline=page.title,
        lead=(page.lead or "").strip(),
        summary=summary,
        published=page.published_at,
        modified=page.updated_at or page.last_published_at or page.published_at,
        section=_section_title(page, section),
        people=people,
        agency=agency,
        dateline=(page.dateline or "").strip(),
        corrections=[
            (note.text, note.noted_at)
            for note in corrections
            if note.kind == ArticleCorrection.Kind.CORRECTION
        ],
        pictures=share_pictures(page.main_image, request) if page.main_image_id else [],
    )


def _image(picture: SharePicture) -> dict:
    data = {"@type": "ImageObject", "url": picture.url, "contentUrl": picture.url}
    if picture.width and picture.height:
        data["width"] = picture.width
        data["height"] = picture.height
    if picture.caption:
        data["caption"] = picture.caption
    if picture.credit:
        data["creditText"] = picture.credit
    return data


def _authors(facts: ArticleFacts) -> list[dict]:
    authors = []
    for name, url in facts.people:
        person = {"@type": "Person", "name": name}
        if url:
            person["url"] = url
        authors.append(person)
    if facts.agency:
        authors.append({"@type": "Organization", "name": facts.agency})
    return authors


def news_article(facts: ArticleFacts, site_settings, request=None) -> dict:
    """schema.org `NewsArticle`; empty facts are left out, never sent empty."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": facts.headline,
    }
    if facts.url:
        data["url"] = facts.url
        data["mainEntityOfPage"] = {"@type": "WebPage", "@id": facts.url}
    if facts.lead:
        data["description"] = facts.lead
    if facts.published:
        data["datePublished"] = iso(facts.published)
    if facts.modified:
        data["dateModified"] = iso(facts.modified)
    authors = _authors(facts)
    if authors:
        data["author"] = authors
    data["publisher"] = publisher(site_settings, request)
    if facts.pictures:
        data["image"] = [_image(p) for p in facts.pictures]
    if facts.section:
        data["articleSection"] = facts.section
    data["isAccessibleForFree"] = True
    if facts.dateline:
        data["locationCreated"] = {"@type": "Place", "name": facts.dateline}
    if facts.corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "text": text, "datePublished": iso(when)}
            for text, when in facts.corrections
        ]
    return data
