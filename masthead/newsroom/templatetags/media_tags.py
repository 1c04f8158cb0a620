"""Template tags for pictures and video that never make a rendition in the
request: `{% responsive_image %}`, `{% poster_url %}`, `|video_host`."""

from urllib.parse import urlsplit

from django import template

from masthead.newsroom.media.renditions import best_url, picture_html

register = template.Library()


@register.simple_tag
def responsive_image(
    image, set_name, alt=None, sizes=None, css_class=None, loading=None, **attrs
):
    """`{% responsive_image image "article" alt=... sizes=... class=... loading=... %}`

    A `<picture>` with AVIF and WebP `<source>`s and a JPEG `<img>` (width and
    height set), from the renditions the worker has made for the named set
    (RENDITION_SETS in masthead/newsroom/media/renditions.py). `class` is
    accepted as a keyword, as in Wagtail's own tags.
    """
    css_class = attrs.pop("class", css_class)
    if attrs:
        raise template.TemplateSyntaxError(
            f"responsive_image: unknown argument(s) {', '.join(sorted(attrs))}"
        )
    return picture_html(
        image, set_name, alt=alt, sizes=sizes, css_class=css_class, loading=loading
    )


@register.simple_tag
def poster_url(image, set_name="article"):
    """One existing JPEG rendition URL for `<video poster>`, or the original."""
    return best_url(image, set_name)


@register.filter
def video_host(url):
    """The host of a video page URL, for "Watch on youtube.com"."""
    host = urlsplit(url or "").hostname or ""
    return host.removeprefix("www.")


@register.simple_tag
def listing_image(article, show=True):
    """The picture a teaser shows: the main image, else the video's poster.

    `{% listing_image article show_image as teaser_image %}`. Touches
    `article.video` only for an article without a main image but with a video
    (select_related("video__poster") in listings makes that free).
    """
    if not show:
        return None
    if getattr(article, "main_image_id", None):
        return article.main_image
    if getattr(article, "video_id", None) and article.video.poster_id:
        return article.video.poster
    return None
