"""Wagtail's page explorer at archive scale: a section with 300,000 children.

Wagtail's explorer (wagtail.admin.views.pages.listing.ExplorableIndexView)
lists a page's children through `path LIKE 'parent%'` (SQLite cannot use the
path index for it), keeps only the pages the user may explore with a subquery
of one `path LIKE` per page permission, counts the result for the paginator,
and orders a search inside the section by relevance: a BM25 subquery per
matching page (5 to 15 s at 100,000 articles on SQLite).

Here, where the user holds a page permission on the section or one of its
ancestors (a desk on its own section, chief editors everywhere), every page
below it is explorable, so:

- the children are read by path range (treebeard's own `get_children`, on the
  path index) with no permission subquery;
- the paginator is told the count, the section's `numchild`, instead of
  running COUNT(*) over the children;
- a search inside the section goes to the search backend (Wagtail's
  autocomplete, full text) over the section's path range, newest change first
  unless the editor sorts by a column: no relevance subquery per match.

Anywhere else (a desk editor looking at the home page, filters, "search the
whole tree") Wagtail's own behaviour stands. The page chooser's search is
ordered the same way (DeskChooserSearchView). Routed in masthead/urls.py
ahead of Wagtail's URLs.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.forms.search import SearchForm
from wagtail.admin.views.chooser import (
    PageChooserTable,
    SearchView,
    base_page_type_string,
    page_models_from_string,
    shared_context,
)
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page

from masthead.newsroom.roles import explores_everything_below

SEARCH_ORDERING = "-latest_revision_created_at"


def descendants(page: Page, *, children_only: bool):
    """The pages below `page` by path range (the path index), not LIKE."""
    if children_only:
        return page.get_children()  # depth + path range (treebeard)
    # Every descendant's path is the page's path and more of the alphabet.
    longest = Page._meta.get_field("path").max_length
    top = page.path + Page.alphabet[-1] * (longest - len(page.path))
    return Page.objects.filter(path__gt=page.path, path__lte=top)


class DeskExplorableIndexView(ExplorableIndexView):
    @cached_property
    def covers_section(self) -> bool:
        return explores_everything_below(self.request.user, self.parent_page)

    @cached_property
    def searching_in_section(self) -> bool:
        return self.is_searching and not self.is_searching_whole_tree

    @cached_property
    def fast_path(self) -> bool:
        """Listing (or searching) below a section the user explores whole."""
        return (
            self.covers_section
            and not self.is_filtering
            and (not self.is_searching or self.searching_in_section)
        )

    def get_base_queryset(self):
        if not self.fast_path:
            return super().get_base_queryset()
        pages = descendants(self.parent_page, children_only=not self.is_searching)
        return self.annotate_queryset(pages)

    def get_ordering(self):
        ordering = super().get_ordering()
        if ordering is None and self.is_searching:
            return SEARCH_ORDERING  # newest change first, not relevance
        return ordering

    def order_queryset(self, queryset):
        if self.is_searching and not self.is_explicitly_ordered:
            # Wagtail leaves a search unordered for the backend's relevance.
            return queryset.order_by(self.ordering)
        return super().order_queryset(queryset)

    def search_queryset(self, queryset):
        if not self.is_searching:
            return super().search_queryset(queryset)
        # As ExplorableIndexView: the hooks see the queryset before the search.
        for hook in hooks.get_hooks("construct_explorer_page_queryset"):
            queryset = hook(self.parent_page, queryset, self.request)
        # Ordered by a column, not relevance: the backend filters by its
        # full-text index and the database sorts and limits the matches.
        return queryset.autocomplete(self.search_query, order_by_relevance=False)

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        hooked = hooks.get_hooks("construct_explorer_page_queryset")
        if self.fast_path and not self.is_searching and not hooked:
            # treebeard keeps numchild exact on every add, move and delete.
            paginator.count = self.parent_page.numchild
        return paginator


class DeskPageViewSet(PageViewSet):
    """Only its index views are used (see masthead/urls.py); Wagtail's own
    base page viewset stays registered for everything else."""

    index_view_class = DeskExplorableIndexView


desk_page_viewset = DeskPageViewSet()


class DeskChooserSearchView(SearchView):
    """Wagtail's page chooser search, newest change first instead of by
    relevance (the relevance subquery per match took 7 to 10 s at 100,000
    articles on SQLite). As Wagtail's SearchView.get otherwise."""

    def get(self, request):
        self.i18n_enabled = getattr(settings, "WAGTAIL_I18N_ENABLED", False)
        self.is_multiple_choice = request.GET.get("multiple")
        page_type_string = request.GET.get("page_type") or base_page_type_string
        try:
            desired_classes = page_models_from_string(page_type_string)
        except (ValueError, LookupError) as e:
            raise Http404 from e

        pages = Page.objects.all()
        if self.i18n_enabled:
            pages = pages.select_related("locale")
        for hook in hooks.get_hooks("construct_page_chooser_queryset"):
            pages = hook(pages, request)

        search_form = SearchForm(request.GET)
        if search_form.is_valid() and search_form.cleaned_data["q"]:
            pages = (
                pages.exclude(depth=1)  # never include root
                .type(*desired_classes)
                .specific()
                .order_by(SEARCH_ORDERING)
                .autocomplete(search_form.cleaned_data["q"], order_by_relevance=False)
            )
        else:
            pages = pages.none()

        pages = Paginator(pages, per_page=25).get_page(request.GET.get("p"))
        for page in pages:
            page.can_choose = True
            page.is_parent_page = False
        table = PageChooserTable(
            self.columns, pages, show_locale_labels=self.i18n_enabled
        )
        return TemplateResponse(
            request,
            "wagtailadmin/chooser/_search_results.html",
            shared_context(
                request,
                {
                    "searchform": search_form,
                    "table": table,
                    "pages": pages,
                    "page_type_string": page_type_string,
                },
            ),
        )
