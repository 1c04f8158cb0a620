"""The feedback form (topic, message, an address if the reader wants an answer)
and the contact form (name and address to answer to, topic, subject, message).

Neither carries a CSRF token: both sit on cached pages (see guard.py)."""

from django import forms
from django.core.exceptions import ValidationError

from masthead.readers.feedback import desks
from masthead.readers.feedback.config import conf
from masthead.readers.feedback.guard import HONEYPOT_FIELD
from masthead.readers.feedback.models import ReaderMessage
from masthead.readers.feedback.text import LINE_BREAKS, clean_line, clean_text


class OneLineEmailField(forms.EmailField):
    """An address, and a plain word about what is wrong with a header
    injection attempt ("a@b.example\\r\\nBcc: ...") instead of a generic
    "enter a valid address"."""

    def to_python(self, value):
        if value and any(c in LINE_BREAKS for c in value):
            raise ValidationError(
                "An e-mail address is one line: no line breaks.", code="lines"
            )
        return super().to_python(value)

    def clean(self, value):
        return super().clean(value).lower()


class ReaderMessageForm(forms.Form):
    kind = ReaderMessage.Kind.FEEDBACK
    # Ids of their own: the form shares its page with the header's search
    # and the footer's newsletter sign-up.
    id_format = "message-%s"
    # People never see it (hidden by CSS, out of the tab order); bots fill it.
    website = forms.CharField(required=False, label="Leave this empty")
    topic = forms.ChoiceField(label="Topic")
    message = forms.CharField(label="Your message", widget=forms.Textarea)

    def __init__(self, *args, topics=None, **kwargs):
        kwargs.setdefault("auto_id", self.id_format)
        super().__init__(*args, **kwargs)
        self.topics = {t.key: t for t in (topics or desks.topics())}
        self.fields["topic"].choices = [
            ("", "Choose a topic"),
            *desks.topic_choices(list(self.topics.values())),
        ]
        self.fields["message"].widget.attrs.update(
            rows=8, maxlength=str(conf("MAX_LENGTH"))
        )
        self.fields[HONEYPOT_FIELD].widget.attrs.update(
            tabindex="-1", autocomplete="off"
        )
        if "email" in self.fields:
            self.fields["email"].widget.attrs.update(autocomplete="email")
        if "name" in self.fields:
            self.fields["name"].widget.attrs.update(autocomplete="name")

    def clean_message(self):
        limit = conf("MAX_LENGTH")
        text = self.cleaned_data["message"]
        if len(text) > limit:
            raise ValidationError(
                f"Your message is {len(text):,} characters long; the most we "
                f"take is {limit:,}. Please shorten it.",
                code="long",
            )
        text = clean_text(text, "message")
        if len(text) < 2:
            raise ValidationError("Write a message.", code="short")
        return text

    def clean_name(self):
        return clean_line(self.cleaned_data.get("name", ""), "name")

    def clean_subject(self):
        return clean_line(self.cleaned_data.get("subject", ""), "subject")

    def message_record(self) -> ReaderMessage:
        data = self.cleaned_data
        topic = self.topics[data["topic"]]
        return ReaderMessage(
            kind=self.kind,
            topic=topic.key,
            topic_label=topic.label,
            section_id=topic.section_id,
            name=data.get("name", ""),
            email=data.get("email", ""),
            subject=data.get("subject", ""),
            message=data["message"],
        )


class FeedbackForm(ReaderMessageForm):
    kind = ReaderMessage.Kind.FEEDBACK
    id_format = "feedback-%s"
    field_order = ["topic", "message", "email", HONEYPOT_FIELD]

    email = OneLineEmailField(
        label="Your e-mail address (optional)",
        required=False,
        max_length=254,
        help_text="Only if you would like an answer. Never shown, never shared.",
    )


class ContactForm(ReaderMessageForm):
    kind = ReaderMessage.Kind.CONTACT
    id_format = "contact-%s"
    field_order = ["name", "email", "topic", "subject", "message", HONEYPOT_FIELD]

    name = forms.CharField(label="Your name", max_length=80)
    email = OneLineEmailField(
        label="Your e-mail address",
        max_length=254,
        help_text="We answer to it. Never shown, never shared.",
    )
    subject = forms.CharField(label="Subject", max_length=150, required=False)
