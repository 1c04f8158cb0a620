"""The same wire item pushed twice at once (issue 8, drills): one is stored.

Through the real server: two POSTs of identical bytes leave together (a
barrier releases both) to `masthead serve`'s two granian workers. In process
on PostgreSQL (`.ci/run`'s integration pass): threads with connections of
their own call ingest on the real database, where the race is real.
"""

import json
import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from masthead.wire.models import Channel, RawItem, WireItem
from masthead.wire.services import ingest_bytes

pytestmark = pytest.mark.resilience

AT_ONCE = 4


def _story(guid: str) -> bytes:
    return json.dumps(
        {
            "uri": guid,
            "headline": "Ferry terminal opens a week early",
            "body_html": "<p>The first boat left at six.</p>",
            "version": "1",
            "versioncreated": "2025-05-16T10:00:00Z",
        }
    ).encode()


def _all_at_once(call, times: int) -> list:
    barrier = threading.Barrier(times)

    def go(_):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(times) as pool:
        return list(pool.map(go, range(times)))


def test_identical_pushes_at_once_store_one_item(served):
    token = served.masthead("wire_token", "xinhua").strip()
    story = _story("urn:twice:served")

    def push():
        request = urllib.request.Request(
            served.base_url + "/wire/push/xinhua/",
            data=story,
            method="POST",
            headers={
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, error.read()[:500]

    answers = _all_at_once(push, AT_ONCE)
    statuses = sorted(status for status, _body in answers)
    assert statuses == [200] * (AT_ONCE - 1) + [202], answers
    assert {body["status"] for _s, body in answers} == {"ok", "duplicate"}
    with served.db() as db:
        (raws,) = db.execute(
            "SELECT COUNT(*) FROM wire_rawitem WHERE origin = 'push:xinhua' "
            "AND sha256 = ?",
            (RawItem.digest(story),),
        ).fetchone()
        (items,) = db.execute(
            "SELECT COUNT(*) FROM wire_wireitem WHERE item_key = 'urn:twice:served'"
        ).fetchone()
    assert (raws, items) == (1, 1)


@pytest.mark.django_db(transaction=True)
def test_identical_ingests_at_once_on_postgresql_store_one_item():
    if connection.vendor != "postgresql":
        pytest.skip("the real race needs PostgreSQL (DATABASE_URL=postgres://...)")
    story = _story("urn:twice:postgresql")

    def ingest():
        try:
            return ingest_bytes(story, channel=Channel.PUSH, origin="push:xinhua")
        finally:
            connections.close_all()  # this thread's own connection

    results = _all_at_once(ingest, AT_ONCE)
    assert sorted(r.status for r in results) == ["duplicate"] * (AT_ONCE - 1) + ["ok"]
    assert RawItem.objects.count() == 1
    assert WireItem.objects.filter(item_key="urn:twice:postgresql").count() == 1
