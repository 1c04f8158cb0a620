"""The embedded default: one machine, SQLite, files, `make demo`."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = os.environ.get("MASTHEAD_DEBUG", "") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]


def _local_secret_key() -> str:
    # A key made once per checkout and kept in var/, so sessions survive restarts
    # and no secret is ever committed.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        import secrets

        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY") or _local_secret_key()
