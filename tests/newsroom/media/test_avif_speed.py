"""AVIF renditions are encoded at the speed the settings give libavif."""

from io import BytesIO

from PIL import Image as PILImage
from wagtail.images.models import Filter


def _avif_rendition_bytes(image, spec: str) -> bytes:
    rendition = image.get_rendition(Filter(spec=spec))
    with rendition.file.open("rb") as f:
        return f.read()


def test_avif_rendition_is_a_real_avif_of_the_asked_size(make_image):
    image = make_image(width=1600, height=900)
    data = _avif_rendition_bytes(image, "fill-480x270|format-avif")
    decoded = PILImage.open(BytesIO(data))
    assert decoded.format == "AVIF"
    assert decoded.size == (480, 270)


def test_the_speed_setting_reaches_the_encoder(make_image, settings):
    # libavif's slowest and fastest settings make different files of the same
    # picture; if the setting were ignored both renditions would be identical.
    settings.MASTHEAD_AVIF_SPEED = 0
    slow = _avif_rendition_bytes(make_image(title="slow"), "width-400|format-avif")
    settings.MASTHEAD_AVIF_SPEED = 10
    fast = _avif_rendition_bytes(make_image(title="fast"), "width-400|format-avif")
    assert PILImage.open(BytesIO(slow)).size == PILImage.open(BytesIO(fast)).size
    assert slow != fast
