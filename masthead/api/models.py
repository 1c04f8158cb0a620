"""The app's models, each defined in the package of the feature that owns it."""

from masthead.api.readapi.models import APIKey

__all__ = ["APIKey"]
