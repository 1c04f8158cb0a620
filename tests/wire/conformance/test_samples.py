"""Conformance over the shared wire samples (read in place, never copied)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from masthead.wire.parsers import WireRefusal, detect_format, parse
from masthead.wire.parsers import ninjs as ninjs_parser

from .golden import GOLDEN
from .samples import (
    EXPECTED_AGENCY_REFUSALS,
    G2_EXPECTED_REFUSALS,
    G2_FRAGMENTS,
    NINJS_EXPECTED_REFUSALS,
    NINJS_KEPT_WITH_WARNING,
    NINJS_NEEDS_VERSION_HINT,
    NO_BODY_OK,
    NO_DATE_OK,
    shared_samples,
    shared_seed,
)


@pytest.fixture(scope="module")
def samples() -> Path:
    return shared_samples()


def _files(samples: Path, pattern: str) -> list[Path]:
    return sorted(p for p in samples.glob(pattern) if p.is_file())


def _agency_files(samples: Path) -> list[Path]:
    return [
        p
        for p in _files(samples, "agency-samples/*")
        if not p.name.startswith("LICENSE")
    ]


def test_agency_samples_parse_or_are_refused_as_expected(samples):
    files = _agency_files(samples)
    assert len(files) == 44
    for path in files:
        data = path.read_bytes()
        if path.name in EXPECTED_AGENCY_REFUSALS:
            with pytest.raises(WireRefusal, match=EXPECTED_AGENCY_REFUSALS[path.name]):
                parse(data)
            continue
        stories = parse(data)
        assert stories, path.name
        for s in stories:
            assert s.headline, path.name
            assert s.content_key and len(s.content_key) == 64
            if path.name not in NO_BODY_OK and s.kind == "text":
                assert s.body_paragraphs(), path.name
            for value in (s.first_created, s.version_created, s.embargo_until):
                assert value is None or value.utcoffset().total_seconds() == 0, (
                    path.name
                )
        if path.name not in NO_DATE_OK:
            assert stories[0].first_created is not None, path.name


@pytest.mark.parametrize("rel", sorted(GOLDEN))
def test_golden(samples, rel):
    expected = GOLDEN[rel]
    story = parse((samples / rel).read_bytes())[0]
    got = {
        "format": story.format,
        "provider": story.provider,
        "guid": story.guid,
        "version": story.version,
        "headline": story.headline,
        "first_created": story.first_created.isoformat()
        if story.first_created
        else None,
        "byline": story.byline,
    }
    assert got == {k: v for k, v in expected.items() if k != "body"}
    paras = story.body_paragraphs()
    assert (paras[0] if paras else "").startswith(expected["body"])


def test_at_least_twenty_goldens():
    assert len(GOLDEN) >= 20


def test_multi_item_and_versions(samples):
    ap = parse((samples / "agency-samples/ap.xml").read_bytes())
    assert len(ap) == 3 and len({s.guid for s in ap}) == 3
    a = parse(
        (
            samples
            / "agency-samples/tag_reuters.com_2016_newsml_L1N14N0FF_version_978556838"
        ).read_bytes()
    )[0]
    b = parse(
        (
            samples
            / "agency-samples/tag_reuters.com_2016_newsml_L1N14N0FF_version_1542761538"
        ).read_bytes()
    )[0]
    assert a.guid == b.guid and a.version != b.version and "correction" in a.signals


def test_agency_quirks(samples):
    ninjs = parse((samples / "agency-samples/ninjs_embargoed.json").read_bytes())[0]
    assert ninjs.embargo_until is not None
    assert not any("&nbsp;" in p for p in ninjs.body_paragraphs())
    mislabelled = parse((samples / "agency-samples/mapping_test.xml").read_bytes())[0]
    assert "København" in mislabelled.body_html
    odd = parse((samples / "agency-samples/IPTC7901_odd_charset.txt").read_bytes())[0]
    assert "Müller" in odd.body_html
    stt = parse((samples / "agency-samples/stt_newsml_test.xml").read_bytes())[0]
    assert "&amp;#39;" not in stt.body_html and "&#39;" not in stt.body_paragraphs()[1]
    fishing = parse((samples / "agency-samples/nitf-fishing.xml").read_bytes())[0]
    assert "DOCTYPE ignored (DTD not loaded)" in fishing.warnings


def test_ninjs_should_pass_and_should_fail(samples):
    cases = _files(samples, "newsinjson/validation/test_suite/*/should_*/*.json")
    assert len(cases) > 150
    for path in cases:
        version, expect = path.parts[-3], path.parts[-2]
        rel = f"{version}/{expect}/{path.name}"
        data = path.read_bytes()
        if expect == "should_pass":
            assert ninjs_parser.parse(data, version_hint=version), rel
            assert parse(data), rel
            continue
        with pytest.raises(WireRefusal) as exc:
            ninjs_parser.parse(data, version_hint=version)
        assert str(exc.value).strip(), rel
        if rel in NINJS_NEEDS_VERSION_HINT:
            continue
        # Without a version hint the desk refuses only what cannot be
        # published; anything else breaking the schema is used with a warning.
        try:
            stories = parse(data)
        except WireRefusal:
            continue
        assert any(
            "unknown properties kept in the raw" in w or "is not strict ninjs" in w
            for s in stories
            for w in s.warnings
        ), rel


def test_ninjs_examples(samples):
    paths = _files(samples, "newsinjson/examples/**/*.json")
    paths += _files(samples, "newsinjson/documentation/includes/examples/**/*.json")
    root = samples / "newsinjson"
    assert len(paths) > 50
    for path in paths:
        rel = path.relative_to(root).as_posix()
        if rel in NINJS_EXPECTED_REFUSALS:
            with pytest.raises(
                WireRefusal, match=re.escape(NINJS_EXPECTED_REFUSALS[rel])
            ):
                parse(path.read_bytes())
            continue
        stories = parse(path.read_bytes())
        assert stories and stories[0].format == "ninjs", rel
        assert stories[0].guid, rel
        if rel in NINJS_KEPT_WITH_WARNING:
            assert any(
                NINJS_KEPT_WITH_WARNING[rel] in w for w in stories[0].warnings
            ), rel
            version = re.match(r"examples/(\d\.\d)/", rel)
            if version:  # the version the example is filed under refuses it
                with pytest.raises(WireRefusal):
                    ninjs_parser.parse(path.read_bytes(), version_hint=version[1])


def test_ninjs_schemas_agree_with_parser_where_available(samples):
    """Cross-check against IPTC's own schemas (read in place, test-only)."""
    jsonschema = pytest.importorskip("jsonschema")
    referencing = pytest.importorskip("referencing")
    suite = samples / "newsinjson/validation/test_suite"
    geo = json.loads((suite / "GeoJSON-schema.json").read_text())
    registry = referencing.Registry().with_resource(
        "https://geojson.org/schema/GeoJSON.json",
        referencing.Resource.from_contents(geo),
    )
    for version in ("1.6", "2.2", "3.1"):
        schema = json.loads(
            (
                samples / f"newsinjson/specification/ninjs-schema_{version}.json"
            ).read_text()
        )
        validator = jsonschema.validators.validator_for(schema)(
            schema, registry=registry
        )
        for path in _files(suite, f"{version}/should_*/*.json"):
            try:
                doc = json.loads(path.read_text())
            except ValueError:
                continue
            schema_ok = validator.is_valid(doc)
            try:
                ninjs_parser.parse(path.read_bytes(), version_hint=version)
                ours = True
            except WireRefusal:
                ours = False
            assert ours == schema_ok, path


