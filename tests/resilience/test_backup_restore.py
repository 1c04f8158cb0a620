"""Backup and restore drills (issue 8): pages served byte-identical after restore.

`masthead backup` and `masthead restore` run as the operator runs them, in
subprocesses against a newsroom of their own: a throw-away SQLite var folder,
and (when DATABASE_URL points at PostgreSQL) a throw-away PostgreSQL database.
Pages are rendered inside that newsroom both by Django's test client (a fresh
render) and through the WSGI page cache (what readers get), so a restore that
forgot to purge shows up as the altered page served from the cache.
"""

import base64
import json
import os
import re
import resource
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import pytest

from tests.servers import masthead_env

ROOT = Path(__file__).resolve().parents[2]
MASTHEAD = Path(sys.executable).with_name("masthead")

pytestmark = [pytest.mark.resilience, pytest.mark.integration]

ARCHIVE_DAY = "/archive/2025/05/16/"
PAGES = [
    "/",
    "/news/world/",
    "/news/world/harbour-reopens/",
    "/news/world/grid-upgrade/",
    ARCHIVE_DAY,
]

CONTENT = """
from datetime import UTC, datetime
from wagtail.models import Site
from masthead.core.models import SiteSettings
from masthead.core.pagecache import purge_all
from masthead.newsroom.factories import ArticleFactory, SourceFactory
from masthead.newsroom.models import SectionPage
from masthead.demo.sitetree import build_site_tree

build_site_tree()
world = SectionPage.objects.get(slug="world")
wire = SourceFactory(name="Drill Wire", slug="drill-wire", credit="Drill Wire")
for hour, (slug, title) in enumerate([
    ("harbour-reopens", "Harbour reopens after the winter dredging"),
    ("grid-upgrade", "Power grid upgrade finishes a year early"),
    ("river-survey", "River survey counts more otters than in 2020"),
]):
    ArticleFactory(
        parent=world, slug=slug, title=title, source=wire,
        published_at=datetime(2025, 5, 16, 6 + hour, tzinfo=UTC),
    )
settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
settings.tagline = "News before the drill"
settings.save()
purge_all()
"""

# What an editor does after the backup: one article retitled, one deleted, the
# tagline (on every page) changed. The purge makes the page cache hold the
# altered pages, which the restore must then drop.
ALTER = """
from wagtail.models import Site
from masthead.core.models import SiteSettings
from masthead.core.pagecache import purge_all
from masthead.newsroom.models import ArticlePage

harbour = ArticlePage.objects.get(slug="harbour-reopens")
harbour.title = "Harbour stays shut"
harbour.save_revision().publish()
ArticlePage.objects.get(slug="grid-upgrade").delete()
settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
settings.tagline = "News after the drill"
settings.save()
purge_all()
"""

RENDER = """
import base64, io, json
from django.test import Client
from masthead.wsgi import application

def through_page_cache(path):
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "",
        "SCRIPT_NAME": "", "SERVER_NAME": "testserver", "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "127.0.0.1", "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(), "wsgi.multithread": False,
        "wsgi.multiprocess": True, "wsgi.run_once": False,
    }
    started = {}
    def start_response(status, headers, exc_info=None):
        started.update(status=int(status.split()[0]), headers=dict(headers))
    chunks = application(environ, start_response)
    try:
        body = b"".join(chunks)
    finally:
        getattr(chunks, "close", lambda: None)()
    return started["status"], started["headers"].get("X-Cache", ""), body

out = {}
for path in PATHS:
    fresh = Client().get(path)
    status, x_cache, body = through_page_cache(path)
    out[path] = {
        "status": fresh.status_code,
        "fresh": base64.b64encode(fresh.content).decode(),
        "served_status": status,
        "x_cache": x_cache,
        "served": base64.b64encode(body).decode(),
    }
print("RENDERED " + json.dumps(out))
"""


class Newsroom:
    """A newsroom of its own, driven through the `masthead` command."""

    def __init__(self, env: dict[str, str], var_dir: Path):
        self.env = env
        self.var_dir = var_dir

    def run(self, *args: str, check: bool = True, **kwargs):
        result = subprocess.run(
            [str(MASTHEAD), *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
            **kwargs,
        )
        if check and result.returncode != 0:
            pytest.fail(
                f"`masthead {' '.join(args[:2])}` failed ({result.returncode}):\n"
                f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}",
                pytrace=False,
            )
        return result

    def shell(self, code: str) -> str:
        return self.run("shell", "-c", code).stdout

    def render(self) -> dict[str, dict]:
        output = self.shell(f"PATHS = {PAGES!r}\n{RENDER}")
        (line,) = [x for x in output.splitlines() if x.startswith("RENDERED ")]
        pages = json.loads(line.removeprefix("RENDERED "))
        for page in pages.values():
            page["fresh"] = base64.b64decode(page["fresh"])
            page["served"] = base64.b64decode(page["served"])
        return pages

    def build(self) -> None:
        self.run("migrate", "--no-input", "-v0")
        self.run("collectstatic", "--no-input", "-v0")  # the manifest pages link to
        self.shell(CONTENT)


