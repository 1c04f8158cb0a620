"""The readers app's models, one sub-package per feature."""

from masthead.readers.comments.models import BlockedAddress, Comment, CommentSettings

__all__ = ["BlockedAddress", "Comment", "CommentSettings"]
