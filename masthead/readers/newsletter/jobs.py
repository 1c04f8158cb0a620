"""The newsletter's periodic jobs, run by `masthead worker` on every tick.

Each is cheap when there is nothing to do (a cache read or one query).
"""

from django.core.cache import cache

from masthead.core import mailfiles
from masthead.core.scheduler import periodic

from . import digest, sending, signup

CLEANUP_EVERY_SECONDS = 3600


@periodic("newsletter-digest")
def make_digest() -> str:
    return digest.make_due_digest()


@periodic("newsletter-send")
def resume_sending() -> int:
    """Queue the sender of every mailing that is due: new, past its retry
    time after an SMTP outage, or left behind by a sender that died."""
    return sum(
        sending.kick(pk) for pk in sending.due_mailings().values_list("pk", flat=True)
    )


@periodic("newsletter-cleanup")
def forget_old() -> int:
    if not cache.add("masthead:newsletter-cleanup", 1, CLEANUP_EVERY_SECONDS):
        return 0
    mailfiles.prune()
    return signup.forget_old_addresses()