def _text(page: dict) -> str:
    return page["fresh"].decode()


def drill(site: Newsroom, backup: Path, during_backup=None) -> None:
    """Render, back up, alter, restore, render: the same bytes as before."""
    before = site.render()
    for path, page in before.items():
        assert page["status"] == 200, (path, page["fresh"][:300])
        assert page["served"] == page["fresh"], f"{path}: the cache served other bytes"
    assert "Power grid upgrade" in _text(before[ARCHIVE_DAY])
    assert "News before the drill" in _text(before["/"])
    # Rendering is deterministic: a second render gives the same bytes.
    assert site.render()["/"]["fresh"] == before["/"]["fresh"]

    if during_backup is None:
        result = site.run("backup", "--output", str(backup))
    else:
        with during_backup():
            result = site.run("backup", "--output", str(backup))
    assert f"to {backup} (" in result.stdout
    assert "Media files are not included" in result.stdout

    site.shell(ALTER)
    altered = site.render()
    assert altered["/news/world/grid-upgrade/"]["status"] == 404
    assert "Harbour stays shut" in _text(altered["/news/world/harbour-reopens/"])
    assert "News after the drill" in _text(altered["/"])
    assert "Power grid upgrade" not in _text(altered[ARCHIVE_DAY])
    assert altered["/"]["x_cache"] == "MISS"  # the page cache now holds these
    assert site.render()["/"]["x_cache"] == "HIT"

    restored = site.run("restore", str(backup), "--yes")
    assert "page cache purged" in restored.stdout

    after = site.render()
    for path in PAGES:
        assert after[path]["status"] == before[path]["status"], path
        assert after[path]["fresh"] == before[path]["fresh"], f"{path} differs"
        assert after[path]["served"] == before[path]["served"], (
            f"{path}: the page cache still serves the altered page"
        )


# SQLite ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sqlite_site():
    var_dir = Path(tempfile.mkdtemp(prefix="masthead-backup-"))
    try:
        site = Newsroom(masthead_env(var_dir), var_dir)
        site.build()
        yield site
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


def test_sqlite_backup_while_writing_then_restore_serves_identical_pages(
    sqlite_site, tmp_path
):
    live = sqlite_site.var_dir / "masthead.sqlite3"

    class WriterMidTransaction:
        """Another process writing (uncommitted) while the backup runs: the
        backup neither waits for it nor contains its change."""

        def __enter__(self):
            self.db = sqlite3.connect(live, isolation_level=None, timeout=20)
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute(
                "UPDATE wagtailcore_page SET title = 'Half-written title' "
                "WHERE slug = 'river-survey'"
            )

        def __exit__(self, *exc):
            self.db.execute("ROLLBACK")
            self.db.close()

    backup = tmp_path / "nightly.sqlite3"
    drill(sqlite_site, backup, during_backup=WriterMidTransaction)

    assert backup.read_bytes().startswith(b"SQLite format 3\x00")
    assert (backup.stat().st_mode & 0o777) == 0o600, "a backup is private"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nightly.sqlite3"]
    copy = sqlite3.connect(f"file:{backup}?mode=ro&immutable=1", uri=True)
    titles = {row[0] for row in copy.execute("SELECT title FROM wagtailcore_page")}
    copy.close()
    assert "Half-written title" not in titles
    # The live database is still in WAL mode after the restore.
    with sqlite3.connect(live) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def _article_titles(site: Newsroom) -> list[str]:
    with sqlite3.connect(site.var_dir / "masthead.sqlite3") as db:
        rows = db.execute(
            "SELECT title FROM wagtailcore_page p JOIN newsroom_articlepage a "
            "ON a.page_ptr_id = p.id ORDER BY title"
        ).fetchall()
    return [title for (title,) in rows]


def test_sqlite_restore_refuses_bad_files_and_changes_nothing(sqlite_site, tmp_path):
    good = tmp_path / "good.sqlite3"
    sqlite_site.run("backup", "--output", str(good))
    sqlite_site.shell(
        "from masthead.newsroom.models import ArticlePage\n"
        "page = ArticlePage.objects.get(slug='river-survey')\n"
        "page.title = 'Made after the backup'\n"
        "page.save_revision().publish()\n"
    )
    titles = _article_titles(sqlite_site)
    assert "Made after the backup" in titles
    pages = sqlite_site.render()

    truncated = tmp_path / "truncated.sqlite3"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("SQLite is great\n")
    other_database = tmp_path / "other.sqlite3"
    with sqlite3.connect(other_database) as db:
        db.execute("CREATE TABLE recipes (name TEXT)")
    pg_archive = tmp_path / "prod.pgdump"
    pg_archive.write_bytes(b"PGDMP\x01\x0e\x00" + b"\x00" * 200)

    for path, reason in (
        (truncated, "is truncated"),
        (not_a_backup, "is not a Masthead backup"),
        (other_database, "not Masthead's"),
        (pg_archive, "is a PostgreSQL backup, but this site's database is SQLite"),
        (tmp_path / "missing.sqlite3", "is not a file"),
    ):
        result = sqlite_site.run("restore", str(path), "--yes", check=False)
        assert result.returncode != 0, path
        assert reason in result.stderr, result.stderr
        assert "Nothing was changed" in result.stderr

    # A good file, but no confirmation (no --yes, no terminal to ask on).
    result = sqlite_site.run(
        "restore", str(good), check=False, stdin=subprocess.DEVNULL
    )
    assert result.returncode != 0
    assert "pass --yes" in result.stderr

    assert _article_titles(sqlite_site) == titles
    again = sqlite_site.render()
    for path in PAGES:
        assert again[path]["served"] == pages[path]["served"], path


