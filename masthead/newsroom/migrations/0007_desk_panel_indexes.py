"""Indexes for the desk panel at archive scale (issue 14).

- Takedown.taken_down_at: "taken down today" starts from today's takedowns
  instead of joining every article of the desk.
- wagtailcore_page.last_published_at: "published today" reads today's pages
  off an index instead of scanning the whole archive. Wagtail's Page has no
  index on it and we cannot add one to its model, so it is made here with
  plain SQL (the same statement on SQLite and PostgreSQL). Wagtail does not
  rebuild wagtailcore_page in 8.0; should a later Wagtail migration remake the
  table on SQLite, run this migration's SQL again.
"""

import django.utils.timezone
from django.db import migrations, models

PAGE_INDEX = "newsroom_page_last_published_at"


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0006_source_feeds_licence_help"),
    ]

    operations = [
        migrations.AlterField(
            model_name="takedown",
            name="taken_down_at",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now
            ),
        ),
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {PAGE_INDEX} "
            "ON wagtailcore_page (last_published_at)",
            f"DROP INDEX IF EXISTS {PAGE_INDEX}",
        ),
    ]
