"""A draft made from wire copy never repeats its lead as the body's first paragraph."""

import json

import pytest

from masthead.newsroom.models import ArticlePage
from masthead.wire.lead import MAX_DERIVED_LEAD, normalise, split_lead
from masthead.wire.promote import create_draft
from masthead.wire.services import ingest_bytes

OPENING = (
    "Ferry crews on the Huangpu River will start a night timetable on Monday, "
    "the port authority's director said, after a year of complaints from late-shift workers."
)
SECOND = "Boats will leave every forty minutes between midnight and five."
THIRD = "Fares stay at two yuan, and monthly passes remain valid."


def body(*paragraphs: str) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


# --- split_lead: the rules, on copy of our own writing ----------------------


def test_no_lead_takes_the_opening_paragraph_out_of_the_body():
    lead, rest = split_lead("", body(OPENING, SECOND, THIRD))
    assert lead == OPENING
    assert rest == body(SECOND, THIRD)


def test_an_agency_lead_equal_to_the_opening_paragraph_is_not_repeated():
    lead, rest = split_lead(OPENING, body(OPENING, SECOND))
    assert (lead, rest) == (OPENING, body(SECOND))


@pytest.mark.parametrize(
    "sent_lead, sent_opening",
    [
        # Whitespace and line breaks inside the paragraph.
        (OPENING, OPENING.replace(" the port", "\n   the port")),
        # Markup in the paragraph, none in the lead.
        (OPENING, OPENING.replace("Huangpu River", "<strong>Huangpu River</strong>")),
        # Entities, once and twice escaped.
        (OPENING, OPENING.replace(",", "&#44;", 1)),
        (OPENING.replace("'", "’"), OPENING.replace(",", "&amp;#44;", 1)),
        # Typographic dashes and quotes, case, a missing closing full stop.
        ("Crews \u2014 “tired” \u2014 asked.", 'crews - "tired" - asked'),
    ],
)
def test_the_comparison_ignores_what_readers_cannot_see(sent_lead, sent_opening):
    lead, rest = split_lead(sent_lead, body(sent_opening, SECOND))
    assert lead == sent_lead
    assert rest == body(SECOND)


@pytest.mark.parametrize("ellipsis", ["…", "...", " ...", " […]"])
def test_a_lead_cut_from_the_opening_paragraph_becomes_the_whole_paragraph(ellipsis):
    truncated = OPENING[:70].rstrip() + ellipsis
    lead, rest = split_lead(truncated, body(OPENING, SECOND))
    assert lead == OPENING  # nothing the agency sent is lost
    assert rest == body(SECOND)


def test_a_lead_of_the_agencys_own_writing_is_kept_with_the_whole_body():
    own = "Night ferries return to the Huangpu after a year's pause."
    sent = body(OPENING, SECOND)
    assert split_lead(own, sent) == (own, sent)
    # The same start without an ellipsis is a different sentence, not a cut.
    assert split_lead(OPENING[:70], sent) == (OPENING[:70], sent)


def test_only_the_repeated_line_of_a_paragraph_goes():
    sent = f"<p>{OPENING}<br>{SECOND}</p><p>{THIRD}</p>"
    lead, rest = split_lead(OPENING, sent)
    assert lead == OPENING
    assert rest == f"<p>{SECOND}</p><p>{THIRD}</p>"


def test_a_byline_line_or_an_editors_note_is_never_the_lead():
    sent = "<p>By Ada Lin</p><p>(Adds quote from the port authority)</p>" + body(
        OPENING, SECOND
    )
    lead, rest = split_lead("", sent, byline="Ada Lin")
    assert lead == OPENING
    assert rest == (
        "<p>By Ada Lin</p><p>(Adds quote from the port authority)</p>" + body(SECOND)
    )


@pytest.mark.parametrize(
    "sent",
    [
        body(OPENING),  # a one-paragraph flash keeps its text in the body
        "<h2>Timetable</h2>" + body(OPENING, SECOND),  # opens with a heading
        body(" ".join([OPENING] * 5), SECOND),  # a whole story in one block
    ],
)
def test_no_lead_is_made_up_where_no_standfirst_is_sent(sent):
    assert len(" ".join([OPENING] * 5)) > MAX_DERIVED_LEAD
    assert split_lead("", sent) == ("", sent)


def test_normalise_drops_markup_entities_space_case_and_closing_stop():
    assert normalise("<em>Ferry</em>&nbsp;crews\n  SAIL.") == "ferry crews sail"


# --- create_draft: the draft the desk opens ----------------------------------


def ninjs(**fields) -> bytes:
    item = {
        "uri": "urn:masthead-test:ferries",
        "type": "text",
        "version": "1",
        "headline": "Night ferries return to the Huangpu",
        "firstcreated": "2025-05-16T15:00:00Z",
        "versioncreated": "2025-05-16T15:35:00Z",
        "copyrightholder": "Xinhua",
        **fields,
    }
    return json.dumps(item).encode()


def draft_of(data: bytes, section) -> ArticlePage:
    item = ingest_bytes(data).items[0]
    return ArticlePage.objects.get(pk=create_draft(item, section("world")).pk)


def body_text(article: ArticlePage) -> list[str]:
    html = "".join(str(block.value) for block in article.body)
    return [normalise(p) for p in html.replace("</p>", "</p>\n").splitlines() if p]


@pytest.mark.integration
def test_a_draft_without_an_agency_lead_does_not_repeat_its_opening(db, section):
    article = draft_of(ninjs(body_html=body(OPENING, SECOND, THIRD)), section)
    assert article.lead == OPENING
    assert body_text(article) == [normalise(SECOND), normalise(THIRD)]


@pytest.mark.integration
def test_a_draft_whose_lead_repeats_the_opening_with_entities_drops_it(db, section):
    sent_opening = OPENING.replace("'", "&#39;").replace(" the port", "\n the port")
    article = draft_of(
        ninjs(
            description_text=OPENING[:80] + "…",
            body_html=body(sent_opening, SECOND),
        ),
        section,
    )
    assert normalise(article.lead) == normalise(OPENING)
    assert body_text(article) == [normalise(SECOND)]
