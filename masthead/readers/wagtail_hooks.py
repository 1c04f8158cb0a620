"""Wagtail loads this module of every app once at start-up; each feature of
readers registers its admin hooks in a module of its own, imported here."""

from masthead.readers.comments import admin_hooks  # noqa: F401 - registers on import
from masthead.readers.feedback import admin_hooks as feedback_hooks  # noqa: F401 - registers on import
from masthead.readers.newsletter import admin_hooks as newsletter_hooks  # noqa: F401 - registers on import
