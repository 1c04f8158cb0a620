from django.core.management.base import BaseCommand, CommandError

from masthead.core.backup import BackupError, engine_label, human_size, make_backup


class Command(BaseCommand):
    help = (
        "Back up the database to one file while the site keeps serving: SQLite "
        "through its online backup API (a .sqlite3 file), PostgreSQL through "
        "`pg_dump --format=custom` (a .pgdump file). Media files (var/media, or "
        "the S3 bucket) are NOT in it: back them up after the database, see "
        "docs/operations.md. The file appears only once complete."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            metavar="PATH",
            help="File or existing folder to write to "
            "(default: var/backups/masthead-<UTC time>.sqlite3 or .pgdump).",
        )

    def handle(self, *args, output: str | None, **options):
        try:
            source = engine_label()
            path = make_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from None
        size = human_size(path.stat().st_size)
        self.stdout.write(f"Backed up {source} to {path} ({size}).")
        self.stdout.write(
            "Media files are not included: copy the media folder (or keep the "
            "bucket's versions) as well."
        )
