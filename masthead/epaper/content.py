"""What goes in a day's edition: the day's published stories, arranged.

The day is the site's day (SiteSettings.time_zone), as in the archive. Only
`ArticlePage.objects.published()` is read, so embargoed, scheduled, unpublished
and taken-down stories never reach the paper; the body printed is the live
version's (the page row), never a draft revision.
"""

import base64
import logging
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from html import unescape
from zoneinfo import ZoneInfo

from django.utils.html import escape, strip_tags
from wagtail.images.models import SourceImageIOError
from wagtail.models import Site

from masthead.core.models import SiteSettings
from masthead.core.timefmt import utc_offset_label
from masthead.newsroom.date_archive import period_bounds, site_range
from masthead.newsroom.models import ArticlePage, SectionPage
from masthead.website.models import HomePage

logger = logging.getLogger("masthead.epaper")

FOCUS_PICKS = 4
# Stories that open on the front page besides the top story.
FRONT_EXTRA = 3
# Headlines listed in the front page's rail under "Also today".
BRIEFS = 6
# Sections with fewer stories run on below the previous section.
RUN_ON_BELOW = 3
# Bodies shorter than this (HTML characters) are kept in one column.
SHORT_STORY = 1200
# Paragraphs of the top story printed on the front page.
OPENINGS = 3
TOP_IMAGE = "fill-1200x675|format-jpeg|jpegquality-70"
INSIDE_IMAGE = "width-640|format-jpeg|jpegquality-65"


@dataclass
class Story:
    article: ArticlePage
    section_title: str
    body_html: str
    openings: list[str]  # the first paragraphs, as plain text
    image: str = ""  # a data: URI, so the PDF needs no fetch from the web

    @property
    def first_paragraph(self) -> str:
        return self.openings[0] if self.openings else ""

    @property
    def short(self) -> bool:
        """Short enough to keep in one column rather than split."""
        return len(self.body_html) < SHORT_STORY

    @property
    def direction(self) -> str:
        return text_direction(self.article.title)

    @property
    def anchor(self) -> str:
        return f"story-{self.article.pk}"


@dataclass
class EditionContent:
    day: date
    site_settings: SiteSettings
    top: Story | None = None
    front: list[Story] = field(default_factory=list)
    picks: list[Story] = field(default_factory=list)
    briefs: list[Story] = field(default_factory=list)
    sections: list[tuple[str, list[Story]]] = field(default_factory=list)

    @property
    def zone_label(self) -> str:
        """The site's zone as the site writes it (`UTC+8`, `UTC+5:30`), at
        noon of the edition's day, so a summer-time day says its own offset."""
        zone = ZoneInfo(self.site_settings.time_zone)
        noon = datetime.combine(self.day, time(12), tzinfo=zone)
        return utc_offset_label(noon.utcoffset() or timedelta(0))

    @property
    def stories(self) -> list[Story]:
        return [story for _, stories in self.sections for story in stories]

    @property
    def article_ids(self) -> list[int]:
        return [story.article.pk for story in self.stories]


