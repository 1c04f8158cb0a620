import hashlib
import logging
import secrets
import struct
import threading
import time
from collections import OrderedDict
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
# The per-process copies of recent pages: they answer hits while the shared
# cache's generation is unchanged, and serve alone while it is away.
RECENT_ENTRIES = 512
RECENT_BYTES = 64 * 1024 * 1024
# Every purge bumps one shared counter; a process reads it at most this often
# and drops all its copies when it moved. So a purge made by another process
# shows everywhere within this time; one made by this process, at once.
GENERATION_CHECK_SECONDS = 0.02
GENERATION_KEY = "gen"

# A stored entry: this fixed header, then the status line, the ETag, the header
# block ("name\0value\0" pairs, latin-1 as WSGI has them) and the body, so a
# read is one struct unpack and a few slices: no pickle, no JSON.
ENTRY_MAGIC = b"MPC2"
ENTRY_HEADER = struct.Struct("<4sddHHI")  # magic, stored_at, ttl, lengths


class CachedPage:
    """A stored page with everything a hit sends built once, when it is made."""

    __slots__ = (
        "body",
        "body_chunks",
        "empty_chunks",
        "etag",
        "fresh_until",
        "headers",
        "hit_headers",
        "not_modified_headers",
        "status",
        "stored_at",
        "ttl",
    )

    def __init__(self, status, headers, body, etag, stored_at, ttl):
        self.status = status
        self.headers = tuple(headers)
        self.body = body
        self.etag = etag
        self.stored_at = stored_at
        self.ttl = ttl
        self.fresh_until = stored_at + ttl
        # What a 200 sends before X-Cache and Age, and what a 304 repeats
        # (RFC 9110, 15.4.5); the tuples are shared by every hit.
        self.hit_headers = tuple(
            h for h in self.headers if h[0].lower() not in ("etag", "age")
        ) + (("ETag", etag),)
        self.not_modified_headers = tuple(
            h for h in self.headers if h[0].lower() in NOT_MODIFIED_HEADERS
        ) + (("ETag", etag),)
        self.body_chunks = (body,)
        self.empty_chunks = (b"",)

    def encode(self) -> bytes:
        block = "".join(f"{n}\0{v}\0" for n, v in self.headers).encode("latin-1")
        status = self.status.encode("latin-1")
        etag = self.etag.encode("latin-1")
        head = ENTRY_HEADER.pack(
            ENTRY_MAGIC, self.stored_at, self.ttl, len(status), len(etag), len(block)
        )
        return b"".join((head, status, etag, block, self.body))

    @classmethod
    def decode(cls, raw) -> "CachedPage | None":
        """The page in `raw`, or None if it is not an entry of this format."""
        if not isinstance(raw, bytes | bytearray) or raw[:4] != ENTRY_MAGIC:
            return None
        view = memoryview(raw)
        _, stored_at, ttl, n_status, n_etag, n_block = ENTRY_HEADER.unpack_from(view)
        at = ENTRY_HEADER.size
        status = str(view[at : at + n_status], "latin-1")
        at += n_status
        etag = str(view[at : at + n_etag], "latin-1")
        at += n_etag
        fields = str(view[at : at + n_block], "latin-1").split("\0")
        at += n_block
        headers = tuple(zip(fields[0:-1:2], fields[1::2], strict=True))
        return cls(status, headers, bytes(view[at:]), etag, stored_at, ttl)


# Headers a 304 repeats from the full response (RFC 9110, 15.4.5).
NOT_MODIFIED_HEADERS = frozenset(
    {"cache-control", "content-location", "expires", "vary", "surrogate-key"}
)


