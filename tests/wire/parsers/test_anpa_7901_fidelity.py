"""ANPA-1312 and IPTC 7901 as the agency sent them (issue 11, "Wire fidelity").

Fixtures are ours (tests/wire/parsers/fixtures/anpa_*.tst, iptc7901_*.txt),
written from the two formats' framing: SYN SYN SOH header with US and the
DC1-DC4 format codes, STX, '^' top matter and tab paragraphs, ETX, trailer,
EOT (ANPA); SOH header, keyword line, STX, headline '=', text, ETX, EOT (7901).
The real agency samples are read in place from ../shared/wire-samples.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from masthead.wire.parsers import WireStory, parse
from masthead.wire.parsers.sanitize import clean_html
from tests.wire.conformance.samples import shared_samples

FIX = Path(__file__).parent / "fixtures"
INCOMPLETE = (
    "incomplete: the file ends before its end-of-text marker (ETX); "
    "the body may be cut short"
)


def one(name: str) -> WireStory:
    stories = parse((FIX / name).read_bytes())
    assert len(stories) == 1
    return stories[0]


def real(name: str) -> WireStory:
    return parse((shared_samples() / "agency-samples" / name).read_bytes())[0]


# 1. Completeness ------------------------------------------------------------


@pytest.mark.parametrize(
    ("complete", "truncated", "fmt"),
    [
        ("anpa_ferry_complete.tst", "anpa_ferry_truncated.tst", "anpa1312"),
        ("iptc7901_keepers_complete.txt", "iptc7901_keepers_truncated.txt", "iptc7901"),
    ],
)
def test_a_file_cut_before_etx_is_kept_but_flagged_incomplete(complete, truncated, fmt):
    whole, cut = one(complete), one(truncated)
    assert whole.format == cut.format == fmt
    assert not whole.incomplete
    assert not any(w.startswith("incomplete") for w in whole.warnings)

    assert cut.incomplete and INCOMPLETE in cut.warnings
    # What did arrive is kept: headline and the paragraphs before the cut.
    assert cut.headline == whole.headline
    assert cut.body_paragraphs()[0] == whole.body_paragraphs()[0]
    assert len(cut.body_paragraphs()) < len(whole.body_paragraphs())
    # The flag survives the trip through WireItem.story.
    assert WireStory.from_json(cut.to_json()).incomplete


def test_a_file_with_its_text_whole_but_no_eot_is_not_flagged():
    """ETX ends the text; EOT only closes the transmission after the trailer.
    Without EOT the story is whole: a warning, not the incomplete flag."""
    data = (FIX / "anpa_ferry_complete.tst").read_bytes()
    s = parse(data[: data.rindex(b"\x04")])[0]
    assert not s.incomplete
    assert any("(EOT)" in w for w in s.warnings)
    assert s.body_paragraphs() == one("anpa_ferry_complete.tst").body_paragraphs()


def test_a_real_sample_cut_in_memory_is_flagged_and_the_whole_one_is_not():
    for name in ("anpa-1.tst", "ap_anpa-1.tst", "IPTC7901.txt", "dpa_two_line.txt"):
        data = (shared_samples() / "agency-samples" / name).read_bytes()
        assert not parse(data)[0].incomplete, name
        cut = parse(data[: data.index(b"\x03") - 40])[0]
        assert cut.incomplete and INCOMPLETE in cut.warnings, name


# 2. Headlines ---------------------------------------------------------------


def test_anpa_alert_takes_the_alert_text_as_headline_not_the_slug():
    s = one("anpa_alert.tst")
    assert s.headline == (
        "State regulators have ordered the Riverton dam drained after "
        "inspectors found cracks in its spillway"
    )
    assert "Alert" not in s.headline and "BULLETIN" not in s.body_html
    assert s.urgency == 2 and s.dateline == "RIVERTON, Ohio"
    assert not any("slug" in w for w in s.warnings)
    assert "headline derived from the body" not in s.warnings


def test_anpa_without_any_headline_derives_one_from_the_body():
    s = one("anpa_no_headline.tst")
    assert s.headline == (
        "Shares in the grocer Halvern Foods fell 9 percent on Thursday after it "
        "cut its profit forecast"
    )
    assert "headline derived from the body" in s.warnings
    assert s.body_paragraphs()[1] == "The company blamed higher energy costs."


def test_7901_without_a_headline_line_is_accepted_with_a_derived_headline():
    s = one("iptc7901_no_headline.txt")
    assert s.headline == (
        "Heavy snow closed the airport in Tromso for six hours on Thursday"
    )
    assert "headline derived from the body" in s.warnings
    assert s.dateline == "Tromso" and s.body_paragraphs() == [
        "Tromso (xyz) - Heavy snow closed the airport in Tromso for six hours on "
        "Thursday. Flights resumed in the evening.",
        "Ploughs cleared the runway twice.",
    ]


# 3. Body structure ----------------------------------------------------------


def test_anpa_subheads_standings_tables_and_agate_are_kept():
    s = one("anpa_standings.tst")
    html = s.body_html
    heads = re.findall(r"<h3>(.*?)</h3>", html)
    assert heads == [
        "NORTH DIVISION",
        "SOUTH DIVISION",
        "LEADING SCORERS",
        "Thursday's Games",
    ]
    # Backspace-led agate rows are a table: header row, one cell per column,
    # the DLE hard space inside a name read as a space.
    assert html.count("<table>") == 2 and html.count("<thead>") == 2
    assert '<th scope="col">Pts</th>' in html
    assert (
        "<tr><td>Bay Harbor</td> <td>30</td> <td>20</td> <td>8</td> <td>2</td> "
        "<td>42</td></tr>"
    ) in html
    # Lines indented deeper than the paragraphs keep their columns in <pre>.
    pre = re.search(r"<pre>(.*?)</pre>", html, re.S).group(1)
    assert pre.split("\n") == [
        "Player           Team        G   A  Pts",
        "R. Okafor        Bay Harbor 21  19   40",
        "T. Lindqvist     Cape Rowan 18  17   35",
    ]
    paras = s.body_paragraphs()
    assert "Bay Harbor 30 20 8 2 42" in paras
    assert paras[-2:] == ["Bay Harbor 4, Dunmore 2", "Fort Wren 3, Millbrook 1"]
    assert "END" not in paras and s.headline == "Coastal Hockey League Standings"


def test_anpa_editor_note_stays_its_own_paragraph_and_wrapped_lines_join():
    s = one("anpa_update_note.tst")
    assert s.body_paragraphs() == [
        "(Adds comments, detail)",
        "ANTWERP, Belgium (AP) \u2014 A 24-hour rail strike halted most trains in the "
        "north of the country on Thursday.",
        "Unions want a pay rise in line with prices. The rail operator said talks "
        "would resume on Monday.",
        "\u201cWe regret the disruption,\u201d a spokeswoman said.",
    ]
    assert s.dateline == "ANTWERP, Belgium" and s.byline == "ISABEL MORROW"
    assert "update" in s.signals


def test_7901_note_indented_paragraphs_table_and_fixed_width_block():
    s = one("iptc7901_layout.txt")
    assert s.body_paragraphs()[:4] == [
        "(Adds comments, detail)",
        "Cowes (xyz) - The cutter race around the island ended in a photo finish "
        "on Thursday.",
        "The judges needed twenty minutes to name the winner.",
        '"It was closer than close," the winning skipper said.',
    ]
    assert s.dateline == "Cowes"
    assert "<tr><td>Kestrel</td> <td>J. Moss</td> <td>4:12:07</td></tr>" in s.body_html
    pre = re.search(r"<pre>(.*?)</pre>", s.body_html, re.S).group(1)
    assert pre.split("\n")[1] == "Marlin                 81      77      94"


def test_real_ap_standings_keep_their_subheads_and_tables():
    s = real("ap_anpa-2.tst")
    heads = re.findall(r"<h3>(.*?)</h3>", s.body_html)
    assert heads.count("AMERICAN LEAGUE") == 2 and heads.count("East Division") == 2
    assert s.body_html.count("<table>") == 6
    assert "Tampa Bay 17 19 .472 6 3{ 5-5 W-1 10-11 7-8" in s.body_paragraphs()
    weather = real("anpa-3.tst")
    assert weather.body_html.count("<table>") == 1
    assert "<pre>x - Indicates missing information.\nclr - clear" in weather.body_html
    assert "<h3>TIP-INS</h3>" in real("ap_anpa-1.tst").body_html


# The sanitiser keeps what the parsers build -----------------------------------


@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in FIX.glob("anpa_*.tst"))
    + sorted(p.name for p in FIX.glob("iptc7901_*.txt")),
)
def test_bodies_pass_the_sanitiser_unchanged(name):
    s = one(name)
    assert clean_html(s.body_html) == s.body_html
    assert s.headline and s.body_paragraphs()


# Bylines ----------------------------------------------------------------------


def _with_byline(line: str) -> bytes:
    """The keepers fixture with a byline line under its headline."""
    data = (FIX / "iptc7901_keepers_complete.txt").read_bytes()
    return data.replace(b"strike =\r\n", b"strike =\r\n" + line.encode() + b" =\r\n", 1)


def test_7901_byline_keeps_the_writers_outlet_after_the_comma():
    story = parse(_with_byline("By Ann Quarry, Orkney Herald"))[0]
    assert story.byline == "Ann Quarry, Orkney Herald"
    assert story.headline == "Lighthouse keepers vote to strike"


def test_7901_byline_that_is_a_login_is_not_printed():
    story = parse(_with_byline("By aqu7"))[0]
    assert story.byline == ""
    assert any("login" in w for w in story.warnings)


def test_7901_provider_is_the_originator_not_the_category_letter():
    story = one("iptc7901_keepers_complete.txt")
    assert story.provider == "xyz"
    # No originator word before the serial: the source identifier's letters.
    data = (FIX / "iptc7901_keepers_complete.txt").read_bytes()
    bare = parse(data.replace(b"ccccb   xyz 101", b"ccccb", 1))[0]
    assert bare.provider == "xyz"
    assert parse(data.replace(b"xyz 101", b"dpa 101", 1))[0].provider == "dpa"


def test_anpa_quotes_and_dashes_reach_the_reader_as_characters():
    s = one("anpa_ferry_complete.tst")
    text = " ".join(s.body_paragraphs())
    assert "\u201cWe have missed the boat, literally,\u201d said" in text
    assert "``" not in text and "''" not in text and " _ " not in text
    # The dateline is still read from the sent text.
    assert s.dateline.startswith("PORT ELLIS")
