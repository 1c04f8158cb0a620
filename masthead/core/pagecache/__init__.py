"""The full-page cache of design.md §4.

`PageCacheApp` (wsgi.py) answers anonymous GETs from stored bytes before Django
builds a request; `purge_paths` (store.py) removes exactly the URLs a change
touches. The store is any Django cache alias: files on one box, Redis when
there are many.
"""

from .store import PageStore, get_store, purge_all, purge_paths

__all__ = ["PageStore", "get_store", "purge_all", "purge_paths"]