class RecentPages:
    """A bounded LRU of the pages this process served or stored lately.

    While the shared cache's generation is unchanged (PageStore._current) a
    fresh copy here answers a hit without reading the shared cache; while the
    shared cache is unreachable these copies serve alone. The shared cache
    stays the truth: a purge anywhere bumps its generation, and every process
    then drops all its copies.
    """

    def __init__(self, max_entries: int, max_bytes: int):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._pages: OrderedDict[str, tuple[CachedPage, float]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        # Bumped by clear(): a page read from the shared cache before a clear
        # must not be put back after it (see put's `epoch`).
        self.epoch = 0

    def put(
        self, key: str, page: CachedPage, expires_at: float, epoch: int | None = None
    ) -> None:
        size = len(page.body)
        if size > self.max_bytes // 8:
            return  # one huge page must not push out hundreds of ordinary ones
        with self._lock:
            if epoch is not None and epoch != self.epoch:
                return  # read before a purge: maybe no longer the page
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
            self.epoch += 1

    def _drop(self, key: str) -> None:
        entry = self._pages.pop(key, None)
        if entry is not None:
            self._bytes -= len(entry[0].body)


def _digest(text: str) -> str:
    return hashlib.blake2b(
        text.encode("utf-8", "surrogateescape"), digest_size=16
    ).hexdigest()


@lru_cache(maxsize=4096)
def _page_key(path: str) -> str:
    """The key of a page at its own address (a hit's key is not hashed again)."""
    return "p:" + _digest(path)


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
        # Last generation seen per path, for query keys: trusted while the
        # shared generation is unchanged, and used while the cache is away.
        self._generations: OrderedDict[str, str] = OrderedDict()
        self._down_until = 0.0
        # The shared generation as last read, and until when that read holds.
        self._generation_seen = None
        self._current_until = 0.0

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
        self._current_until = 0.0
        # Purges made while away were not seen: drop the copies once it is back.
        self._generation_seen = None

    def _shared(self, operation, *args, default=None):
        """Run a shared-cache call; `default` when the cache is away."""
        if not self._available():
            return default
        try:
            return operation(*args)
        except CACHE_ERRORS as error:
            self._failed(error)
            return default

    # This process's copies ------------------------------------------------
    def _current(self) -> bool:
        """True if this process's copies may answer: the shared generation was
        read within GENERATION_CHECK_SECONDS and no purge bumped it since."""
        now = time.monotonic()
        if now < self._current_until:
            return True
        if not self._available():
            return False
        try:
            generation = self.cache.get(GENERATION_KEY)
            if generation is None:
                # Never set, or the whole cache was cleared (even by hand):
                # a new value, so that the next clear is seen as a change too.
                token = secrets.token_hex(6)
                self.cache.add(GENERATION_KEY, token, None)
                generation = self.cache.get(GENERATION_KEY)
        except CACHE_ERRORS as error:
            self._failed(error)
            return False
        if generation is None or generation != self._generation_seen:
            self._forget()
            self._generation_seen = generation
        self._current_until = now + GENERATION_CHECK_SECONDS
        return True

    def _forget(self) -> None:
        self.recent.clear()
        self._generations.clear()

    # Keys -----------------------------------------------------------------
    def _generation_key(self, path: str) -> str:
        return "g:" + _digest(path)

    def key_for(self, path: str, query: str) -> str:
        if not query:
            return _page_key(path)
        generation = self._generation(path)
        return "q:" + _digest(f"{path}\x00{generation}\x00{query}")

    def _generation(self, path: str) -> str:
        gkey = self._generation_key(path)
        if self._current():
            known = self._generations.get(gkey)
            if known is not None:
                return known
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
        if self._current():
            page = self.recent.get(key)
            if page is not None and time.time() < page.fresh_until:
                return page  # a hit: the shared cache is not read
        epoch = self.recent.epoch
        missing = object()
        raw = self._shared(self.cache.get, key, default=missing)
        if raw is missing:
            return self.recent.get(key)
        if raw is None:
            self.recent.discard(key)  # purged or expired in the shared cache
            return None
        page = CachedPage.decode(raw)
        if page is None:
            # Written by an older release (a pickle): dropped, rendered again.
            self._shared(self.cache.delete, key)
            return None
        self._remember(key, page, epoch)
        return page

    def _remember(self, key: str, page: CachedPage, epoch: int) -> None:
        self.recent.put(key, page, page.fresh_until + self.stale_ttl, epoch)

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
            status, headers, body, self.etag_for(body), time.time(), float(ttl)
        )
        self._shared(self.cache.set, key, page.encode(), int(ttl + stale_ttl) or 1)
        self.recent.put(key, page, page.stored_at + ttl + stale_ttl)
        return page

    def is_fresh(self, page: CachedPage) -> bool:
        return time.time() < page.fresh_until

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
        """Drop the pages of `paths` and their query variants everywhere: here
        at once, in every other process at its next generation check."""
        paths = set(paths)
        if not paths:
            return
        # All of this process's copies, not only these paths': a request that
        # read one of them from the shared cache just before the purge cannot
        # put it back (RecentPages.epoch).
        self._forget()
        self.cache.delete_many([_page_key(p) for p in paths])
        generations = {self._generation_key(p): secrets.token_hex(6) for p in paths}
        generations[GENERATION_KEY] = secrets.token_hex(6)
        self.cache.set_many(generations, None)

    def clear(self) -> None:
        self._forget()
        self.cache.clear()
        # Cleared, the generation is gone too: other processes see that as a
        # change, and the new value makes the next clear one as well.
        self.cache.set(GENERATION_KEY, secrets.token_hex(6), None)


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
