from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import timezone

from masthead.core.timefmt import (
    SiteZone,
    format_news_time,
    validate_time_format,
    validate_zone,
)

SEED_TIME = datetime(2025, 5, 16, 15, 35, tzinfo=UTC)


def test_seed_style_in_shanghai():
    assert format_news_time(SEED_TIME, "Asia/Shanghai") == "23:35 UTC+8, 2025-05-16"


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("UTC", "15:35 UTC, 2025-05-16"),
        ("Asia/Kolkata", "21:05 UTC+5:30, 2025-05-16"),
        ("America/New_York", "11:35 UTC-4, 2025-05-16"),  # daylight saving time
        ("Pacific/Auckland", "03:35 UTC+12, 2025-05-17"),  # the date moves too
    ],
)
def test_offsets_and_dates_follow_the_zone(zone, expected):
    assert format_news_time(SEED_TIME, zone) == expected


def test_pattern_is_a_setting():
    assert format_news_time(SEED_TIME, "Asia/Shanghai", "{date} {time} ({offset})") == (
        "2025-05-16 23:35 (UTC+8)"
    )


def test_bad_settings_are_refused():
    with pytest.raises(ValidationError):
        validate_zone("Mars/Olympus")
    with pytest.raises(ValidationError):
        validate_time_format("{hour}")


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia/Shanghai", "23:35 UTC+8, 2025-05-16"),
        ("Asia/Kolkata", "21:05 UTC+5:30, 2025-05-16"),
        ("America/New_York", "11:35 UTC-4, 2025-05-16"),
    ],
)
def test_a_site_zone_names_its_times_as_the_site_writes_them(zone, expected):
    """Django's `e` date format, in the zone the admin activates."""
    template = Template('{{ when|date:"H:i e, Y-m-d" }}')
    with timezone.override(SiteZone(zone)):
        assert template.render(Context({"when": SEED_TIME})) == expected


def test_a_site_zone_still_gives_the_database_its_key():
    # Django names the zone to the database with tzname(None) or str(zone);
    # `UTC+8` there would read as a POSIX offset the other way round.
    with timezone.override(SiteZone("Asia/Shanghai")):
        assert timezone.get_current_timezone_name() == "Asia/Shanghai"
