"""The watched folder: agency files dropped into a directory.

`masthead worker` runs the periodic job "wire-folder" on every tick. It takes
every complete file at the top of the folder (not a dotfile, not ending in
.tmp or .part, not a symlink, unchanged for a couple of seconds and while it
was read), hands its bytes to `ingest_bytes` (which stores them before
parsing), then moves it to ``done/`` or, when refused, to ``refused/`` with
the ingest result beside it as ``<name>.json``. Names are kept; a clash gets
``-2``, ``-3``... before the suffix.

Nothing is lost: a file is only moved after its bytes are in the database,
and a file that could not be stored (a full disk, the database away) stays
where it is for the next tick.
Files over the size cap are not stored; they go to ``refused/`` as they are.
"""

from __future__ import annotations

import json
import logging
import os
import stat
import time
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from masthead.core.scheduler import periodic
from masthead.wire.models import Channel, RawItem
from masthead.wire.services import MAX_BYTES, ingest_bytes

logger = logging.getLogger("masthead.wire")

DONE = "done"
REFUSED = "refused"
PARTIAL_SUFFIXES = (".tmp", ".part")
DEFAULT_SETTLE_SECONDS = 2.0
DEFAULT_BATCH = 500


def watch_dir() -> Path:
    default = Path(settings.VAR_DIR) / "wire-inbox"
    return Path(getattr(settings, "MASTHEAD_WIRE_WATCH_DIR", None) or default)


@periodic("wire-folder")
def scan_watch_folder() -> dict[str, int]:
    return process_folder(watch_dir())


def process_folder(
    folder: Path, *, settle_seconds: float | None = None
) -> dict[str, int]:
    """Ingest the complete files in `folder`; returns counts by outcome."""
    if settle_seconds is None:
        settle_seconds = getattr(
            settings, "MASTHEAD_WIRE_WATCH_SETTLE_SECONDS", DEFAULT_SETTLE_SECONDS
        )
    batch = getattr(settings, "MASTHEAD_WIRE_WATCH_BATCH", DEFAULT_BATCH)
    folder = Path(folder)
    for sub in (folder, folder / DONE, folder / REFUSED):
        sub.mkdir(parents=True, exist_ok=True)
    counts: Counter[str] = Counter()
    for path in ready_files(folder, settle_seconds)[:batch]:
        counts[process_file(path, folder)] += 1
    return dict(counts)


def ready_files(folder: Path, settle_seconds: float) -> list[Path]:
    """Regular files at the top of `folder` that look complete, oldest first."""
    now = time.time()
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if name.startswith(".") or name.lower().endswith(PARTIAL_SUFFIXES):
                continue
            if not entry.is_file(follow_symlinks=False):
                continue  # done/, refused/, other folders, symlinks
            try:
                mtime = entry.stat(follow_symlinks=False).st_mtime
            except FileNotFoundError:
                continue
            if now - mtime < settle_seconds:
                continue  # still being written, perhaps
            found.append((mtime, name, Path(entry.path)))
    return [path for _mtime, _name, path in sorted(found)]


def process_file(path: Path, folder: Path) -> str:
    """One file: "ok", "duplicate", "rejected", "skipped" or "error"."""
    cap = getattr(settings, "MASTHEAD_WIRE_MAX_BYTES", MAX_BYTES)
    try:
        before = path.lstat()
        if before.st_size > cap:
            reason = (
                f"file is {before.st_size} bytes, over the {cap}-byte cap; not stored"
            )
            _refuse(path, folder, {"status": "rejected", "reason": reason})
            return "rejected"
        data = _read_no_follow(path)
        after = path.lstat()
    except FileNotFoundError:
        return "skipped"  # taken by someone else meanwhile
    except OSError as exc:
        logger.warning("wire folder: cannot read %s: %s", path, exc)
        return "error"
    if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns):
        return "skipped"  # still changing; try again on the next tick
    try:
        result = ingest_bytes(data, channel=Channel.FOLDER, origin=str(path))
    except (DatabaseError, OSError) as exc:
        # A full disk or a database away: not (wholly) stored. The file stays
        # for the next tick, which stores it or finishes parsing its bytes.
        logger.error(
            "wire folder: %s not stored, kept for the next tick: %s", path, exc
        )
        return "error"
    except Exception as exc:
        logger.exception("wire folder: ingest of %s failed", path)
        raw = RawItem.objects.filter(sha256=RawItem.digest(data)).first()
        if raw is None:
            return "error"  # not stored: leave the file for the next tick
        _refuse(
            path,
            folder,
            {"status": "rejected", "reason": f"ingest failed: {exc}", "raw_id": raw.pk},
        )
        return "error"
    if result.status == "rejected":
        _refuse(
            path,
            folder,
            {**result.as_dict(), "raw_id": result.raw.pk if result.raw else None},
        )
    else:
        move_keeping_name(path, folder / DONE)
    return result.status


def _read_no_follow(path: Path) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(f"{path} is not a regular file")
        return handle.read()


def _refuse(path: Path, folder: Path, report: dict) -> Path:
    target = move_keeping_name(path, folder / REFUSED, sidecar=".json")
    report = {
        "file": path.name,
        **report,
        "moved_to": target.name,
        "at": timezone.now().isoformat(),
    }
    sidecar = target.with_name(target.name + ".json")
    sidecar.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    return target


def move_keeping_name(path: Path, dest_dir: Path, *, sidecar: str = "") -> Path:
    """Move `path` into `dest_dir` without overwriting anything there.

    The name is kept, or becomes ``stem-2.suffix``, ``stem-3.suffix``... when
    taken (also when ``<name><sidecar>`` is taken, so a sidecar fits beside it).
    """
    dest_dir.mkdir(parents=True, exist_ok=True)
    stem, suffix = _split_name(path.name)
    for n in range(1, 10_000):
        name = path.name if n == 1 else f"{stem}-{n}{suffix}"
        target = dest_dir / name
        if sidecar and (dest_dir / (name + sidecar)).exists():
            continue
        try:
            os.link(path, target)  # fails if the name is taken: no overwrite race
        except FileExistsError:
            continue
        except OSError:
            # A file system without hard links: check, then rename.
            if target.exists():
                continue
            os.rename(path, target)
            return target
        os.unlink(path)
        return target
    raise OSError(f"no free name for {path.name} in {dest_dir}")


def _split_name(name: str) -> tuple[str, str]:
    """("story", ".xml") for story.xml; ("archive.tar", ".gz") is fine too."""
    dot = name.rfind(".")
    if dot <= 0:
        return name, ""
    return name[:dot], name[dot:]
