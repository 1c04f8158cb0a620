from masthead.core.admin_paths import is_admin_path
from masthead.core.models import SiteSettings
from masthead.core.navigation import navigation_for_request


def site_chrome(request):
    """Header and footer data for public pages (navigation is cached)."""
    if is_admin_path(request.path):
        return {}
    return {
        "site_settings": SiteSettings.for_request(request),
        "navigation": navigation_for_request(request),
    }
