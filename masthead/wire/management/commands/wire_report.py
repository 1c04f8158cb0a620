import json

from django.core.management.base import BaseCommand, CommandError

from masthead.wire import report


class Command(BaseCommand):
    help = (
        "Vet agency files before switching a feed on: parse every file (folders "
        "recursively) in memory, store nothing, and print per format and provider "
        "the files parsed and refused (reasons grouped), warnings (grouped) and how "
        "often headline, body, byline, dateline, times with zone and subjects are "
        "filled. --json prints the same for machines, with one result per file."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files or folders.")
        parser.add_argument("--json", action="store_true", help="Print JSON.")
        parser.add_argument(
            "--top",
            type=int,
            default=8,
            help="Warnings shown per format and provider in the table (default 8).",
        )

    def handle(self, *args, paths, **options):
        try:
            result = report.build(paths)
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(report.to_json(result), indent=2))
        else:
            self.stdout.write(
                report.render_table(result, top=options["top"]), ending=""
            )
