"""House rule (design.md §1): a module past 500 lines becomes a package."""

from pathlib import Path

LIMIT = 500
ROOT = Path(__file__).resolve().parent.parent / "masthead"


def test_no_module_in_masthead_is_over_the_limit():
    too_long = {
        str(path.relative_to(ROOT.parent)): count
        for path in ROOT.rglob("*.py")
        if "migrations" not in path.parts
        and (count := len(path.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert not too_long, f"split these into packages (over {LIMIT} lines): {too_long}"
