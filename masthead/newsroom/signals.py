from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move


def _on_change(sender, instance, **kwargs):
    from masthead.newsroom.models import ArticlePage
    from masthead.newsroom.purge import purge_for_article, purge_for_page

    page = (
        instance.specific_deferred
        if hasattr(instance, "specific_deferred")
        else instance
    )
    if isinstance(page, ArticlePage):
        purge_for_article(page)
    else:
        purge_for_page(page)


def _on_move(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    from masthead.newsroom.purge import purge_for_page

    # A move changes URLs in listings everywhere; rare enough to purge all.
    purge_for_page(instance)


def connect():
    from wagtail.models import Page

    page_published.connect(_on_change, dispatch_uid="masthead-purge-published")
    page_unpublished.connect(_on_change, dispatch_uid="masthead-purge-unpublished")
    post_page_move.connect(_on_move, dispatch_uid="masthead-purge-moved")
    post_delete.connect(_on_delete, sender=Page, dispatch_uid="masthead-purge-deleted")


def _on_delete(sender, instance, **kwargs):
    from masthead.newsroom.purge import purge_for_page

    purge_for_page(instance)
