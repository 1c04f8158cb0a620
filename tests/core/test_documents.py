"""Documents go out through Wagtail's permission-checked view (issue 8, point 4).

The plain-file side (granian serving /media/) is drilled against the real
server in tests/resilience/test_private_media.py.
"""

import os

import pytest
from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

pytestmark = pytest.mark.integration

Document = get_document_model()


@pytest.fixture
def private_document(db):
    legal = Collection.get_first_root_node().add_child(name="Legal (staff only)")
    CollectionViewRestriction.objects.create(
        collection=legal, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = Document(title="Settlement draft", collection=legal)
    document.file.save("settlement-draft.txt", ContentFile(b"PRIVATE terms"))
    return document


def test_document_links_point_at_the_checked_view(private_document):
    assert private_document.url == (
        f"/documents/{private_document.pk}/settlement-draft.txt"
    )


class BucketLikeStorage(FileSystemStorage):
    """Files with a URL of their own and no local path, as on S3."""

    def path(self, name):
        raise NotImplementedError

    def _open(self, name, mode="rb"):
        return File(open(super().path(name), mode))

    def size(self, name):
        return os.path.getsize(super().path(name))

    def url(self, name):
        return "https://bucket.example.net/media/" + name


BUCKET = {
    "default": {"BACKEND": "tests.core.test_documents.BucketLikeStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def test_a_bucket_is_never_redirected_to(client, settings, private_document):
    # With S3, Wagtail's default serve method redirects to the bucket's URL,
    # which checks nobody's login; the view must stream the file itself.
    settings.STORAGES = {
        **BUCKET,
        "default": {
            **BUCKET["default"],
            "OPTIONS": {"location": str(settings.MEDIA_ROOT)},
        },
    }
    assert private_document.file.url.startswith("https://bucket.example.net/")
    user = get_user_model().objects.create_user("desk", "desk@example.com", "pw")
    client.force_login(user)

    reply = client.get(private_document.url)

    assert reply.status_code == 200
    assert b"".join(reply.streaming_content) == b"PRIVATE terms"


def test_a_restricted_document_needs_a_login(client, private_document):
    anonymous = client.get(private_document.url)
    assert anonymous.status_code == 302
    assert "/login/" in anonymous["Location"]

    user = get_user_model().objects.create_user("desk", "desk@example.com", "pw")
    client.force_login(user)
    reply = client.get(private_document.url)
    assert reply.status_code == 200
    assert reply["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in reply["Content-Security-Policy"]
    assert "no-store" in reply["Cache-Control"]
