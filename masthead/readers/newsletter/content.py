"""What a digest or an alert says, rendered once per mailing (or, for the
digest, once per set of sections) and then given each reader's own links.

Per-reader links are placeholders in the rendered parts, swapped for the
reader's signed links when the message is composed: 100,000 readers cost
100,000 string replacements, not 100,000 template renders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from masthead.core.clock import site_time
from masthead.core.public_urls import page_path
from masthead.newsroom.models import ArticlePage, SectionPage
from masthead.newsroom.roles import desks, home_page

from .mails import Sender, one_line
from .models import Mailing

UNSUBSCRIBE = "%%UNSUBSCRIBE_URL%%"
PREFERENCES = "%%PREFERENCES_URL%%"
# Looked at per section to find its best stories among the day's.
CANDIDATES_PER_SECTION = 40


@dataclass(frozen=True)
class Story:
    pk: int
    title: str
    url: str
    lead: str
    kicker: str
    credit: str
    time: str


@dataclass
class Block:
    title: str
    url: str
    section_id: int
    stories: list[Story] = field(default_factory=list)


@dataclass(frozen=True)
class Parts:
    subject: str
    text: str
    html: str

    def for_reader(self, unsubscribe_url: str, preferences_url: str) -> tuple[str, str]:
        text = self.text.replace(UNSUBSCRIBE, unsubscribe_url).replace(
            PREFERENCES, preferences_url
        )
        html = self.html.replace(UNSUBSCRIBE, unsubscribe_url).replace(
            PREFERENCES, preferences_url
        )
        return text, html


def newsletter_articles():
    """Published articles whose source allows the newsletter."""
    return ArticlePage.objects.published().exclude(source__allow_in_newsletter=False)


def story(article: ArticlePage, sender: Sender) -> Story:
    return Story(
        pk=article.pk,
        title=one_line(article.title, 300),
        url=sender.absolute(page_path(article) or "/"),
        lead=article.lead,
        kicker=article.kicker,
        credit=article.credit_source,
        time=site_time(article.published_at),
    )


def front_page_picks() -> set[int]:
    """The home page's top story and In Focus picks: the editors' own ranking."""
    home = home_page()
    if home is None:
        return set()
    home = home.specific
    picks = set()
    if getattr(home, "top_story_id", None):
        picks.add(home.top_story_id)
    if hasattr(home, "focus_picks"):
        picks.update(home.focus_picks.values_list("article_id", flat=True))
    return picks


def digest_blocks(start: datetime, end: datetime, sender: Sender) -> list[Block]:
    """Each desk's section with its candidate stories of the window: the
    front page's picks first, then the newest. Not yet deduplicated: which
    block shows an article depends on the sections a reader picked."""
    picks = front_page_picks()
    window = newsletter_articles().filter(
        first_published_at__gte=start, first_published_at__lt=end
    )
    blocks = []
    home = home_page()
    for desk in desks(home):
        section = desk.section(home)
        if section is None or not section.live:
            continue
        candidates = list(
            window.descendant_of(section)
            .select_related("source")
            .defer_streamfields()[:CANDIDATES_PER_SECTION]
        )
        candidates.sort(key=lambda a: a.pk not in picks)  # stable: newest next
        blocks.append(
            Block(
                title=section.title,
                url=sender.absolute(page_path(section) or "/"),
                section_id=section.pk,
                stories=[story(a, sender) for a in candidates],
            )
        )
    return blocks


def dedupe(blocks: list[Block], per_section: int) -> list[Block]:
    """At most `per_section` stories a block; an article shows once, in the
    first block (in the site's order) that has it; empty blocks dropped."""
    shown: set[int] = set()
    result = []
    for block in blocks:
        stories = [s for s in block.stories if s.pk not in shown][:per_section]
        shown.update(s.pk for s in stories)
        if stories:
            result.append(Block(block.title, block.url, block.section_id, stories))
    return result


class DigestContent:
    list_name = "digest"

    def __init__(self, mailing: Mailing, sender: Sender, per_section: int):
        self.mailing = mailing
        self.sender = sender
        self.per_section = per_section
        self._blocks: list[Block] | None = None
        self._parts: dict[frozenset[int], Parts | None] = {}

    @property
    def blocks(self) -> list[Block]:
        if self._blocks is None:
            # Every section's candidates, so picking blocks per reader below
            # needs no more queries.
            self._blocks = digest_blocks(
                self.mailing.window_start, self.mailing.window_end, self.sender
            )
        return self._blocks

    def parts(self, section_ids: frozenset[int]) -> Parts | None:
        """The digest for a reader of these sections (none: all of them), or
        None when nothing in them was published that day."""
        if section_ids not in self._parts:
            chosen = [
                b for b in self.blocks if not section_ids or b.section_id in section_ids
            ]
            chosen = dedupe(chosen, self.per_section)
            self._parts[section_ids] = self._render(chosen) if chosen else None
        return self._parts[section_ids]

    def _render(self, blocks: list[Block]) -> Parts:
        text, html = self.sender.render(
            "digest",
            self.sender.context(
                blocks=blocks,
                edition=self.mailing.edition,
                unsubscribe_url=UNSUBSCRIBE,
                preferences_url=PREFERENCES,
            ),
        )
        return Parts(self.mailing.subject, text, html)


class AlertContent:
    list_name = "alerts"

    def __init__(self, mailing: Mailing, sender: Sender):
        self.mailing = mailing
        self.sender = sender
        self._parts: Parts | None = None
        self._loaded = False

    def parts(self, section_ids: frozenset[int]) -> Parts | None:
        """The same alert for everyone; None once the article is no longer
        published (taken down while the alert was going out)."""
        if not self._loaded:
            self._loaded = True
            article = (
                newsletter_articles()
                .filter(pk=self.mailing.article_id)
                .select_related("source")
                .first()
            )
            if article is not None:
                text, html = self.sender.render(
                    "alert",
                    self.sender.context(
                        story=story(article, self.sender),
                        unsubscribe_url=UNSUBSCRIBE,
                        preferences_url=PREFERENCES,
                    ),
                )
                self._parts = Parts(self.mailing.subject, text, html)
        return self._parts


class EditionContent:
    """The day's PDF edition: the same short message for everyone, with a
    link to the file (never the file itself: a 1 MB attachment per reader
    would fill mailboxes and the queue). The link is the edition's stable
    address, which leads to its current build."""

    list_name = "edition"

    def __init__(self, mailing: Mailing, sender: Sender):
        self.mailing = mailing
        self.sender = sender
        self._parts: Parts | None = None

    def parts(self, section_ids: frozenset[int]) -> Parts | None:
        if self._parts is None:
            day = self.mailing.edition
            text, html = self.sender.render(
                "edition",
                self.sender.context(
                    day=day,
                    pdf_url=self.sender.absolute(f"/epaper/{day:%Y/%m/%d}/edition.pdf"),
                    page_url=self.sender.absolute(f"/epaper/{day:%Y/%m/%d}/"),
                    unsubscribe_url=UNSUBSCRIBE,
                    preferences_url=PREFERENCES,
                ),
            )
            self._parts = Parts(self.mailing.subject, text, html)
        return self._parts


def content_for(mailing: Mailing, sender: Sender, per_section: int = 5):
    if mailing.kind == Mailing.Kind.ALERT:
        return AlertContent(mailing, sender)
    if mailing.kind == Mailing.Kind.EDITION:
        return EditionContent(mailing, sender)
    return DigestContent(mailing, sender, per_section)


def live_sections() -> list[SectionPage]:
    """The sections a reader may pick for the digest, in the site's order."""
    home = home_page()
    found = [desk.section(home) for desk in desks(home)]
    return [s for s in found if s is not None and s.live]
