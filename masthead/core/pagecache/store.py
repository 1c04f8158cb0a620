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
    ttl: float | None = None  # fresh lifetime; None means the store's TTL


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

    @staticmethod
    def etag_for(body: bytes) -> str:
        return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'

    def store(
        self,
        key: str,
        status: str,
        headers,
        body: bytes,
        ttl: float | None = None,
        stale_ttl: float | None = None,
    ) -> CachedPage:
        """Keep a page fresh for `ttl` seconds (at most the store's TTL), then
        `stale_ttl` more to serve while re-rendering or when rendering fails."""
        ttl = self.ttl if ttl is None else max(0, min(ttl, self.ttl))
        stale_ttl = self.stale_ttl if stale_ttl is None else stale_ttl
        page = CachedPage(
            status=status,
            headers=tuple(headers),
            body=body,
            etag=self.etag_for(body),
            stored_at=time.time(),
            ttl=ttl,
        )
        self.cache.set(key, pickle.dumps(page, protocol=5), int(ttl + stale_ttl) or 1)
        return page

    def is_fresh(self, page: CachedPage) -> bool:
        ttl = getattr(page, "ttl", None)
        return time.time() - page.stored_at < (self.ttl if ttl is None else ttl)

    # Stampede lock ----------------------------------------------------------
    def acquire(self, key: str) -> str | None:
        """A token if this process may render `key`, None if another one is."""
        token = secrets.token_hex(8)
        if self.cache.add("l:" + key, token, self.lock_seconds):
            return token
        return None

    def release(self, key: str, token: str) -> None:
        # Only our own lock: after it expired another process may hold a new one.
        if self.cache.get("l:" + key) == token:
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
