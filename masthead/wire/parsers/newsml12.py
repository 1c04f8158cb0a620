"""IPTC NewsML 1.2 (AFP): one story per text NewsItem, NITF or text payload."""

from __future__ import annotations

from lxml import etree

from .agencies import normalise_provider
from .common import (
    clean_byline,
    first,
    parse_datetime,
    parse_urgency,
)
from .errors import WireRefusal
from .safe_xml import parse_xml, sniff_root
from .sanitize import text_to_html
from .story import WireStory
from .xmlbody import body_html_from, child, text_of

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
    stories = [_item(item, list(parsed.warnings)) for item in items]
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
        lines = comp.find(".//NewsLines")
    party = (
        comp.find(".//AdministrativeMetadata/Provider/Party")
        if comp is not None
        else None
    )
    provider = normalise_provider(_formal(party), text_of(ident.find("ProviderId")))
    headline = text_of(child(lines, "HeadLine"))
    if not headline:
        raise WireRefusal(f"NewsML 1.2: NewsItem {guid} has no HeadLine")

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
    body_html = ""
    for ci in item.iter("ContentItem"):
        if _formal(ci.find("MediaType")).lower() not in ("text", ""):
            continue
        data = ci.find("DataContent")
        if data is None:
            continue
        nitf = data.find("nitf")
        if nitf is not None:
            body_html = body_html_from(child(nitf, "body", "body.content"))
        else:
            body_html = text_to_html("".join(data.itertext()))
        if body_html:
            break
    if not body_html:
        warnings.append("no text ContentItem")
    return WireStory(
        format=NAME,
        guid=guid,
        version=version,
        headline=headline,
        body_html=body_html,
        byline=clean_byline(text_of(child(lines, "ByLine"))),
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
        warnings=tuple(dict.fromkeys(warnings)),
    )
