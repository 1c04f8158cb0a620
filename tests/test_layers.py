"""The layers of `masthead/`, read from the source with `ast` (no Django, no database).

Each app may import only the apps below it (LAYERS); there is no import cycle
between apps; the wire parsers stay pure (no Django, no other app); and an
import placed inside a function says why on the line(s) just above it or at
the end of its line. A new app or top-level module must be added to LAYERS:
the test refuses code it cannot place.
"""

from __future__ import annotations

import ast
import io
import re
import textwrap
import tokenize
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ANYTHING = "*"

# app -> the apps it may import (besides itself). Read bottom-up:
# core <- newsroom <- wire; website sits on core and newsroom; the demo and the
# composition root (settings, urls, wsgi, asgi, cli) put everything together.
LAYERS: dict[str, frozenset[str] | str] = {
    "core": frozenset(),
    "newsroom": frozenset({"core"}),
    "wire": frozenset({"core", "newsroom"}),
    "website": frozenset({"core", "newsroom"}),
    # Comments, newsletter, feedback; feeds, sitemaps and the read API: above
    # the website, whose page templates and models they may use.
    "readers": frozenset({"core", "newsroom", "website"}),
    "api": frozenset({"core", "newsroom", "website"}),
    # The daily PDF edition: built from the newsroom, shown in the website's
    # pages, announced to the newsletter's readers who asked for it.
    "epaper": frozenset({"core", "newsroom", "website", "readers"}),
    "demo": ANYTHING,
    "settings": ANYTHING,
    "urls": ANYTHING,
    "wsgi": ANYTHING,
    "asgi": ANYTHING,
    "cli": ANYTHING,
    # The package's own __init__.py.
    "": frozenset(),
}

# Modules under these prefixes are pure: the standard library and third-party
# parsing libraries only, so they run (and are tested) without Django.
# (Nothing else of masthead either: the package may import only itself.)
PURE = {"masthead.wire.parsers": ("django", "wagtail")}

# An import inside a function needs a stated reason when it names one of these.
JUSTIFY_INNER = ("masthead", "django", "wagtail")

ROOT = Path(__file__).resolve().parent.parent / "masthead"


@dataclass
class Import:
    module: str  # the importing module, dotted
    target: str  # the imported module, dotted and absolute
    path: Path
    line: int
    inner: bool  # inside a function
    justified: bool  # a comment just above or at the end of the line


