"""An article's body as plain HTML for partners: no site CSS classes, no
`<picture>` sources, every link and picture on an absolute address.

Built from the StreamField's stored data rather than its templates: the
templates are written for our pages (responsive sets, lazy loading), and an
embed would be fetched from its provider. Pictures come from `images`, a map of
id -> association already loaded for the whole list, so the body costs no query
of its own beyond the rich text's page links.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.utils.html import format_html, strip_tags
from wagtail.rich_text import expand_db_html

# A path on our site (`/news/...`, `/media/...`), not `//host` nor `http:`.
_LOCAL_ATTR = re.compile(r'(\s(?:href|src)=")(/(?!/)[^"]*)"')


def absolutize(html: str, to_absolute: Callable[[str], str]) -> str:
    return _LOCAL_ATTR.sub(lambda m: f'{m.group(1)}{to_absolute(m.group(2))}"', html)


def body_image_ids(raw_blocks: Iterable[dict]) -> list[int]:
    ids = []
    for block in raw_blocks:
        if block.get("type") == "image" and isinstance(block.get("value"), dict):
            image_id = block["value"].get("image")
            if isinstance(image_id, int):
                ids.append(image_id)
    return ids


def _figure(value: dict, image) -> str:
    if image is None:
        return ""  # deleted since: nothing to show
    caption = value.get("caption") or image.caption
    credit = image.credit
    parts = [format_html('<img src="{}" alt="{}">', image.src, image.alt)]
    if caption or credit:
        text = " ".join(p for p in (caption, credit and f"({credit})") if p)
        parts.append(format_html("<figcaption>{}</figcaption>", text))
    return "<figure>" + "".join(parts) + "</figure>"


def render_body(raw_blocks: Iterable[dict], images: dict, to_absolute) -> str:
    """HTML of the body blocks, in order. `images` maps an image id to its
    `Picture` (see pictures.py); `to_absolute` turns a site path into a URL."""
    out = []
    for block in raw_blocks:
        kind, value = block.get("type"), block.get("value")
        if kind == "paragraph" and isinstance(value, str):
            out.append(expand_db_html(value))
        elif kind == "image" and isinstance(value, dict):
            out.append(_figure(value, images.get(value.get("image"))))
        elif kind == "quote" and isinstance(value, dict):
            attribution = value.get("attribution") or ""
            footer = (
                format_html("<footer>{}</footer>", attribution) if attribution else ""
            )
            out.append(
                format_html(
                    "<blockquote><p>{}</p>{}</blockquote>",
                    value.get("quote", ""),
                    footer,
                )
            )
        elif kind == "fact_box" and isinstance(value, dict):
            out.append(
                format_html(
                    "<aside><h2>{}</h2>{}</aside>",
                    value.get("title", ""),
                    expand_db_html(value.get("text") or ""),
                )
            )
        elif kind in ("video", "embed") and isinstance(value, str) and value:
            # A link, not the provider's player: partners embed as they see fit.
            out.append(format_html('<p><a href="{}">{}</a></p>', value, value))
    return absolutize("\n".join(o for o in out if o), to_absolute)


def word_count(html: str) -> int:
    return len(strip_tags(html).split())
