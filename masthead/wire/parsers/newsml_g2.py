"""IPTC NewsML-G2: newsMessage or a bare item, with or without the namespace."""

from __future__ import annotations

import re
from dataclasses import replace

from lxml import etree

from .agencies import normalise_provider
from .common import (
    clean_byline,
    derive_headline,
    first,
    looks_like_login,
    parse_datetime,
    parse_urgency,
)
from .errors import WireRefusal
from .safe_xml import parse_xml, sniff_root
from .story import WireStory
from .xmlbody import body_html_from, child, first_paragraph, text_body_html, text_of

NAME = "newsml-g2"
# Creator roles that make a creator the photographer (or camera operator)
# of the media, not the writer of the text.
_MEDIA_ROLES = frozenset(
    {"phot", "photographer", "photo", "camera", "cameraman", "videographer", "graph"}
)
ITEM_TAGS = (
    "newsItem",
    "packageItem",
    "conceptItem",
    "knowledgeItem",
    "planningItem",
    "catalogItem",
)
_NOT_STORIES = {
    "conceptItem": "a concept item (a thing or event in a vocabulary), not a news story",
    "knowledgeItem": "a knowledge item (a set of concepts), not a news story",
    "catalogItem": "a catalog item (vocabulary definitions), not a news story",
    "planningItem": "a planning item (coverage planned for later), not a news story",
}
# inlineXML whose first element is one of these is HTML-like story text.
_TEXT_ROOTS = frozenset(
    {"body", "article", "section", "div", "p", "h1", "h2", "h3", "table", "pre"}
)
_KIND = {
    "text": "text",
    "picture": "picture",
    "graphic": "picture",
    "video": "video",
    "audio": "audio",
}


def can_parse(data: bytes) -> bool:
    root = sniff_root(data)
    return root == "newsMessage" or root in ITEM_TAGS


def parse(data: bytes) -> list[WireStory]:
    parsed = parse_xml(data)
    root = parsed.root
    if root.tag == "newsMessage":
        item_set = root.find("itemSet")
        items = (
            [el for el in item_set if el.tag in ITEM_TAGS]
            if item_set is not None
            else []
        )
        header = root.find("header")
    elif root.tag in ITEM_TAGS:
        items, header = [root], None
    else:
        raise WireRefusal(f"NewsML-G2: unexpected root element <{root.tag}>")
    if not items:
        raise WireRefusal("NewsML-G2: message carries no items")
    stories: list[WireStory] = []
    refusals: list[str] = []
    for item in items:
        try:
            stories.append(_parse_item(item, header, list(parsed.warnings)))
        except WireRefusal as exc:
            refusals.append(exc.reason)
    if not stories:
        raise WireRefusal("; ".join(dict.fromkeys(refusals)))
    stories = _lend_picture_credit(stories)
    if refusals:
        # Keep the good items of a mixed message, but say what was skipped.
        note = f"skipped {len(refusals)} item(s) in message: {refusals[0]}"
        stories = [_with_warning(s, note) for s in stories]
    return stories


def _with_warning(story: WireStory, note: str) -> WireStory:
    return replace(story, warnings=(*story.warnings, note))


def _lend_picture_credit(stories: list[WireStory]) -> list[WireStory]:
    """A message that carries a story and its picture(s): the first picture's
    credit is the story's picture credit, unless the story names its own."""
    credit = next(
        (s.picture_credit for s in stories if s.kind == "picture" and s.picture_credit),
        "",
    )
    if not credit:
        return stories
    return [
        replace(s, picture_credit=credit)
        if s.kind == "text" and not s.picture_credit
        else s
        for s in stories
    ]


def _qcode_tail(el: etree._Element | None) -> str:
    if el is None:
        return ""
    return (el.get("qcode") or "").rsplit(":", 1)[-1]


def _name(el: etree._Element | None) -> str:
    if el is None:
        return ""
    uri_host = re.sub(r"^[a-z]+://(www\.)?|/.*$", "", el.get("uri") or "")
    return first(
        el.get("literal"),
        text_of(el.find("name")),
        text_of(el),
        el.get("qcode"),
        uri_host,
    )


