"""The docs name real code, so a rename or a move fails here, not in a reader's hour.

`docs/architecture.md` is held strictly: every dotted name in backticks
(`masthead.wire.services.ingest_bytes`, `wagtail.signals.page_published`) must
import, every repository path must exist, every setting must be a setting,
every `masthead <command>` a command, and its table of layers must say what
`tests/test_layers.py` enforces. The READMEs are held to the same rules for the
names they spell out in full (`masthead.…`, repository paths, commands, and
file names inside their own app).
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from tests.test_layers import ANYTHING, LAYERS

REPO = Path(__file__).resolve().parent.parent
ARCHITECTURE = REPO / "docs" / "architecture.md"
APP_READMES = sorted((REPO / "masthead").glob("*/README.md"))

FENCE = re.compile(r"^```.*?^```", re.S | re.M)
BACKTICKED = re.compile(r"`([^`\n]+)`")
DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")
SETTING = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{4,}")
COMMAND = re.compile(r"masthead ([a-z][a-z_-]*)\b")
FILE_SUFFIXES = (".py", ".md", ".toml", ".html", ".css", ".conf", ".service", ".json")
# Paths from the repository's root; others (var/, ../shared/) exist only at run time
# or outside the repository.
REPO_DIRS = ("masthead/", "docs/", "deploy/", "tests/", "bench/")
# Spelled with placeholders or alternatives: a pattern, not one path.
PATTERN = re.compile(r"[<>{}*]|\s")


def names_in(path: Path) -> list[str]:
    """The backticked names of a Markdown file, outside fenced blocks."""
    return BACKTICKED.findall(FENCE.sub("", path.read_text()))


def resolve(dotted: str) -> object:
    """Import the longest module prefix of `dotted`, then getattr the rest."""
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        module_name = ".".join(parts[:split])
        try:
            target = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            # Only "this prefix is not a module" means: try a shorter one. A
            # module that exists but fails to import is a failure of its own.
            if error.name and module_name.startswith(error.name):
                continue
            raise
        for attribute in parts[split:]:
            target = getattr(target, attribute)
        return target
    raise ModuleNotFoundError(dotted)


def missing_code(dotted: str) -> str | None:
    try:
        resolve(dotted)
    except (ImportError, AttributeError) as error:
        return f"`{dotted}`: {type(error).__name__}: {error}"
    return None


def is_template(name: str) -> bool:
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return False
    return True


def stale_names(doc: Path, *, strict: bool) -> list[str]:
    """What `doc` names that does not exist. `strict`: every dotted name must
    be code; otherwise only those spelled from `masthead.`."""
    app_dir = doc.parent if doc.parent.parent.name == "masthead" else None
    problems = []
    for raw in names_in(doc):
        name = raw.strip().removesuffix("()")
        if command := COMMAND.match(name):
            if command.group(1).replace("-", "_") not in get_commands():
                problems.append(f"`{raw}`: no such command")
        elif PATTERN.search(name) or name.startswith(("/", "../", "var/")):
            # var/ is the running newsroom's data folder (not in the repository).
            continue
        elif name.startswith(REPO_DIRS):
            if not (REPO / name).exists():
                problems.append(f"`{raw}`: no such path in the repository")
        elif name.endswith(FILE_SUFFIXES) or name.endswith("/"):
            if not _file_exists(name, app_dir, strict=strict):
                problems.append(f"`{raw}`: no such file")
        elif DOTTED.fullmatch(name):
            if strict or name.startswith("masthead."):
                if problem := missing_code(name):
                    problems.append(problem)
        elif strict and SETTING.fullmatch(name):
            if not hasattr(settings, name):
                problems.append(f"`{raw}`: no such setting")
    return problems


def _file_exists(name: str, app_dir: Path | None, *, strict: bool) -> bool:
    if name.endswith(".html") and is_template(name):
        return True
    if app_dir is not None:
        # An app's README names its files from the app's folder, or from
        # masthead/ (`website/navigation.py`); a bare file name may sit deeper
        # (the demo's `site.toml` is in data/).
        if (app_dir / name).exists() or (app_dir.parent / name).exists():
            return True
        return "/" not in name.rstrip("/") and any(app_dir.rglob(name.rstrip("/")))
    # The top-level README and architecture.md say where a file is.
    return not strict or (REPO / name).exists()


def layers_table(doc: Path) -> dict[str, frozenset[str] | str]:
    """The table under the `| app | may import |` header: each backticked app
    of the first column, with the backticked apps of the second, or "anything"."""
    table: dict[str, frozenset[str] | str] = {}
    lines = iter(doc.read_text().splitlines())
    for line in lines:
        if re.fullmatch(r"\|\s*app\s*\|\s*may import\s*\|", line.strip()):
            break
    next(lines, None)  # the |---|---| line
    for line in lines:
        if not line.startswith("|"):
            break
        apps, allowed = (cell.strip() for cell in line.strip().strip("|").split("|"))
        rule = (
            ANYTHING
            if allowed.startswith("anything")
            else frozenset(BACKTICKED.findall(allowed))
        )
        for app in BACKTICKED.findall(apps):
            table[app] = rule
    return table


def test_architecture_names_only_what_exists():
    problems = stale_names(ARCHITECTURE, strict=True)
    assert not problems, "docs/architecture.md names what is not there:\n" + "\n".join(
        problems
    )


@pytest.mark.parametrize(
    "readme",
    [REPO / "README.md", *APP_READMES],
    ids=lambda path: str(path.relative_to(REPO)),
)
def test_readme_names_only_what_exists(readme):
    problems = stale_names(readme, strict=False)
    assert not problems, f"{readme.relative_to(REPO)} names what is not there:\n" + (
        "\n".join(problems)
    )


def test_architecture_table_is_the_layers_test():
    documented = layers_table(ARCHITECTURE)
    enforced = {app: rule for app, rule in LAYERS.items() if app}
    # An app the layers test does not place yet is refused by that test on its
    # own; once placed, its row here must say the same.
    disagree = {
        app: (documented.get(app), rule)
        for app, rule in enforced.items()
        if documented.get(app) != rule
    }
    assert not disagree, (
        "docs/architecture.md's table of layers and LAYERS in tests/test_layers.py "
        "differ (app: (doc, test)): " + repr(disagree)
    )


def test_every_app_has_a_readme_saying_what_it_may_import():
    readmes = [
        path.parent / "README.md" for path in (REPO / "masthead").glob("*/apps.py")
    ]
    without = [
        str(readme.relative_to(REPO))
        for readme in readmes
        if not readme.exists() or "may import" not in readme.read_text().lower()
    ]
    assert not without, (
        f"no README, or it does not say what the app may import: {without}"
    )


# The checker itself, on a scratch document naming what the code once had.


def test_checker_flags_what_is_gone(tmp_path):
    doc = tmp_path / "doc.md"
    doc.write_text(
        "Gone: `masthead.core.tasks.purge_cdn_urls`, `masthead/website/demo_content.py`,\n"
        "`OPENSEARCH_URL`, `masthead frobnicate`, `masthead.wire.services.no_such`.\n"
        "There: `masthead.wire.services.ingest_bytes()`, `masthead worker --once`,\n"
        "`MASTHEAD_PAGE_CACHE`, `masthead/core/pagecache/wsgi.py`, `base.html`,\n"
        "`/wire/push/<provider>/`, `var/pagecache`.\n"
        "```\n`masthead.in_a_fence_is_a_drawing`\n```\n"
    )
    assert [problem.split(":")[0] for problem in stale_names(doc, strict=True)] == [
        "`masthead.core.tasks.purge_cdn_urls`",
        "`masthead/website/demo_content.py`",
        "`OPENSEARCH_URL`",
        "`masthead frobnicate`",
        "`masthead.wire.services.no_such`",
    ]


def test_checker_reads_the_table_of_layers(tmp_path):
    doc = tmp_path / "doc.md"
    doc.write_text(
        "| app | may import |\n|---|---|\n| `core` | nothing of the other apps |\n"
        "| `wire` | `core`, `newsroom` |\n| `urls`, `cli` | anything |\n\nAfter.\n"
    )
    assert layers_table(doc) == {
        "core": frozenset(),
        "wire": frozenset({"core", "newsroom"}),
        "urls": ANYTHING,
        "cli": ANYTHING,
    }
