"""Date formats for the admin (FORMAT_MODULE_PATH): the site's 24-hour clock.

The public site writes its times itself (masthead.core.timefmt); these are the
formats Django and Wagtail use when the admin renders a datetime on its own
(tooltips of "x ago", the go-live time in the status panel, filters).
`en` covers `en-gb` too: a project path is tried before Django's own locales.
"""
