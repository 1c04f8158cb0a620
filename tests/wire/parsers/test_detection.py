"""Format detection sniffs bytes, never names."""

from __future__ import annotations

import pytest

from masthead.wire.parsers import PARSERS, WireRefusal, detect_format

CASES = {
    "ninjs": b'  {"uri": "urn:x", "headline": "h"}',
    "newsml-g2": b'<?xml version="1.0"?><!-- c --><newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"/>',
    "nitf": b"<nitf><head/></nitf>",
    "newsml-1.2": b'<?xml version="1.0"?><NewsML Version="1.2"/>',
    "rss": b'<rss version="2.0"><channel/></rss>',
    "atom": b'<feed xmlns="http://www.w3.org/2005/Atom"/>',
    "html": b"<!DOCTYPE html><html><body><p>x</p></body></html>",
    "iptc7901": b"\x01abc001 4 i 100 ccccb dpa 001\r\nKey/\r\n\x02Head =\r\n\r\nText.\r\n\x03",
    "anpa1312": b"\x16\x16\x01A0001\x1fxx\nr a\x13\x11 BC-X 01-01 0100\n\x02^Head<\n\tText<\n\x03",
    "page-text": b"News / World\n\nHeadline\n\nXinhua\n 10:00 UTC+8, 2025-01-02 \nLead.\n",
}


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_detect_format(fmt):
    assert detect_format(CASES[fmt]) == fmt


def test_bare_newsitem_is_g2():
    assert detect_format(b'<newsItem guid="g" version="1"/>') == "newsml-g2"


@pytest.mark.parametrize(
    "data", [b"", b"just some words", b"<unknown/>", b"Time 10:00 without zone"]
)
def test_unknown_format_refused(data):
    with pytest.raises(WireRefusal, match="unknown format"):
        detect_format(data)


def test_page_text_does_not_steal_control_framed_text():
    data = b"\x01x\x02Head =\n\n10:00 UTC+8, 2025-01-02\nText\x03"
    assert detect_format(data) == "iptc7901"


def test_registry_lists_every_format():
    assert {p.name for p in PARSERS} >= {
        "ninjs",
        "newsml-g2",
        "nitf",
        "feed",
        "page-text",
    }
