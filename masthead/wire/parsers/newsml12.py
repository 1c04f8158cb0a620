"""IPTC NewsML 1.2 (AFP): one story per text NewsItem, NITF or text payload."""

from __future__ import annotations

from dataclasses import replace

from lxml import etree

from .agencies import normalise_provider
from .common import (
    clean_byline,
    derive_headline,
    first,
    parse_datetime,
    parse_urgency,
)
from .errors import WireRefusal
from .safe_xml import parse_xml, sniff_root
from .story import WireStory
from .xmlbody import body_html_from, child, text_body_html, text_of

NAME = "newsml-1.2"


def can_parse(data: bytes) -> bool:
    return sniff_root(data) == "NewsML"


def parse(data: bytes) -> list[WireStory]:
    parsed = parse_xml(data)
    root = parsed.root
    if root.tag != "NewsML":
        raise WireRefusal(f"NewsML 1.2: unexpected root element <{root.tag}>")
    items = root.findall("NewsItem")
    if not items:
        raise WireRefusal("NewsML 1.2: no NewsItem")
    stories: list[WireStory] = []
    refusals: list[str] = []
    for item in items:
        try:
            stories.append(_item(item, list(parsed.warnings)))
        except WireRefusal as exc:
            refusals.append(exc.reason)
    if not stories:
        raise WireRefusal("; ".join(dict.fromkeys(refusals)))
    if refusals:
        # Each NewsItem stands alone: keep the good ones, say what was skipped.
        note = f"skipped {len(refusals)} item(s): {refusals[0]}"
        stories = [replace(s, warnings=(*s.warnings, note)) for s in stories]
    return stories


def _formal(el: etree._Element | None) -> str:
    return (el.get("FormalName") or "") if el is not None else ""


def _item(item: etree._Element, warnings: list[str]) -> WireStory:
    ident = child(item, "Identification", "NewsIdentifier")
    if ident is None:
        raise WireRefusal("NewsML 1.2: NewsItem has no NewsIdentifier")
    guid = first(text_of(ident.find("PublicIdentifier"))) or None
    if not guid:
        parts = [text_of(ident.find(n)) for n in ("ProviderId", "DateId", "NewsItemId")]
        guid = ":".join(p for p in parts if p) or None
    revision = ident.find("RevisionId")
    version = text_of(revision) or None
    mgmt = item.find("NewsManagement")
    comp = item.find("NewsComponent")
    lines = comp.find("NewsLines") if comp is not None else None
    if lines is None and comp is not None:
        # The text's own lines, not a picture component's.
        lines = next(
            (nl for nl in comp.iter("NewsLines") if not _is_media(nl.getparent())),
            None,
        )
    party = (
        comp.find(".//AdministrativeMetadata/Provider/Party")
        if comp is not None
        else None
    )
    provider = normalise_provider(_formal(party), text_of(ident.find("ProviderId")))
    body_html = _body(item)
    headline = text_of(child(lines, "HeadLine"))
    if not headline:
        headline = derive_headline(body_html)
        if headline:
            warnings.append("headline derived from the body")
    if not headline:
        raise WireRefusal(f"NewsML 1.2: NewsItem {guid} has no HeadLine and no body")

    def date(name: str) -> object:
        return parse_datetime(
            text_of(child(mgmt, name)) or None, warnings, provider=provider, field=name
        )

    first_created = date("FirstCreated")
    version_created = date("ThisRevisionCreated") or first_created
    signals: set[str] = set()
    status = _formal(child(mgmt, "Status")).lower()
    if status in ("canceled", "cancelled"):
        signals.add("cancel")
    if status == "withheld":
        signals.add("kill")
    if revision is not None and revision.get("Update") not in (None, "N"):
        signals.add("update")
    embargo = None
    for instr in mgmt.findall("Instruction") if mgmt is not None else []:
        if _formal(instr).lower() == "correction":
            signals.add("correction")
    subjects: list[str] = []
    for s in item.iter("Subject", "SubjectMatter", "SubjectDetail"):
        code = _formal(s)
        if code and code not in subjects:
            subjects.append(code)
    lang_el = item.find(".//DescriptiveMetadata/Language")
    if not body_html:
        warnings.append("no text ContentItem")
    return WireStory(
        format=NAME,
        guid=guid,
        version=version,
        headline=headline,
        body_html=body_html,
        byline=clean_byline(text_of(child(lines, "ByLine")), warnings),
        provider=provider,
        source=provider,
        dateline=text_of(child(lines, "DateLine")).rstrip(" -"),
        language=_formal(lang_el) or item.get("lang", ""),
        subjects=tuple(subjects),
        urgency=parse_urgency(_formal(child(mgmt, "Urgency"))),
        first_created=first_created,
        version_created=version_created,
        embargo_until=embargo,
        signals=frozenset(signals),
        kind="text" if body_html else "other",
        picture_credit=_picture_credit(comp),
        warnings=tuple(dict.fromkeys(warnings)),
    )


_MEDIA_TYPES = ("photo", "graphic", "video")


def _is_media(component: etree._Element | None) -> bool:
    """A NewsComponent whose own content is a photo, graphic or video."""
    if component is None:
        return False
    return any(
        _formal(ci.find("MediaType")).lower() in _MEDIA_TYPES
        for ci in component.findall("ContentItem")
    )


def _picture_credit(comp: etree._Element | None) -> str:
    """By-line and credit line of the first photo component: "Sam Roe/AFP"."""
    if comp is None:
        return ""
    for sub in comp.iter("NewsComponent"):
        if not _is_media(sub):
            continue
        lines = sub.find("NewsLines")
        name = clean_byline(text_of(child(lines, "ByLine")))
        credit = text_of(child(lines, "CreditLine"))
        if not name or name.casefold() in credit.casefold():
            return credit
        if not credit or credit.casefold() in name.casefold():
            return name
        return f"{name}/{credit}"
    return ""


def _body(item: etree._Element) -> str:
    """The first text ContentItem: NITF, XHTML or text (HTML sent as text is
    parsed once as markup)."""
    for ci in item.iter("ContentItem"):
        if _formal(ci.find("MediaType")).lower() not in ("text", ""):
            continue
        data = ci.find("DataContent")
        if data is None:
            continue
        nitf = data.find("nitf")
        xhtml = data.find("html")
        if nitf is not None:
            body_html = body_html_from(child(nitf, "body", "body.content"))
        elif xhtml is not None:
            body_html = body_html_from(xhtml.find("body"))
        elif any(isinstance(c.tag, str) for c in data):
            body_html = body_html_from(data)
        else:
            body_html = text_body_html(data.text or "")
        if body_html:
            return body_html
    return ""
