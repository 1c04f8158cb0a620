"""API keys in the admin (Settings > API keys), for chief editors and
administrators: who receives our copy is an editorial and a business choice.

A key is shown once, on the page that answers its creation; only its hash is
stored. The page is not a redirect with a flash message, because messages may
travel in a cookie. There is no copy action: a copy would share the hash.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.response import TemplateResponse
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from masthead.newsroom.roles import ADMINISTRATORS, CHIEF_EDITORS

from .keys import new_secret, set_secret
from .models import APIKey

GROUPS = (CHIEF_EDITORS, ADMINISTRATORS)


class NewsroomLeadsPolicy(BasePermissionPolicy):
    """Every action for superusers and the Chief editors and Administrators
    groups; nothing for anyone else. Group membership, not model permissions:
    `setup_roles()` keeps those groups' permissions to newsroom policy."""

    def user_has_permission(self, user, action):
        if not (user.is_active and user.is_authenticated):
            return False
        return user.is_superuser or user.groups.filter(name__in=GROUPS).exists()

    def users_with_any_permission(self, actions):
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(is_superuser=True) | Q(groups__name__in=GROUPS))
            .distinct()
        )


class KeyCreateView(CreateView):
    template_name_shown = "api/readapi/key_created.html"

    def save_instance(self):
        self.secret = new_secret()
        set_secret(self.form.instance, self.secret)
        self.form.instance.created_by = self.request.user
        return super().save_instance()  # saves, with sources, and logs the creation

    def save_action(self):
        response = TemplateResponse(
            self.request,
            self.template_name_shown,
            {
                "key": self.object,
                "secret": self.secret,
                "index_url": self.get_success_url(),
                "header_icon": "key",
            },
        )
        # A secret is on the page: no cache of any kind may keep it.
        response["Cache-Control"] = "private, no-store"
        return response


class APIKeyViewSet(ModelViewSet):
    model = APIKey
    icon = "key"
    menu_label = "API keys"
    add_to_settings_menu = True
    copy_view_enabled = False
    add_view_class = KeyCreateView
    form_fields = ["name", "active", "rate_limit", "sources", "notes"]
    list_display = [
        "name",
        Column("prefix", label="Key starts"),
        "active",
        "rate_limit",
        "last_used_at",
    ]
    list_filter = ["active"]
    search_fields = ["name", "prefix"]
