import hashlib
import pickle
import secrets
import time
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.cache import caches


@dataclass(frozen=True)
class CachedPage:
    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    etag: str
    stored_at: float


def _digest(text: str) -> str:
    return hashlib.blake2b(
        text.encode("utf-8", "surrogateescape"), digest_size=16
    ).hexdigest()


class PageStore:
    """Pages by path and query. Purging a path also drops every query variant
    of it (`?before=…` pages of a section) by bumping the path's generation,
    so a purge never needs to know which variants were cached."""

    def __init__(self, cache_alias: str, ttl: int, stale_ttl: int, lock_seconds: int):
        self.cache = caches[cache_alias]
        self.ttl = ttl
        self.stale_ttl = stale_ttl
        self.lock_seconds = lock_seconds

    # Keys -----------------------------------------------------------------
    def _generation_key(self, path: str) -> str:
        return "g:" + _digest(path)

    def key_for(self, path: str, query: str) -> str:
        if not query:
            return "p:" + _digest(path)
        generation = self.cache.get(self._generation_key(path), "0")
        return "q:" + _digest(f"{path}\x00{generation}\x00{query}")

    # Entries --------------------------------------------------------------
    def get(self, key: str) -> CachedPage | None:
        raw = self.cache.get(key)
        if raw is None:
            return None
        try:
            return pickle.loads(raw)  # noqa: S301 - written only by store() below
        except Exception:
            self.cache.delete(key)
            return None

    def store(self, key: str, status: str, headers, body: bytes) -> CachedPage:
        etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
        page = CachedPage(
            status=status,
            headers=tuple(headers),
            body=body,
            etag=etag,
            stored_at=time.time(),
        )
        self.cache.set(key, pickle.dumps(page, protocol=5), self.ttl + self.stale_ttl)
        return page

    def is_fresh(self, page: CachedPage) -> bool:
        return time.time() - page.stored_at < self.ttl

    # Stampede lock ----------------------------------------------------------
    def acquire(self, key: str) -> bool:
        return self.cache.add("l:" + key, 1, self.lock_seconds)

    def release(self, key: str) -> None:
        self.cache.delete("l:" + key)

    # Purge ----------------------------------------------------------------
    def purge(self, paths) -> None:
        paths = set(paths)
        if not paths:
            return
        self.cache.delete_many(["p:" + _digest(p) for p in paths])
        self.cache.set_many(
            {self._generation_key(p): secrets.token_hex(6) for p in paths}, None
        )

    def clear(self) -> None:
        self.cache.clear()


@lru_cache(maxsize=1)
def get_store() -> PageStore:
    conf = settings.MASTHEAD_PAGE_CACHE
    return PageStore(
        cache_alias=conf["CACHE_ALIAS"],
        ttl=conf["TTL"],
        stale_ttl=conf["STALE_TTL"],
        lock_seconds=conf["LOCK_SECONDS"],
    )


def purge_paths(paths) -> None:
    """Drop these paths (and their query variants) from the page cache."""
    get_store().purge(paths)


def purge_all() -> None:
    """For changes that show on every page, such as the navigation or the footer."""
    get_store().clear()
