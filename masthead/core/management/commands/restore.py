import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from masthead.core.backup import (
    BackupError,
    check_backup,
    engine_label,
    human_size,
    restore_backup,
)


class Command(BaseCommand):
    help = (
        "Replace the database with a backup made by `masthead backup`, then purge "
        "the page cache. The file is checked (kind and completeness) before "
        "anything is touched; PostgreSQL is restored in a single transaction. "
        "Asks for confirmation unless --yes. Media files are not restored: put "
        "the media folder back from its own copy."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="The backup file.")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Replace the database without asking.",
        )

    def handle(self, *args, path: str, yes: bool, **options):
        backup = Path(path).expanduser()
        try:
            target = engine_label()
            check_backup(backup)
        except BackupError as error:
            raise CommandError(f"{error}. Nothing was changed.") from None
        size = human_size(backup.stat().st_size)
        if not yes and not self._confirmed(backup, size, target):
            raise CommandError(
                "Restore not confirmed (pass --yes to restore without asking). "
                "Nothing was changed."
            )
        try:
            restore_backup(backup)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored {target} from {backup} ({size}); page cache purged. "
            "Restart `masthead serve` so no process keeps in-memory copies."
        )

    def _confirmed(self, backup: Path, size: str, target: str) -> bool:
        if not sys.stdin.isatty():
            return False
        self.stdout.write(
            f"This replaces everything in {target} with {backup} ({size})."
        )
        answer = input('Type "restore" to go on: ')
        return answer.strip() == "restore"