def test_newsml_g2_guideline_examples(samples):
    listings = _files(samples, "newsml-g2/examples/LISTING_*.xml")
    assert len(listings) >= 29
    for path in listings:
        number = re.match(r"LISTING_(\d+)", path.name).group(1)
        data = path.read_bytes()
        if number in G2_FRAGMENTS:
            with pytest.raises(WireRefusal):
                parse(data)
            continue
        if number in G2_EXPECTED_REFUSALS:
            with pytest.raises(WireRefusal, match=G2_EXPECTED_REFUSALS[number]):
                parse(data)
            continue
        assert detect_format(data) == "newsml-g2"
        story = parse(data)[0]
        assert story.guid and story.version and story.headline, path.name
        assert story.first_created and story.version_created, path.name


def test_seed_page_exact(samples):
    seed = shared_seed()
    stories = parse(seed.read_bytes())
    assert len(stories) == 1
    s = stories[0]
    assert s.format == "page-text"
    assert (
        s.headline
        == "Russia, Ukraine agree on large-scale POW swap, further talks in Istanbul"
    )
    assert s.lead == (
        "Delegations of Russia and Ukraine concluded their meeting in Turkey's Istanbul on "
        "Friday, agreeing to hold a new round of negotiations and have a large-scale "
        "prisoner exchange."
    )
    paras = s.body_paragraphs()
    assert len(paras) == 9
    assert paras[0].startswith("As a key outcome of the two-hour talks")
    assert paras[-1].endswith("failed to agree to halt the fighting.")
    assert s.lead not in paras
    assert (s.provider, s.source, s.editor, s.section_hint) == (
        "Xinhua",
        "Xinhua",
        "Zhao Yinuo",
        "News / World",
    )
    assert s.first_created == datetime(2025, 5, 16, 15, 35, tzinfo=UTC)
    chrome = (
        "Special Reports",
        "Subscribe",
        "Copyright",
        "Baoshan",
        "Privacy",
        "Editor:",
        "ICP",
    )
    for field in (s.headline, s.lead, s.body_html, s.byline, s.dateline, s.source):
        assert not any(c in field for c in chrome), field
