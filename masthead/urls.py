import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from masthead.core.admin_paths import DJANGO_ADMIN_PREFIX, WAGTAIL_ADMIN_PREFIX
from masthead.newsroom.desk_views import DeskAddSubpageView, DeskChosenMultipleView
from masthead.newsroom.desk_visibility import WholeTreePageTypesUsageReportView
from masthead.newsroom.explorer import DeskChooserSearchView, desk_page_viewset
from masthead.website import archive, search

urlpatterns = [
    path(f"{DJANGO_ADMIN_PREFIX}/", admin.site.urls),
    # Before Wagtail's own route of the same path: see DeskChosenMultipleView.
    path(
        f"{WAGTAIL_ADMIN_PREFIX}/choose-page/chosen-multiple/",
        DeskChosenMultipleView.as_view(),
        name="masthead_choose_page_chosen_multiple",
    ),
    # Before Wagtail's own route too: offers only the page types the user may
    # create there (a reporter, articles). See DeskAddSubpageView.
    path(
        f"{WAGTAIL_ADMIN_PREFIX}/pages/<int:parent_page_id>/add_subpage/",
        require_admin_access(DeskAddSubpageView.as_view()),
        name="masthead_add_subpage",
    ),
    # Before Wagtail's own routes too: the report names drafts of every desk,
    # so it is for those who see the whole tree. See desk_visibility.
    path(
        f"{WAGTAIL_ADMIN_PREFIX}/reports/page-types-usage/",
        require_admin_access(WholeTreePageTypesUsageReportView.as_view()),
        name="masthead_page_types_usage",
    ),
    path(
        f"{WAGTAIL_ADMIN_PREFIX}/reports/page-types-usage/results/",
        require_admin_access(
            WholeTreePageTypesUsageReportView.as_view(results_only=True)
        ),
        name="masthead_page_types_usage_results",
    ),
    # Before Wagtail's explorer routes: a section of 300,000 children listed
    # and searched on indexes, without COUNT(*). See newsroom/explorer.py.
    path(
        f"{WAGTAIL_ADMIN_PREFIX}/pages/<int:parent_page_id>/",
        require_admin_access(desk_page_viewset.index_view),
        name="masthead_explore",
    ),
    path(
        f"{WAGTAIL_ADMIN_PREFIX}/pages/<int:parent_page_id>/results/",
        require_admin_access(desk_page_viewset.index_results_view),
        name="masthead_explore_results",
    ),
    path(
        f"{WAGTAIL_ADMIN_PREFIX}/choose-page/search/",
        require_admin_access(DeskChooserSearchView.as_view()),
        name="masthead_choose_page_search",
    ),
    path(f"{WAGTAIL_ADMIN_PREFIX}/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("wire/", include("masthead.wire.urls")),
    path("search/", search.search, name="search"),
    path("archive/", archive.archive_index, name="archive"),
    path("archive/<int:year>/", archive.archive_year, name="archive_year"),
    path(
        "archive/<int:year>/<int:month>/", archive.archive_month, name="archive_month"
    ),
    path(
        "archive/<int:year>/<int:month>/<int:day>/",
        archive.archive_day,
        name="archive_day",
    ),
]

if getattr(settings, "MASTHEAD_SERVE_MEDIA", False):
    # Only for the test server; `masthead serve` hands the same public folders
    # to granian. Documents are not among them: /documents/ checks who asks.
    urlpatterns += [
        re_path(
            rf"^media/(?P<path>{re.escape(folder)}/.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
        for folder in settings.MASTHEAD_PUBLIC_MEDIA_DIRS
    ]

urlpatterns += [
    path("", include("masthead.readers.urls")),
    path("epaper/", include("masthead.epaper.urls")),
    # Feeds, sitemaps (/sitemap.xml is the index), robots.txt and the read API.
    path("", include("masthead.api.urls")),
    path("", include(wagtail_urls)),
]

handler400 = "masthead.website.errors.bad_request"
handler404 = "masthead.website.errors.page_not_found"
handler500 = "masthead.website.errors.server_error"
