"""Django's Redis cache, keeping one Redis client per connection pool.

Django makes a new `redis.Redis` for every cache call, and each one copies
redis-py's table of a hundred-odd response callbacks: four calls a page (the
session, the content version…) cost about a third of a millisecond in all.
A client is safe to share between threads (its pool hands out connections),
so each process keeps one per pool instead."""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients.setdefault(pool, self._client(connection_pool=pool))
        return client


class PeerpathRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
