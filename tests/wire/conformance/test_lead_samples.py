"""Drafts from the shared agency samples (read in place, never copied) never
print the lead twice."""

from __future__ import annotations

import pytest

from masthead.wire.lead import html_text, normalise, split_lead
from masthead.wire.parsers import parse
from masthead.wire.parsers.story import html_to_paragraphs

from .samples import EXPECTED_AGENCY_REFUSALS, shared_samples


@pytest.fixture(scope="module")
def samples():
    return shared_samples()


def _agency_files(samples):
    return sorted(
        p
        for p in (samples / "agency-samples").iterdir()
        if p.is_file() and not p.name.startswith("LICENSE")
    )


def test_drafts_from_agency_samples_never_repeat_the_lead(samples):
    """Real copy: dpa's 7901 sends no lead (the opening paragraph becomes it), PA
    sends its first paragraph again as the lead; neither may be printed twice,
    and no paragraph the agency sent may be lost."""

    seen = set()
    for path in _agency_files(samples):
        if path.name in EXPECTED_AGENCY_REFUSALS:
            continue
        for s in parse(path.read_bytes()):
            lead, body = split_lead(s.lead, s.body_html, s.byline)
            paragraphs = [normalise(p) for p in html_to_paragraphs(body)]
            if lead and paragraphs:
                assert normalise(lead) != paragraphs[0], path.name
            kept = normalise(" ".join([lead, *html_to_paragraphs(body)]))
            for sent in html_to_paragraphs(s.body_html):
                assert normalise(sent) in kept, (path.name, sent)
            if lead != s.lead or body != s.body_html:
                seen.add(path.name)
    assert {"IPTC7901.txt", "pa1.xml", "afp.xml"} <= seen
    dpa = parse((samples / "agency-samples" / "IPTC7901.txt").read_bytes())[0]
    lead, body = split_lead(dpa.lead, dpa.body_html, dpa.byline)
    assert not dpa.lead and lead.startswith("Berlin (dpa) - ")
    assert normalise(lead) not in normalise(html_text(body))
