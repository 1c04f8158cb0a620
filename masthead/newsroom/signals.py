from django.db.models.signals import post_delete, pre_save
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


def _before_article_save(sender, instance, raw=False, update_fields=None, **kwargs):
    # Draft saves pass update_fields; a publish or unpublish saves the whole row.
    if raw or instance.pk is None or update_fields is not None:
        return
    from masthead.newsroom.purge import remember_paths_before_publish

    remember_paths_before_publish(instance)


def _on_move(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    from masthead.newsroom.purge import purge_for_page

    # A move changes URLs in listings everywhere; rare enough to purge all.
    purge_for_page(instance)


def _tag_served_page(page, request, serve_args, serve_kwargs):
    """Name the served page in the Surrogate-Key header (CacheHeadersMiddleware)."""
    from masthead.newsroom.purge import surrogate_keys_for

    keys = getattr(request, "surrogate_keys", None) or set()
    request.surrogate_keys = keys | surrogate_keys_for(page)


_hooks_registered = False


def connect():
    global _hooks_registered  # noqa: PLW0603 - register the hook once per process
    from wagtail import hooks
    from wagtail.models import Page

    from masthead.newsroom.models import ArticlePage

    page_published.connect(_on_change, dispatch_uid="masthead-purge-published")
    page_unpublished.connect(_on_change, dispatch_uid="masthead-purge-unpublished")
    post_page_move.connect(_on_move, dispatch_uid="masthead-purge-moved")
    post_delete.connect(_on_delete, sender=Page, dispatch_uid="masthead-purge-deleted")
    pre_save.connect(
        _before_article_save,
        sender=ArticlePage,
        dispatch_uid="masthead-purge-before-save",
    )
    if not _hooks_registered:
        hooks.register("before_serve_page", _tag_served_page)
        _hooks_registered = True


def _on_delete(sender, instance, **kwargs):
    from masthead.newsroom.purge import purge_for_page

    purge_for_page(instance)
