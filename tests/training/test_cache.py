"""The Redis cache backend keeps one client per connection pool (training/cache.py)."""

import os

import pytest

from training.cache import PeerpathRedisCache


@pytest.fixture
def redis_cache():
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        pytest.skip("needs a running Redis: set REDIS_URL (CI's PostgreSQL run does)")
    cache = PeerpathRedisCache(redis_url, {"KEY_PREFIX": "peerpath-test-cache"})
    yield cache
    cache.delete_many(["kept", "counter"])


def test_each_call_reuses_the_same_client(redis_cache):
    first = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client(write=True) is first
    assert redis_cache._cache.get_client("any-key") is first


def test_the_reused_client_still_reads_writes_and_counts(redis_cache):
    redis_cache.set("kept", {"version": 3}, 30)
    assert redis_cache.get("kept") == {"version": 3}
    redis_cache.set("counter", 1, 30)
    assert redis_cache.incr("counter") == 2
    redis_cache.delete("kept")
    assert redis_cache.get("kept", "gone") == "gone"
