"""Documents in the bucket stay private objects: readers get them only through
Wagtail's view, which checks the collection's privacy and streams the file."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from .conftest import fetch

pytestmark = pytest.mark.django_db

Document = get_document_model()


def test_a_document_is_private_in_the_bucket_and_served_by_the_view(client, bucket):
    legal = Collection.get_first_root_node().add_child(name="Legal (staff only)")
    CollectionViewRestriction.objects.create(
        collection=legal, restriction_type=CollectionViewRestriction.LOGIN
    )
    private = Document(title="Settlement draft", collection=legal)
    private.file.save("settlement-draft.txt", ContentFile(b"PRIVATE terms"))
    public = Document(title="Corrections policy")
    public.file.save("corrections.txt", ContentFile(b"We correct errors."))

    # In the bucket, and neither readable there without keys.
    assert bucket.keys("documents/") == {private.file.name, public.file.name}
    assert bucket.body(private.file.name) == b"PRIVATE terms"
    for document in (private, public):
        status, body, _ = fetch(bucket.url(document.file.name))
        assert status == 403
        assert b"terms" not in body and b"correct" not in body

    # The site's links go to the view, which streams from the bucket.
    assert public.url == f"/documents/{public.pk}/corrections.txt"
    reply = client.get(public.url)
    assert reply.status_code == 200
    assert b"".join(reply.streaming_content) == b"We correct errors."
    assert client.get(private.url).status_code == 302  # to the login page
    user = get_user_model().objects.create_user("desk", "desk@example.com", "pw")
    client.force_login(user)
    reply = client.get(private.url)
    assert reply.status_code == 200
    assert b"".join(reply.streaming_content) == b"PRIVATE terms"
