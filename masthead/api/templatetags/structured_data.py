"""`{% load structured_data %}`: what a page's head tells search engines and
social networks.

- `{% article_json_ld page %}`: `NewsArticle` (article_page.html)
- `{% collection_json_ld page %}`: `CollectionPage` (section and region pages)
- `{% website_json_ld %}`: `WebSite` with its search action (home page)
- `{% social_cards %}`: Open Graph and Twitter card tags of any page (base.html)

An article's facts are gathered once per render from the page context
(ArticlePage.get_context), so the head adds one query at most: the lead
picture's share crops.
"""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from wagtail.models import Page

from masthead.api.structured.article import article_facts, news_article
from masthead.api.structured.cards import article_cards, page_cards
from masthead.api.structured.collection import (
    collection_page,
    home_website,
    page_description,
)
from masthead.api.structured.script import json_ld_script
from masthead.api.structured.site import site_name
from masthead.core.public_urls import absolute_url, page_url
from masthead.newsroom.models import ArticlePage
from masthead.website.models import HomePage

register = template.Library()


def _facts(context, page):
    memo = getattr(page, "_structured_facts", None)
    if memo is None:
        # Only the page being rendered shares its context's lists.
        own = context.get("page") is page
        memo = article_facts(
            page,
            context.get("request"),
            section=context.get("section") if own else None,
            authors=context.get("authors") if own else None,
            corrections=context.get("corrections") if own else None,
        )
        page._structured_facts = memo
    return memo


@register.simple_tag(takes_context=True)
def article_json_ld(context, page):
    if not isinstance(page, ArticlePage):
        return SafeString("")
    return json_ld_script(
        news_article(
            _facts(context, page),
            context.get("site_settings"),
            context.get("request"),
        )
    )


@register.simple_tag(takes_context=True)
def collection_json_ld(context, page):
    if not isinstance(page, Page):
        return SafeString("")
    return json_ld_script(
        collection_page(page, context.get("site_settings"), context.get("request"))
    )


@register.simple_tag(takes_context=True)
def website_json_ld(context):
    return json_ld_script(
        home_website(context.get("site_settings"), context.get("request"))
    )


def _meta(tags) -> SafeString:
    return format_html_join("\n  ", '<meta {}="{}" content="{}">', tags)


@register.simple_tag(takes_context=True)
def social_cards(context, page=None):
    request = context.get("request")
    site_settings = context.get("site_settings")
    page = page if page is not None else context.get("page")
    if isinstance(page, ArticlePage):
        return _meta(article_cards(_facts(context, page), site_settings))
    if isinstance(page, HomePage):
        title = site_name(site_settings)
        description = page.search_description or getattr(site_settings, "tagline", "")
        url = page_url(page, request) or ""
    elif isinstance(page, Page):
        title = page.seo_title or page.title
        description = page_description(page)
        url = page_url(page, request) or ""
    elif request is not None:  # a view of our own (search, archive)
        title = site_name(site_settings)
        description = ""
        url = absolute_url(request.path, request=request)
    else:
        return SafeString("")
    return _meta(
        page_cards(
            title=title,
            description=description,
            url=url,
            site_settings=site_settings,
            request=request,
        )
    )
