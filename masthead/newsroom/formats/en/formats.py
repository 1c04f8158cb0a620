# Django date-format syntax. `O` is the offset (+0800): the admin runs on the
# site's zone (masthead.newsroom.admin_time), and a scheduled time must say so.
DATE_FORMAT = "Y-m-d"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = r"H:i \U\T\CO, Y-m-d"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
