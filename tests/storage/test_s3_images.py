"""Images in the bucket: the admin's upload, the worker's renditions, the
article page naming them, and readers fetching them from the store itself."""

from datetime import UTC, datetime
from io import BytesIO
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.models import Collection

from masthead.newsroom.factories import ArticleFactory
from masthead.newsroom.media.bucket import BucketStorage
from masthead.newsroom.media.tasks import make_renditions
from masthead.newsroom.models import NewsImage, NewsRendition
from masthead.settings.object_storage import bucket_storage
from tests.newsroom.media.conftest import image_bytes

from .conftest import fetch

pytestmark = pytest.mark.django_db


def upload(client, name: str, content: bytes, title: str = "Harbour") -> NewsImage:
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": title,
            "alt_text": f"Photo: {title}",
            "credit": "Li Wei",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 302, response.content[:500]
    return NewsImage.objects.get(title=title)


def page_of(client, url: str):
    caches["pages"].clear()
    response = client.get(url)
    assert response.status_code == 200
    return response, BeautifulSoup(response.content, "html.parser")


def test_upload_renditions_and_page_are_served_from_the_bucket(
    admin_client, client, section, bucket
):
    original = image_bytes(960, 540)
    image = upload(admin_client, "harbour.jpg", original)

    # The original is in the bucket, readable by anyone, byte for byte.
    assert image.file.name.startswith("original_images/")
    assert bucket.keys("original_images/") == {image.file.name}
    assert bucket.body(image.file.name) == original
    status, body, _ = fetch(image.file.url)
    assert (status, body) == (200, original)
    # Test settings run the worker's task at once: every rendition is there.
    renditions = NewsRendition.objects.filter(image=image)
    assert renditions.count() == 24
    assert {r.file.name for r in renditions} == bucket.keys("images/")
    assert make_renditions.call(image.pk) == 0  # read back from the bucket

    article = ArticleFactory(
        parent=section("world"),
        title="Port reopens",
        slug="port-reopens",
        main_image=image,
        published_at=datetime(2025, 5, 16, 15, 35, tzinfo=UTC),
    )
    response, page = page_of(client, article.url)
    img = page.select_one(".article__figure picture img")
    avif = page.select_one('.article__figure source[type="image/avif"]')
    jpeg_url = img["src"]
    avif_url = avif["srcset"].split(",")[0].split(" ")[0]
    for url in (jpeg_url, avif_url):
        assert url.startswith(bucket.url("images/")), url

    # The page's URLs answer from the store with the rendition's bytes.
    status, body, content_type = fetch(jpeg_url)
    assert (status, content_type) == (200, "image/jpeg")
    rendition = renditions.get(filter_spec="width-480|format-jpeg")
    assert body == bucket.body(rendition.file.name)
    with PILImage.open(BytesIO(body)) as picture:
        assert (picture.format, picture.size) == ("JPEG", (480, 270))
    status, body, content_type = fetch(avif_url)
    assert (status, content_type) == (200, "image/avif")
    with PILImage.open(BytesIO(body)) as picture:
        assert picture.format == "AVIF"

    # The page's policy lets the browser load them from there.
    policy = response["Content-Security-Policy"]
    directives = {d.split()[0]: d.split()[1:] for d in policy.split("; ")}
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(jpeg_url))
    assert origin == bucket.endpoint
    assert origin in directives["img-src"]
    assert origin in directives["media-src"]
    assert origin not in directives["script-src"]
    admin_policy = admin_client.get(reverse("wagtailimages:index"))[
        "Content-Security-Policy"
    ]
    assert f"img-src 'self' data: blob: {origin}" in admin_policy


def test_two_uploads_with_one_name_keep_their_own_bytes(admin_client, bucket):
    first = upload(admin_client, "photo.jpg", image_bytes(400, 300), title="One")
    second = upload(
        admin_client, "photo.jpg", image_bytes(400, 300, colour=(0, 200, 0)), "Two"
    )

    assert first.file.name != second.file.name
    for image in (first, second):
        with image.file.open("rb") as fh:
            stored = fh.read()
        assert fetch(image.file.url)[1] == stored
    assert bucket.body(first.file.name) != bucket.body(second.file.name)


def test_only_the_public_folders_are_public(bucket):
    storage = BucketStorage(**bucket_options(bucket))
    for name in ("images/a.jpg", "original_images/a.jpg", "videos/2025/05/a.mp4"):
        assert storage.get_object_parameters(name)["ACL"] == "public-read"
    for name in ("documents/a.pdf", "images", "wire/raw/a.xml", "epaperx/a.pdf"):
        assert storage.get_object_parameters(name)["ACL"] == "private"
    located = BucketStorage(**bucket_options(bucket), location="site")
    assert located.is_public("site/images/a.jpg")
    assert not located.is_public("images/a.jpg")


def bucket_options(bucket) -> dict:
    return bucket_storage(bucket.env)["OPTIONS"]
