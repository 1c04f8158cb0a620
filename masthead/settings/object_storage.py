"""Media in an S3-compatible bucket, when the environment names one.

With AWS_STORAGE_BUCKET_NAME set, media storage (images, renditions, videos,
documents, PDF editions) is `masthead.newsroom.media.bucket.BucketStorage`
(django-storages' S3Storage). Read by base.py, so production and the test
settings switch the same way:

- AWS_STORAGE_BUCKET_NAME: the bucket (made beforehand).
- AWS_S3_ENDPOINT_URL: any S3-compatible store (MinIO, Ceph, R2, moto);
  unset for AWS itself.
- AWS_S3_REGION_NAME, AWS_S3_ADDRESSING_STYLE ("path" or "virtual"): as the
  store wants them; unset, botocore's defaults (path style for an endpoint).
- AWS_S3_CUSTOM_DOMAIN (with AWS_S3_URL_PROTOCOL, "https:" unless set): the
  CDN or host readers fetch media from instead of the store's own address.
- AWS_S3_OBJECT_ACLS=0: the bucket refuses ACLs (AWS's "bucket owner
  enforced"); its policy must then let anyone read the public folders (the
  MASTHEAD_PUBLIC_MEDIA_DIRS prefixes) and nothing else.
- AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: read by boto3 itself.

Media then come from another origin than the pages, so `allow_media_origins`
adds it to the Content-Security-Policy's img-src and media-src.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import urlsplit

BUCKET_STORAGE = "masthead.newsroom.media.bucket.BucketStorage"
MEDIA_DIRECTIVES = ("img-src", "media-src")


def _env(environ: Mapping[str, str], name: str) -> str | None:
    return (environ.get(name) or "").strip() or None


def bucket_storage(environ: Mapping[str, str] = os.environ) -> dict | None:
    """STORAGES["default"] for the bucket, or None when no bucket is named."""
    bucket = _env(environ, "AWS_STORAGE_BUCKET_NAME")
    if bucket is None:
        return None
    options = {
        "bucket_name": bucket,
        "endpoint_url": _env(environ, "AWS_S3_ENDPOINT_URL"),
        "region_name": _env(environ, "AWS_S3_REGION_NAME"),
        "addressing_style": _env(environ, "AWS_S3_ADDRESSING_STYLE"),
        "custom_domain": _env(environ, "AWS_S3_CUSTOM_DOMAIN"),
        "url_protocol": _env(environ, "AWS_S3_URL_PROTOCOL") or "https:",
        "object_acls": (_env(environ, "AWS_S3_OBJECT_ACLS") or "1").lower()
        not in ("0", "false", "no", "off"),
    }
    return {"BACKEND": BUCKET_STORAGE, "OPTIONS": options}


def media_origins(environ: Mapping[str, str] = os.environ) -> list[str]:
    """The origins media URLs point at: the custom domain, else the endpoint
    (with the bucket as a subdomain in virtual style), else AWS's own."""
    storage = bucket_storage(environ)
    if storage is None:
        return []
    options = storage["OPTIONS"]
    bucket = options["bucket_name"]
    if options["custom_domain"]:
        # "cdn.example.com" or "127.0.0.1:9000/bucket" (a path-style domain).
        host = options["custom_domain"].split("/", 1)[0]
        return [f"{options['url_protocol']}//{host}"]
    if options["endpoint_url"]:
        parts = urlsplit(options["endpoint_url"])
        if options["addressing_style"] == "virtual":
            return [f"{parts.scheme}://{bucket}.{parts.netloc}"]
        return [f"{parts.scheme}://{parts.netloc}"]
    origins = [f"https://{bucket}.s3.amazonaws.com"]
    if options["region_name"]:
        origins.append(f"https://{bucket}.s3.{options['region_name']}.amazonaws.com")
    return origins


def allow_media_origins(policy: str, origins: list[str]) -> str:
    """`policy` with `origins` added to img-src and media-src (a directive the
    policy lacks starts from its default-src, which it stood for)."""
    if not origins:
        return policy
    directives = [d.strip() for d in policy.split(";") if d.strip()]
    names = [d.split()[0] for d in directives]
    default = next(
        (d.split()[1:] for d in directives if d.startswith("default-src")), []
    )
    extra = " ".join(origins)
    for directive in MEDIA_DIRECTIVES:
        if directive in names:
            i = names.index(directive)
            directives[i] = f"{directives[i]} {extra}"
        else:
            directives.append(" ".join([directive, *default, extra]))
    return "; ".join(directives)
