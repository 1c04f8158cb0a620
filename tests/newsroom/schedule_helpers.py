"""Scheduled times made to have come, without waiting for the clock."""

from datetime import timedelta

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from wagtail.models import Revision


def go_live_time_comes(page) -> None:
    """Move a page's approved go-live time into the past, as if it had passed.

    Wagtail keeps the time in three places: the approved revision (which the
    publish job looks for), the go-live field inside that revision's content
    (which publishing it checks again) and the page row.
    """
    past = timezone.now() - timedelta(seconds=1)
    revisions = Revision.objects.filter(
        base_content_type=page.get_base_content_type(),  # pages share one type
        object_id=str(page.pk),
        approved_go_live_at__isnull=False,
    )
    assert revisions.exists(), f"{page} has no scheduled revision"
    for revision in revisions:
        revision.content["go_live_at"] = DjangoJSONEncoder().default(past)
        revision.approved_go_live_at = past
        revision.save(update_fields=["content", "approved_go_live_at"])
    type(page).objects.filter(pk=page.pk).update(go_live_at=past)
