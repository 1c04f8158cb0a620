"""`masthead generate-archive --articles N`: a realistic archive for benchmarks
(masthead/demo/archive says how it is made)."""

from django.core.management.base import BaseCommand, CommandError

from masthead.demo.archive import (
    ARTICLES_PER_DAY,
    MAX_DAYS,
    ArchiveError,
    generate_archive,
)


class Command(BaseCommand):
    help = (
        "Add a realistic archive of N published articles (bench data): sections, "
        "sources, regions, tags, generated text, search index, in batches."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True)
        parser.add_argument("--seed", type=int, default=None)
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Spread over the last D days (default: about {ARTICLES_PER_DAY} "
            f"articles a day, at most {MAX_DAYS} days).",
        )
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, articles, seed, days, batch_size, verbosity, **options):
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        if days is not None and days < 1:
            raise CommandError("--days must be at least 1.")
        try:
            result = generate_archive(
                articles,
                seed=seed,
                days=days,
                batch_size=max(1, batch_size),
                progress=verbosity > 0,
            )
        except ArchiveError as e:
            raise CommandError(str(e)) from e
        rate = result["articles"] / max(result["seconds"], 1e-6)
        self.stdout.write(
            f"Added {result['articles']:,} articles over {result['days']} days in "
            f"{result['seconds']:.1f} s ({rate:,.0f}/s); search index updated."
        )
        if verbosity > 1:
            for slug, n in sorted(result["sections"].items()):
                self.stdout.write(f"  {slug}: {n:,}")
