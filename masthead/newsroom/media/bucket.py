"""Media storage in an S3-compatible bucket (masthead/settings/object_storage.py
switches to it when AWS_STORAGE_BUCKET_NAME is set).

The bucket keeps the rules of local media storage:

- Only MASTHEAD_PUBLIC_MEDIA_DIRS (images, original_images, videos, epaper)
  are readable by anyone, as `masthead serve` serves only those folders of
  MEDIA_ROOT: their objects are written `public-read`, everything else
  (documents above all, which go out only through Wagtail's serve view with
  its privacy checks) `private`. With `object_acls` off the bucket's policy
  must say the same.
- Public URLs are plain and stable (no signed query string that expires in
  an hour while a cached page still names it).
- A name already taken gets the next free one, as on disk: two uploads called
  photo.jpg must not overwrite each other (S3Storage overwrites by default).
- Whole files or none: a PutObject is atomic, so WholeFileStorage's partial
  names are not needed here.
"""

from __future__ import annotations

from django.conf import settings
from storages.backends.s3 import S3Storage

PUBLIC_ACL = "public-read"
PRIVATE_ACL = "private"


class BucketStorage(S3Storage):
    def get_default_settings(self):
        return {
            **super().get_default_settings(),
            "file_overwrite": False,
            "querystring_auth": False,
            "object_acls": True,
            "public_dirs": tuple(getattr(settings, "MASTHEAD_PUBLIC_MEDIA_DIRS", ())),
        }

    def is_public(self, key: str) -> bool:
        """Whether the object `key` (a name under the storage's location) is
        in one of the public folders."""
        name = key.lstrip("/")
        location = (self.location or "").strip("/")
        if location:
            if not name.startswith(location + "/"):
                return False
            name = name[len(location) + 1 :]
        top, slash, _ = name.partition("/")
        return bool(slash) and top in self.public_dirs

    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        if self.object_acls:
            params["ACL"] = PUBLIC_ACL if self.is_public(name) else PRIVATE_ACL
        return params
