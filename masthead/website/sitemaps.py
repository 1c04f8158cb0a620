"""/sitemap.xml with the paper's public addresses.

Wagtail's sitemap builds each <loc> from the Site record's hostname and port;
these are rewritten onto the public base URL (or the request's host and port),
the same rule as canonical links (masthead/core/public_urls.py).
"""

from wagtail.contrib.sitemaps import Sitemap

from masthead.core.public_urls import absolute_url


class PublicSitemap(Sitemap):
    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url_info in urls:
            url_info["location"] = absolute_url(
                url_info["location"], request=self.request
            )
        return urls
