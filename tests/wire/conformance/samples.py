"""Locating the shared samples, and what we expect of them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]


def samples_folder() -> Path:
    """../shared/wire-samples next to the repo, or $MASTHEAD_SHARED/wire-samples,
    whether it exists or not."""
    base = Path(os.environ.get("MASTHEAD_SHARED", REPO_ROOT.parent / "shared"))
    return base / "wire-samples"


def shared_samples() -> Path:
    """The samples folder; skips the test without it (fails it under
    MASTHEAD_REQUIRE_SHARED=1, as in CI)."""
    folder = samples_folder()
    if not folder.is_dir():
        reason = f"shared wire samples not found at {folder} (set MASTHEAD_SHARED)"
        if os.environ.get("MASTHEAD_REQUIRE_SHARED") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return folder


def shared_seed() -> Path:
    return shared_samples().parent / "seed" / "shanghai-daily-pow-swap.txt"


# Agency samples refused on purpose, with the reason the parser must give.
# (stt_newsml_location_test.xml has an empty <headline/> and summary but a
# body: it is accepted with a headline derived from the body, and a warning.)
EXPECTED_AGENCY_REFUSALS: dict[str, str] = {}
# Parsed, but carry no body text on purpose (metadata-only or package items).
NO_BODY_OK = {
    "ap_media_text_item.json",  # AP Media API: text is only in a linked NITF rendition
    "tag_reuters.com_2014_newsml_KBN0FL0NM_version_10",  # packageItem, refs only
    "tag_reuters.com_2016_newsml_L1N14N0FF_version_1542761538",  # wordcount="0"
}
# 7901 trailers give day and time but no year, so no date is invented.
NO_DATE_OK = {"IPTC7901.txt", "IPTC7901_odd_charset.txt", "dpa_two_line.txt"}

# NewsML-G2 guideline listings: fragments (not whole items), and whole items
# that are not news stories or have nothing to use as a headline.
G2_FRAGMENTS = {"7", "8", "9", "25", "28"}
G2_EXPECTED_REFUSALS = {
    "10": "concept item",
    "11": "concept item",
    "14": "concept item",
    "12": "knowledge item",
    "15": "knowledge item",
    "13": "catalog item",
    "17": "planning item",
    "18": "planning item",
    "19": "planning item",
    "20": "planning item",
    "16": "no headline",  # a set of events in a newsItem: no headline/title/description
    "23": "no headline",  # SportsML package: headline lives in the groups only
    "24": "no guid",  # skeleton message ("....."), documented as not validating
    "29": "no headline",  # hop-history illustration: metadata only
}

# ninjs files under examples/ that are not (valid) ninjs items.
NINJS_EXPECTED_REFUSALS = {
    "examples/2.1/schema-extension/extension-schema.json": "'uri' is required",  # a JSON Schema
}
# ninjs files under examples/ that break the schema but can be published:
# used with a warning naming what is wrong (issue 11: refuse only what
# cannot be published). Refused under a channel's version hint.
NINJS_KEPT_WITH_WARNING = {
    "examples/2.1/schema-extension/extension-example.json": "unknown properties kept in the raw: foofoo",  # needs its extension schema
    "documentation/includes/examples/not-valid/008_extension.json": "unknown properties kept in the raw: embargoedreason",  # shipped as not valid
    "examples/3.0/collection/20231016-event-timeline-sample.json": "'events' must be an array",  # a collection document with a title
}
# should_fail cases that only fail under an older 1.x than the data declares
# nothing about; refused when the channel's version hint is given.
NINJS_NEEDS_VERSION_HINT = {
    "1.0/should_fail/014_type_component.json",
    "1.0/should_fail/016_infosource.json",
    "1.1/should_fail/001_type_component.json",
    "1.1/should_fail/002_infosource.json",
}
