import hashlib
import logging
import pickle
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.cache import caches
from redis.exceptions import RedisError

logger = logging.getLogger("masthead.pagecache")

# What a cache backend raises when its server is away: redis-py's errors, and
# OSError (refused or reset sockets, a full or unreadable file cache folder).
CACHE_ERRORS = (RedisError, OSError)
# After a failure the shared cache is left alone this long, so an outage costs
# one failed call per process every few seconds, not one (or a timeout) per request.
RETRY_AFTER_FAILURE_SECONDS = 2.0
# The per-process copies of recent hits that serve while the shared cache is away.
RECENT_ENTRIES = 512
RECENT_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class CachedPage:
    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    etag: str
    stored_at: float
    ttl: float | None = None  # fresh lifetime; None means the store's TTL


class RecentPages:
    """A bounded LRU of the pages this process served or stored lately.

    It is only read while the shared cache is unreachable: the shared cache
    stays the truth (purges happen there), and a key it no longer holds is
    dropped here too on the next read that reaches it.
    """

    def __init__(self, max_entries: int, max_bytes: int):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._pages: OrderedDict[str, tuple[CachedPage, float]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def put(self, key: str, page: CachedPage, expires_at: float) -> None:
        size = len(page.body)
        if size > self.max_bytes // 8:
            return  # one huge page must not push out hundreds of ordinary ones
        with self._lock:
            self._drop(key)
            self._pages[key] = (page, expires_at)
            self._bytes += size
            while len(self._pages) > self.max_entries or self._bytes > self.max_bytes:
                self._drop(next(iter(self._pages)))

    def get(self, key: str) -> CachedPage | None:
        with self._lock:
            entry = self._pages.get(key)
            if entry is None:
                return None
            if entry[1] <= time.time():
                self._drop(key)
                return None
            self._pages.move_to_end(key)
            return entry[0]

    def discard(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._drop(key)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._bytes = 0

    def _drop(self, key: str) -> None:
        entry = self._pages.pop(key, None)
        if entry is not None:
            self._bytes -= len(entry[0].body)


def _digest(text: str) -> str:
    return hashlib.blake2b(
        text.encode("utf-8", "surrogateescape"), digest_size=16
    ).hexdigest()


class PageStore:
    """Pages by path and query. Purging a path also drops every query variant
    of it (`?before=…` pages of a section) by bumping the path's generation,
    so a purge never needs to know which variants were cached.

    When the shared cache (Redis) is unreachable the store does not raise: hits
    come from this process's copies of recent pages, renders go ahead without
    the stampede lock, and the shared cache is tried again every few seconds."""

    def __init__(self, cache_alias: str, ttl: int, stale_ttl: int, lock_seconds: int):
        self.cache = caches[cache_alias]
        self.ttl = ttl
        self.stale_ttl = stale_ttl
        self.lock_seconds = lock_seconds
        self.recent = RecentPages(RECENT_ENTRIES, RECENT_BYTES)
        # Last generation seen per path, for query keys while the cache is away.
        self._generations: OrderedDict[str, str] = OrderedDict()
        self._down_until = 0.0

    # Outages --------------------------------------------------------------
    def _available(self) -> bool:
        return time.monotonic() >= self._down_until

    def _failed(self, error: Exception) -> None:
        if self._available():
            logger.warning(
                "page cache unavailable (%s); serving recent pages from memory",
                error,
            )
        self._down_until = time.monotonic() + RETRY_AFTER_FAILURE_SECONDS

    def _shared(self, operation, *args, default=None):
        """Run a shared-cache call; `default` when the cache is away."""
        if not self._available():
            return default
        try:
            return operation(*args)
        except CACHE_ERRORS as error:
            self._failed(error)
            return default

    # Keys -----------------------------------------------------------------
    def _generation_key(self, path: str) -> str:
        return "g:" + _digest(path)

    def key_for(self, path: str, query: str) -> str:
        if not query:
            return "p:" + _digest(path)
        generation = self._generation(path)
        return "q:" + _digest(f"{path}\x00{generation}\x00{query}")

    def _generation(self, path: str) -> str:
        gkey = self._generation_key(path)
        missing = object()
        generation = self._shared(self.cache.get, gkey, "0", default=missing)
        if generation is missing:
            return self._generations.get(gkey, "0")
        self._generations[gkey] = generation
        self._generations.move_to_end(gkey)
        if len(self._generations) > RECENT_ENTRIES:
            self._generations.popitem(last=False)
        return generation

    # Entries --------------------------------------------------------------
    def get(self, key: str) -> CachedPage | None:
        missing = object()
        raw = self._shared(self.cache.get, key, default=missing)
        if raw is missing:
            return self.recent.get(key)
        if raw is None:
            self.recent.discard(key)  # purged or expired in the shared cache
            return None
        try:
            page = pickle.loads(raw)  # noqa: S301 - written only by store() below
        # A stale entry (written by an older release) can fail to unpickle in
        # any way; it is dropped and the page rendered again.
        except Exception:  # noqa: BLE001
            self._shared(self.cache.delete, key)
            return None
        self._remember(key, page)
        return page

    def _remember(self, key: str, page: CachedPage) -> None:
        ttl = self.ttl if page.ttl is None else page.ttl
        self.recent.put(key, page, page.stored_at + ttl + self.stale_ttl)

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
        self._shared(
            self.cache.set,
            key,
            pickle.dumps(page, protocol=5),
            int(ttl + stale_ttl) or 1,
        )
        self.recent.put(key, page, page.stored_at + ttl + stale_ttl)
        return page

    def is_fresh(self, page: CachedPage) -> bool:
        ttl = getattr(page, "ttl", None)
        return time.time() - page.stored_at < (self.ttl if ttl is None else ttl)

    # Stampede lock ----------------------------------------------------------
    def acquire(self, key: str) -> str | None:
        """A token if this process may render `key`, None if another one is."""
        token = secrets.token_hex(8)
        # With the shared cache away no process can hold a lock: render.
        if self._shared(
            self.cache.add, "l:" + key, token, self.lock_seconds, default=True
        ):
            return token
        return None

    def release(self, key: str, token: str) -> None:
        # Only our own lock: after it expired another process may hold a new one.
        if self._shared(self.cache.get, "l:" + key) == token:
            self._shared(self.cache.delete, "l:" + key)

    # Purge ----------------------------------------------------------------
    def purge(self, paths) -> None:
        paths = set(paths)
        if not paths:
            return
        self.recent.discard(*("p:" + _digest(p) for p in paths))
        for path in paths:
            self._generations.pop(self._generation_key(path), None)
        self.cache.delete_many(["p:" + _digest(p) for p in paths])
        self.cache.set_many(
            {self._generation_key(p): secrets.token_hex(6) for p in paths}, None
        )

    def clear(self) -> None:
        self.recent.clear()
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