@dataclass
class Report:
    wrong_way: list[str] = field(default_factory=list)
    cycles: list[str] = field(default_factory=list)
    impure: list[str] = field(default_factory=list)
    unexplained: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        sections = [
            ("Unknown app (add it to LAYERS in tests/test_layers.py)", self.unplaced),
            ("Wrong-way import (see LAYERS)", self.wrong_way),
            ("Import cycle between apps", self.cycles),
            ("Impure parser module (stdlib and parsing libraries only)", self.impure),
            (
                "Import inside a function with no reason given "
                "(move it to the top, or say why in a comment just above it)",
                self.unexplained,
            ),
        ]
        return [
            f"{title}:\n" + "\n".join(f"  {line}" for line in lines)
            for title, lines in sections
            if lines
        ]


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def app_of(module: str) -> str:
    """`masthead.core.navigation` -> `core`; `masthead` itself -> ``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _resolve(node: ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    if node.level:
        base = module.split(".")
        if not is_package:
            base = base[:-1]
        base = base[: len(base) - (node.level - 1)]
        prefix = ".".join(base)
        head = f"{prefix}.{node.module}" if node.module else prefix
    else:
        head = node.module or ""
    # `from masthead import core` names the app in the alias, not the module.
    if head.count(".") == 0 and head == module.split(".")[0]:
        return [f"{head}.{alias.name}" for alias in node.names]
    return [head]


_NOQA = re.compile(r"noqa(:\s*[A-Z]+[0-9]+([\s,]+[A-Z]+[0-9]+)*)?|type:\s*ignore\S*")


def _is_reason(comment: str) -> bool:
    """A comment with words in it; a bare `# noqa: F401` is no reason."""
    text = _NOQA.sub("", comment.lstrip("#"))
    return bool(re.search(r"[A-Za-z]{2,}", text))


def _comments(source: str) -> dict[int, str]:
    found = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            found[token.start[0]] = token.string
    return found


def _imports_of(path: Path, root: Path) -> list[Import]:
    source = path.read_text()
    tree = ast.parse(source, filename=str(path))
    module = module_name(path, root)
    is_package = path.name == "__init__.py"
    lines = source.splitlines()
    comments = _comments(source)

    in_function: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                if isinstance(inner, (ast.Import, ast.ImportFrom)):
                    in_function.add(id(inner))

    nodes = sorted(
        (n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))),
        key=lambda n: n.lineno,
    )
    import_lines = {
        line for n in nodes for line in range(n.lineno, (n.end_lineno or n.lineno) + 1)
    }

    def justified(node: ast.stmt) -> bool:
        end = node.end_lineno or node.lineno
        if any(
            _is_reason(comments.get(line, "")) for line in range(node.lineno, end + 1)
        ):
            return True
        # A comment above a run of imports speaks for the whole run.
        above = node.lineno - 1
        while above in import_lines:
            above -= 1
        return (
            above >= 1
            and lines[above - 1].lstrip().startswith("#")
            and _is_reason(lines[above - 1].strip())
        )

    found = []
    for node in nodes:
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            targets = _resolve(node, module, is_package)
        for target in targets:
            found.append(
                Import(
                    module=module,
                    target=target,
                    path=path,
                    line=node.lineno,
                    inner=id(node) in in_function,
                    justified=justified(node),
                )
            )
    return found


def _is_under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _groups(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of two or more apps (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def _shortest_cycle(graph: dict[str, set[str]], group: list[str]) -> list[str]:
    """One concrete loop in a group, e.g. [core, website, core]: the first
    thing to break."""
    start = group[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in sorted(graph[node] & set(group)):
            if nxt == start:
                return [*paths[node], start]
            if nxt not in paths:
                paths[nxt] = [*paths[node], nxt]
                queue.append(nxt)
    return group


def check_layers(root: Path, layers: dict = LAYERS) -> Report:
    """Read every module under `root` (the `masthead` package or a copy) and
    report what breaks the rules; an empty report is a pass."""
    package = root.name
    report = Report()
    imports = [
        imp for path in sorted(root.rglob("*.py")) for imp in _imports_of(path, root)
    ]
    graph: dict[str, set[str]] = defaultdict(set)
    witnesses: dict[tuple[str, str], Import] = {}
    unplaced: dict[str, Path] = {}

    for imp in imports:
        where = f"{imp.path.relative_to(root.parent)}:{imp.line}"
        source_app = app_of(imp.module)
        if source_app not in layers:
            unplaced.setdefault(source_app, imp.path.relative_to(root.parent))

        if (
            imp.inner
            and not imp.justified
            and imp.target.split(".")[0]
            in {
                *JUSTIFY_INNER,
                package,
            }
        ):
            report.unexplained.append(f"{where}: import {imp.target}")

        for pure, forbidden in PURE.items():
            pure = pure.replace("masthead", package, 1)
            if not _is_under(imp.module, pure):
                continue
            top = imp.target.split(".")[0]
            own = _is_under(imp.target, pure)
            if (top in forbidden or top == package) and not own:
                report.impure.append(f"{where}: {imp.module} imports {imp.target}")

        if not _is_under(imp.target, package) or imp.target == package:
            continue
        target_app = app_of(imp.target)
        if target_app == source_app:
            continue
        graph[source_app].add(target_app)
        witnesses.setdefault((source_app, target_app), imp)
        allowed = layers.get(source_app, ANYTHING)
        if allowed != ANYTHING and target_app not in allowed:
            report.wrong_way.append(
                f"{where}: {imp.module} imports {imp.target} "
                f"({source_app or package} may import: "
                f"{', '.join(sorted(allowed)) or 'nothing of the other apps'})"
            )

    report.unplaced = [f"{app} (e.g. {path})" for app, path in sorted(unplaced.items())]
    for group in _groups(graph):
        loop = _shortest_cycle(graph, group)
        steps = [
            f"{a} -> {b} ({witnesses[a, b].path.relative_to(root.parent)}:"
            f"{witnesses[a, b].line})"
            for a, b in zip(loop, loop[1:], strict=False)
        ]
        report.cycles.append(
            f"{' -> '.join(loop)}: "
            + "; ".join(steps)
            + f" [all apps caught in it: {', '.join(group)}]"
        )
    return report


def test_masthead_keeps_its_layers():
    problems = check_layers(ROOT).problems()
    assert not problems, "\n\n" + "\n\n".join(problems)


# The checker itself, on a scratch package that breaks each rule once.


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return root


GOOD = {
    "masthead/__init__.py": "",
    "masthead/core/__init__.py": "",
    "masthead/core/clock.py": "import datetime\n",
    "masthead/newsroom/__init__.py": "",
    "masthead/newsroom/models.py": "from masthead.core import clock\n",
    "masthead/wire/__init__.py": "",
    "masthead/wire/parsers/__init__.py": "from . import ninjs\n",
    "masthead/wire/parsers/ninjs.py": "import json\nfrom .common import x\n",
    "masthead/wire/parsers/common.py": "x = 1\n",
    "masthead/wire/services.py": """\
        from ..newsroom.models import Article
        from .parsers import ninjs

        def ingest():
            # Deferred: needs the app registry.
            from django.db import transaction
            from masthead.core.clock import now

        def promote():
            from masthead.newsroom import models  # noqa: F401 - registers signals
    """,
    "masthead/website/__init__.py": "",
    "masthead/website/views.py": "from masthead import core, newsroom\n",
    "masthead/urls.py": "from masthead.website import views\nfrom masthead.wire import services\n",
}


@pytest.fixture
def scratch(tmp_path):
    return lambda **changes: _write(tmp_path, {**GOOD, **changes}) / "masthead"


def test_checker_passes_a_clean_package(scratch):
    assert check_layers(scratch()).problems() == []


def test_checker_names_a_wrong_way_import_and_the_cycle_it_makes(scratch):
    root = scratch(
        **{"masthead/core/navigation.py": "from masthead.website.views import x\n"}
    )
    report = check_layers(root)
    assert report.wrong_way == [
        "masthead/core/navigation.py:1: masthead.core.navigation imports "
        "masthead.website.views (core may import: nothing of the other apps)"
    ]
    assert len(report.cycles) == 1
    assert report.cycles[0].startswith(
        "core -> website -> core: "
        "core -> website (masthead/core/navigation.py:1); "
        "website -> core (masthead/website/views.py:1)"
    )
    message = "\n".join(report.problems())
    assert "Wrong-way import" in message and "Import cycle" in message


def test_checker_resolves_relative_imports(scratch):
    root = scratch(**{"masthead/newsroom/tree.py": "from ..wire import services\n"})
    assert check_layers(root).wrong_way == [
        "masthead/newsroom/tree.py:1: masthead.newsroom.tree imports "
        "masthead.wire (newsroom may import: core)"
    ]


def test_checker_keeps_the_parsers_pure(scratch):
    root = scratch(
        **{
            "masthead/wire/parsers/nitf.py": (
                "from django.utils.html import escape\nfrom masthead.core import clock\n"
            )
        }
    )
    assert [line.split(": ", 1)[1] for line in check_layers(root).impure] == [
        "masthead.wire.parsers.nitf imports django.utils.html",
        "masthead.wire.parsers.nitf imports masthead.core",
    ]


def test_checker_asks_why_an_import_sits_in_a_function(scratch):
    root = scratch(
        **{
            "masthead/core/clock.py": """\
                import datetime

                def now():
                    from django.utils import timezone  # noqa: PLC0415
                    return timezone.now()

                def later():

                    from masthead.core import clock
                    import json
            """
        }
    )
    assert check_layers(root).unexplained == [
        "masthead/core/clock.py:4: import django.utils",
        "masthead/core/clock.py:9: import masthead.core",
    ]


def test_checker_refuses_an_app_missing_from_the_table(scratch):
    root = scratch(
        **{"masthead/horoscope/__init__.py": "from masthead.core import clock\n"}
    )
    report = check_layers(root)
    assert report.unplaced == ["horoscope (e.g. masthead/horoscope/__init__.py)"]
    assert "add it to LAYERS" in report.problems()[0]