def _limit_file_size():
    # A real failed write part-way through the copy, as on a full disk: past
    # the limit write() fails with EFBIG (the signal would kill the process).
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, 256 * 1024))


def test_sqlite_backup_failures_leave_no_file(sqlite_site, tmp_path):
    target = tmp_path / "backups"
    target.mkdir()
    result = sqlite_site.run(
        "backup",
        "--output",
        str(target / "full.sqlite3"),
        check=False,
        preexec_fn=_limit_file_size,
    )
    assert result.returncode != 0
    assert "no backup written to" in result.stderr, result.stderr
    assert "is the disk full?" in result.stderr
    assert list(target.iterdir()) == [], "a failed backup left a file behind"

    result = sqlite_site.run(
        "backup", "--output", str(tmp_path / "no" / "such" / "x.sqlite3"), check=False
    )
    assert result.returncode != 0
    assert "does not exist" in result.stderr

    # With no --output: var/backups/, with a name that sorts by time.
    result = sqlite_site.run("backup")
    (made,) = (sqlite_site.var_dir / "backups").iterdir()
    assert made.name.startswith("masthead-") and made.suffix == ".sqlite3"
    assert str(made) in result.stdout


# PostgreSQL --------------------------------------------------------------------


def _postgres_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("the PostgreSQL drill needs DATABASE_URL=postgres://... (.ci/run)")
    return url


def _pg_env(config: dict) -> dict[str, str]:
    env = {**os.environ, "PGHOST": config["HOST"] or "127.0.0.1"}
    if config.get("PORT"):
        env["PGPORT"] = str(config["PORT"])
    if config.get("USER"):
        env["PGUSER"] = config["USER"]
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = config["PASSWORD"]
    return env


@pytest.fixture(scope="module")
def postgres_site():
    url = _postgres_url()
    config = dj_database_url.parse(url)
    pg = _pg_env(config)
    name = "masthead_backup_drill_" + secrets.token_hex(4)

    server = subprocess.run(
        ["psql", "-d", config["NAME"], "-Atc", "SHOW server_version_num"],
        env=pg,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    server_major = int(server) // 10000
    for tool in ("pg_dump", "pg_restore"):
        client = subprocess.run(
            [tool, "--version"], capture_output=True, text=True, check=True
        ).stdout
        # "pg_dump (PostgreSQL) 15.20 (Debian ...)": the first number is the version.
        assert int(re.search(r"\d+", client).group()) == server_major, (
            f"{tool} ({client.strip()}) does not match the PostgreSQL "
            f"{server_major} server"
        )

    subprocess.run(["createdb", name], env=pg, check=True)
    var_dir = Path(tempfile.mkdtemp(prefix="masthead-backup-pg-"))
    parts = urlsplit(url)
    drill_url = parts._replace(path="/" + name).geturl()
    try:
        site = Newsroom(masthead_env(var_dir, drill_url), var_dir)
        site.build()
        yield site
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
        subprocess.run(["dropdb", "--force", "--if-exists", name], env=pg, check=False)


def test_postgresql_backup_restore_serves_identical_pages(postgres_site, tmp_path):
    backup = tmp_path / "nightly.pgdump"
    drill(postgres_site, backup)
    assert backup.read_bytes().startswith(b"PGDMP")
    assert (backup.stat().st_mode & 0o777) == 0o600


def test_postgresql_restore_refuses_a_truncated_archive(postgres_site, tmp_path):
    good = tmp_path / "good.pgdump"
    postgres_site.run("backup", "--output", str(good))
    before = postgres_site.render()
    truncated = tmp_path / "truncated.pgdump"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size * 2 // 3])
    sqlite_file = tmp_path / "laptop.sqlite3"
    sqlite_file.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)

    for path, reason in (
        (truncated, "pg_restore failed"),
        (sqlite_file, "is a SQLite backup, but this site's database is PostgreSQL"),
    ):
        result = postgres_site.run("restore", str(path), "--yes", check=False)
        assert result.returncode != 0
        assert reason in result.stderr, result.stderr
        assert "Nothing was changed" in result.stderr

    after = postgres_site.render()
    for path in PAGES:
        assert after[path]["served"] == before[path]["served"], path
