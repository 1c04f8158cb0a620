"""SQLite through its online backup API: copies while the site keeps serving.

In WAL mode the backup reads one consistent snapshot while writers go on; a
restore writes the backup's pages into the live database in one transaction,
so the server's connections see the old database or the restored one, never a
mix, and its WAL and shared-memory files stay valid (renaming a file over a
WAL database whose -wal file is still there would corrupt it).
"""

import sqlite3
from pathlib import Path
from urllib.parse import quote

from django.conf import settings

from .errors import BackupError

MAGIC = b"SQLite format 3\x00"
SUFFIX = ".sqlite3"
# Tables every Masthead database has; a backup without them is some other database.
REQUIRED_TABLES = ("django_migrations", "wagtailcore_page", "wagtailcore_site")
LOCK_TIMEOUT_SECONDS = 30


def _live() -> Path:
    return Path(settings.DATABASES["default"]["NAME"])


def _read_only(path: Path) -> sqlite3.Connection:
    # immutable: nothing (no -wal, no -shm) is created next to the backup file.
    return sqlite3.connect(f"file:{quote(str(path))}?mode=ro&immutable=1", uri=True)


def backup_to(target: Path) -> None:
    live = _live()
    if not live.is_file():
        raise BackupError(f"there is no database at {live} to back up")
    try:
        source = sqlite3.connect(
            f"file:{quote(str(live))}?mode=rw", uri=True, timeout=LOCK_TIMEOUT_SECONDS
        )
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)  # all pages in one step: one snapshot
            # The copy inherits WAL mode; back to a rollback journal, so the
            # backup is this one self-contained file.
            copy.execute("PRAGMA journal_mode=DELETE")
            (result,) = copy.execute("PRAGMA quick_check").fetchone()
            if result != "ok":
                raise BackupError(f"the copy failed its check: {result}")
        finally:
            copy.close()
            source.close()
    except sqlite3.Error as error:
        hint = ""
        if getattr(error, "sqlite_errorname", "").startswith("SQLITE_IOERR"):
            hint = " (writing the copy failed: is the disk full?)"
        raise BackupError(f"SQLite backup failed: {error}{hint}") from None


def check(path: Path) -> None:
    """A whole, sound SQLite file holding a Masthead database, or BackupError."""
    size = path.stat().st_size
    with path.open("rb") as file:
        header = file.read(100)
    if len(header) < 100:
        raise BackupError(f"{path} is truncated ({size} bytes): refused")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The header's page count is only valid when its "valid-for" number matches
    # the change counter (SQLite file format, §1.3.7).
    if header[24:28] == header[92:96] and pages and size < pages * page_size:
        raise BackupError(
            f"{path} is truncated: its header says {pages * page_size} bytes, "
            f"the file has {size}: refused"
        )
    if size % page_size:
        raise BackupError(f"{path} is truncated (not whole pages): refused")
    try:
        db = _read_only(path)
        try:
            (result,) = db.execute("PRAGMA quick_check").fetchone()
            tables = {
                row[0]
                for row in db.execute(
                    "SELECT name FROM sqlite_master WHERE type='table'"
                )
            }
        finally:
            db.close()
    except sqlite3.Error as error:
        raise BackupError(f"{path} is damaged ({error}): refused") from None
    if result != "ok":
        raise BackupError(f"{path} is damaged ({result}): refused")
    missing = [name for name in REQUIRED_TABLES if name not in tables]
    if missing:
        raise BackupError(
            f"{path} is an SQLite database but not Masthead's "
            f"(no {', '.join(missing)} table): refused"
        )


def restore_from(path: Path) -> None:
    live = _live()
    live.parent.mkdir(parents=True, exist_ok=True)
    try:
        source = _read_only(path)
        target = sqlite3.connect(live, timeout=LOCK_TIMEOUT_SECONDS)
        try:
            source.backup(target)
            # The live database stays in WAL mode whatever the backup's header says.
            target.execute("PRAGMA journal_mode=WAL")
        finally:
            target.close()
            source.close()
    except sqlite3.Error as error:
        raise BackupError(f"SQLite restore into {live} failed: {error}") from None
