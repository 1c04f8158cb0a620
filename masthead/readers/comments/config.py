"""Comment settings with their defaults; override any key in
settings.MASTHEAD_COMMENTS."""

from django.conf import settings

DEFAULTS = {
    "PER_PAGE": 50,  # threads (a comment with its replies) per page
    "MAX_LENGTH": 5000,  # characters of one comment
    # Anything larger is refused before Django reads the body.
    "MAX_REQUEST_BYTES": 256 * 1024,
    # (requests, seconds): posts from one IP address, comments from one e-mail
    # address, reports from one IP address.
    "IP_LIMIT": (10, 600),
    "ADDRESS_LIMIT": (5, 600),
    "REPORT_LIMIT": (20, 3600),
    # The counters' cache alias: one every process shares and that page purges
    # never clear. "logins" is such a cache (files on one box, Redis with
    # REDIS_URL); "default" is per process on one box.
    "RATE_LIMIT_CACHE": "logins",
    # A settings change reaches cached article pages within this many seconds;
    # the endpoint reads the settings afresh on every post.
    "SETTINGS_MEMO_SECONDS": 60,
}


def conf(name: str):
    return getattr(settings, "MASTHEAD_COMMENTS", {}).get(name, DEFAULTS[name])
