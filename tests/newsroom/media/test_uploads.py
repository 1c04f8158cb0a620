"""Image uploads are checked by content: type, pixel cap, size cap; SVG refused.

The extra checks (format allow-list by content, full decode) live in
masthead.newsroom.media.uploads.NewsImageForm, which the admin uses once
WAGTAILIMAGES_IMAGE_FORM_BASE points at it (set here by a fixture).
"""

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images.forms import get_image_form
from wagtail.models import Collection

from masthead.newsroom.models import NewsImage, NewsRendition

from .conftest import image_bytes, png_with_header

pytestmark = pytest.mark.integration

SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" '
    b'height="10"><script>alert(document.cookie)</script></svg>'
)
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"


@pytest.fixture(autouse=True)
def news_image_form(settings):
    settings.WAGTAILIMAGES_IMAGE_FORM_BASE = (
        "masthead.newsroom.media.uploads.NewsImageForm"
    )


def upload(name, content):
    return SimpleUploadedFile(name, content)


def post_image(client, name, content, **fields):
    data = {
        "title": "Harbour",
        "alt_text": "Boats in the harbour at dawn",
        "caption": "",
        "credit": "Li Wei",
        "collection": Collection.get_first_root_node().pk,
        "file": upload(name, content),
        **fields,
    }
    return client.post(reverse("wagtailimages:add"), data)


def file_errors(response) -> str:
    assert response.status_code == 200, "the form should be shown again"
    form = response.context["form"]
    return " ".join(form.errors.get("file", []))


def form_errors(name, content, **fields) -> dict:
    form_class = get_image_form(NewsImage)
    data = {
        "title": "Harbour",
        "alt_text": "Boats",
        "collection": Collection.get_first_root_node().pk,
        **fields,
    }
    form = form_class(data, {"file": upload(name, content)})
    assert not form.is_valid()
    return form.errors


def test_settings_caps():
    assert "svg" not in django_settings.WAGTAILIMAGES_EXTENSIONS
    assert django_settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 20 * 1024 * 1024
    assert django_settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000


def test_a_good_upload_is_saved_with_its_metadata_and_renditions(admin_client):
    response = post_image(admin_client, "harbour.jpg", image_bytes(640, 360))
    assert response.status_code == 302
    image = NewsImage.objects.get()
    assert (image.width, image.height) == (640, 360)
    assert image.alt_text == "Boats in the harbour at dawn"
    assert image.credit == "Li Wei"
    assert image.file_size and image.file_hash
    # Test settings run tasks at once; in production the worker makes these.
    assert NewsRendition.objects.filter(image=image).count() == 24


@pytest.mark.parametrize("via", ["admin", "form"])
def test_svg_is_refused(admin_client, via):
    if via == "admin":
        errors = file_errors(post_image(admin_client, "logo.svg", SVG))
    else:
        errors = " ".join(form_errors("logo.svg", SVG)["file"])
    assert "Not a supported image format" in errors
    assert NewsImage.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.png", SVG, "does not match the file format (svg)"),
        ("photo.jpg", image_bytes(64, 64, "PNG"), "does not match the file format"),
        ("photo.jpg", HTML, "Upload a valid image"),
        ("photo.jpg", bytes(range(256)) * 40, "Upload a valid image"),
        ("photo.jpg", b"", "The submitted file is empty"),
    ],
    ids=["svg-as-png", "png-as-jpg", "html-as-jpg", "garbage-as-jpg", "empty"],
)
def test_content_that_does_not_match_its_name_is_refused(
    admin_client, name, content, message
):
    assert message in file_errors(post_image(admin_client, name, content))
    assert NewsImage.objects.count() == 0


@pytest.mark.parametrize("size", [8000, 20000])
def test_a_pixel_bomb_is_refused_by_the_pixel_cap(admin_client, size):
    bomb = png_with_header(size, size)
    assert len(bomb) < 10_000  # tiny on disk, huge in memory
    errors = file_errors(post_image(admin_client, "bomb.png", bomb))
    assert "too many pixels" in errors
    assert "40000000" in errors
    assert NewsImage.objects.count() == 0


def test_an_oversize_file_is_refused_by_the_size_cap(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 2_000
    content = image_bytes(400, 300)
    assert len(content) > 2_000
    errors = file_errors(post_image(admin_client, "big.jpg", content))
    assert "This file is too big" in errors
    assert NewsImage.objects.count() == 0


def cut(data: bytes, keep: float) -> bytes:
    return data[: int(len(data) * keep)]


def corrupt(data: bytes, at: float) -> bytes:
    i = int(len(data) * at)
    return data[:i] + bytes([data[i] ^ 0xFF]) + data[i + 1 :]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("cut.png", cut(image_bytes(320, 180, "PNG"), 0.6)),
        ("flipped.png", corrupt(image_bytes(320, 180, "PNG"), 0.5)),
        ("cut.jpg", cut(image_bytes(640, 360), 0.5)),
        ("cut.webp", cut(image_bytes(640, 360, "WEBP"), 0.5)),
    ],
    ids=["truncated-png", "bad-crc-png", "truncated-jpeg", "truncated-webp"],
)
def test_a_damaged_image_with_a_good_header_is_refused(admin_client, name, content):
    # Wagtail alone reads only the header and accepts these; the worker would
    # then fail on them. NewsImageForm decodes the file at upload.
    errors = file_errors(post_image(admin_client, name, content))
    assert "damaged or incomplete" in errors
    assert NewsImage.objects.count() == 0


def test_missing_alt_text_is_refused(admin_client):
    response = post_image(admin_client, "harbour.jpg", image_bytes(64, 64), alt_text="")
    assert response.status_code == 200
    assert "alt_text" in response.context["form"].errors
    assert NewsImage.objects.count() == 0
    assert "alt_text" in form_errors("harbour.jpg", image_bytes(64, 64), alt_text="")


def test_multiple_upload_keeps_the_file_aside_until_alt_text_is_given(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {
            "files[]": upload("harbour.jpg", image_bytes(64, 64)),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    assert NewsImage.objects.count() == 0  # an UploadedFile waits for the form
    refused = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": upload("logo.svg", SVG)},
    )
    assert refused.json()["success"] is False
    assert "Not a supported image format" in refused.json()["error_message"]


def test_the_form_lets_an_edit_without_a_new_file_through(admin_client):
    post_image(admin_client, "harbour.jpg", image_bytes(64, 64))
    image = NewsImage.objects.get()
    response = admin_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {
            "title": "Harbour, renamed",
            "alt_text": "Boats",
            "collection": image.collection_id,
        },
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.title == "Harbour, renamed"


def test_replacing_the_file_makes_the_new_files_renditions(admin_client):
    post_image(admin_client, "harbour.jpg", image_bytes(64, 64))
    image = NewsImage.objects.get()
    old = set(image.renditions.values_list("file", flat=True))
    response = admin_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {
            "title": "Harbour",
            "alt_text": "Boats",
            "collection": image.collection_id,
            "file": upload("new.jpg", image_bytes(96, 54, colour=(0, 90, 0))),
        },
    )
    assert response.status_code == 302
    new = set(image.renditions.values_list("file", flat=True))
    assert len(new) == 24
    assert not (old & new)
