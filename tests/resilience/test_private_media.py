"""Documents are served only through Wagtail's checked view (issue 8, point 4).

Against the real `masthead serve`: granian serves the public media folders as
plain files, and a document, public or in a login-restricted collection, is
not among them; nor is a raw wire file (media/wire/raw/, issue 14), neither by
granian nor by the shipped nginx config in front of it.
"""

import json
from urllib.parse import urlsplit

import pytest

from .test_nginx_microcache import nginx  # noqa: F401 - a fixture, known by name

pytestmark = pytest.mark.resilience

UPLOAD = """
import json
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

Document = get_document_model()
legal = Collection.get_first_root_node().add_child(name="Legal (staff only)")
CollectionViewRestriction.objects.create(
    collection=legal, restriction_type=CollectionViewRestriction.LOGIN
)
private = Document(title="Settlement draft", collection=legal)
private.file.save("settlement-draft.txt", ContentFile(b"PRIVATE settlement terms"))
public = Document(title="Corrections policy")
public.file.save("corrections-policy.txt", ContentFile(b"PUBLIC corrections policy"))
print("DOCS " + json.dumps({
    name: {"url": doc.url, "file": doc.file.name}
    for name, doc in (("private", private), ("public", public))
}))
"""


@pytest.fixture(scope="module")
def documents(served):
    output = served.masthead("shell", "-c", UPLOAD)
    line = next(x for x in output.splitlines() if x.startswith("DOCS "))
    docs = json.loads(line[5:])
    for doc in docs.values():
        assert (served.var_dir / "media" / doc["file"]).exists()
    return docs


@pytest.mark.parametrize("which", ["private", "public"])
def test_no_document_is_a_plain_file_under_media(served, documents, which):
    reply = served.get("/media/" + documents[which]["file"])
    assert reply.status in (403, 404)
    assert b"settlement" not in reply.body and b"corrections policy" not in reply.body


def test_a_document_in_a_restricted_collection_needs_a_login(served, documents):
    url = documents["private"]["url"]
    assert url.startswith("/documents/")

    reply = served.get(url)

    assert reply.status == 302
    assert "/login/" in reply.headers["Location"]
    assert b"PRIVATE" not in reply.body


def test_a_public_document_is_served_with_nosniff_and_a_csp(served, documents):
    reply = served.get(documents["public"]["url"])

    assert reply.status == 200
    assert reply.body == b"PUBLIC corrections policy"
    assert reply.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in reply.headers["Content-Security-Policy"]


def test_images_are_still_plain_files(served):
    renditions = served.var_dir / "media" / "images"
    renditions.mkdir(parents=True, exist_ok=True)
    (renditions / "probe.txt").write_bytes(b"a rendition stands in here")

    reply = served.get("/media/images/probe.txt")

    assert reply.status == 200
    assert reply.body == b"a rendition stands in here"


INGEST = """
from masthead.wire.services import ingest_bytes
data = (b'{"uri": "urn:private:wire", "headline": "PRIVATE agency copy",'
        b' "body_html": "<p>Embargoed until noon.</p>"}')
print("RAW " + ingest_bytes(data, origin="private.json").raw.file_name)
"""


@pytest.fixture(scope="module")
def wire_raw(served):
    output = served.masthead("shell", "-c", INGEST)
    name = next(x for x in output.splitlines() if x.startswith("RAW "))[4:]
    assert name.startswith("wire/raw/")
    assert b"PRIVATE" in (served.var_dir / "media" / name).read_bytes()
    return name


def test_a_wire_raw_file_is_no_plain_file_under_media(served, wire_raw):
    reply = served.get("/media/" + wire_raw)
    if reply.status == 301:  # not a file, so the app adds its slash: follow it
        reply = served.get(urlsplit(reply.headers["Location"]).path)
    assert reply.status in (403, 404)
    assert b"PRIVATE" not in reply.body and b"Embargoed" not in reply.body


def test_nginx_does_not_serve_a_wire_raw_file(nginx, wire_raw):  # noqa: F811
    reply = nginx.get("/media/" + wire_raw)
    assert reply.status == 404
    assert b"PRIVATE" not in reply.body and b"Embargoed" not in reply.body
