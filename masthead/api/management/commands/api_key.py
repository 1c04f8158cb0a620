from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from masthead.api.readapi.keys import create_api_key
from masthead.api.readapi.models import DEFAULT_RATE_LIMIT
from masthead.newsroom.models import Source


class Command(BaseCommand):
    help = (
        "Create a key for the read API (GET /api/v1/items with "
        "'Authorization: Bearer <key>'). The key is printed once; only its hash "
        "is kept. Our own copy is always included; --source adds an agency's."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="Who the key is for, e.g. 'Harbour Times'.")
        parser.add_argument(
            "--source",
            action="append",
            default=[],
            metavar="SLUG",
            help="A source whose copy the key may receive (repeat for more).",
        )
        parser.add_argument(
            "--rate-limit",
            type=int,
            default=DEFAULT_RATE_LIMIT,
            help=f"Requests a minute (default {DEFAULT_RATE_LIMIT}).",
        )

    def handle(self, *args, name, source, rate_limit, **options):
        sources = list(Source.objects.filter(slug__in=source))
        unknown = sorted(set(source) - {s.slug for s in sources})
        if unknown:
            known = ", ".join(Source.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f"unknown source {', '.join(unknown)}; known: {known}")
        try:
            row, key = create_api_key(name, sources=sources, rate_limit=rate_limit)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        licensed = ", ".join(s.name for s in sources) or "our own copy only"
        self.stderr.write(
            f"API key {row.prefix}… for {row.name} (shown once; {row.rate_limit} "
            f"requests a minute; {licensed}): send 'Authorization: Bearer <key>'"
        )
        self.stdout.write(key)
