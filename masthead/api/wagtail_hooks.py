"""Wagtail loads this module of every app once at start-up; each feature of
api registers its admin hooks here."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from masthead.api.readapi.admin import APIKeyViewSet, NewsroomLeadsPolicy
from masthead.api.readapi.models import APIKey

# Before any view asks for the model's policy (Wagtail would make a default).
register_permission_policy(APIKey, NewsroomLeadsPolicy(APIKey))


@hooks.register("register_admin_viewset")
def register_api_key_viewset():
    return APIKeyViewSet("api_keys")
