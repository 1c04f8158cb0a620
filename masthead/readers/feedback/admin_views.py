"""The desk's inbox of reader messages in the Wagtail admin.

A ModelViewSet over ReaderMessage: the list (filters, search), a message with
its actions (answered, closed, spam, back to new, move to another desk, a note
for the desk), delete for chief editors, and the dashboard panel.

Who sees what is not a model permission that groups are given: it follows the
desks (desks.py), so the permission policy below reads page permissions, and
setting up roles needs nothing new.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from masthead.core.clock import site_time
from masthead.newsroom import roles
from masthead.readers.feedback import desks
from masthead.readers.feedback.mail import mail_message
from masthead.readers.feedback.models import ReaderMessage

URL_NAMESPACE = "reader_messages"
Status = ReaderMessage.Status
# Buttons on a message: (action, label) in the order shown.
STATUS_ACTIONS = (
    (Status.ANSWERED, "Mark answered"),
    (Status.CLOSED, "Close"),
    (Status.SPAM, "Spam"),
    (Status.NEW, "Mark as new"),
)


def inbox_url(name, *args):
    return reverse(f"{URL_NAMESPACE}:{name}", args=args)


class ReaderMessagePolicy(BasePermissionPolicy):
    """`view` and `change` for whoever reads some desk's messages; `delete`
    (a reader asking to be forgotten) for chief editors; `add` for nobody:
    messages come from readers only."""

    def user_has_permission(self, user, action):
        if action in ("view", "change"):
            return desks.reads_messages(user)
        if action == "delete":
            return roles.sees_whole_tree(user)
        return False

    def users_with_any_permission(self, actions):
        if not {"view", "change", "delete"} & set(actions):
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(
                Q(is_superuser=True)
                | Q(groups__page_permissions__permission__codename=desks.EDITOR_GRANT)
            )
            .distinct()
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and desks.visible_to(user).filter(pk=instance.pk).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return ReaderMessage.objects.none()
        return desks.visible_to(user)


class MessageFilterSet(WagtailFilterSet):
    class Meta:
        model = ReaderMessage
        fields = ["status", "kind"]


class InboxView(generic.IndexView):
    any_permission_required = ["view"]
    page_title = "Reader messages"

    def get_base_queryset(self):
        return desks.visible_to(self.request.user).select_related("section")

    @cached_property
    def columns(self):
        return [
            Column(
                "created_at",
                label="Received",
                accessor=lambda m: site_time(m.created_at),
                sort_key="created_at",
            ),
            StatusTagColumn(
                "status",
                label="Status",
                accessor="get_status_display",
                primary=lambda m: m.status == Status.NEW,
                sort_key="status",
            ),
            Column("topic_label", label="Topic", sort_key="topic_label"),
            TitleColumn(
                "message",
                label="Message",
                accessor=str,
                get_url=lambda m: inbox_url("inspect", m.pk),
            ),
            Column("sender", label="From"),
            Column("kind", label="Form", accessor="get_kind_display"),
        ]


class MessageView(generic.InspectView):
    any_permission_required = ["view"]
    template_name = "readers/feedback/admin/message.html"
    page_title = "Reader message"

    def get_object(self, queryset=None):
        message = (
            desks.visible_to(self.request.user)
            .select_related("section", "handled_by")
            .filter(pk=self.pk)
            .first()
        )
        if message is None:
            raise Http404("No such message on your desks.")
        return message

    def get(self, request, *args, **kwargs):
        # Opened is read: the dashboard counts what nobody has looked at.
        if self.object.status == Status.NEW:
            self.object.status = Status.READ
            self.object.save(update_fields=["status"])
        return super().get(request, *args, **kwargs)

    def get_fields(self):
        return []

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": inbox_url("index"), "label": "Reader messages"},
            {"url": "", "label": self.get_page_title(), "sublabel": str(self.object)},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        message = self.object
        context.update(
            item=message,
            received=site_time(message.created_at),
            mailed=site_time(message.mailed_at) if message.mailed_at else None,
            handled=site_time(message.handled_at) if message.handled_at else None,
            act_url=inbox_url("act", message.pk),
            status_actions=[a for a in STATUS_ACTIONS if a[0] != message.status],
            topics=desks.topics(),
        )
        return context


@require_POST
def act(request, pk):
    """A desk's action on one message (a status, a note, another desk)."""
    user = request.user
    if not desks.reads_messages(user):
        return permission_denied(request)
    message = get_object_or_404(desks.visible_to(user), pk=pk)
    back = inbox_url("inspect", message.pk)
    if "note" in request.POST:
        message.note = request.POST["note"].strip()[:5000]
        message.save(update_fields=["note"])
        messages.success(request, "Note saved.")
        return redirect(back)
    if "topic" in request.POST:
        topic = {t.key: t for t in desks.topics()}.get(request.POST["topic"])
        if topic is None:
            messages.error(request, "Choose a desk to move the message to.")
            return redirect(back)
        message.topic, message.topic_label = topic.key, topic.label
        message.section_id = topic.section_id
        message.status = Status.NEW
        # The new desk gets the notice too.
        message.mailed_at = message.mail_tried_at = None
        message.save()
        mail_message.enqueue(message.pk)
        messages.success(request, f"Moved to {topic.label}; its desk is told.")
        visible = desks.visible_to(user).filter(pk=message.pk).exists()
        return redirect(back if visible else inbox_url("index"))
    status = request.POST.get("status")
    if status not in Status.values:
        messages.error(request, "Unknown action.")
        return redirect(back)
    message.status = status
    message.handled_at = timezone.now() if status != Status.NEW else None
    message.handled_by = user if status != Status.NEW else None
    message.save(update_fields=["status", "handled_at", "handled_by"])
    messages.success(request, f"Marked \u201c{message.get_status_display()}\u201d.")
    return redirect(inbox_url("index") if status != Status.NEW else back)


