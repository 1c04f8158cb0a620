"""A crash mid-publish is all or nothing (issue 8, drills).

A `masthead shell -c` process publishes a draft and stops at a known point:
a receiver writes to one FIFO (the test reads it, so it knows where the
process is) and then blocks reading another that nobody writes. The test then
kills it with SIGKILL and reads the database from a new process: the article
is wholly unpublished (killed inside the publish) or wholly published (killed
just after it committed): live flag, live and latest revision, title, search
index and audit log agree. On SQLite (the served newsroom's database) and on
PostgreSQL when DATABASE_URL points there.
"""

import json
import os
import signal
import subprocess

import pytest
from django.db import connection

from tests.resilience.conftest import MASTHEAD, ROOT

pytestmark = pytest.mark.resilience
ON_POSTGRESQL = connection.vendor == "postgresql"

MAKE_DRAFT = """
from masthead.newsroom.factories import ArticleFactory
from masthead.newsroom.models import SectionPage
article = ArticleFactory(
    parent=SectionPage.objects.get(slug="world"), slug={slug!r},
    title="Old headline", publish=False,
)
revision = article.save_revision()
print(article.pk)
"""

# Publish a new title, stopping at {point}: "signalled" is inside the publish,
# in the page_published signal after the page row is written live and the
# search index updated (our receivers run first), before the audit log entry;
# "committed" is just after the publish's transaction has committed.
PUBLISH_AND_HOLD = """
import os
from django.db import transaction
from wagtail.signals import page_published
from masthead.newsroom.models import ArticlePage

def hold():
    with open(os.environ["CRASH_REACHED"], "w") as reached:
        reached.write("{point}\\n")
    open(os.environ["CRASH_HOLD"]).read()  # nobody writes: blocks until killed

def on_published(sender, instance, **kwargs):
    if instance.pk == {pk}:
        if "{point}" == "signalled":
            hold()
        else:
            transaction.on_commit(hold)

page_published.connect(on_published, weak=False)
article = ArticlePage.objects.get(pk={pk})
article.title = "New headline"
article.save_revision().publish()
print("published without stopping")
"""

STATE = """
import json
from wagtail.models import PageLogEntry
from wagtail.search.models import IndexEntry
from masthead.newsroom.models import ArticlePage
a = ArticlePage.objects.get(pk={pk})
print(json.dumps({{
    "live": a.live,
    "title": a.title,
    "live_revision": a.live_revision_id,
    "latest_revision": a.latest_revision_id,
    "revision_title": a.latest_revision.content["title"],
    "indexed_new": IndexEntry.objects.filter(
        object_id=str(a.pk), title="New headline"
    ).exists(),
    "logged": PageLogEntry.objects.filter(
        page_id=a.pk, action="wagtail.publish"
    ).count(),
}}))
"""


@pytest.fixture
def crash_env(request):
    """The environment of a `masthead` process on this run's database."""
    if ON_POSTGRESQL:
        # Committed, so the `masthead` processes see it (not the `site_tree`
        # fixture: through `db` it would sit in the test's open transaction).
        from masthead.demo.sitetree import build_site_tree

        build_site_tree(hostname="testserver")
        settings = connection.settings_dict
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "masthead.settings.test"}
        env["DATABASE_URL"] = (
            f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@"
            f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/"
            f"{settings['NAME']}"
        )
        return env
    return request.getfixturevalue("served").env


def _run(env, code: str) -> str:
    result = subprocess.run(
        [str(MASTHEAD), "shell", "-c", code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip().splitlines()[-1]


def _publish_and_kill(env, pk: int, point: str, tmp_path) -> None:
    reached, hold = tmp_path / "reached", tmp_path / "hold"
    os.mkfifo(reached)
    os.mkfifo(hold)
    env = {**env, "CRASH_REACHED": str(reached), "CRASH_HOLD": str(hold)}
    code = PUBLISH_AND_HOLD.format(pk=pk, point=point)
    process = subprocess.Popen(
        [str(MASTHEAD), "shell", "-c", code],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # Blocks until the publisher opens its end and writes: no sleeps.
        with open(reached) as fifo:
            said = fifo.read().strip()
        if said != point:
            process.kill()
            pytest.fail(f"the publisher said {said!r}: {process.communicate()}")
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


# On PostgreSQL the `masthead` processes share this run's database, so what the
# test makes is committed; on SQLite they use the served newsroom's file.
@pytest.mark.django_db(transaction=True) if ON_POSTGRESQL else (lambda test: test)
@pytest.mark.parametrize(
    ("point", "published"), [("signalled", False), ("committed", True)]
)
def test_a_publish_killed_midway_is_all_or_nothing(
    crash_env, tmp_path, point, published
):
    slug = f"crash-{point}-{os.getpid()}"
    pk = int(_run(crash_env, MAKE_DRAFT.format(slug=slug)))
    before = json.loads(_run(crash_env, STATE.format(pk=pk)))
    assert before["live"] is False and before["live_revision"] is None

    _publish_and_kill(crash_env, pk, point, tmp_path)

    state = json.loads(_run(crash_env, STATE.format(pk=pk)))
    if published:
        assert state["live"] is True
        assert state["title"] == state["revision_title"] == "New headline"
        assert state["live_revision"] == state["latest_revision"]
        assert state["indexed_new"] is True
        assert state["logged"] == 1
    else:
        # The new revision itself is the editor's saved draft, committed before
        # publishing began; what readers and the desk see of the page is old.
        live_side = ("live", "title", "live_revision", "indexed_new", "logged")
        assert {k: state[k] for k in live_side} == {k: before[k] for k in live_side}
        assert state["latest_revision"] != state["live_revision"]
