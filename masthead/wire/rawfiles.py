"""Raw wire files in media storage, named by their sha256.

A raw file is `wire/raw/ab/cd/<sha256>` in the default storage: MEDIA_ROOT on
one box, the bucket when AWS_STORAGE_BUCKET_NAME is set. `wire/` is none of
MASTHEAD_PUBLIC_MEDIA_DIRS, so neither `masthead serve`, nginx nor the
bucket's ACLs hand it to anyone: the admin's raw view reads it through here.

The name is the content, so writing is idempotent: ingest writes the file
first and the RawItem row second, and a retry after a failed row insert (the
database's disk full, the database away) finds the same bytes under the same
name. A file whose row never came is harmless: the next ingest of those bytes
adopts it, and nothing else points at it. Deleting a RawItem deletes its file
once the delete is committed (models.py).
"""

from __future__ import annotations

import logging

from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

logger = logging.getLogger("masthead.wire")

RAW_DIR = "wire/raw"


class RawFileError(OSError):
    """The raw file could not be written or read (the store is away or full):
    an OSError, so every channel tells its sender to retry."""


def raw_name(sha256: str) -> str:
    return f"{RAW_DIR}/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def save_raw(data: bytes, sha256: str) -> str:
    """Store `data` under its name unless the same bytes are there already."""
    name = raw_name(sha256)
    storage = default_storage
    try:
        if storage.exists(name):
            if storage.size(name) == len(data):
                return name
            storage.delete(name)  # not these bytes (cut short elsewhere): redo
        saved = storage.save(name, ContentFile(data))
    except (BotoCoreError, ClientError) as error:
        raise RawFileError(f"raw file {name} not stored: {error}") from error
    if saved != name:
        # Another ingest of the same bytes wrote the name meanwhile, and the
        # storage gave this copy a free name instead: the copy is not needed.
        storage.delete(saved)
    return name


def read_raw(sha256: str, limit: int | None = None) -> bytes:
    """The stored bytes (the first `limit` only, when given)."""
    name = raw_name(sha256)
    try:
        with default_storage.open(name, "rb") as handle:
            return handle.read() if limit is None else handle.read(limit)
    except FileNotFoundError:
        raise
    except (BotoCoreError, ClientError) as error:
        if _missing(error):
            raise FileNotFoundError(name) from error
        raise RawFileError(f"raw file {name} not read: {error}") from error


def delete_raw(sha256: str) -> None:
    try:
        default_storage.delete(raw_name(sha256))
    except (OSError, BotoCoreError, ClientError):
        logger.exception("wire: raw file %s not deleted", raw_name(sha256))


def _missing(error: Exception) -> bool:
    if not isinstance(error, ClientError):
        return False
    code = str(error.response.get("Error", {}).get("Code", ""))
    return code in ("404", "NoSuchKey", "NotFound")
