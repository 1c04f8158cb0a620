"""The readers app's models, one sub-package per feature."""

from masthead.readers.app.models import PushSubscription
from masthead.readers.comments.models import BlockedAddress, Comment, CommentSettings
from masthead.readers.feedback.models import ReaderMessage
from masthead.readers.newsletter.models import (
    Delivery,
    Mailing,
    NewsletterSettings,
    Subscriber,
)

__all__ = [
    "BlockedAddress",
    "Comment",
    "CommentSettings",
    "Delivery",
    "Mailing",
    "NewsletterSettings",
    "PushSubscription",
    "ReaderMessage",
    "Subscriber",
]