class MessageDeleteView(generic.DeleteView):
    def get_queryset(self):
        return desks.visible_to(self.request.user)


class ReaderMessageViewSet(ModelViewSet):
    model = ReaderMessage
    name = URL_NAMESPACE
    url_prefix = "reader-messages"
    icon = "mail"
    menu_label = "Reader messages"
    menu_name = "reader-messages"
    menu_order = 360
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = InboxView
    inspect_view_class = MessageView
    delete_view_class = MessageDeleteView
    list_per_page = 50
    ordering = "-created_at"
    filterset_class = MessageFilterSet
    search_fields = ["message", "subject", "name", "email", "topic_label"]
    search_backend_name = None  # plain icontains; messages are not search-indexed

    def get_permissions_to_register(self):
        # Nothing for the group editor: the desks decide (see the policy).
        return Permission.objects.none()

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs.update(
            add_url_name=None,
            edit_url_name=None,
            history_url_name=None,
            usage_url_name=None,
        )
        return view_kwargs

    @property
    def url_finder_class(self):
        class MessageURLFinder(super().url_finder_class):
            edit_url_name = self.get_url_name("inspect")

        return MessageURLFinder

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
            path("<int:pk>/act/", act, name="act"),
            path("<int:pk>/delete/", self.delete_view, name="delete"),
        ]


class NewMessagesPanel(Component):
    """Dashboard: new reader messages for the user's desks."""

    name = "readers_messages"
    template_name = "readers/feedback/admin/panel.html"
    order = 56  # after the desk panel (50) and the comments' (55)

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        new = desks.visible_to(self.user).new()
        context.update(
            new_count=new.count(),
            latest=[
                (m, site_time(m.created_at))
                for m in new.only(
                    "id", "topic_label", "subject", "message", "created_at"
                )[:5]
            ],
            inbox_url=inbox_url("index"),
        )
        return context
