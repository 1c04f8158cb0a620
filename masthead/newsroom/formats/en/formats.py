# Django date-format syntax. The admin runs on the site's zone
# (masthead.newsroom.admin_time), and a scheduled time must say so: `e` is the
# zone's name, which the admin's zone (core.timefmt.SiteZone) gives as the site
# writes it, `UTC+8` or `UTC+5:30` (`O` would print `+0800`).
DATE_FORMAT = "Y-m-d"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "H:i e, Y-m-d"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
