"""Settings of the `masthead` processes the scale-out tests start: the dev
settings (DATABASE_URL, REDIS_URL and SECRET_KEY from the environment, as on
every node of a big newsroom), plus what a test on one machine needs."""

from masthead.settings.dev import *  # noqa: F403

# The test's wire feed server listens on 127.0.0.1.
MASTHEAD_WIRE_FETCH_ALLOW_PRIVATE = True
# No PDF edition mid-test (its daily build starts at this hour of the site's
# day, and no day has an hour 24): it is not what these tests count.
MASTHEAD_EDITION_HOUR = 24
