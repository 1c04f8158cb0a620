from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from masthead.core.timefmt import (
    DEFAULT_TIME_FORMAT,
    validate_time_format,
    validate_zone,
)

SOCIAL_NETWORKS = [
    ("wechat", "WeChat"),
    ("weibo", "Weibo"),
    ("x", "X"),
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("youtube", "YouTube"),
    ("linkedin", "LinkedIn"),
    ("tiktok", "TikTok"),
    ("rss", "RSS"),
]


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What the header and footer of every page say; editable by administrators."""

    masthead_name = models.CharField(max_length=80, default="Masthead Daily")
    tagline = models.CharField(max_length=160, blank=True)
    licence_lines = models.TextField(
        blank=True,
        help_text="One licence or registration line per line, shown in the footer.",
    )
    copyright_holder = models.CharField(
        "copyright holder",
        max_length=200,
        blank=True,
        help_text='The name after "© <this year>" in the footer (the year follows '
        "the date). Empty: the masthead name.",
    )
    hotline = models.CharField(max_length=60, blank=True)
    address = models.TextField(blank=True)
    contact_email = models.EmailField(blank=True)
    social_links = StreamField(
        [
            (
                "link",
                blocks.StructBlock(
                    [
                        ("network", blocks.ChoiceBlock(choices=SOCIAL_NETWORKS)),
                        ("url", blocks.URLBlock()),
                    ]
                ),
            )
        ],
        blank=True,
    )
    time_zone = models.CharField(
        max_length=64, default="Asia/Shanghai", validators=[validate_zone]
    )
    time_format = models.CharField(
        max_length=80,
        default=DEFAULT_TIME_FORMAT,
        validators=[validate_time_format],
        help_text="Placeholders: {time} (23:35), {offset} (UTC+8), {date} (2025-05-16).",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("masthead_name"), FieldPanel("tagline")], heading="Masthead"
        ),
        MultiFieldPanel(
            [
                FieldPanel("licence_lines"),
                FieldPanel("copyright_holder"),
                FieldPanel("hotline"),
                FieldPanel("address"),
                FieldPanel("contact_email"),
            ],
            heading="Footer and contact",
        ),
        FieldPanel("social_links"),
        MultiFieldPanel(
            [FieldPanel("time_zone"), FieldPanel("time_format")], heading="Time display"
        ),
    ]

    class Meta:
        verbose_name = "site settings"

    def licence_line_list(self) -> list[str]:
        return [
            line.strip() for line in self.licence_lines.splitlines() if line.strip()
        ]
