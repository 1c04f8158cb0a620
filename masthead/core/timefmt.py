"""Times as readers see them: the seed's `23:35 UTC+8, 2025-05-16`.

Stored times are UTC; the zone and the pattern come from SiteSettings.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ValidationError

DEFAULT_TIME_FORMAT = "{time} {offset}, {date}"


def validate_zone(value: str) -> None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(f"Unknown time zone {value!r}.") from exc


def validate_time_format(value: str) -> None:
    try:
        value.format(time="", offset="", date="")
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError(
            "Use only the placeholders {time}, {offset} and {date}."
        ) from exc


def utc_offset_label(offset: timedelta) -> str:
    """`UTC+8`, `UTC-3:30`, `UTC` (no offset)."""
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{mins:02d}" if mins else "")


class SiteZone(ZoneInfo):
    """A zone whose times name themselves the site's way: a datetime in
    `SiteZone("Asia/Shanghai")` has the tzname `UTC+8` (Django's `e` date
    format), not `CST`. Without a datetime it answers as ZoneInfo does (None),
    so Django still hands the database the zone's key."""

    def tzname(self, dt):
        if dt is None:
            return super().tzname(dt)
        return utc_offset_label(self.utcoffset(dt) or timedelta(0))


def format_news_time(
    value: datetime, zone: str = "UTC", pattern: str = DEFAULT_TIME_FORMAT
) -> str:
    local = value.astimezone(ZoneInfo(zone))
    return pattern.format(
        time=local.strftime("%H:%M"),
        offset=utc_offset_label(local.utcoffset() or timedelta(0)),
        date=local.strftime("%Y-%m-%d"),
    )
