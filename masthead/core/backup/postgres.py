"""PostgreSQL through pg_dump and pg_restore, with Django's connection settings.

The password goes to the tools in PGPASSWORD, never on a command line (which
`ps` shows to every user) and never in anything printed.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection

from .errors import BackupError

MAGIC = b"PGDMP"
SUFFIX = ".pgdump"
# libpq settings Django users put in OPTIONS, and the variables libpq reads them from.
LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


def _environment() -> dict[str, str]:
    db = settings.DATABASES["default"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    for key, name in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if db.get(key):
            env[name] = str(db[key])
    for option, name in LIBPQ_OPTIONS.items():
        if option in db.get("OPTIONS", {}):
            env[name] = str(db["OPTIONS"][option])
    env.setdefault("PGCONNECT_TIMEOUT", "10")
    return env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed: install the PostgreSQL client "
            "(Debian: apt-get install postgresql-client)"
        )
    return path


def _major(tool: str) -> int:
    output = subprocess.run(  # noqa: S603 - argument list, no shell
        [tool, "--version"], capture_output=True, text=True, check=False
    ).stdout
    found = re.search(r"(\d+)(?:\.\d+)?", output)
    return int(found.group(1)) if found else 0


def _check_versions(tool: str) -> None:
    """pg_dump cannot dump a newer server; say which client to install."""
    server = connection.pg_version // 10000
    connection.close()
    client = _major(tool)
    if client < server:
        raise BackupError(
            f"{Path(tool).name} {client} is older than the PostgreSQL {server} server: "
            f"install postgresql-client-{server}"
        )


def _run(args: list[str]) -> None:
    result = subprocess.run(  # noqa: S603 - argument list, no shell
        args, env=_environment(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        detail = result.stderr.strip() or f"exit code {result.returncode}"
        raise BackupError(f"{Path(args[0]).name} failed: {detail}")


def backup_to(target: Path) -> None:
    pg_dump = _tool("pg_dump")
    _check_versions(pg_dump)
    _run([pg_dump, "--format=custom", f"--file={target}"])
    with target.open("rb") as file:
        if not file.read(len(MAGIC)) == MAGIC:
            raise BackupError("pg_dump wrote something that is not a custom archive")


def check(path: Path) -> None:
    """Read the whole archive (to nowhere): a truncated or damaged one fails here."""
    _run([_tool("pg_restore"), "--file=/dev/null", str(path)])


def restore_from(path: Path) -> None:
    pg_restore = _tool("pg_restore")
    _check_versions(pg_restore)
    # One transaction: a restore that fails half-way leaves the database as it was.
    _run(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={settings.DATABASES['default']['NAME']}",
            str(path),
        ]
    )
