"""NITF 3.x (AAP, AP, EFE, NTB, PA, Ritzau...)."""

from __future__ import annotations

import re

from lxml import etree

from .agencies import normalise_provider
from .common import (
    clean_byline,
    clean_text,
    derive_headline,
    first,
    parse_datetime,
    parse_urgency,
)
from .errors import WireRefusal
from .safe_xml import parse_xml, sniff_root
from .story import WireStory
from .xmlbody import body_html_from, child, first_paragraph, text_of

NAME = "nitf"
# A credit at the end of a picture caption: "(AP Photo/Jane Roe)",
# "Photo: Jane Roe/Agency", "Foto: ...".
_CAPTION_CREDIT = re.compile(
    r"(?:\(([^()]*\b(?:photo|foto|picture|pic|image)\b[^()]*)\)"
    r"|\b(?:photo|foto|picture|photograph)\s*:\s*([^()]+?))\s*\.?\s*$",
    re.I,
)


def can_parse(data: bytes) -> bool:
    return sniff_root(data) == "nitf"


def parse(data: bytes) -> list[WireStory]:
    parsed = parse_xml(data)
    if parsed.root.tag != "nitf":
        raise WireRefusal(f"NITF: unexpected root element <{parsed.root.tag}>")
    return [story_from_nitf(parsed.root, list(parsed.warnings))]


def _meta(head: etree._Element | None) -> dict[str, str]:
    if head is None:
        return {}
    return {m.get("name", ""): m.get("content", "") for m in head.findall("meta")}


def story_from_nitf(
    root: etree._Element, warnings: list[str], *, fmt: str = NAME
) -> WireStory:
    head = root.find("head")
    docdata = child(head, "docdata")
    body = root.find("body")
    bhead = child(body, "body.head")
    meta = _meta(head)

    doc_id = child(docdata, "doc-id")
    guid = None
    if doc_id is not None:
        guid = first(doc_id.get("id-string")) or None
    du_key = child(docdata, "du-key")
    version = (
        du_key.get("version") if du_key is not None and du_key.get("version") else None
    )

    copyright_el = child(docdata, "doc.copyright")
    distributor = text_of(child(bhead, "distributor"))
    provider = normalise_provider(
        meta.get("NTBKilde"),
        doc_id.get("regsrc") if doc_id is not None else None,
        distributor,
        copyright_el.get("holder") if copyright_el is not None else None,
        meta.get("optInfo"),
    )
    if not guid:
        guid = meta.get("NTBID") or None

    picture_credit = _picture_credit(body)
    body_html = body_html_from(child(body, "body.content"))
    hedline = child(bhead, "hedline")
    headline = first(
        text_of(child(hedline, "hl1")), text_of(child(head, "title")), text_of(hedline)
    )
    if not headline:
        headline = derive_headline(body_html)
        if headline:
            warnings.append("headline derived from the body")
    if not headline:
        raise WireRefusal("NITF: no headline (hl1 or title) and no body")

    byline_el = child(bhead, "byline")
    byline = ""
    if byline_el is not None:
        # The whole line but its title (<byttl>): "By <person>Jane Doe</person>,
        # The Valley Times" keeps the outlet, and every person is named.
        byline = clean_byline(_byline_text(byline_el), warnings)
    dateline_el = child(bhead, "dateline")
    dateline = ""
    if dateline_el is not None:
        dateline = first(text_of(dateline_el.find("location")), _own_text(dateline_el))
    lead = first_paragraph(child(bhead, "abstract"))

    def date(value: str | None, name: str) -> object:
        return parse_datetime(value, warnings, provider=provider, field=name)

    issue = child(docdata, "date.issue")
    release = child(docdata, "date.release")
    story_date = child(dateline_el, "story.date")
    first_created = date(
        first(
            issue.get("norm") if issue is not None else None,
            story_date.get("norm") if story_date is not None else None,
        )
        or None,
        "date.issue",
    )
    embargo = None
    if release is not None and release.get("norm"):
        rel = date(release.get("norm"), "date.release")
        if rel and first_created and rel > first_created:
            embargo = rel
    urgency_el = child(docdata, "urgency")
    urgency = (
        parse_urgency(urgency_el.get("ed-urg")) if urgency_el is not None else None
    )

    subjects: list[str] = []
    tobject = child(head, "tobject")
    if tobject is not None:
        for s in tobject.findall("tobject.subject"):
            label = first(
                s.get("tobject.subject.matter"),
                s.get("tobject.subject.type"),
                s.get("tobject.subject.refnum"),
            )
            if label and label not in subjects:
                subjects.append(label)

    signals: set[str] = set()
    status = (docdata.get("management-status") if docdata is not None else "") or ""
    if status.lower() in ("canceled", "cancelled"):
        signals.add("cancel")
    if docdata is not None and docdata.find("correction") is not None:
        signals.add("correction")

    if not body_html:
        warnings.append("empty body.content")
    language = root.get("baselang") or ""
    return WireStory(
        format=fmt,
        guid=guid,
        version=version,
        headline=headline,
        lead=lead,
        body_html=body_html,
        byline=byline,
        provider=provider,
        source=first(distributor, provider),
        dateline=dateline,
        language=language,
        subjects=tuple(subjects),
        urgency=urgency,
        first_created=first_created,
        version_created=first_created,
        embargo_until=embargo,
        signals=frozenset(signals),
        kind="text",
        picture_credit=picture_credit,
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _byline_text(el: etree._Element) -> str:
    parts = [el.text or ""]
    for c in el:
        if isinstance(c.tag, str) and c.tag != "byttl":
            parts.append(_byline_text(c))
        parts.append(c.tail or "")
    return re.sub(r"\s+([,;])", r"\1", " ".join(" ".join(parts).split()))


def _picture_credit(body: etree._Element | None) -> str:
    """The credit of the story's first picture: its <media-producer>, else the
    credit at the end of its <media-caption>. Read before the body drops them."""
    if body is None:
        return ""
    for media in body.iter("media"):
        if (media.get("media-type") or "image").lower() not in (
            "image",
            "photo",
            "graphic",
            "video",
        ):
            continue
        producer = clean_byline(text_of(media.find("media-producer")))
        if producer:
            return producer
        caption = text_of(media.find("media-caption"))
        m = _CAPTION_CREDIT.search(caption)
        if m:
            return clean_text(m.group(1) or m.group(2))
    return ""


def _own_text(el: etree._Element) -> str:
    """Text of an element excluding child elements such as <byttl>."""
    parts = [el.text or ""] + [c.tail or "" for c in el]
    return " ".join(" ".join(parts).split())
