"""A Redis cache that degrades to "no cache" when Redis is unreachable.

A cache is an optimisation: if Redis goes away the site must keep serving from the database.
Every cache operation that fails with a connection or timeout error is logged and answered as a
miss (reads) or a no-op (writes).
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("portal.cache")

_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)


def _fail_soft(default):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except _ERRORS as exc:
                logger.warning("cache %s failed: %s", method.__name__, exc.__class__.__name__)
                return default() if callable(default) else default

        return wrapper

    return decorate


class ResilientRedisCache(RedisCache):
    get_many = _fail_soft(dict)(RedisCache.get_many)
    has_key = _fail_soft(False)(RedisCache.has_key)
    set = _fail_soft(None)(RedisCache.set)
    add = _fail_soft(False)(RedisCache.add)
    incr = _fail_soft(None)(RedisCache.incr)
    touch = _fail_soft(False)(RedisCache.touch)
    set_many = _fail_soft(list)(RedisCache.set_many)
    delete = _fail_soft(False)(RedisCache.delete)
    delete_many = _fail_soft(None)(RedisCache.delete_many)
    clear = _fail_soft(False)(RedisCache.clear)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except _ERRORS as exc:
            logger.warning("cache get failed: %s", exc.__class__.__name__)
            return default
