"""The Redis cache, tolerant of Redis being away.

The cache holds rate-limit counters (people.ratelimit and allauth's) and the school report page, kept
for minutes (evaluation.reports.school), with the token hides renew (coproschool.hidden_content).
When Redis is down the site keeps working, as the outbox keeps requests working without the broker:
reads miss (reports are computed, limits pause), writes are dropped, `add` succeeds and `incr` finds
no key. Each failure is logged.
"""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _warn(operation: str, error: Exception) -> None:
    logger.warning(
        "Cache (Redis) unavailable for %s; rate limits are paused, reports computed afresh: %s", operation, error
    )


class TolerantRedisCacheClient(RedisCacheClient):
    def add(self, key, value, timeout):
        try:
            return super().add(key, value, timeout)
        except RedisError as error:
            _warn("add", error)
            return True

    def get(self, key, default):
        try:
            return super().get(key, default)
        except RedisError as error:
            _warn("get", error)
            return default

    def set(self, key, value, timeout):
        try:
            super().set(key, value, timeout)
        except RedisError as error:
            _warn("set", error)

    def delete(self, key):
        try:
            return super().delete(key)
        except RedisError as error:
            _warn("delete", error)
            return False

    def incr(self, key, delta):
        try:
            return super().incr(key, delta)
        except RedisError as error:
            _warn("incr", error)
            raise ValueError(f"Key {key!r} not found (Redis unavailable).") from error


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = TolerantRedisCacheClient
