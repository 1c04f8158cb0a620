"""`masthead wire-report`: vet a folder of agency files without storing anything.

These tests carry no database mark: pytest-django refuses any query from them,
so a passing run also shows the report never touches the database.
"""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from masthead.wire import report
from tests.wire.conformance.samples import shared_samples

NITF = (
    "<nitf><head><docdata><doc-id id-string='r1'/>"
    "<date.issue norm='20240101T100000Z'/></docdata></head>"
    "<body><body.head><hedline><hl1>{head}</hl1></hedline></body.head>"
    "<body.content><p>First.</p><p>Second.</p></body.content></body></nitf>"
)


def ninjs(**fields) -> bytes:
    return json.dumps({"copyrightholder": "Associated Press", **fields}).encode()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Three AP ninjs stories (one UTF-16 with a BOM, one in a subfolder),
    a NITF story, two refused files, and hidden files that are skipped."""
    sub = tmp_path / "ap" / "later"
    sub.mkdir(parents=True)
    (tmp_path / "ap" / "one.json").write_bytes(
        ninjs(
            uri="urn:ap:1",
            headline="Storm hits coast",
            body_html="<p>Winds rose.</p>",
            byline="Jane Doe",
            located="MIAMI",
            versioncreated="2024-01-01T10:00:00Z",
            subject=[{"name": "Weather"}],
        )
    )
    (tmp_path / "ap" / "two.json").write_bytes(
        # A zone-less time and a login for a byline: neither counts as filled.
        ninjs(
            uri="urn:ap:2",
            headline="Markets rally",
            versioncreated="2024-01-01T10:00:00",
            byline="jdoe",
        )
    )
    (sub / "three.json").write_bytes(
        b"\xff\xfe"
        + ninjs(uri="urn:ap:3", headline="Vote counted", body_html="<p>Ja.</p>")
        .decode()
        .encode("utf-16-le")
    )
    (sub / "bad.json").write_bytes(
        json.dumps({"uri": "urn:ap:4", "pubstatus": "bogus"}).encode()
    )
    (tmp_path / "notes.txt").write_bytes(b"just some words from the desk")
    (tmp_path / "story.xml").write_bytes(NITF.format(head="Town hall reopens").encode())
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01binary")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_bytes(b"ref: refs/heads/main")
    return tmp_path


def run(*args: str) -> str:
    out = StringIO()
    call_command("wire_report", *args, stdout=out)
    return out.getvalue()


def test_json_counts_every_file_and_fills_per_format_and_provider(folder):
    data = json.loads(run(str(folder), "--json"))
    assert (data["files"], data["parsed"], data["refused"], data["errors"]) == (
        6,
        4,
        2,
        0,
    )
    assert {Path(r["file"]).name for r in data["results"]} == {
        "one.json",
        "two.json",
        "three.json",
        "bad.json",
        "notes.txt",
        "story.xml",
    }
    groups = {(g["format"], g["provider"]): g for g in data["groups"]}
    ap = groups[("ninjs", "AP")]
    assert (ap["files"], ap["parsed"], ap["refused"], ap["stories"]) == (3, 3, 0, 3)
    assert ap["filled_percent"] == {
        "headline": 100,
        "body": 67,
        "byline": 33,
        "dateline": 33,
        "times_with_zone": 33,
        "subjects": 33,
    }
    assert ap["warnings"]["versioncreated: '…' has no zone; treated as UTC"] == 1
    assert ap["warnings"]["byline 'jdoe' looks like a login or code; not used"] == 1
    refused = {
        Path(r["file"]).name: r for r in data["results"] if r["status"] == "refused"
    }
    assert refused["bad.json"]["reason"].startswith("ninjs: pubstatus 'bogus'")
    assert refused["notes.txt"]["reason"] == "unknown format"
    assert groups[("ninjs", "?")]["refusals"] == {
        "ninjs: pubstatus 'bogus' is not one of usable, withheld, canceled": 1
    }
    assert groups[("?", "?")]["refusals"] == {"unknown format": 1}
    nitf = [g for g in data["groups"] if g["format"] == "nitf"]
    assert len(nitf) == 1 and nitf[0]["filled_percent"]["body"] == 100


def test_table_is_fixed_width_and_readable(folder):
    text = run(str(folder))
    lines = text.splitlines()
    assert lines[0] == "6 files: 4 parsed, 2 refused, 0 parser errors"
    header = next(line for line in lines if line.startswith("FORMAT"))
    for column in (
        "PROVIDER",
        "FILES",
        "PARSED",
        "REFUSED",
        "HEADLINE",
        "BODY",
        "BYLINE",
        "DATELINE",
        "TIME+ZONE",
        "SUBJECTS",
    ):
        assert column in header
    rows = [line for line in lines if line.startswith(("ninjs", "nitf", "?", "TOTAL"))]
    assert len({len(r) for r in rows}) == 1, rows  # columns line up
    ap = next(r for r in rows if r.split()[:2] == ["ninjs", "AP"])
    assert ap.split()[2:] == [
        "3",
        "3",
        "0",
        "3",
        "100%",
        "67%",
        "33%",
        "33%",
        "33%",
        "33%",
    ]
    total = next(r for r in rows if r.startswith("TOTAL"))
    assert total.split()[1:4] == ["6", "4", "2"]
    assert "REFUSED (reason: files)" in lines
    assert (
        "       1  ninjs: pubstatus 'bogus' is not one of usable, withheld, canceled"
        in lines
    )
    assert "       1  unknown format" in lines


def test_single_files_and_several_paths(folder):
    data = json.loads(
        run(str(folder / "story.xml"), str(folder / "ap" / "later"), "--json")
    )
    assert [Path(r["file"]).name for r in data["results"]] == [
        "story.xml",
        "bad.json",
        "three.json",
    ]


def test_a_missing_path_is_an_error_not_an_empty_report(tmp_path):
    with pytest.raises(CommandError, match="No such file or folder"):
        run(str(tmp_path / "nowhere"))


def test_group_key_drops_particulars_but_keeps_names():
    assert report.group_key(
        "date: '2024-01-01T10:00' has no zone; read as Europe/Oslo"
    ) == ("date: '…' has no zone; read as Europe/Oslo")
    assert report.group_key("ninjs: 'uri' is required") == "ninjs: 'uri' is required"
    assert (
        report.group_key("encoding guessed as cp1252 (x)")
        == "encoding guessed as cp1252 (x)"
    )
    assert report.group_key("invalid JSON (Expecting value at line 3 column 7)") == (
        "invalid JSON (Expecting value at line # column #)"
    )


def test_every_shared_sample_is_parsed_or_refused_with_a_reason():
    folder = shared_samples()
    files = report.expand([folder])
    data = report.to_json(report.build([folder]))
    assert data["files"] == len(files) > 300
    assert data["errors"] == 0, [r for r in data["results"] if r["status"] == "error"]
    for result in data["results"]:
        assert result["status"] in ("parsed", "refused"), result
        if result["status"] == "refused":
            assert result["reason"].strip(), result
        else:
            assert result["stories"] >= 1, result
    agency = [
        r
        for r in data["results"]
        if "/agency-samples/" in r["file"] and "LICENSE" not in r["file"]
    ]
    assert len(agency) == 44
    assert sum(r["status"] == "parsed" for r in agency) >= 43
