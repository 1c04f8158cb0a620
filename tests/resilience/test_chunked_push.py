"""Chunked pushes through the real server (issue 8, point 12).

Agencies' HTTP clients often stream a body with Transfer-Encoding: chunked and
no Content-Length; granian undoes the chunking. Within the size cap the item
is taken; over it the answer is 413 and nothing is stored.
"""

import http.client
import json
from urllib.parse import urlsplit

from masthead.wire.services import MAX_BYTES

PIECE = 64 * 1024


def pieces(data: bytes):
    for start in range(0, len(data), PIECE):
        yield data[start : start + PIECE]


def push_chunked(served, token: str, data: bytes) -> tuple[int, dict]:
    url = urlsplit(served.base_url)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    try:
        # An iterable body and no Content-Length: http.client sends it chunked.
        conn.request(
            "POST",
            "/wire/push/xinhua/",
            body=pieces(data),
            headers={
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/json",
            },
            encode_chunked=True,
        )
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


def stored_pushes(served) -> int:
    with served.db() as db:
        (count,) = db.execute(
            "SELECT COUNT(*) FROM wire_rawitem WHERE origin = 'push:xinhua'"
        ).fetchone()
    return count


def test_chunked_pushes_within_and_over_the_cap(served):
    token = served.masthead("wire_token", "xinhua").strip()
    story = json.dumps(
        {
            "uri": "urn:chunked:1",
            "headline": "Streamed in pieces",
            "body_html": "<p>" + "Words in many chunks. " * 10_000 + "</p>",
            "version": "1",
            "versioncreated": "2025-05-16T10:00:00Z",
        }
    ).encode()
    assert PIECE < len(story) < MAX_BYTES

    status, body = push_chunked(served, token, story)
    assert status == 202, body
    assert body["guid"] == "urn:chunked:1" and body["provider"] == "Xinhua"
    assert stored_pushes(served) == 1

    status, body = push_chunked(served, token, b"x" * (MAX_BYTES + 1))
    assert status == 413, body
    assert body["reason"] == f"body is over the {MAX_BYTES}-byte cap"
    assert stored_pushes(served) == 1
