"""Feedback settings with their defaults; override any key in
settings.MASTHEAD_FEEDBACK."""

from django.conf import settings

DEFAULTS = {
    "MAX_LENGTH": 5000,  # characters of one message
    # Anything larger is refused before Django reads the body.
    "MAX_REQUEST_BYTES": 64 * 1024,
    # (messages, seconds): from one IP address, and from one e-mail address.
    # An office or a phone network shares one IP address: kept loose.
    "IP_LIMIT": (10, 3600),
    "ADDRESS_LIMIT": (5, 3600),
    # The counters' cache alias: one every process shares and that page purges
    # never clear ("logins": files on one box, Redis with REDIS_URL).
    "RATE_LIMIT_CACHE": "logins",
    # A desk's own mailbox, by section slug ("*": messages for no section);
    # without one, the notice goes to the desk's editors.
    "DESK_ADDRESSES": {},
    # The worker mails what the request could not queue after this long, and
    # waits this long again after a failed try.
    "MAIL_RETRY_SECONDS": 300,
}


def conf(name: str):
    return getattr(settings, "MASTHEAD_FEEDBACK", {}).get(name, DEFAULTS[name])
