"""The reader's side of the newsletter: sign-up, confirm, preferences,
unsubscribe, and the Subscribe page.

The sign-up form sits in the footer of cached pages, so it carries no CSRF
token: guard.py's Origin check, honeypot and rate limits stand in for it.
Confirm, preferences and unsubscribe links carry a signed token (tokens.py)
and work without cookies; their pages are never cached, and each changes
something only on POST (mail scanners open GET links), the unsubscribe one
also answering RFC 8058 one-click POSTs from mail providers.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import guard, signup, tokens
from .content import live_sections
from .mails import Sender, send_preferences_link
from .models import Subscriber

logger = logging.getLogger("masthead.readers.newsletter")

THANKS = "Thank you for subscription."
CHECK_MAILBOX = (
    "Please check your mailbox: we have sent you a message with a link to "
    "confirm your address. Nothing will be sent until you do."
)
DEFAULT_LIMITS = {"ip_per_minute": 5, "ip_per_hour": 20, "all_per_hour": 1000}


def limits() -> dict[str, int]:
    return {**DEFAULT_LIMITS, **getattr(settings, "MASTHEAD_NEWSLETTER_LIMITS", {})}


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def answer(request, status: int, heading: str, *lines: str, **extra):
    """The same answer as JSON for the footer's script and as a page
    without JavaScript."""
    if wants_json(request):
        response = JsonResponse(
            {"ok": status == 200, "message": " ".join((heading, *lines))},
            status=status,
        )
    else:
        response = render(
            request,
            "readers/newsletter/message.html",
            {"heading": heading, "lines": lines, **extra},
            status=status,
        )
    return response


def choice_from(post) -> signup.Choice:
    lists = post.getlist("lists")
    return signup.Choice(
        digest="digest" in lists,
        alerts="alerts" in lists,
        edition="edition" in lists,
        section_ids=post.getlist("sections")[:50],
    )


@csrf_exempt
@never_cache
def subscribe(request):
    """POST from the footer or the Subscribe page; GET goes to the page."""
    if request.method != "POST":
        return redirect("newsletter:subscribe_page")
    if not guard.same_origin(request):
        return answer(
            request,
            403,
            "This form can only be sent from our own pages.",
            "Please reload the page and try again.",
        )
    if guard.honeypot_filled(request):
        # Told what a person is told: a bot learns nothing from the answer.
        logger.info("newsletter sign-up with the honeypot filled: ignored")
        return answer(request, 200, THANKS, CHECK_MAILBOX, done=True)
    try:
        address = signup.clean_address(request.POST.get("email", ""))
    except signup.InvalidAddress:
        return _form_error(request, "Please enter a valid e-mail address.")
    choice = choice_from(request.POST)
    if not choice.anything:
        return _form_error(request, "Please choose at least one newsletter.")

    limit = limits()
    ip = guard.client_address(request)
    if guard.over_limit("signup-ip-m", ip, limit["ip_per_minute"], 60) or (
        guard.over_limit("signup-ip-h", ip, limit["ip_per_hour"], 3600)
    ):
        response = answer(
            request,
            429,
            "Too many sign-ups from your network.",
            "Please try again in an hour.",
        )
        response["Retry-After"] = "3600"
        return response
    if guard.over_limit("signup-all", "", limit["all_per_hour"], 3600):
        logger.warning(
            "newsletter sign-ups over %d an hour: paused", limit["all_per_hour"]
        )
        response = answer(
            request,
            503,
            "Sign-ups are paused for a moment.",
            "Please try again in a few minutes.",
        )
        response["Retry-After"] = "600"
        return response

    source = request.POST.get("source", "")[:20]
    outcome = signup.sign_up(address, choice, source=source, request=request)
    logger.info("newsletter sign-up: %s", outcome)
    return answer(request, 200, THANKS, CHECK_MAILBOX, done=True)


def _form_error(request, message: str):
    if wants_json(request):
        return JsonResponse({"ok": False, "message": message}, status=400)
    return render(
        request,
        "readers/newsletter/subscribe_page.html",
        {
            "error": message,
            "email": request.POST.get("email", "")[:254],
            **_form_choices(choice_from(request.POST)),
        },
        status=400,
    )


def _form_choices(choice: signup.Choice) -> dict:
    return {
        "sections": live_sections(),
        "digest_on": choice.digest,
        "alerts_on": choice.alerts,
        "edition_on": choice.edition,
        "chosen_sections": {int(i) for i in choice.section_ids if str(i).isdigit()},
    }


def subscribe_page(request):
    """The header's Subscribe link: the lists, and the sections of the digest.
    Anonymous and cacheable: no token, nothing personal."""
    return render(
        request,
        "readers/newsletter/subscribe_page.html",
        _form_choices(signup.Choice()),
    )


def _foreign_origin(request) -> bool:
    origin = request.META.get("HTTP_ORIGIN")
    return bool(origin) and origin.lower() not in guard.allowed_origins(request)


INVALID_LINK = (
    "This link is not valid.",
    "It may be incomplete (copy the whole address from the message) or too old.",
)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    subscriber = tokens.read(token, tokens.CONFIRM)
    if subscriber is None or subscriber.status == subscriber.Status.UNSUBSCRIBED:
        return answer(
            request,
            400,
            *INVALID_LINK,
            "To subscribe, enter your address again: we will send a new link.",
            signup_again=True,
        )
    if request.method == "GET":
        return render(request, "readers/newsletter/confirm.html", {"token": token})
    if _foreign_origin(request):
        return answer(request, 403, "This form can only be sent from our own pages.")
    signup.confirm(subscriber)
    return render(
        request,
        "readers/newsletter/confirmed.html",
        {"preferences_url": Sender(request).preferences_url(subscriber)},
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, list_name: str, token: str):
    subscriber = tokens.read(token, tokens.unsubscribe_purpose(list_name))
    if subscriber is None:
        return answer(
            request,
            400,
            *INVALID_LINK,
            "Enter your address below and we will send you a link that works.",
            ask_for_link=True,
        )
    if request.method == "GET":
        return render(
            request,
            "readers/newsletter/unsubscribe.html",
            {"list_label": _list_label(list_name)},
        )
    # A one-click POST (RFC 8058) comes from the mail provider, with no
    # cookie and no Origin of ours; the token alone decides.
    signup.unsubscribe(subscriber, list_name)
    subscriber.refresh_from_db()
    return render(
        request,
        "readers/newsletter/unsubscribed.html",
        {
            "list_label": _list_label(list_name),
            "still_subscribed": subscriber.status == subscriber.Status.ACTIVE,
            "preferences_url": Sender(request).preferences_url(subscriber),
        },
    )


def _list_label(list_name: str) -> str:
    return {
        "digest": "the daily digest",
        "alerts": "breaking-news alerts",
        "edition": "the PDF edition",
    }.get(list_name, "all our newsletters")


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request, token: str):
    subscriber = tokens.read(token, tokens.PREFERENCES)
    if subscriber is None:
        return answer(
            request,
            400,
            *INVALID_LINK,
            "Enter your address below and we will send you a link that works.",
            ask_for_link=True,
        )
    saved = False
    if request.method == "POST":
        if _foreign_origin(request):
            return answer(
                request, 403, "This form can only be sent from our own pages."
            )
        signup.set_preferences(subscriber, choice_from(request.POST))
        subscriber.refresh_from_db()
        saved = True
    chosen = set(subscriber.sections.values_list("pk", flat=True))
    return render(
        request,
        "readers/newsletter/preferences.html",
        {
            "subscriber": subscriber,
            "sections": live_sections(),
            "chosen_sections": chosen,
            "saved": saved,
            "active": subscriber.status == subscriber.Status.ACTIVE,
        },
    )


@csrf_exempt
@never_cache
def request_link(request):
    """A lost or broken link: the address gets a fresh preferences link if it
    is subscribed, nothing otherwise; the answer is the same either way."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not guard.same_origin(request):
        return answer(request, 403, "This form can only be sent from our own pages.")
    done = answer(
        request,
        200,
        "Please check your mailbox.",
        "If this address is on our lists, we have sent it a link to choose "
        "what it receives or to unsubscribe.",
    )
    if guard.honeypot_filled(request):
        return done
    try:
        address = signup.clean_address(request.POST.get("email", ""))
    except signup.InvalidAddress:
        return answer(
            request, 400, "Please enter a valid e-mail address.", ask_for_link=True
        )
    limit = limits()
    if guard.over_limit(
        "link-ip", guard.client_address(request), limit["ip_per_hour"], 3600
    ):
        response = answer(
            request, 429, "Too many requests.", "Please try again in an hour."
        )
        response["Retry-After"] = "3600"
        return response
    subscriber = Subscriber.objects.filter(email_key=address.lower()).first()
    if (
        subscriber is not None
        and subscriber.status == subscriber.Status.ACTIVE
        and not guard.over_limit(
            "signup-mail",
            subscriber.email_key,
            signup.MAILS_PER_ADDRESS,
            signup.MAILS_PER_ADDRESS_WINDOW,
        )
    ):
        send_preferences_link(subscriber, request=request, asked=True)
    return done
