"""The one way XML is parsed: no DTDs, no entities, no network, capped size/depth.

Wire XML is hostile input. We decode bytes ourselves (so mislabelled
encodings can be repaired), refuse entity declarations outright (billion
laughs, XXE), drop a plain DOCTYPE without ever loading it, and map HTML
named entities that agencies put in XML to characters.
"""

from __future__ import annotations

import codecs
import html.entities
import re
from dataclasses import dataclass, field

from lxml import etree

from . import encoding
from .common import CONTROL_CHARS
from .errors import WireRefusal

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 200
XML_NS = "{http://www.w3.org/XML/1998/namespace}"

_DECL = re.compile(
    rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']", re.S
)
_DECL_STR = re.compile(r"^\s*<\?xml[^>]*\?>", re.S)
_DOCTYPE = re.compile(r"<!DOCTYPE\b[^\[>]*(\[.*?\]\s*)?>", re.S | re.I)
_ENTITY_DECL = re.compile(r"<!ENTITY", re.I)
_ENTITY_REF = re.compile(r"&([A-Za-z_][A-Za-z0-9._-]*);")
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_HEAD_SKIP = re.compile(
    r"\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE\b[^\[>]*(?:\[.*?\]\s*)?>", re.S | re.I
)
_FIRST_TAG = re.compile(r"<([A-Za-z_][\w.:-]*)")


@dataclass
class ParsedXML:
    root: etree._Element
    warnings: list[str] = field(default_factory=list)


def check_size(data: bytes, limit: int = MAX_BYTES) -> None:
    if len(data) > limit:
        raise WireRefusal(
            f"input is {len(data) / 1048576:.0f} MB, over the {limit // 1048576} MB cap"
        )


def sniff_root(data: bytes) -> str | None:
    """Local name of the first element, without parsing the document."""
    head = data[:65536]
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    text = head.decode("latin-1")
    pos = 0
    while True:
        m = _HEAD_SKIP.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    m = _FIRST_TAG.match(text, pos)
    if not m:
        return None
    return m.group(1).rsplit(":", 1)[-1]


def decode_xml_bytes(data: bytes, warnings: list[str]) -> str:
    """Bytes -> str, honouring the declaration but repairing common lies."""
    head = data[3:] if data.startswith(codecs.BOM_UTF8) else data
    m = _DECL.match(head)
    return encoding.decode(data, warnings, declared=m.group(1).decode() if m else None)


def _map_entities(text: str, warnings: list[str]) -> str:
    unknown: set[str] = set()

    def repl(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in _XML_ENTITIES:
            return m.group(0)
        char = html.entities.html5.get(name + ";")
        if char is not None:
            return "".join(f"&#{ord(c)};" for c in char)
        unknown.add(name)
        return f"&amp;{name};"

    out = _ENTITY_REF.sub(repl, text)
    if unknown:
        warnings.append(
            f"undefined entities left as text: {', '.join(sorted(unknown))}"
        )
    return out


def prepare_xml_text(data: bytes, warnings: list[str]) -> str:
    check_size(data)
    text = decode_xml_bytes(data, warnings)
    if _ENTITY_DECL.search(text):
        raise WireRefusal("XML: entity declarations are not allowed")
    doctype = _DOCTYPE.search(text)
    if doctype:
        # The DTD is never fetched or applied; the document must stand alone.
        text = text[: doctype.start()] + text[doctype.end() :]
        warnings.append("DOCTYPE ignored (DTD not loaded)")
    elif "<!DOCTYPE" in text.upper():
        raise WireRefusal("XML: malformed DOCTYPE")
    if CONTROL_CHARS.search(text):
        text = CONTROL_CHARS.sub("", text)
        warnings.append("control characters removed")
    text = _DECL_STR.sub("", text, count=1)
    if "&" in text:
        text = _map_entities(text, warnings)
    return text


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
        encoding="utf-8",
    )


def _check_depth(root: etree._Element, limit: int) -> None:
    depth = 0
    for event, _el in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            depth += 1
            if depth > limit:
                raise WireRefusal(f"XML: elements nested deeper than {limit} levels")
        else:
            depth -= 1


def strip_namespaces(root: etree._Element) -> None:
    """Rewrite tags/attributes to local names so one code path serves
    namespaced and un-namespaced variants of a format. xml:lang -> lang."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if "}" in el.tag:
            el.tag = el.tag.split("}", 1)[1]
        for key in [k for k in el.attrib if "}" in k]:
            value = el.attrib.pop(key)
            local = key.split("}", 1)[1]
            if local not in el.attrib:
                el.set(local, value)
    etree.cleanup_namespaces(root)


def parse_xml(
    data: bytes, *, max_depth: int = MAX_DEPTH, local_names: bool = True
) -> ParsedXML:
    warnings: list[str] = []
    text = prepare_xml_text(data, warnings)
    try:
        root = etree.fromstring(text.encode("utf-8"), _parser())
    except etree.XMLSyntaxError as exc:
        msg = str(exc)
        if "depth" in msg.lower():
            raise WireRefusal(
                f"XML: elements nested deeper than {max_depth} levels"
            ) from exc
        raise WireRefusal(f"XML: not well-formed ({msg})") from exc
    if root is None:
        raise WireRefusal("XML: empty document")
    _check_depth(root, max_depth)
    if local_names:
        strip_namespaces(root)
    return ParsedXML(root=root, warnings=warnings)
