import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from masthead.core.pagecache.wsgi import PageCacheApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.dev")

django_application = get_wsgi_application()


def _build():
    if settings.MASTHEAD_PAGE_CACHE.get("ENABLED", True):
        return PageCacheApp(django_application)
    return django_application


application = _build()
