"""A Redis cache that degrades to "no cache" when Redis is unreachable.

A cache is an optimisation: if Redis goes away the site must keep serving from the database.
Every cache operation that fails with a connection or timeout error is logged and answered as a
miss (reads) or a no-op (writes).
"""

import functools
import logging

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.dispatch import Signal
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("portal.cache")

# Sent in the process that emptied the cache, with the cache as `cache`.
cleared = Signal()

# What Redis raises when it cannot be reached or does not answer in time.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def _fail_soft(default):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE as exc:
                logger.warning("cache %s failed: %s", method.__name__, exc.__class__.__name__)
                return default() if callable(default) else default

        return wrapper

    return decorate


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client builds a new redis.Redis object for every cache operation, and each copies redis-py's
    ~170 response callbacks into a fresh dict: 0.3 ms of a 0.7 ms page-cache hit (bench/profile_requests.py).
    A redis.Redis is thread-safe and only wraps its connection pool, so one per pool is enough."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    get_many = _fail_soft(dict)(RedisCache.get_many)
    has_key = _fail_soft(False)(RedisCache.has_key)
    set = _fail_soft(None)(RedisCache.set)
    add = _fail_soft(False)(RedisCache.add)
    incr = _fail_soft(None)(RedisCache.incr)
    touch = _fail_soft(False)(RedisCache.touch)
    set_many = _fail_soft(list)(RedisCache.set_many)
    delete = _fail_soft(False)(RedisCache.delete)
    delete_many = _fail_soft(None)(RedisCache.delete_many)

    @_fail_soft(False)
    def clear(self):
        """Empty the cache (its Redis database); then `cleared` is sent in this process (the page cache
        publishes a new content version, so that no worker serves its copies of the old pages)."""
        done = super().clear()
        cleared.send(sender=type(self), cache=self)
        return done

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNREACHABLE as exc:
            logger.warning("cache get failed: %s", exc.__class__.__name__)
            return default

    def add_or_raise(self, key, value, timeout=DEFAULT_TIMEOUT):
        """`add` that raises when Redis is unreachable, for a caller that must tell a key already there
        (False) from a fault."""
        return super().add(key, value, timeout)

    def get_or_raise(self, key, default=None):
        """`get` that raises when Redis is unreachable, for a caller that must tell a miss from a fault."""
        return super().get(key, default)

    def channel(self, name: str) -> str:
        """A pub/sub channel of this cache's own: prefixed like its keys and named after its database,
        since Redis's channels are shared by all its databases."""
        db = self._cache._get_connection_pool(True).connection_kwargs.get("db", 0)
        return f"{self.make_key(name)}@{db}"

    @_fail_soft(None)
    def set_and_publish(self, key: str, value: str, name: str) -> None:
        """Store `value` under `key` with no expiry and publish it on the channel `name`, both at once
        (one MULTI/EXEC: no reader sees the value before it is published, and two writers' values are
        published in the order they were stored)."""
        pipe = self._cache.get_client(write=True).pipeline(transaction=True)
        pipe.set(self.make_and_validate_key(key), self._cache._serializer.dumps(value))
        pipe.publish(self.channel(name), value)
        pipe.execute()

    def subscribe(self, name: str):
        """A redis-py PubSub subscribed to the channel `name` (raises when Redis is unreachable); the
        caller reads its messages and closes it."""
        pubsub = self._cache.get_client(write=True).pubsub()
        pubsub.subscribe(self.channel(name))
        return pubsub
