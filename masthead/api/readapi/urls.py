"""/api/v1/ (included by masthead/api/urls.py). Items answer with or without a
trailing slash: partners' clients differ, and a redirect would drop nothing
but cost a round trip."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    path("", views.index, name="api_v1_index"),
    path("openapi.json", views.openapi, name="api_v1_openapi"),
    re_path(r"^items/?$", views.item_list, name="api_v1_items"),
    re_path(r"^items/(?P<guid>[^/]{1,300})/?$", views.item_detail, name="api_v1_item"),
]
