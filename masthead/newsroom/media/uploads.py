"""Upload checks by content, on top of Wagtail's.

Wagtail's image field already (a) allows only WAGTAILIMAGES_EXTENSIONS, so SVG
is refused by name; (b) opens the file with Willow and refuses what it cannot
identify, and a name whose extension does not match the content (a PNG called
.jpg); (c) refuses a file over WAGTAILIMAGES_MAX_UPLOAD_SIZE; (d) refuses more
pixels than WAGTAILIMAGES_MAX_IMAGE_PIXELS, read from the header, before any
decoding. `NewsImageForm` (WAGTAILIMAGES_IMAGE_FORM_BASE) adds what is missing:
an allow-list of formats by content (so a later change of WAGTAILIMAGES_EXTENSIONS
can never let SVG in), and a full decode, so a file with a good header and broken
data is refused at upload instead of failing later in the worker.

`VideoClipForm` refuses a clip that is not MP4 or WebM by its first bytes and
one over MASTHEAD_VIDEO_MAX_UPLOAD_SIZE; the worker then checks it in full with
ffprobe (media/video.py).
"""

from __future__ import annotations

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image as PILImage
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from masthead.newsroom.media.tasks import enqueue_make_renditions
from masthead.newsroom.media.video import sniff_file

# Raster formats readers' browsers show, by what Willow detects in the content.
ALLOWED_IMAGE_FORMATS = {"jpeg", "png", "gif", "webp", "avif"}
DEFAULT_VIDEO_MAX_UPLOAD_SIZE = 500 * 1024 * 1024


DAMAGED_MESSAGE = (
    "This picture is damaged or incomplete and cannot be used. "
    "Export it again and upload the new file."
)


class NewsImageField(WagtailImageField):
    """Wagtail's field, but a file that breaks the decoder while Wagtail reads
    its size (a truncated JPEG or WebP raises OSError in Wagtail 8.0.1, a 500
    in the admin) is a form error."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except ValidationError:
            raise
        except Exception:  # noqa: BLE001 - any decoder error means a broken file
            raise ValidationError(DAMAGED_MESSAGE, code="image_damaged") from None


def check_image_content(upload) -> None:
    """Raise ValidationError unless `upload` (a cleaned WagtailImageField value,
    with Willow's `.image`) is an allowed raster format that decodes whole."""
    willow_image = getattr(upload, "image", None)
    if willow_image is None:
        return  # no new file in this form submission
    fmt = willow_image.format_name
    if fmt not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(
            "%(format)s files are not accepted. Upload a JPEG, PNG, GIF, WebP "
            "or AVIF picture.",
            code="image_format_refused",
            params={"format": fmt.upper()},
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(upload) as im:
                im.verify()  # structure and checksums (PNG CRCs)
            upload.seek(0)
            with PILImage.open(upload) as im:
                if im.format == "JPEG":
                    # Decode at 1/8 scale: finds broken data at a fraction of
                    # the memory and time.
                    im.draft("RGB", (max(1, im.width // 8), max(1, im.height // 8)))
                im.load()
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise ValidationError(
            "This picture has too many pixels to process.",
            code="file_too_many_pixels",
        ) from None
    except Exception:  # noqa: BLE001 - any decoder error means a broken file
        raise ValidationError(DAMAGED_MESSAGE, code="image_damaged") from None
    finally:
        upload.seek(0)


class NewsImageForm(BaseImageForm):
    """Base form for every image upload and edit in the admin (the add view,
    multiple upload and the chooser's upload tab)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if type(field) is WagtailImageField:
            # Same state, safer to_python (see NewsImageField).
            field.__class__ = NewsImageField

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        check_image_content(upload)
        return upload

    def save(self, commit=True):
        file_changed = "file" in self.changed_data and self.instance.pk is not None
        image = super().save(commit=commit)
        if commit and file_changed:
            # Wagtail deletes the old file's renditions after saving; queue the
            # task again so the worker makes the new file's, whatever ran first.
            enqueue_make_renditions(image.pk)
        return image


def video_max_upload_size() -> int | None:
    return getattr(
        settings, "MASTHEAD_VIDEO_MAX_UPLOAD_SIZE", DEFAULT_VIDEO_MAX_UPLOAD_SIZE
    )


def check_video_upload(upload) -> None:
    """Refuse a clip that is too big or is not MP4/WebM by its first bytes."""
    limit = video_max_upload_size()
    if limit is not None and upload.size > limit:
        raise ValidationError(
            "This file is too big (%(size)s). Maximum %(limit)s.",
            code="file_too_large",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(limit),
            },
        )
    if sniff_file(upload) is None:
        raise ValidationError(
            "This is not an MP4 or WebM video (the content was checked, not the name).",
            code="video_format_refused",
        )


class VideoClipForm(WagtailAdminModelForm):
    """Admin form for VideoClip (set as `VideoClip.base_form_class`)."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            check_video_upload(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("embed_url"):
            raise ValidationError("Upload a video file or give a video page URL.")
        return cleaned
