"""A real local-memory cache that also remembers which keys were written, and how often: for
tests of how often something is invalidated or read (issue 12)."""

from collections import Counter

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache


class CountingCache(LocMemCache):
    """Counts every write by key (set_many writes through set), and every key read (get_many
    reads through get)."""

    writes: Counter = Counter()
    reads: Counter = Counter()

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        CountingCache.writes[key] += 1
        return super().set(key, value, timeout, version)

    def get(self, key, default=None, version=None):
        CountingCache.reads[key] += 1
        return super().get(key, default, version)


COUNTING_CACHES = {"default": {"BACKEND": "tests.helpers.caches.CountingCache"}}
