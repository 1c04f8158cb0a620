"""Tree queries that stay fast when the tree holds 100k+ articles.

Wagtail's `child_of` filters with `path LIKE 'prefix%'`, which SQLite cannot
answer from an index; with an ORDER BY on an indexed column its planner then
walks every page in the site. Page types that are few (sections, regions,
reports, people) are better found from their own small table first.
"""

from django.db.models import QuerySet
from wagtail.models import Page, PageViewRestriction


def children(model, parent) -> QuerySet:
    """Live-or-not children of `parent` of type `model`, driven from `model`'s table."""
    return model.objects.filter(pk__in=model.objects.values("pk")).child_of(parent)


ANCESTORS_ATTRIBUTE = "_masthead_ancestors"


def load_ancestors(page) -> None:
    """Read `page`'s ancestors in one query and keep them on it: its parent
    (treebeard's get_parent cache, which the Surrogate-Key hook asks for) and
    what view_restrictions needs, instead of a query for each."""
    steplen = page.steplen
    paths = [page.path[:end] for end in range(steplen, len(page.path), steplen)]
    ancestors = list(Page.objects.filter(path__in=paths).order_by("path"))
    setattr(page, ANCESTORS_ATTRIBUTE, ancestors)
    if ancestors and ancestors[-1].path == page.path[:-steplen]:
        page._cached_parent_obj = ancestors[-1]


def view_restrictions(page):
    """Wagtail's Page.get_view_restrictions in one query when the ancestors
    were loaded (load_ancestors): the restrictions of the page and of each
    ancestor, an alias standing for the page it copies."""
    ancestors = getattr(page, ANCESTORS_ATTRIBUTE, None)
    if ancestors is None:
        return None
    ids = {p.alias_of_id or p.pk for p in [*ancestors, page]}
    return PageViewRestriction.objects.filter(page_id__in=ids)