def text_direction(text: str) -> str:
    """ "rtl" when the first letter with a strong direction is Arabic, Hebrew
    or the like: WeasyPrint does not guess it from dir="auto"."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def default_site() -> Site:
    return Site.objects.filter(is_default_site=True).first() or Site.objects.first()


def site_zone(site=None) -> ZoneInfo:
    site = site or default_site()
    return ZoneInfo(SiteSettings.for_site(site).time_zone)


def day_articles(day: date, zone: ZoneInfo):
    start, end = site_range(*period_bounds(day, "day"), zone)
    return (
        ArticlePage.objects.published()
        .filter(first_published_at__gte=start, first_published_at__lt=end)
        .select_related("source", "main_image", "desk_editor")
        .prefetch_related("corrections")
    )


def _image(article, spec: str) -> str:
    if article.main_image_id is None:
        return ""
    try:
        rendition = article.main_image.get_rendition(spec)
        with rendition.file.open("rb") as handle:
            data = handle.read()
    except (SourceImageIOError, OSError, ValueError):
        # A missing or unreadable original: the story prints without it.
        logger.warning("edition: no picture for article %s", article.pk)
        return ""
    return "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")


def _body(article) -> tuple[str, list[str]]:
    """The printable body (text blocks only: video and embeds cannot print)
    and its first few paragraphs as plain text."""
    parts, first = [], []
    for block in article.body:
        kind = block.block_type
        if kind == "paragraph":
            html = str(block.value)
            parts.append(html)
            # Plain text: entities decoded here, escaped once by the template.
            text = unescape(strip_tags(html)).strip()
            if len(first) < OPENINGS and text:
                first.append(text)
        elif kind == "quote":
            attribution = block.value.get("attribution") or ""
            parts.append(
                f"<blockquote><p>{escape(block.value['quote'])}</p>"
                + (f"<cite>{escape(attribution)}</cite>" if attribution else "")
                + "</blockquote>"
            )
        elif kind == "fact_box":
            parts.append(
                f'<aside class="factbox"><h4>{escape(block.value["title"])}</h4>'
                f"{block.value['text']}</aside>"
            )
    return "".join(parts), first or [article.lead]


def _story(article, section_title: str, spec: str = INSIDE_IMAGE) -> Story:
    body, first = _body(article)
    return Story(article, section_title, body, first, _image(article, spec))


def edition_content(day: date, site=None) -> EditionContent:
    site = site or default_site()
    settings = SiteSettings.for_site(site)
    zone = ZoneInfo(settings.time_zone)
    content = EditionContent(day=day, site_settings=settings)
    articles = list(day_articles(day, zone))
    if not articles:
        return content
    home = HomePage.objects.filter(pk=site.root_page_id).first()
    # Each story under the section it sits in (World, Business, ...), the
    # sections in the site's tree order; a story straight under home (no
    # section) goes last.
    step = ArticlePage.steplen
    parents = {
        s.path: s
        for s in SectionPage.objects.filter(path__in={a.path[:-step] for a in articles})
    }
    stories, by_parent = {}, {}
    for article in articles:
        section = parents.get(article.path[:-step])
        title = section.title if section else "More news"
        stories[article.pk] = _story(article, title)
        key = section.path if section else "~"
        by_parent.setdefault(key, []).append(stories[article.pk])
    for key in sorted(by_parent):
        content.sections.append((by_parent[key][0].section_title, by_parent[key]))

    # Top story: the home page's choice if it ran that day, else the newest
    # story with a picture, else the newest.
    top_id = home.top_story_id if home and home.top_story_id in stories else None
    if top_id is None:
        top_id = next((a.pk for a in articles if a.main_image_id), articles[0].pk)
    top = stories[top_id]
    content.top = Story(
        top.article,
        top.section_title,
        top.body_html,
        top.openings,
        _image(top.article, TOP_IMAGE),
    )

    # In Focus: the home page's picks that ran that day, then that day's
    # stories of the In Focus section.
    pick_ids = (
        list(home.focus_picks.values_list("article_id", flat=True)) if home else []
    )
    focus = SectionPage.objects.filter(slug="in-focus").first()
    pick_ids += [a.pk for a in articles if focus and a.path.startswith(focus.path)]
    seen = {top_id}
    for pk in pick_ids:
        if pk in stories and pk not in seen and len(content.picks) < FOCUS_PICKS:
            content.picks.append(stories[pk])
            seen.add(pk)
    # Stories with a picture first (a stable sort keeps newest first within).
    rest = sorted(
        (a for a in articles if a.pk not in seen), key=lambda a: not a.main_image_id
    )
    content.front = [stories[a.pk] for a in rest[:FRONT_EXTRA]]
    content.briefs = [stories[a.pk] for a in rest[FRONT_EXTRA : FRONT_EXTRA + BRIEFS]]
    return content
