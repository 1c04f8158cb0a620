"""Absolute addresses for what the api app writes out (feeds, sitemaps).

Page paths go onto the public base URL (masthead/core/public_urls.py); a media
URL the storage already made absolute (S3, a CDN host) is kept as it is.
"""

import re
from urllib.parse import urlsplit

from masthead.core.public_urls import absolute_url, base_url

# Characters XML 1.0 cannot carry at all (C0 controls but tab, newline and
# carriage return; lone surrogates; U+FFFE and U+FFFF): a headline pasted from
# a word processor must not make a whole feed unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value) -> str:
    """`value` as text that XML 1.0 can hold."""
    return _NOT_XML.sub("", str(value or ""))


def site_url(path: str, request=None) -> str:
    """A path on our site, on the public base URL."""
    return absolute_url(path, request=request)


def media_url(url: str, request=None) -> str:
    """A storage URL, absolute: local media go onto the public base URL."""
    if urlsplit(url).scheme:
        return url
    base = base_url(request)
    if url.startswith("//"):
        return urlsplit(base).scheme + ":" + url
    return base + url
