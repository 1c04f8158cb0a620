"""Comments on public pages: the count beside an article's time and on its
teasers, and the comments section under an article.

    {% load readers_comments %}
    {% comment_count article %}   the count, linked to the comments
    {% comment_section page %}    the list, its pager and the form
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from masthead.readers.comments.counts import count_for
from masthead.readers.comments.kept import section_for
from masthead.readers.comments.text import render_body

register = template.Library()

SECTION_ATTRIBUTE = "_readers_section"


def _section_of(context, article):
    """The article's comments section (kept.py), looked up once per render:
    it also gives the count beside the time."""
    section = getattr(article, SECTION_ATTRIBUTE, None)
    if section is None:
        section = section_for(
            article, context.get("site_settings"), context.get("request")
        )
        setattr(article, SECTION_ATTRIBUTE, section)
    return section


@register.filter
def comment_text(text: str) -> str:
    return render_body(text)


@register.simple_tag(takes_context=True)
def comment_count(context, article):
    if article is None or article.pk is None:
        return ""
    if context.get("page") is article:
        count, href = _section_of(context, article).count, "#comments"
    else:
        count, href = count_for(article), f"{article.url or ''}#comments"
    return format_html(
        '<a class="comment-count" href="{}"><span class="visually-hidden">'
        "Comments: </span>{}</a>",
        href,
        count,
    )


@register.simple_tag(takes_context=True)
def comment_section(context, article):
    """The list, its pager and the form, as kept.py keeps them."""
    return mark_safe(_section_of(context, article).html)  # noqa: S308 - our own rendered template
