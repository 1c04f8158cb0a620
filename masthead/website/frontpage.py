"""What the home page shows, in as few queries as the layout allows."""

from masthead.newsroom.models import ArticlePage, SectionPage
from masthead.newsroom.tree import children

LATEST_PER_SECTION = 4
FOCUS_PICKS = 4


def front_page_context(home) -> dict:
    published = ArticlePage.objects.published()
    top = None
    if home.top_story_id:
        top = published.for_listing().filter(pk=home.top_story_id).first()
    if top is None:
        top = published.for_listing().first()

    # The editors' picks in their order, through published() (an embargoed or
    # unpublished pick stays off the page) and for_listing() (every pick's
    # picture and renditions in the list's own queries).
    pick_ids = list(home.focus_picks.values_list("article_id", flat=True))
    picked = published.for_listing().in_bulk(pick_ids) if pick_ids else {}
    picks = [picked[pk] for pk in pick_ids if pk in picked]
    shown = {top.pk} if top else set()
    sections = list(children(SectionPage, home).live().in_menu())
    focus_section = next((s for s in sections if s.slug == "in-focus"), None)
    if len(picks) < FOCUS_PICKS and focus_section is not None:
        picks += list(
            published.descendant_of(focus_section)
            .for_listing()
            .exclude(pk__in=shown | {p.pk for p in picks})[: FOCUS_PICKS - len(picks)]
        )
    shown |= {p.pk for p in picks}

    blocks = []
    for section in sections:
        if section is focus_section:
            continue
        articles = list(
            published.descendant_of(section)
            .for_listing()
            .exclude(pk__in=shown)[:LATEST_PER_SECTION]
        )
        if articles:
            blocks.append({"section": section, "articles": articles})
    return {
        "top_story": top,
        "focus_picks": picks[:FOCUS_PICKS],
        "section_blocks": blocks,
    }
