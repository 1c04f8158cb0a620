"""Uploads are stored whole or not at all, and a full disk says so.

Django's FileSystemStorage writes an upload straight under its final name and
leaves whatever it wrote when the disk fills up: a truncated picture, document
or clip that nothing points at (the model row is never saved) but that takes
the little space left. `WholeFileStorage` writes under a hidden partial name
and links the file to its real name only once every byte is on disk; a failed
write removes the partial file.

`StorageFullMiddleware` turns the error of a full disk (ENOSPC, or a quota)
into a 507 page that tells the editor the file was not saved, instead of a
bare "Server Error".
"""

from __future__ import annotations

import errno
import logging
import os
import posixpath
import secrets

from django.core.files.storage import FileSystemStorage
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

logger = logging.getLogger("masthead.media")

PARTIAL_PREFIX = ".partial-"
FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
STORAGE_FULL_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Storage full</title></head>
<body><h1>The file was not saved: the server's storage is full</h1>
<p>Nothing of this upload was kept. Tell the site's administrator that the
media storage is full, then send the file again.</p>
</body></html>
"""


class WholeFileStorage(FileSystemStorage):
    """FileSystemStorage that never leaves part of a file under a real name."""

    def _save(self, name, content):
        directory, base = posixpath.split(name)
        partial = posixpath.join(
            directory, f"{PARTIAL_PREFIX}{secrets.token_hex(6)}-{base}"
        )
        try:
            partial = super()._save(partial, content)
        except BaseException:
            _remove(self.path(partial))
            raise
        try:
            return self._link_into_place(partial, name)
        finally:
            _remove(self.path(partial))

    def _link_into_place(self, partial: str, name: str) -> str:
        # A hard link fails if the name is taken, so no other upload is
        # overwritten; a taken name gets the storage's next free one.
        while True:
            try:
                os.link(self.path(partial), self.path(name))
            except FileExistsError:
                name = self.get_available_name(name)
                continue
            return name


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def is_storage_full(error: BaseException | None) -> bool:
    """True for ENOSPC/EDQUOT, also when wrapped by another exception."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, OSError) and error.errno in FULL_ERRNOS:
            return True
        error = error.__cause__ or error.__context__
    return False


def storage_full_response() -> HttpResponse:
    response = HttpResponse(STORAGE_FULL_PAGE, status=507)
    patch_cache_control(response, no_store=True)
    return response


class StorageFullMiddleware:
    """Answers 507 with a clear page when a request fails on a full disk."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_storage_full(exception):
            logger.error("storage full: %s answered 507 (%s)", request.path, exception)
            return storage_full_response()
        return None
