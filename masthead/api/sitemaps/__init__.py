"""The sitemap index, a sitemap per month of the archive, the listing and
other pages' sitemaps with their pictures, the Google News sitemap of the last
48 hours, and robots.txt (views.py; addresses in paths.py)."""
