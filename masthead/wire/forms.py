"""Forms of the wire basket in the Wagtail admin: filters, upload, create draft."""

import django_filters
from django import forms
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets import AdminDateTimeInput

from masthead.newsroom.models import SectionPage
from masthead.wire.models import WireItem
from masthead.wire.parsers.story import FORMATS

MAX_UPLOAD_FILES = 20


class WireItemFilterSet(WagtailFilterSet):
    provider = django_filters.ChoiceFilter(
        label="Provider", empty_label="All", widget=forms.Select
    )
    format = django_filters.ChoiceFilter(
        label="Format", empty_label="All", widget=forms.Select
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=WireItem.Status.choices,
        empty_label="All",
        widget=forms.RadioSelect,
    )
    received_since = django_filters.DateTimeFilter(
        field_name="received_at",
        lookup_expr="gte",
        label="Received since",
        widget=AdminDateTimeInput,
    )
    received_until = django_filters.DateTimeFilter(
        field_name="received_at",
        lookup_expr="lte",
        label="Received until",
        widget=AdminDateTimeInput,
    )

    class Meta:
        model = WireItem
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices from the data (each filterset instance has its own filter copies).
        # Both columns are indexed, so DISTINCT stays cheap on a large basket.
        providers = (
            WireItem.objects.exclude(provider="")
            .order_by("provider")
            .values_list("provider", flat=True)
            .distinct()
        )
        self.filters["provider"].extra["choices"] = [(p, p) for p in providers]
        seen = set(
            WireItem.objects.exclude(format="")
            .order_by()
            .values_list("format", flat=True)
            .distinct()
        )
        self.filters["format"].extra["choices"] = [
            (f, f) for f in sorted(FORMATS | seen)
        ]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        files = [f for f in files if f]
        if not files:
            raise forms.ValidationError("Choose at least one file.", code="required")
        if len(files) > MAX_UPLOAD_FILES:
            raise forms.ValidationError(
                f"Upload at most {MAX_UPLOAD_FILES} files at a time.", code="too_many"
            )
        # Per-file checks (size, parsing) are reported per file by the view, so one
        # bad file does not hold back the others.
        return files


class WireUploadForm(forms.Form):
    files = MultipleFileField(
        label="Wire files",
        help_text=(
            f"One or more agency files (ninjs, NewsML, NITF, IPTC 7901, ANPA, RSS/Atom,"
            f" ...), up to {MAX_UPLOAD_FILES} at a time."
        ),
    )


class SectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        # url_path is "/home/news/world/": drop the site root for a readable path.
        parts = obj.url_path.strip("/").split("/")[1:]
        return f"{obj.title} ({'/'.join(parts)})" if parts else obj.title


def sections_for_user(user):
    """Sections under which `user` may add an article, in tree order."""
    allowed = [
        section.pk
        for section in SectionPage.objects.order_by("path")
        if section.permissions_for_user(user).can_add_subpage()
    ]
    return SectionPage.objects.filter(pk__in=allowed).order_by("path")


CHECKED_INCOMPLETE_LABEL = (
    "I have checked this incomplete story against the agency's copy"
)


class CreateDraftForm(forms.Form):
    section = SectionChoiceField(
        queryset=SectionPage.objects.none(),
        empty_label=None,
        help_text="The draft is made under this section.",
    )
    # Only on an incomplete item's form; create_draft enforces it either way.
    checked_incomplete = forms.BooleanField(
        required=False,
        label=CHECKED_INCOMPLETE_LABEL,
        help_text="The file ended before its end marker: the story may be cut short.",
    )

    def __init__(self, *args, user, incomplete=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = sections_for_user(user)
        if not incomplete:
            del self.fields["checked_incomplete"]
