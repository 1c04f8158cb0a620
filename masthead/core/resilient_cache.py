"""The default cache on Redis, for data that is only ever a speed-up.

Wagtail reads the default cache on every public page (the sites' root paths
behind each `page.url`), and so do we (navigation, fragments). With a plain
RedisCache a Redis outage turned each of those reads into a 500. Here a read
that cannot reach Redis is a miss and a write that cannot is skipped, so pages
are built from the database until Redis returns.

Deletes still raise: a lost invalidation would leave stale data behind once
Redis is back, so the edit that needed it should fail loudly instead.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("masthead.cache")

ERRORS = (RedisError, OSError)
# One warning per this many seconds while Redis is away, not one per read.
WARN_EVERY_SECONDS = 30.0


class ResilientRedisCache(RedisCache):
    _warned_at = float("-inf")

    def _unavailable(self, error: Exception) -> None:
        now = time.monotonic()
        if now - self._warned_at >= WARN_EVERY_SECONDS:
            self._warned_at = now
            logger.warning("cache unavailable (%s); reading from the database", error)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except ERRORS as error:
            self._unavailable(error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except ERRORS as error:
            self._unavailable(error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except ERRORS as error:
            self._unavailable(error)
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except ERRORS as error:
            self._unavailable(error)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except ERRORS as error:
            self._unavailable(error)
            return list(data)
