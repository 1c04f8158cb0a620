"""The newsletter's messages: each has a plain-text and an HTML part from
templates, absolute links, and List-Unsubscribe with RFC 8058 one-click.

Mails to one reader (confirmation, "already subscribed") go through
EMAIL_BACKEND, which in production queues them as tasks (core/outbox.py).
Digests and alerts are built here too but sent by sending.py.
"""

from __future__ import annotations

import unicodedata
from email.utils import formataddr, make_msgid, parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.models import Site

from masthead.core.models import SiteSettings
from masthead.core.public_urls import base_url

from . import tokens
from .models import Subscriber

TEMPLATES = "readers/newsletter/email"
LIST_NAMES = {
    "digest": "daily digest",
    "alerts": "breaking news",
    "edition": "PDF edition",
    "all": "newsletter",
}


class Sender:
    """Who mails, and where links point: one per request or per send."""

    def __init__(self, request=None):
        site = None
        if request is not None:
            site = Site.find_for_request(request)
        if site is None:
            site = Site.objects.filter(is_default_site=True).first()
        self.site = site
        name = SiteSettings.for_site(site).masthead_name if site else "Masthead"
        self.name = name
        self.base = base_url(request, fallback=site.root_url if site else "")
        self.host = urlsplit(self.base).hostname or "localhost"
        address = getattr(settings, "MASTHEAD_NEWSLETTER_FROM", "") or (
            settings.DEFAULT_FROM_EMAIL
        )
        display, mailbox = parseaddr(address)
        self.from_email = formataddr((display or name, mailbox or address))
        self._prefixes: dict[tuple, list[str]] = {}

    def url(self, name: str, *args) -> str:
        return self.base + reverse(f"newsletter:{name}", args=args)

    def absolute(self, path: str) -> str:
        return self.base + path

    def _signed_url(self, name: str, *args) -> str:
        # reverse() once per kind of link: a send signs two links a reader.
        key = (name, *args[:-1])
        if key not in self._prefixes:
            marker = "0.token"
            url = self.url(name, *args[:-1], marker)
            self._prefixes[key] = url.split(marker)
        head, tail = self._prefixes[key]
        return f"{head}{args[-1]}{tail}"

    def unsubscribe_url(self, subscriber: Subscriber, list_name: str) -> str:
        token = tokens.make(subscriber, tokens.unsubscribe_purpose(list_name))
        return self._signed_url("unsubscribe", list_name, token)

    def preferences_url(self, subscriber: Subscriber) -> str:
        return self._signed_url(
            "preferences", tokens.make(subscriber, tokens.PREFERENCES)
        )

    def context(self, **extra) -> dict:
        return {"masthead_name": self.name, "home_url": self.base + "/", **extra}

    def render(self, template: str, context: dict) -> tuple[str, str]:
        text = render_to_string(f"{TEMPLATES}/{template}.txt", context)
        html = render_to_string(f"{TEMPLATES}/{template}.html", context)
        return text, html

    def compose(
        self,
        to: str,
        list_name: str,
        subject: str,
        text: str,
        html: str,
        *,
        unsubscribe_url: str,
        message_id: str | None = None,
        connection=None,
    ) -> EmailMultiAlternatives:
        headers = {
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": formataddr(
                (f"{self.name} {LIST_NAMES[list_name]}", f"{list_name}.{self.host}")
            ),
            "Message-ID": message_id or make_msgid(domain=self.host),
        }
        message = EmailMultiAlternatives(
            one_line(subject),
            text,
            self.from_email,
            [to],
            headers=headers,
            connection=connection,
        )
        message.attach_alternative(html, "text/html")
        return message


def one_line(value: str, limit: int = 200) -> str:
    """A header value with no line breaks or control characters in it (an
    editor's headline goes into the Subject)."""
    cleaned = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in value
    )
    cleaned = " ".join(cleaned.split())
    return cleaned[:limit]


def send_confirmation(subscriber: Subscriber, request=None) -> None:
    sender = Sender(request)
    confirm_url = sender.url("confirm", tokens.make(subscriber, tokens.CONFIRM))
    unsubscribe_url = sender.unsubscribe_url(subscriber, "all")
    text, html = sender.render(
        "confirm",
        sender.context(
            confirm_url=confirm_url,
            unsubscribe_url=unsubscribe_url,
            days=tokens.CONFIRM_DAYS,
            subscriber=subscriber,
        ),
    )
    subject = f"Confirm your subscription to {sender.name}"
    sender.compose(
        subscriber.email, "all", subject, text, html, unsubscribe_url=unsubscribe_url
    ).send()


def send_preferences_link(subscriber: Subscriber, request=None, asked=False) -> None:
    """The link to the preferences page: to an address signed up again
    (`asked` False) or to one that asked for a new link."""
    sender = Sender(request)
    unsubscribe_url = sender.unsubscribe_url(subscriber, "all")
    text, html = sender.render(
        "preferences_link",
        sender.context(
            preferences_url=sender.preferences_url(subscriber),
            unsubscribe_url=unsubscribe_url,
            asked=asked,
        ),
    )
    if asked:
        subject = f"Your link to the {sender.name} newsletters"
    else:
        subject = f"You are already subscribed to {sender.name}"
    sender.compose(
        subscriber.email, "all", subject, text, html, unsubscribe_url=unsubscribe_url
    ).send()
