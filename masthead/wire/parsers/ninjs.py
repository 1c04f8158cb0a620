"""IPTC ninjs 1.x, 2.x and 3.x JSON, plus the agency dialects seen on the wire.

Version: the item's property names decide the major version (camelCase ->
3.x, plural arrays -> 2.x, else 1.x). A flat 1.x item rarely says which
1.x it is, so without a hint it is checked against the newest 1.x; a
channel configured for an older version passes ``version_hint``.

Dialects: Superdesk-style ninjs (``guid`` instead of ``uri``), the AP Media
API envelope and the BBC list envelope carry a few non-standard properties
(listed in VENDOR_KEYS); those are ignored with a warning. Any other
unknown property is kept in the raw with a warning (the spec would refuse
the item, and does when a channel names its version: see ``parse``).
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from . import encoding
from .agencies import KNOWN_AGENCIES, normalise_provider
from .common import (
    clean_byline,
    clean_text,
    derive_headline,
    first,
    parse_datetime,
    parse_urgency,
)
from .errors import WireRefusal
from .ninjs_rules import V1, V2, V3, detect_major, type_ok, validate
from .safe_xml import check_size
from .sanitize import clean_html, text_to_html
from .story import WireStory

NAME = "ninjs"
VENDOR_KEYS = frozenset(
    {
        # Superdesk / AAP
        "guid",
        "priority",
        "service",
        "source",
        "authors",
        "extra",
        "annotations",
        "firstpublished",
        "readtime",
        "evolvedfrom",
        "body_text",
        "description_text",
        # AP Media API
        "signals",
        "editorialpriority",
        "keywords",
        "provider",
        "textformat",
        "subject",
        # BBC
        "id",
        "contracts",
    }
)
_KIND = {
    "text": "text",
    "picture": "picture",
    "graphic": "picture",
    "video": "video",
    "audio": "audio",
}
_VERSION_HINT = re.compile(r"^(\d)(?:\.(\d+|x))?")


def can_parse(data: bytes) -> bool:
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] in (b"{", b"[")


def _load(data: bytes, warnings: list[str]) -> Any:
    check_size(data)
    # JSON is UTF-8 (RFC 8259); a legacy-charset file is read by its guessed
    # encoding, with a warning, rather than refused (UTF-16/32 were made
    # UTF-8 by the registry).
    text = encoding.decode(data, warnings)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise WireRefusal(
            f"ninjs: invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        ) from exc
    except RecursionError as exc:
        raise WireRefusal("ninjs: JSON nested too deeply") from exc


def _unwrap(doc: Any) -> tuple[list[Any], str]:
    if isinstance(doc, list):
        return doc, "list"
    if isinstance(doc, dict):
        data = doc.get("data")
        if (
            isinstance(data, dict)
            and isinstance(data.get("item"), dict)
            and "uri" not in doc
        ):
            return [data["item"]], "ap-media-api"
        if isinstance(doc.get("item"), list) and "uri" not in doc:
            return doc["item"], "list-envelope"
    return [doc], "item"


def parse(data: bytes, version_hint: str | None = None) -> list[WireStory]:
    """Stories of a ninjs document.

    Without ``version_hint`` the item is read as the desk needs it: unknown
    properties are kept in the raw with a warning, and an item that breaks
    another rule is still used (from its valid properties, with a warning)
    if it has a headline or a body; only an unpublishable one is refused.
    A channel that names its ninjs version asks for that version's schema:
    every rule refuses.
    """
    load_warnings: list[str] = []
    items, envelope = _unwrap(_load(data, load_warnings))
    if not items:
        raise WireRefusal("ninjs: envelope holds no items")
    major_hint = minor_hint = None
    if version_hint:
        m = _VERSION_HINT.match(version_hint)
        if m:
            major_hint = int(m.group(1))
            minor_hint = (
                int(m.group(2)) if m.group(2) and m.group(2).isdigit() else None
            )
    stories = []
    for item in items:
        warnings: list[str] = list(load_warnings)
        if envelope not in ("item", "list"):
            warnings.append(f"ninjs: unwrapped {envelope}")
        if not isinstance(item, dict):
            raise WireRefusal("ninjs: an item must be a JSON object")
        major = major_hint or detect_major(item)
        dialect = "uri" not in item and "guid" in item
        if dialect:
            warnings.append("ninjs: no 'uri'; Superdesk-style 'guid' used as the id")
        strict = version_hint is not None and envelope in ("item", "list")
        unknown: list[str] | None = None if strict else []
        # No id at all: the desk keys the item by its content (guid None),
        # with a warning; only a channel's strict schema refuses it.
        keyless = "uri" not in item and not dialect and not strict
        if keyless and "$schema" in item:
            raise WireRefusal("ninjs: 'uri' is required (a JSON Schema, not an item)")
        if keyless:
            warnings.append("ninjs: no uri: keyed by content")
        refusal: WireRefusal | None = None
        try:
            validate(
                item,
                major,
                minor_hint,
                vendor_keys=VENDOR_KEYS,
                need_uri=not dialect and not keyless and envelope in ("item", "list"),
                warnings=warnings,
                unknown=unknown,
            )
        except WireRefusal as exc:
            if strict:
                raise
            refusal = exc
        if unknown:
            warnings.append(
                f"ninjs: unknown properties kept in the raw: {', '.join(unknown)}"
            )
        if refusal is None:
            story = _story(item, major, warnings)
            if keyless and not story.headline and not story.body_html:
                raise WireRefusal("ninjs: 'uri' is required (no headline, no body)")
            stories.append(story)
            continue
        # Vendor API envelopes (AP Media API, BBC) carry ninjs-like items that
        # are not conformant ninjs; so may any agency. Use what is valid.
        prefix = "ninjs: item" if envelope in ("item", "list") else f"{envelope} item"
        warnings.append(
            f"{prefix} is not strict ninjs ({refusal.reason}); its valid properties used"
        )
        story = _story(_valid_part(item, major), major, warnings)
        if not story.headline and not story.body_html:
            # Nothing to publish: the rule it breaks is the reason.
            raise refusal
        stories.append(story)
    return stories


def _valid_part(item: dict[str, Any], major: int) -> dict[str, Any]:
    """The item without properties of the wrong type (and without unknown ones)."""
    spec = {1: V1, 2: V2, 3: V3}[major]
    out: dict[str, Any] = {}
    for key, value in item.items():
        rule = spec.get(key)
        if rule is None:
            if key in VENDOR_KEYS or key.startswith(
                ("headline_", "body_", "description_")
            ):
                out[key] = value
        elif type_ok(value, rule[0]) or key == "version":
            out[key] = value
    return out


def _get(item: dict[str, Any], major: int, name: str) -> Any:
    """Read a property by its 1.x/2.x name, or its 3.x camelCase spelling."""
    if major == 3:
        camel = {
            "firstcreated": "firstCreated",
            "versioncreated": "versionCreated",
            "embargoed": "embargoedUntil",
            "pubstatus": "pubStatus",
            "copyrightholder": "copyrightHolder",
            "contentcreated": "contentCreated",
            "infosources": "infoSources",
        }.get(name, name)
        return item.get(camel)
    return item.get(name)


def _role_value(entries: Any, prefer: str = "main") -> dict[str, Any] | None:
    if not isinstance(entries, list) or not entries:
        return None
    for e in entries:
        if isinstance(e, dict) and e.get("role") == prefer:
            return e
    return entries[0] if isinstance(entries[0], dict) else None


def _names(entries: Any) -> list[str]:
    out: list[str] = []
    for e in entries if isinstance(entries, list) else []:
        if isinstance(e, dict):
            label = first(e.get("name"), e.get("code"), e.get("uri"), e.get("literal"))
            if label and label not in out:
                out.append(label)
    return out


def _story(item: dict[str, Any], major: int, warnings: list[str]) -> WireStory:
    if major == 1:
        # 1.3+ allows named variants (headline_main, body_main...).
        headline = clean_text(
            first(
                item.get("headline"),
                item.get("headline_main"),
                *_prefixed(item, "headline_"),
            )
        )
        html_body = first(item.get("body_html"), *_prefixed(item, "body_", "html"))
        body_html = clean_html(html_body) if html_body else ""
        if not body_html and _prefixed(item, "body_"):
            body_html = text_to_html(_prefixed(item, "body_")[0])
        if not body_html and isinstance(item.get("body_text"), str):
            body_html = text_to_html(item["body_text"])
        lead = clean_text(_str(item, "description_text")) or _strip_tags(
            item.get("description_html")
        )
        byline = item.get("byline")
        subjects = _names(item.get("subject"))
    else:
        main = _role_value(item.get("headlines"))
        headline = clean_text(main.get("value")) if main else ""
        body = _role_value(item.get("bodies"))
        body_html = ""
        if body and isinstance(body.get("value"), str):
            is_html = "html" in str(
                body.get("contenttype") or body.get("contentType") or ""
            )
            body_html = (
                clean_html(body["value"]) if is_html else text_to_html(body["value"])
            )
        desc = _role_value(item.get("descriptions"), "summary")
        lead = _strip_tags(desc.get("value")) if desc else ""
        byline = item.get("by")
        subjects = _names(item.get("subjects"))
    if not headline:
        headline = clean_text(first(_str(item, "title"), _str(item, "slugline")))
        if headline:
            warnings.append("ninjs: no headline; used title/slugline")
        elif body_html and (headline := derive_headline(body_html)):
            warnings.append(
                "ninjs: no headline; derived from the body's first sentence"
            )
        else:
            warnings.append("ninjs: item has no headline")
    # A login or code ("jdoe", "author:jdoe") is dropped, with a warning.
    byline = clean_byline(byline if isinstance(byline, str) else "", warnings)
    for text in (headline, lead, body_html):
        if encoding.flag_mojibake(text, warnings):
            break
    uri = item.get("uri") or item.get("guid")
    # The agency, from what names one. The uri counts only when it is a known
    # agency's (api.ap.org): any other URL is no provider (wire-report listed
    # every file's uri as its own). Dedupe keys on the guid, so an empty
    # provider is fine.
    named = [
        value
        for value in (
            item.get("provider"),
            item.get("source"),
            _get(item, major, "copyrightholder"),
            item.get("creditline"),
            item.get("creditLine"),
        )
        if isinstance(value, str)
    ]
    named += _names(_get(item, major, "infosources") or item.get("infosource"))
    if uri and normalise_provider(str(uri)) in KNOWN_AGENCIES:
        named.append(str(uri))
    provider = normalise_provider(*named)
    version = item.get("version")

    def date(name: str) -> Any:
        value = _get(item, major, name)
        return parse_datetime(
            value if isinstance(value, str) else None,
            warnings,
            provider=provider,
            field=name,
        )

    signals: set[str] = set()
    if _get(item, major, "pubstatus") == "canceled":
        signals.add("cancel")
    raw_signals = item.get("signals") if isinstance(item.get("signals"), list) else []
    for sig in raw_signals:
        low = str(sig).lower()
        for word in ("correction", "update", "kill"):
            if word in low:
                signals.add(word)
    return WireStory(
        format=NAME,
        guid=str(uri) if uri is not None else None,
        version=str(version) if version is not None else None,
        headline=headline,
        lead=lead,
        body_html=body_html,
        byline=byline,
        provider=provider,
        source=first(
            item.get("source") if isinstance(item.get("source"), str) else "", provider
        ),
        dateline=clean_text(item.get("located"))
        if isinstance(item.get("located"), str)
        else "",
        language=_str(item, "language"),
        subjects=tuple(subjects),
        urgency=parse_urgency(item.get("urgency")),
        first_created=date("firstcreated") or date("contentcreated"),
        version_created=date("versioncreated"),
        embargo_until=date("embargoed"),
        signals=frozenset(signals),
        kind=_KIND.get(str(item.get("type") or "text"), "other"),
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _str(item: dict[str, Any], key: str) -> str:
    value = item.get(key)
    return value if isinstance(value, str) else ""


def _strip_tags(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    return clean_text(html.unescape(re.sub(r"<[^>]+>", " ", value)))


def _prefixed(item: dict[str, Any], prefix: str, contains: str = "") -> list[str]:
    return [
        v
        for k, v in item.items()
        if k.startswith(prefix) and contains in k[len(prefix) :] and isinstance(v, str)
    ]
