"""Draw the app's icons into the readers' static folder (readers/app/icons.py)."""

from django.core.management.base import BaseCommand

from masthead.readers.app import icons


class Command(BaseCommand):
    help = "Draw the web app's icons (PNG and SVG) into masthead/readers/static/readers/app/."

    def handle(self, *args, **options):
        for path in icons.write_all():
            self.stdout.write(str(path))
