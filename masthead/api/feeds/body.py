"""An article's full text as a feed carries it: plain HTML (no site classes,
no `<picture>` sources), every link and picture on an absolute address.

Built from the StreamField's stored data, not its templates: those are written
for our pages (responsive sets, lazy loading), and an embed block would fetch
its provider's HTML. An embed or video is a link to it here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC

import nh3
from django.utils.html import escape, format_html
from wagtail.rich_text import expand_db_html

from masthead.api.addresses import xml_text
from masthead.api.feeds.pictures import Picture

ALLOWED_TAGS = {
    "a",
    "aside",
    "b",
    "blockquote",
    "br",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h2",
    "h3",
    "h4",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "strong",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt", "width", "height"}}
# A path on our site in a link or picture (`/news/...`), not `//host/...`.
_LOCAL_URL = re.compile(r'(\s(?:href|src)=")(/(?!/)[^"]*)"')


def body_image_ids(raw_blocks: Iterable[dict]) -> list[int]:
    return [
        block["value"].get("image")
        for block in raw_blocks
        if block.get("type") == "image" and isinstance(block.get("value"), dict)
    ]


def figure_html(picture: Picture | None, caption: str = "") -> str:
    if picture is None:
        return ""  # the image was deleted since: nothing to show
    img = format_html(
        '<img src="{}" alt="{}"{}>',
        picture.url,
        picture.alt,
        format_html(' width="{}" height="{}"', picture.width, picture.height)
        if picture.width and picture.height
        else "",
    )
    words = " ".join(w for w in (caption or picture.caption, picture.credit) if w)
    if words:
        return format_html("<figure>{}<figcaption>{}</figcaption></figure>", img, words)
    return format_html("<figure>{}</figure>", img)


def _block_html(kind: str, value, pictures: dict[int, Picture]) -> str:
    if kind == "paragraph" and isinstance(value, str):
        return expand_db_html(value)
    if kind == "image" and isinstance(value, dict):
        return figure_html(pictures.get(value.get("image")), value.get("caption", ""))
    if kind == "quote" and isinstance(value, dict):
        attribution = value.get("attribution") or ""
        return format_html(
            "<blockquote><p>{}</p>{}</blockquote>",
            value.get("quote", ""),
            format_html("<footer>{}</footer>", attribution) if attribution else "",
        )
    if kind == "fact_box" and isinstance(value, dict):
        return format_html(
            "<aside><h3>{}</h3>{}</aside>",
            value.get("title", ""),
            expand_db_html(value.get("text") or ""),
        )
    if kind in ("video", "embed") and isinstance(value, str) and value:
        return format_html('<p><a href="{}">{}</a></p>', value, value)
    return ""


def full_text_html(article, pictures: dict[int, Picture], site_root: str) -> str:
    """Lead, lead image, body, corrections and credit. `site_root` is the
    public base URL that paths in the body's links are resolved against."""
    parts = []
    if article.lead:
        parts.append(format_html("<p><strong>{}</strong></p>", article.lead))
    if article.main_image_id:
        parts.append(figure_html(pictures.get(article.main_image_id)))
    for block in article.body.raw_data:
        parts.append(_block_html(block.get("type"), block.get("value"), pictures))
    notes = list(article.corrections.all()) if article.updated_at else []
    if notes:
        items = "".join(
            format_html(
                "<li>{} ({}): {}</li>",
                note.get_kind_display(),
                note.noted_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC"),
                note.text,
            )
            for note in notes
        )
        parts.append(f"<aside><h3>Corrections and updates</h3><ul>{items}</ul></aside>")
    if article.source_id:
        parts.append(f"<p>Source: {escape(article.source.credit_text)}</p>")
    html = nh3.clean("".join(parts), tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES)
    # nh3 writes every attribute double-quoted, so a path is easy to find.
    html = _LOCAL_URL.sub(lambda m: f'{m.group(1)}{site_root}{m.group(2)}"', html)
    return xml_text(html)
