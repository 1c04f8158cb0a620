"""Production settings refuse what was published or guessable (issue 8, point 7).

Each case runs `manage.py check --deploy --fail-level WARNING` in a fresh
process with only the environment a deployment would give it.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENV_EXAMPLE = ROOT / "deploy" / "env.example"


def example_env() -> dict[str, str]:
    """deploy/env.example as an operator would copy it, unedited."""
    env = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            env[name.strip()] = value.strip()
    return env


def check_deploy(**overrides: str) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        **example_env(),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": "postgres://masthead@127.0.0.1:9/masthead",  # never reached
        "REDIS_URL": "redis://127.0.0.1:9/0",
        **overrides,
    }
    env["MASTHEAD_VAR_DIR"] = overrides.get("MASTHEAD_VAR_DIR", "/tmp/masthead-check")
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_safe_values_pass_the_deploy_check_cleanly():
    result = check_deploy()
    assert result.returncode == 0, result.stderr[-3000:]
    assert "System check identified no issues" in result.stdout


OLD_EXAMPLE_KEY = "change-me-to-at-least-fifty-random-characters-xxxxxxxxxxxxxxxx"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"SECRET_KEY": OLD_EXAMPLE_KEY}, "SECRET_KEY is a placeholder"),
        ({"SECRET_KEY": "Change-Me-" + secrets.token_urlsafe(50)}, "placeholder"),
        ({"SECRET_KEY": ""}, "Set SECRET_KEY"),
        ({"SECRET_KEY": secrets.token_urlsafe(20)}, "at least 50 characters"),
        ({"SECRET_KEY": "ab" * 40}, "too weak: 2 distinct characters"),
        ({"SECRET_KEY": "django-insecure-" + "k" * 60}, "development key"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS must name the site's hosts, not *"),
        ({"ALLOWED_HOSTS": "news.example.com, *"}, "not *"),
        ({"ALLOWED_HOSTS": "*.example.com"}, "not *.example.com"),
    ],
    ids=[
        "old-example-key",
        "placeholder-word",
        "empty-key",
        "short-key",
        "low-variety-key",
        "django-insecure",
        "any-host",
        "any-host-in-list",
        "glob-host",
    ],
)
def test_unsafe_values_fail_the_deploy_check(overrides, message):
    result = check_deploy(**overrides)
    assert result.returncode != 0, result.stdout
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr, result.stderr[-2000:]


def test_the_example_file_as_shipped_does_not_start():
    """Copied unedited, env.example must be refused for its key."""
    assert example_env()["SECRET_KEY"] == ""
    result = check_deploy(SECRET_KEY=example_env()["SECRET_KEY"])
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_subdomains_by_leading_dot_are_allowed():
    result = check_deploy(ALLOWED_HOSTS=".example.com")
    assert result.returncode == 0, result.stderr[-3000:]
