"""`masthead backup` and `masthead restore`: one file holding the database.

SQLite is copied through its online backup API (`sqlite.py`), PostgreSQL
through `pg_dump --format=custom` (`postgres.py`). Media files are not in the
file: they are plain files (or a bucket) backed up beside it, see
docs/operations.md. Either way a backup is written to a hidden temporary file
next to its destination and renamed into place only once it is complete and
checked, so a failed backup never leaves a half file that looks like a good one.
"""

import os
import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connections

from masthead.core.clock import forget_clock
from masthead.core.navigation import clear_navigation_cache
from masthead.core.pagecache import purge_all

from . import postgres, sqlite
from .errors import BackupError

ENGINES = {"sqlite": sqlite, "postgresql": postgres}


def engine() -> str:
    """ "sqlite" or "postgresql": what the default database runs on."""
    name = settings.DATABASES["default"]["ENGINE"]
    if name == "django.db.backends.sqlite3":
        return "sqlite"
    if "postgresql" in name:
        return "postgresql"
    raise BackupError(f"no backup method for the database engine {name}")


def _module(kind: str):
    return ENGINES[kind]


def default_output(kind: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return (
        Path(settings.VAR_DIR) / "backups" / f"masthead-{stamp}{_module(kind).SUFFIX}"
    )


def resolve_output(output: str | None, kind: str) -> Path:
    """Where the backup goes: a given file, a given folder, or var/backups/."""
    if not output:
        path = default_output(kind)
        path.parent.mkdir(parents=True, exist_ok=True)
        return path
    path = Path(output).expanduser()
    if path.is_dir():
        return path / default_output(kind).name
    if not path.parent.is_dir():
        raise BackupError(
            f"cannot write {path}: the folder {path.parent} does not exist"
        )
    return path


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Let `write` fill a temporary file beside `path`, then rename it over `path`.

    The rename is atomic on one file system, so readers see the old file or the
    new one; on any failure the temporary file is removed and `path` untouched.
    """
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
    try:
        write(temp)
        temp.chmod(0o600)  # a backup holds password hashes and unpublished copy
        with temp.open("rb") as done:
            os.fsync(done.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    try:
        folder = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(folder)  # the rename itself survives a power cut
    finally:
        os.close(folder)


def make_backup(output: str | None) -> Path:
    kind = engine()
    path = resolve_output(output, kind)
    module = _module(kind)
    try:
        write_atomically(path, lambda temp: module.backup_to(temp))
    except OSError as error:
        raise BackupError(f"cannot write {path}: {error.strerror or error}") from None
    except BackupError as error:
        raise BackupError(f"no backup written to {path}: {error}") from None
    return path


def identify(path: Path) -> str:
    """The kind of backup `path` is, from its first bytes; refuses anything else."""
    if not path.is_file():
        raise BackupError(f"{path} is not a file")
    try:
        with path.open("rb") as file:
            head = file.read(16)
    except OSError as error:
        raise BackupError(f"cannot read {path}: {error.strerror}") from None
    if head.startswith(sqlite.MAGIC):
        return "sqlite"
    if head.startswith(postgres.MAGIC):
        return "postgresql"
    raise BackupError(
        f"{path} is not a Masthead backup (neither an SQLite database nor a "
        "pg_dump custom-format archive)"
    )


def check_backup(path: Path) -> str:
    """Refuse a backup of the wrong kind or a damaged one before touching anything."""
    kind = identify(path)
    if kind != engine():
        raise BackupError(
            f"{path} is a {'SQLite' if kind == 'sqlite' else 'PostgreSQL'} backup, "
            f"but this site's database is {engine_label()}"
        )
    _module(kind).check(path)
    return kind


def restore_backup(path: Path) -> None:
    kind = check_backup(path)
    connections.close_all()  # no connection of ours may hold the old database
    _module(kind).restore_from(path)
    purge_caches()


def purge_caches() -> None:
    """Forget every rendered copy of the old database's content."""
    purge_all()
    clear_navigation_cache()
    forget_clock()


def engine_label() -> str:
    """The live database, named for the operator (never with its password)."""
    db = settings.DATABASES["default"]
    if engine() == "sqlite":
        return f"SQLite {db['NAME']}"
    host = db.get("HOST") or "localhost"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    user = f"{db['USER']}@" if db.get("USER") else ""
    return f"PostgreSQL {user}{host}{port}/{db['NAME']}"


def human_size(size: float) -> str:
    if size < 1024:
        return f"{int(size)} bytes"
    for unit in ("KB", "MB", "GB", "TB"):
        size /= 1024
        if size < 1024 or unit == "TB":
            break
    return f"{size:.1f} {unit}"
