"""/subscribe/ and /newsletter/...: mounted by masthead/readers/urls.py."""

from django.urls import path

from . import views

app_name = "newsletter"

urlpatterns = [
    path("subscribe/", views.subscribe_page, name="subscribe_page"),
    path("newsletter/subscribe/", views.subscribe, name="signup"),
    path("newsletter/link/", views.request_link, name="request_link"),
    path("newsletter/confirm/<str:token>/", views.confirm, name="confirm"),
    path("newsletter/preferences/<str:token>/", views.preferences, name="preferences"),
    path(
        "newsletter/unsubscribe/<str:list_name>/<str:token>/",
        views.unsubscribe,
        name="unsubscribe",
    ),
]
