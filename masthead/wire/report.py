"""What the parsers make of a folder of agency files, before a feed is switched on.

`build(paths)` parses every file in memory (``masthead.wire.parsers.parse``;
nothing is stored, no database) and tallies, per format and provider: files
parsed and refused (reasons grouped), warnings (grouped), and how often each
field a reader sees is filled. `render_table` prints it for a wire editor,
`to_json` for machines. Used by ``masthead wire-report``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from masthead.wire.parsers import WireRefusal, WireStory, detect_format, parse

# The fields a wire editor checks, in table order: name -> (heading, test).
FIELDS = {
    "headline": "HEADLINE",
    "body": "BODY",
    "byline": "BYLINE",
    "dateline": "DATELINE",
    "times_with_zone": "TIME+ZONE",
    "subjects": "SUBJECTS",
}
UNKNOWN = "?"
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_POSITION = re.compile(r"\b(line|column|byte|offset|at) \d+")
_ID_LIKE = re.compile(r"[^\s'\"]*\d[^\s'\"]*")
# A format with more providers than this gets its one-file providers pooled
# in the table (ninjs test suites name every file's uri as its provider).
MAX_PROVIDER_ROWS = 10
_NO_ZONE = "has no zone"


def filled(story: WireStory) -> dict[str, bool]:
    """Which of FIELDS the story carries. A time counts only if the file gave
    its zone (a zone-less time is read in a guessed zone, with a warning)."""
    timed = story.first_created is not None or story.version_created is not None
    return {
        "headline": bool(story.headline.strip()),
        "body": bool(story.body_paragraphs()),
        "byline": bool(story.byline.strip()),
        "dateline": bool(story.dateline.strip()),
        "times_with_zone": timed and not any(_NO_ZONE in w for w in story.warnings),
        "subjects": bool(story.subjects),
    }


def group_key(message: str) -> str:
    """A warning or reason without its particulars, so alike ones count together:
    "date: '2024-01-01T10:00' has no zone" -> "date: '…' has no zone". Short
    quoted names ('uri') and format names (NewsML-G2, cp1252) are kept."""
    message = _QUOTED.sub(
        lambda m: (
            m[0] if len(m[0]) <= 24 and not any(c.isdigit() for c in m[0]) else "'…'"
        ),
        message,
    )
    message = _POSITION.sub(r"\1 #", message)
    message = _ID_LIKE.sub(lambda m: "…" if len(m[0]) >= 12 else m[0], message)
    return message.strip()


@dataclass
class Group:
    format: str
    provider: str
    files: int = 0
    parsed: int = 0
    refused: int = 0
    stories: int = 0
    fields: Counter = field(default_factory=Counter)
    refusals: Counter = field(default_factory=Counter)
    warnings: Counter = field(default_factory=Counter)

    def percent(self, name: str) -> int | None:
        if not self.stories:
            return None
        return round(100 * self.fields[name] / self.stories)


@dataclass
class FileResult:
    path: str
    status: str  # "parsed", "refused" or "error" (a parser bug, not the file's fault)
    format: str
    stories: int = 0
    reason: str = ""


@dataclass
class Report:
    groups: dict[tuple[str, str], Group] = field(default_factory=dict)
    files: list[FileResult] = field(default_factory=list)

    def group(self, fmt: str, provider: str) -> Group:
        key = (fmt, provider or UNKNOWN)
        if key not in self.groups:
            self.groups[key] = Group(*key)
        return self.groups[key]

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and every file under folders named (recursive, sorted;
    hidden files and folders skipped). Raises FileNotFoundError for a name
    that is neither."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"No such file or folder: {name}")
    return files


def _format_of(data: bytes) -> str:
    try:
        return detect_format(data)
    except WireRefusal:
        return UNKNOWN


def add_file(report: Report, path: Path) -> FileResult:
    data = path.read_bytes()
    try:
        stories = parse(data)
    except WireRefusal as exc:
        result = FileResult(str(path), "refused", _format_of(data), reason=exc.reason)
    except Exception as exc:  # noqa: BLE001
        # A parser bug must not stop the report on the files after it; it is
        # shown as an error (not a refusal), so it cannot pass unnoticed.
        reason = f"parser error: {type(exc).__name__}: {exc}"
        result = FileResult(str(path), "error", _format_of(data), reason=reason)
    else:
        if not stories:
            result = FileResult(
                str(path), "refused", _format_of(data), reason="no stories"
            )
        else:
            result = FileResult(
                str(path), "parsed", stories[0].format, stories=len(stories)
            )
            seen: set[tuple[str, str]] = set()
            for story in stories:
                group = report.group(story.format, story.provider)
                if (group.format, group.provider) not in seen:
                    seen.add((group.format, group.provider))
                    group.files += 1
                    group.parsed += 1
                group.stories += 1
                for name, ok in filled(story).items():
                    group.fields[name] += ok
                for warning in dict.fromkeys(story.warnings):
                    group.warnings[group_key(warning)] += 1
    if result.status != "parsed":
        group = report.group(result.format, UNKNOWN)
        group.files += 1
        group.refused += 1
        group.refusals[group_key(result.reason)] += 1
    report.files.append(result)
    return result


def build(paths: Iterable[str | Path]) -> Report:
    report = Report()
    for path in expand(paths):
        add_file(report, path)
    return report


def _pct(value: int | None) -> str:
    return "-" if value is None else f"{value}%"


def _pooled(groups: list[Group]) -> list[Group]:
    """Rows for the table, biggest provider first within a format; past
    MAX_PROVIDER_ROWS rows a format's smallest providers share one row."""
    out: list[Group] = []
    for fmt in sorted(dict.fromkeys(g.format for g in groups)):
        rows = sorted(
            (g for g in groups if g.format == fmt),
            key=lambda g: (g.provider == UNKNOWN, -g.files, g.provider),
        )
        if len(rows) <= MAX_PROVIDER_ROWS:
            out += rows
            continue
        unknown = [g for g in rows if g.provider == UNKNOWN]
        known = [g for g in rows if g.provider != UNKNOWN]
        keep = MAX_PROVIDER_ROWS - 1 - len(unknown)
        rest = known[keep:]
        pool = Group(fmt, f"{len(rest)} other providers")
        for g in rest:
            pool.files += g.files
            pool.parsed += g.parsed
            pool.refused += g.refused
            pool.stories += g.stories
            pool.fields.update(g.fields)
            pool.refusals.update(g.refusals)
            pool.warnings.update(g.warnings)
        out += [*known[:keep], pool, *unknown]
    return out


