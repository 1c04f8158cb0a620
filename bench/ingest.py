"""Wire ingest throughput: parse and store 10,000 items built from the sample corpus.

    .venv/bin/python bench/ingest.py [--items 10000] [--var-dir var/bench-ingest]

Each item is a real agency or IPTC sample from ../shared/wire-samples with its id
(or, for formats without one, its headline) made unique, so every item is parsed,
its raw bytes stored and a WireItem written, as on a busy wire. A fresh SQLite
database is made in --var-dir. Prints items/s beside the floors (parse alone:
400 items/s; parse + store: 200 items/s); asserts nothing on time (the test suite
never measures speed: a busy machine must not fail it).
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "wire-samples"
FLOOR = 200
PARSE_FLOOR = 400
PARSE_ITEMS = 1000


def corpus() -> list[bytes]:
    files = sorted(
        p
        for folder in ("agency-samples", "newsinjson/examples", "newsml-g2/examples")
        for p in (SAMPLES / folder).rglob("*")
        if p.is_file() and p.suffix not in {".xsd", ".md"} and "LICENSE" not in p.name
    )
    return [p.read_bytes() for p in files]


def variants(templates: list[tuple[bytes, bytes]], count: int):
    """The i-th item: a template with its id or headline suffixed with i."""
    for i in range(count):
        data, marker = templates[i % len(templates)]
        yield data.replace(marker, marker + f"-{i}".encode(), 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--var-dir", default=str(ROOT / "var" / "bench-ingest"))
    args = parser.parse_args()
    if not SAMPLES.is_dir():
        print(f"no samples at {SAMPLES}", file=sys.stderr)
        return 2

    var = Path(args.var_dir)
    shutil.rmtree(var, ignore_errors=True)
    os.environ["MASTHEAD_VAR_DIR"] = str(var)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.dev")
    subprocess.run(
        [str(ROOT / ".venv/bin/masthead"), "migrate", "-v0"], check=True, env=os.environ
    )
    import django

    django.setup()
    from masthead.wire.models import WireItem
    from masthead.wire.parsers import WireRefusal, parse
    from masthead.wire.services import ingest_bytes

    templates = []
    for data in corpus():
        try:
            story = parse(data)[0]
        except WireRefusal:
            continue
        marker = (story.guid or story.headline).encode()
        if marker and marker in data:
            templates.append((data, marker))
    print(f"{len(templates)} sample files usable as templates")

    # Parsing alone (pure, no database), as the conformance suite once timed it.
    blobs = [data for data, _marker in templates]
    started, parsed = time.perf_counter(), 0
    while parsed < PARSE_ITEMS:
        for data in blobs:
            parsed += len(parse(data))
    parse_rate = parsed / (time.perf_counter() - started)

    started = time.perf_counter()
    statuses: dict[str, int] = {}
    for data in variants(templates, args.items):
        result = ingest_bytes(data, origin="bench")
        statuses[result.status] = statuses.get(result.status, 0) + 1
    elapsed = time.perf_counter() - started
    rate = args.items / elapsed
    print(f"statuses: {statuses}; wire items stored: {WireItem.objects.count()}")
    print(f"{'figure':<34}{'measured':>12}{'floor':>10}")
    print(f"{'parse only, items/s':<34}{parse_rate:>12.0f}{PARSE_FLOOR:>10}")
    print(f"{'ingest, parse + store, items/s':<34}{rate:>12.0f}{FLOOR:>10}")
    print(f"{'total seconds for ' + str(args.items):<34}{elapsed:>12.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
