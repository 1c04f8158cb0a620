"""Mail written to files: the one-box default when there is no SMTP server.

With no EMAIL_HOST, `make demo` still shows the whole mail flow: every
message becomes one `.eml` file in MASTHEAD_MAIL_DIR (var/mail/), which the
admin's outbox lists and any mail program opens. Files are written whole (a
temporary name, then a rename), named by time so a name sort is a time sort,
and pruned after MASTHEAD_MAIL_KEEP_DAYS.
"""

from __future__ import annotations

import email
import email.policy
import os
import re
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from heapq import nlargest
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend

FILE_NAME = re.compile(r"^\d{8}-\d{6}-\d{6}-[0-9a-f]{8}\.eml$")
DEFAULT_KEEP_DAYS = 14


def mail_dir() -> Path:
    return Path(
        getattr(settings, "MASTHEAD_MAIL_DIR", None) or Path(settings.VAR_DIR) / "mail"
    )


class FileMailBackend(BaseEmailBackend):
    """One `.eml` file per message, in MASTHEAD_MAIL_DIR."""

    def send_messages(self, email_messages) -> int:
        folder = mail_dir()
        folder.mkdir(parents=True, exist_ok=True)
        written = 0
        for message in email_messages:
            if not message.recipients():
                continue
            data = message.message().as_bytes(linesep="\n")
            name = (
                datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
                + f"-{secrets.token_hex(4)}.eml"
            )
            partial = folder / f".{name}.part"
            partial.write_bytes(data)
            os.replace(partial, folder / name)
            written += 1
        return written


@dataclass(frozen=True)
class StoredMail:
    name: str
    sent: datetime
    subject: str
    to: str
    sender: str


def _parse(path: Path) -> EmailMessage:
    with path.open("rb") as handle:
        return email.message_from_binary_file(handle, policy=email.policy.default)


def recent(limit: int = 50) -> list[StoredMail]:
    """The newest messages, newest first."""
    folder = mail_dir()
    if not folder.is_dir():
        return []
    with os.scandir(folder) as entries:
        names = nlargest(limit, (e.name for e in entries if FILE_NAME.match(e.name)))
    found = []
    for name in names:
        try:
            message = _parse(folder / name)
        except OSError:
            continue  # pruned meanwhile
        sent = datetime.strptime(name[:22], "%Y%m%d-%H%M%S-%f").replace(tzinfo=UTC)
        found.append(
            StoredMail(
                name=name,
                sent=sent,
                subject=str(message.get("Subject", "")),
                to=str(message.get("To", "")),
                sender=str(message.get("From", "")),
            )
        )
    return found


def read(name: str) -> EmailMessage | None:
    """One stored message by its file name; None for any other name."""
    if not FILE_NAME.match(name):
        return None
    path = mail_dir() / name
    try:
        return _parse(path)
    except OSError:
        return None


def prune(now: float | None = None) -> int:
    keep_days = getattr(settings, "MASTHEAD_MAIL_KEEP_DAYS", DEFAULT_KEEP_DAYS)
    folder = mail_dir()
    if not folder.is_dir():
        return 0
    cutoff = (now or time.time()) - keep_days * 86400
    removed = 0
    with os.scandir(folder) as entries:
        for entry in entries:
            if FILE_NAME.match(entry.name) and entry.stat().st_mtime < cutoff:
                Path(entry.path).unlink(missing_ok=True)
                removed += 1
    return removed
