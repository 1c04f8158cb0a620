"""Tree queries that stay fast when the tree holds 100k+ articles.

Wagtail's `child_of` filters with `path LIKE 'prefix%'`, which SQLite cannot
answer from an index; with an ORDER BY on an indexed column its planner then
walks every page in the site. Page types that are few (sections, regions,
reports, people) are better found from their own small table first.
"""

from django.db.models import QuerySet


def children(model, parent) -> QuerySet:
    """Live-or-not children of `parent` of type `model`, driven from `model`'s table."""
    return model.objects.filter(pk__in=model.objects.values("pk")).child_of(parent)
