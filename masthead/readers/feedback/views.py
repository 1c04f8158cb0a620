"""The feedback page, the contact form's endpoint and the thank-you page.

Every answer works with JavaScript off: a plain POST, a 303 to the thank-you
page, or the form again with what is wrong and the reader's text kept. A
message is stored before anything else is tried; mailing it is the worker's.
"""

import logging

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from masthead.readers.feedback import guard
from masthead.readers.feedback.forms import ContactForm, FeedbackForm
from masthead.readers.feedback.mail import mail_message

logger = logging.getLogger("masthead.readers.feedback")

FEEDBACK_TEMPLATE = "readers/feedback/feedback.html"
CONTACT_TEMPLATE = "readers/feedback/contact.html"


def _see_other(url: str) -> HttpResponseRedirect:
    # 303: the browser fetches the thank-you page with GET, and a reload
    # there does not post the message again.
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _again(request, template, form, status, problem=""):
    return render(request, template, {"form": form, "problem": problem}, status=status)


def _receive(request, form_class, template):
    if guard.body_too_large(request):
        return _again(
            request,
            template,
            form_class(),
            413,
            "Your message was too long to be received. Please shorten it and "
            "send it again.",
        )
    form = form_class(request.POST)
    if not guard.same_origin(request):
        form.is_valid()  # to show the text back; nothing is stored
        return _again(
            request,
            template,
            form,
            403,
            "Your browser did not say that this form was sent from our site, so "
            "it was not accepted. Please check your message below and send it "
            "again from this page.",
        )
    if guard.honeypot_filled(request):
        # A bot: it is told what a person would be told, and nothing is kept.
        return _see_other(reverse("readers_feedback_thanks"))
    if not form.is_valid():
        return _again(request, template, form, 400)
    limited = None
    if not guard.MESSAGES_PER_IP.hit(guard.ip_of(request)):
        limited = guard.MESSAGES_PER_IP
    email = form.cleaned_data.get("email")
    if limited is None and email and not guard.MESSAGES_PER_ADDRESS.hit(email):
        limited = guard.MESSAGES_PER_ADDRESS
    if limited is not None:
        minutes = limited.minutes_left()
        unit = "minute" if minutes == 1 else "minutes"
        response = _again(
            request,
            template,
            form,
            429,
            "We have had many messages from you in a short time. Your message "
            f"was not sent: please try again in {minutes} {unit}.",
        )
        response["Retry-After"] = str(minutes * 60)
        return response
    message = form.message_record()
    message.save()
    try:
        mail_message.enqueue(message.pk)
    except Exception:
        # Whatever went wrong, the message is stored: the worker's sweep mails it.
        logger.exception("reader message %s: mail not queued", message.pk)
    return _see_other(reverse("readers_feedback_thanks"))


# csrf_exempt on purpose: the forms sit on cached, shared pages that can carry
# no CSRF token; the Origin check, honeypot and rate limits of guard.py stand
# in for it (design.md §4).
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def feedback(request):
    if request.method == "POST":
        return _receive(request, FeedbackForm, FEEDBACK_TEMPLATE)
    return render(request, FEEDBACK_TEMPLATE, {"form": FeedbackForm()})


@csrf_exempt  # as feedback() above
@require_http_methods(["GET", "HEAD", "POST"])
def contact(request):
    if request.method == "POST":
        return _receive(request, ContactForm, CONTACT_TEMPLATE)
    return render(request, CONTACT_TEMPLATE, {"form": ContactForm()})


@require_http_methods(["GET", "HEAD"])
def thanks(request):
    return render(request, "readers/feedback/thanks.html")