def _fit(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    half = (width - 1) // 2
    return text[:half] + "…" + text[len(text) - (width - 1 - half) :]


def render_table(report: Report, *, top: int = 8) -> str:
    """The report as fixed-width text: one row per format and provider, then
    refusal reasons and the commonest warnings per row."""
    groups = _pooled(list(report.groups.values()))
    prov_w = max([len("PROVIDER"), *(len(g.provider) for g in groups)])
    prov_w = min(prov_w, 32)
    fmt_w = max([len("FORMAT"), *(len(g.format) for g in groups)])
    heads = ["FILES", "PARSED", "REFUSED", "STORIES", *FIELDS.values()]
    widths = [max(len(h), 5) for h in heads]

    def row(fmt: str, provider: str, cells: list[str]) -> str:
        out = f"{fmt:<{fmt_w}}  {_fit(provider, prov_w):<{prov_w}}"
        return out + "".join(f"  {c:>{w}}" for c, w in zip(cells, widths, strict=True))

    lines = [
        f"{len(report.files)} files: {report.count('parsed')} parsed, "
        f"{report.count('refused')} refused, {report.count('error')} parser errors",
        "",
        row("FORMAT", "PROVIDER", heads),
        "-" * len(row("", "", heads)),
    ]
    total = Group("TOTAL", "")
    for g in groups:
        cells = [str(g.files), str(g.parsed), str(g.refused), str(g.stories)]
        lines.append(
            row(g.format, g.provider, cells + [_pct(g.percent(n)) for n in FIELDS])
        )
        total.stories += g.stories
        total.fields.update(g.fields)
    # Files once each (a file may hold stories of several providers).
    total.files = len(report.files)
    total.parsed = report.count("parsed")
    total.refused = total.files - total.parsed
    lines.append("-" * len(lines[-1]))
    cells = [
        str(total.files),
        str(total.parsed),
        str(total.refused),
        str(total.stories),
    ]
    lines.append(row("TOTAL", "", cells + [_pct(total.percent(n)) for n in FIELDS]))
    lines.append("")
    lines.append("Field columns: share of stories with the field filled.")
    refused = [g for g in groups if g.refusals]
    if refused:
        lines += ["", "REFUSED (reason: files)"]
        for g in refused:
            lines.append(f"  {g.format}")
            for reason, n in g.refusals.most_common():
                lines.append(f"    {n:>4}  {reason}")
    warned = [g for g in groups if g.warnings]
    if warned:
        lines += ["", f"WARNINGS (commonest {top} per row: stories)"]
        for g in warned:
            lines.append(f"  {g.format} / {g.provider}")
            for warning, n in g.warnings.most_common(top):
                lines.append(f"    {n:>4}  {warning}")
            if len(g.warnings) > top:
                lines.append(f"          … and {len(g.warnings) - top} more kinds")
    return "\n".join(lines) + "\n"


def to_json(report: Report) -> dict:
    groups = sorted(report.groups.values(), key=lambda g: (g.format, g.provider))
    return {
        "files": len(report.files),
        "parsed": report.count("parsed"),
        "refused": report.count("refused"),
        "errors": report.count("error"),
        "groups": [
            {
                "format": g.format,
                "provider": g.provider,
                "files": g.files,
                "parsed": g.parsed,
                "refused": g.refused,
                "stories": g.stories,
                "filled_percent": {n: g.percent(n) for n in FIELDS},
                "refusals": dict(g.refusals.most_common()),
                "warnings": dict(g.warnings.most_common()),
            }
            for g in groups
        ],
        "results": [
            {
                "file": f.path,
                "status": f.status,
                "format": f.format,
                "stories": f.stories,
                "reason": f.reason,
            }
            for f in report.files
        ],
    }
