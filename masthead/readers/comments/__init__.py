"""Readers' comments on articles: plain text, one level of replies, held for the
section's desk editors unless the section publishes at once.

The article page stays a cached anonymous page: the form on it carries no
token, and posts to an endpoint guarded by an Origin check, a honeypot and
rate limits (guard.py). What changes what readers see (approve, reject,
remove) purges that article's pages (purge.py).
"""
