"""The footer's copyright line: the setting keeps only the holder's name and
the year is written from today's date, so it never goes stale.

Existing notices like "Copyright 2025 Masthead Daily. All rights reserved."
keep their holder ("Masthead Daily"); going back writes a notice for this year.
"""

import re

from django.db import migrations, models
from django.utils import timezone

_LEADING = re.compile(
    r"^\s*(?:copyright\b|\(c\)|©|\s|,|[0-9]{4}(?:\s*[-–—]\s*[0-9]{4})?)*",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"[\s.,;]*(?:all rights reserved\.?)?[\s.,;]*$", re.IGNORECASE)


def holder_from_notice(notice: str) -> str:
    """'Copyright 2020–2025 Masthead Daily. All rights reserved.' -> 'Masthead Daily'."""
    holder = _LEADING.sub("", notice or "", count=1)
    return _TRAILING.sub("", holder, count=1).strip()


def forwards(apps, schema_editor):
    SiteSettings = apps.get_model("core", "SiteSettings")
    for row in SiteSettings.objects.all():
        row.copyright_holder = holder_from_notice(row.copyright)[:200]
        row.save(update_fields=["copyright_holder"])


def backwards(apps, schema_editor):
    SiteSettings = apps.get_model("core", "SiteSettings")
    year = timezone.now().year
    for row in SiteSettings.objects.all():
        holder = row.copyright_holder or row.masthead_name
        row.copyright = f"Copyright {year} {holder}. All rights reserved."[:200]
        row.save(update_fields=["copyright"])


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="sitesettings",
            name="copyright_holder",
            field=models.CharField(
                blank=True,
                help_text='The name after "© <this year>" in the footer (the year follows '
                "the date). Empty: the masthead name.",
                max_length=200,
                verbose_name="copyright holder",
            ),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="sitesettings", name="copyright"),
    ]
