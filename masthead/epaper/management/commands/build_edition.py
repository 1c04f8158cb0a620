from datetime import date, datetime

from django.core.management.base import BaseCommand, CommandError

from masthead.epaper.build import NothingToPrint, build_edition
from masthead.epaper.content import site_zone
from masthead.epaper.models import EditionBuild


class Command(BaseCommand):
    help = (
        "Build (or rebuild) the PDF edition of a day (YYYY-MM-DD, the site's "
        "date; default today) and print where it is."
    )

    def add_arguments(self, parser):
        parser.add_argument("day", nargs="?", help="YYYY-MM-DD (default: today)")
        parser.add_argument("--reason", default="", help="Why, for the build log.")

    def handle(self, *args, day=None, reason="", **options):
        if day:
            try:
                when = date.fromisoformat(day)
            except ValueError as error:
                raise CommandError(f"Not a date (YYYY-MM-DD): {day!r}") from error
        else:
            when = datetime.now(tz=site_zone()).date()
        try:
            edition = build_edition(
                when,
                trigger=EditionBuild.Trigger.COMMAND,
                reason=reason or "Built with `masthead build-edition`.",
            )
        except NothingToPrint as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{edition.get_absolute_url()} {edition.pdf}: "
            f"{edition.pages} pages, {edition.size} bytes"
        )
