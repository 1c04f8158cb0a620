"""Receivers of the comments feature, connected once from ReadersConfig.ready()."""

from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_init, post_save

from masthead.newsroom.models import ArticlePage
from masthead.readers.comments import counts, kept, policy
from masthead.readers.comments.models import Comment, CommentSettings


def connect() -> None:
    post_init.connect(
        counts.note_article, sender=ArticlePage, dispatch_uid="readers-note-article"
    )
    request_started.connect(counts.start_noting, dispatch_uid="readers-note-start")
    request_finished.connect(counts.stop_noting, dispatch_uid="readers-note-stop")
    for signal in (post_save, post_delete):
        signal.connect(
            policy.memo.clear,
            sender=CommentSettings,
            dispatch_uid=f"readers-settings-{signal is post_save}",
        )
    # Any change to an article's comments retires its kept comments section.
    post_save.connect(
        kept.comment_saved, sender=Comment, dispatch_uid="readers-kept-save"
    )
    post_delete.connect(
        kept.comment_deleted, sender=Comment, dispatch_uid="readers-kept-delete"
    )
