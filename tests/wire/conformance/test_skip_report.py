"""Without ../shared the conformance suite skips, and says so where it is seen;
with MASTHEAD_REQUIRE_SHARED=1 (CI) it fails instead."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SUITE = "tests/wire/conformance/test_samples.py"


def run_suite(shared: Path, require: bool) -> subprocess.CompletedProcess:
    env = {**os.environ, "MASTHEAD_SHARED": str(shared)}
    env.pop("MASTHEAD_REQUIRE_SHARED", None)  # CI exports it for the whole run
    if require:
        env["MASTHEAD_REQUIRE_SHARED"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "pytest", SUITE, "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_skipped_suite_prints_a_visible_line(tmp_path):
    result = run_suite(tmp_path, require=False)
    assert result.returncode == 0, result.stdout[-3000:]
    missing = tmp_path / "wire-samples"
    line = f"conformance suite SKIPPED: {missing} not found"
    assert line in result.stdout, result.stdout[-3000:]
    # After pytest's own list of skips, just above the counts.
    tail = result.stdout.rstrip().splitlines()[-2:]
    assert line in tail[0] and "skipped" in tail[1], tail


def test_ci_fails_without_the_samples(tmp_path):
    result = run_suite(tmp_path, require=True)
    assert result.returncode == 1, result.stdout[-3000:]
    assert "shared wire samples not found" in result.stdout
    assert "conformance suite SKIPPED" not in result.stdout
