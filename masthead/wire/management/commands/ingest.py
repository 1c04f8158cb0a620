import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from masthead.wire.models import Channel
from masthead.wire.services import ingest_bytes


def expand(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files += sorted(
                p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
            )
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(f"No such file or folder: {name}")
    return files


class Command(BaseCommand):
    help = (
        "Ingest agency files (or folders of them). Prints one JSON line per file: "
        "file, status (ok, duplicate, rejected), format, provider, guid, version, "
        'headline, reason, and a summary such as "ok (2 stories, 1 refused: item 3: '
        'no headline and no body)". Exits 0 unless the tool itself failed.'
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files or folders.")

    def handle(self, *args, paths, **options):
        files = expand(paths)
        bar = tqdm(files, unit="file", file=sys.stderr, disable=not sys.stderr.isatty())
        counts = {"ok": 0, "duplicate": 0, "rejected": 0}
        for path in bar:
            try:
                data = path.read_bytes()
            except OSError as exc:
                line = {
                    "file": str(path),
                    "status": "rejected",
                    "reason": f"cannot read: {exc}",
                }
                counts["rejected"] += 1
            else:
                result = ingest_bytes(data, channel=Channel.FILE, origin=str(path))
                counts[result.status] += 1
                line = {
                    "file": str(path),
                    **result.as_dict(),
                    "summary": result.summary,
                }
            bar.set_postfix(counts, refresh=False)
            try:
                self.stdout.write(json.dumps(line, ensure_ascii=False))
                self.stdout.flush()
            except BrokenPipeError:  # `masthead ingest … | head` is fine
                return
