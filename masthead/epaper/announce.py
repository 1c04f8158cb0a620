"""Telling the readers who asked for it (the Subscribe page's "PDF edition")
that today's paper is out: one newsletter mailing per day, with a link."""

import logging
from datetime import date, datetime

from django.db import IntegrityError, transaction

from masthead.epaper.content import site_zone
from masthead.readers.newsletter.models import Mailing
from masthead.readers.newsletter.sending import create_mailing

logger = logging.getLogger("masthead.epaper")

# Builds that may announce: not a takedown's or correction's rebuild (the
# mail went with the first build and its link leads to the current file).
ANNOUNCING = {"schedule", "admin", "command"}


def announce(day: date, trigger: str, masthead_name: str) -> Mailing | None:
    """Queue the day's mailing once, for today's edition only: rebuilding an
    old day must not mail every reader about it."""
    if trigger not in ANNOUNCING or day != datetime.now(tz=site_zone()).date():
        return None
    if Mailing.objects.filter(kind=Mailing.Kind.EDITION, edition=day).exists():
        return None
    try:
        with transaction.atomic():
            return create_mailing(
                Mailing.Kind.EDITION,
                f"{masthead_name}: the PDF edition of {day:%-d %B %Y}",
                edition=day,
            )
    except IntegrityError:
        # Another build of the same day got there first.
        return None