def _parse_item(
    item: etree._Element, header: etree._Element | None, warnings: list[str]
) -> WireStory:
    guid = item.get("guid")
    if item.tag in _NOT_STORIES:
        raise WireRefusal(
            f"NewsML-G2: {item.tag} {guid or ''} is {_NOT_STORIES[item.tag]}".replace(
                "  ", " "
            )
        )
    if not guid:
        raise WireRefusal(f"NewsML-G2: {item.tag} has no guid")
    meta = item.find("itemMeta")
    cmeta = item.find("contentMeta")
    if meta is None:
        raise WireRefusal(f"NewsML-G2: {item.tag} {guid} has no itemMeta")
    item_class = _qcode_tail(meta.find("itemClass"))
    kind = _KIND.get(item_class, "other")
    if item.tag == "packageItem":
        kind = "other"
    provider_el = meta.find("provider")
    sender = text_of(child(header, "sender")) if header is not None else ""
    info_sources = [
        _name(el) for el in (cmeta.findall("infoSource") if cmeta is not None else [])
    ]
    provider = normalise_provider(_name(provider_el), sender, *info_sources)
    source = first(*info_sources, provider)

    headline_el = _main_headline(cmeta)
    descriptions = cmeta.findall("description") if cmeta is not None else []
    lead = ""
    lead_roles = {"summary", "abstract"} | (
        {"caption", "synthe"} if kind != "text" else set()
    )
    lead_el = None
    for d in descriptions:
        role = d.get("role") or ""
        if not role or role.rsplit(":", 1)[-1] in lead_roles:
            lead_el = d
            break
    # The standfirst is the description's first paragraph, never all of it.
    lead = first_paragraph(lead_el)

    body_html = _body(item, warnings)
    if not body_html and kind in ("picture", "video", "audio") and lead_el is not None:
        body_html = body_html_from(lead_el, layout=True)
    if not body_html:
        warnings.append(f"no inline text body ({kind} item)")

    headline = text_of(headline_el)
    if not headline:
        headline = first(text_of(meta.find("title")), lead.split("\n")[0][:200])
        if headline:
            warnings.append("no <headline>; used title/description")
    if not headline:
        headline = derive_headline(body_html)
        if headline:
            warnings.append("headline derived from the body")
    if not headline:
        raise WireRefusal(
            f"NewsML-G2: {item.tag} {guid} has no headline, title or description, "
            "and no body"
        )

    signals: set[str] = set()
    pub = _qcode_tail(meta.find("pubStatus"))
    if pub == "canceled":
        signals.add("cancel")
    for sig in meta.findall("signal"):
        code = (sig.get("qcode") or "").lower()
        if code in ("sig:correction", "edstat:c"):
            signals.add("correction")
        elif code in ("sig:update", "edstat:u") or code.startswith("update:"):
            signals.add("update")
        elif code in ("sig:kill", "sig:withdraw"):
            signals.add("kill")

    def date(el: etree._Element | None, name: str) -> object:
        return parse_datetime(
            text_of(el) or None, warnings, provider=provider, field=name
        )

    first_created = date(meta.find("firstCreated"), "firstCreated")
    version_created = date(meta.find("versionCreated"), "versionCreated")
    if first_created is None and cmeta is not None:
        first_created = date(cmeta.find("contentCreated"), "contentCreated")
    if (
        first_created is None
        and version_created is not None
        and item.get("version") == "1"
    ):
        # Version 1 was created when this version was: same instant.
        first_created = version_created
        warnings.append("no firstCreated; version 1 so used versionCreated")
    embargo = date(meta.find("embargoed"), "embargoed")

    subjects: list[str] = []
    if cmeta is not None:
        for s in cmeta.findall("subject"):
            label = first(text_of(s.find("name")), s.get("literal"), s.get("qcode"))
            if label and label not in subjects:
                subjects.append(label)
    byline, picture_credit = _credits(cmeta, kind, warnings)
    language = ""
    if cmeta is not None and cmeta.find("language") is not None:
        language = cmeta.find("language").get("tag") or ""
    language = language or item.get("lang") or ""
    dateline = text_of(child(cmeta, "dateline"))
    if not dateline and cmeta is not None:
        dateline = _name(cmeta.find("located"))
    return WireStory(
        format=NAME,
        guid=guid,
        version=item.get("version"),
        headline=headline,
        lead=lead,
        body_html=body_html,
        byline=byline,
        provider=provider,
        source=source,
        dateline=dateline,
        language=language,
        subjects=tuple(subjects),
        urgency=parse_urgency(text_of(child(cmeta, "urgency"))),
        first_created=first_created,
        version_created=version_created,
        embargo_until=embargo,
        signals=frozenset(signals),
        kind=kind,
        picture_credit=picture_credit,
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _credits(
    cmeta: etree._Element | None, kind: str, warnings: list[str]
) -> tuple[str, str]:
    """(byline, picture credit) from <by>, <creator>s and <creditline>.

    A creator's name element or literal is a byline candidate, never its
    qcode or URI; a login or code is skipped (with a warning). In a text item
    a creator in a photographer's role credits the picture, not the text;
    in a media item the creator and the creditline make the picture credit.
    """
    if cmeta is None:
        return "", ""
    writers: list[str] = []
    photographers: list[str] = []
    codes: list[str] = []
    for c in cmeta.findall("creator"):
        role = (c.get("role") or "").rsplit(":", 1)[-1].lower()
        names = [text_of(c.find("name")), c.get("literal") or ""]
        (photographers if role in _MEDIA_ROLES else writers).extend(names)
        codes.extend(v for v in (c.get("qcode"), c.get("uri")) if v)
    by = [text_of(b) for b in cmeta.findall("by")]
    skipped: list[str] = []
    if kind in ("picture", "video"):
        byline = _first_name([*by, *writers, *photographers], skipped)
        credit = join_credit(byline, text_of(cmeta.find("creditline")))
    else:
        byline = _first_name([*by, *writers], skipped)
        credit = _first_name(photographers, [])
    if not byline and (skipped or codes):
        # Say what was not printed: a login seen, or only a creator's code.
        clean_byline((skipped or codes)[0], warnings)
    return byline, credit


def _first_name(candidates: list[str], skipped: list[str]) -> str:
    for cand in candidates:
        name = clean_byline(cand)
        if name:
            return name
        if cand.strip() and looks_like_login(cand.strip()):
            skipped.append(cand.strip())
    return ""


def join_credit(name: str, credit: str) -> str:
    """ "Sam Roe" + "Valley Wire" -> "Sam Roe/Valley Wire" (once each)."""
    if not name or name.casefold() in credit.casefold():
        return credit
    if not credit or credit.casefold() in name.casefold():
        return name
    return f"{name}/{credit}"


def _main_headline(cmeta: etree._Element | None) -> etree._Element | None:
    if cmeta is None:
        return None
    headlines = cmeta.findall("headline")
    for h in headlines:
        if (h.get("role") or "").endswith("main"):
            return h
    return headlines[0] if headlines else None


def _body(item: etree._Element, warnings: list[str]) -> str:
    content = item.find("contentSet")
    if content is None:
        return ""
    for inline in content.findall("inlineXML"):
        inner = next((c for c in inline if isinstance(c.tag, str)), None)
        if inner is None:
            continue
        if inner.tag == "nitf":
            return body_html_from(child(inner, "body", "body.content"))
        if inner.tag == "html":
            return body_html_from(inner.find("body"))
        if inner.tag in _TEXT_ROOTS or "html" in (inline.get("contenttype") or ""):
            return body_html_from(inline)
        # Other XML (events, SportsML data, concepts) is data, not story text.
    for inline in content.findall("inlineData"):
        text = "".join(inline.itertext())
        if text.strip():
            # text/plain that is really HTML (ANSA) is sanitised, not escaped.
            return text_body_html(text)
    return ""
