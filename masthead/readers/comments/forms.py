from django import forms
from django.core.exceptions import ValidationError

from masthead.readers.comments.config import conf
from masthead.readers.comments.text import (
    MAX_NAME_LENGTH,
    clean_body,
    clean_name,
    normalize_email,
)

# The honeypot: a field people never see (CSS moves it off screen) and that
# form-filling bots do fill.
HONEYPOT = "website"


class CommentForm(forms.Form):
    name = forms.CharField(
        label="Name",
        # Room for a name with a few stray spaces; clean_name says the limit.
        max_length=MAX_NAME_LENGTH * 2,
        help_text="Shown with your comment.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        help_text="Never shown.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    body = forms.CharField(
        label="Comment",
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    parent = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["maxlength"] = conf("MAX_LENGTH")

    def clean_name(self):
        return clean_name(self.cleaned_data["name"])

    def clean_email(self):
        email = normalize_email(self.cleaned_data["email"])
        if any(ch in email for ch in "\r\n\t\x00"):
            # EmailField refuses these too; said plainly in case it stops to.
            raise ValidationError("An e-mail address cannot contain line breaks.")
        return email

    def clean_body(self):
        return clean_body(self.cleaned_data["body"], conf("MAX_LENGTH"))


def honeypot_filled(data) -> bool:
    return bool((data.get(HONEYPOT) or "").strip())
