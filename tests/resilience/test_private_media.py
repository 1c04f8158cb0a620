"""Documents are served only through Wagtail's checked view (issue 8, point 4).

Against the real `masthead serve`: granian serves the public media folders as
plain files, and a document, public or in a login-restricted collection, is
not among them.
"""

import json

import pytest

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
