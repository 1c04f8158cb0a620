"""Responsive renditions: one declared set of sizes, made by the worker.

Readers' requests never resize an image. Saving a NewsImage queues
`make_renditions` (masthead.newsroom.media.tasks), which makes every size of
every set below in AVIF, WebP and JPEG. Templates ask for a set by name
(`{% responsive_image image "article" %}`) and get only what already exists;
an image with nothing made yet is shown from its original file, and the task
is queued again (once) in case the first run was lost.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Prefetch
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from wagtail.images.models import Filter

from masthead.newsroom.models import NewsRendition

logger = logging.getLogger("masthead.media")

# Sizes per use. A template names the set; the worker makes all of them.
RENDITION_SETS: dict[str, tuple[str, ...]] = {
    "teaser": ("fill-320x180", "fill-640x360"),
    "lead": ("fill-480x270", "fill-960x540", "fill-1440x810"),
    "article": ("width-480", "width-800", "width-1200"),
}
# Best first: browsers take the first <source> they can decode; JPEG is the <img>.
FORMATS: tuple[str, ...] = ("avif", "webp", "jpeg")
FALLBACK_FORMAT = "jpeg"
MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}

# How long a "renditions are queued" note stops the template from queueing again.
QUEUED_NOTE_SECONDS = 600


def spec_for(size: str, fmt: str) -> str:
    return f"{size}|format-{fmt}"


def specs_for_set(set_name: str) -> list[str]:
    try:
        sizes = RENDITION_SETS[set_name]
    except KeyError:
        raise ValueError(
            f"Unknown rendition set {set_name!r}; known: {', '.join(RENDITION_SETS)}"
        ) from None
    return [spec_for(size, fmt) for fmt in FORMATS for size in sizes]


def all_specs() -> list[str]:
    """Every filter spec the worker makes for an image, without duplicates."""
    return list(
        dict.fromkeys(s for name in RENDITION_SETS for s in specs_for_set(name))
    )


def ensure_renditions(image) -> int:
    """Make every missing rendition of `image`; return how many were missing.

    Only the worker calls this (through the `make_renditions` task). Wagtail's
    `get_renditions` finds what exists in one query and makes the rest.
    """
    specs = all_specs()
    filters = [Filter(spec=s) for s in specs]
    missing = len(filters) - len(_existing_by_spec(image, specs, exact_only=True))
    if missing:
        image.get_renditions(*filters)
    return missing


@dataclass(frozen=True)
class _Candidate:
    url: str
    width: int
    height: int


def _existing_by_spec(image, specs: list[str], *, exact_only: bool = False) -> dict:
    """Existing renditions of `image` for `specs`, keyed by spec, in one query.

    A rendition whose crop was made for an older focal point is still used
    (right size, slightly off crop) until the worker makes the new one,
    unless `exact_only`.
    """
    prefetched = image._get_prefetched_renditions()
    if prefetched is None:
        rows = list(image.renditions.filter(filter_spec__in=specs))
    else:
        rows = [r for r in prefetched if r.filter_spec in specs]
    keys = {spec: Filter(spec=spec).get_cache_key(image) for spec in specs}
    found: dict = {}
    for rendition in rows:
        exact = rendition.focal_point_key == keys[rendition.filter_spec]
        if exact:
            found[rendition.filter_spec] = (rendition, True)
        elif not exact_only and rendition.filter_spec not in found:
            found[rendition.filter_spec] = (rendition, False)
    return found


def queue_renditions_once(image) -> None:
    """Queue `make_renditions` for `image` unless it was queued recently."""
    # Deferred: the tasks module imports this one (its task makes renditions).
    from masthead.newsroom.media.tasks import enqueue_make_renditions

    note = f"masthead:media:renditions-queued:{image.pk}"
    if cache.add(note, 1, QUEUED_NOTE_SECONDS):
        enqueue_make_renditions(image.pk)


def _srcset(candidates: list[_Candidate]) -> str:
    seen: set[int] = set()
    parts = []
    for c in sorted(candidates, key=lambda c: c.width):
        if c.width in seen:  # a small original gives several renditions one size
            continue
        seen.add(c.width)
        parts.append(f"{c.url} {c.width}w")
    return ", ".join(parts)


def _img_attrs(attrs: dict[str, object]) -> SafeString:
    return format_html_join(
        "",
        ' {}="{}"',
        ((k, v) for k, v in attrs.items() if v is not None and v is not False),
    )


def picture_html(
    image,
    set_name: str,
    *,
    alt: str | None = None,
    sizes: str | None = None,
    css_class: str | None = None,
    loading: str | None = None,
) -> SafeString:
    """`<picture>` with AVIF and WebP sources and a JPEG `<img>`, from renditions
    that already exist (one query at most; none if renditions were prefetched).
    """
    if not image:
        return SafeString("")
    specs = specs_for_set(set_name)
    found = _existing_by_spec(image, specs)
    if alt is None:
        alt = image.default_alt_text

    by_format: dict[str, list[_Candidate]] = {fmt: [] for fmt in FORMATS}
    complete = len(found) == len(specs)
    for fmt in FORMATS:
        for size in RENDITION_SETS[set_name]:
            hit = found.get(spec_for(size, fmt))
            if hit is None:
                continue
            rendition, exact = hit
            complete = complete and exact
            by_format[fmt].append(
                _Candidate(rendition.url, rendition.width, rendition.height)
            )
    if not complete:
        queue_renditions_once(image)

    fallback = by_format[FALLBACK_FORMAT]
    if fallback:
        first = min(fallback, key=lambda c: c.width)
        img = {
            "src": first.url,
            "srcset": _srcset(fallback),
            "sizes": sizes if len(fallback) > 1 else None,
            "width": first.width,
            "height": first.height,
        }
    else:
        # Nothing made yet: the original, so the page still shows a picture.
        img = {
            "src": image.file.url,
            "width": image.width,
            "height": image.height,
        }
    img.update({"alt": alt, "class": css_class or None, "loading": loading or None})
    img_tag = format_html("<img{}>", _img_attrs(img))

    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}"{}>',
        (
            (
                MIME_TYPES[fmt],
                _srcset(by_format[fmt]),
                format_html(' sizes="{}"', sizes) if sizes else "",
            )
            for fmt in FORMATS
            if fmt != FALLBACK_FORMAT and by_format[fmt]
        ),
    )
    if not sources:
        return img_tag
    return format_html("<picture>{}{}</picture>", sources, img_tag)


def best_url(image, set_name: str = "article", target_width: int = 800) -> str:
    """One URL (for a `<video poster>`): the existing JPEG rendition of the set
    nearest `target_width`, or the original file. Never makes a rendition."""
    if not image:
        return ""
    specs = [spec_for(size, FALLBACK_FORMAT) for size in RENDITION_SETS[set_name]]
    found = _existing_by_spec(image, specs)
    if len(found) < len(specs) or not all(exact for _, exact in found.values()):
        queue_renditions_once(image)
    if not found:
        return image.file.url
    rendition, _ = min(found.values(), key=lambda hit: abs(hit[0].width - target_width))
    return rendition.url


def rendition_prefetch(*set_names: str, lookup: str = "renditions"):
    """A `Prefetch` for listings: every teaser's renditions in one query.

    e.g. `queryset.prefetch_related(rendition_prefetch("teaser", "lead",
    lookup="main_image__renditions"))`.
    """
    specs = [s for name in set_names for s in specs_for_set(name)]
    return Prefetch(
        lookup,
        queryset=NewsRendition.objects.filter(filter_spec__in=specs),
        to_attr="prefetched_renditions",
    )
