from django.urls import re_path

from masthead.epaper import views

# Two-digit months and days only: one address per edition.
urlpatterns = [
    re_path(r"^$", views.edition_index, name="epaper_index"),
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$",
        views.edition_month,
        name="epaper_month",
    ),
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/$",
        views.edition_day,
        name="epaper_day",
    ),
    # A stable link to the day's PDF (mails, partners): the files' names
    # change with each build.
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/edition\.pdf$",
        views.edition_pdf,
        name="epaper_pdf",
    ),
]
