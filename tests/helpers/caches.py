"""A real local-memory cache that also remembers which keys were written, and how often: for
tests of how often something is invalidated (issue 12)."""

from collections import Counter

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache


class CountingCache(LocMemCache):
    """Counts every write by key (set_many writes through set)."""

    writes: Counter = Counter()

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        CountingCache.writes[key] += 1
        return super().set(key, value, timeout, version)


COUNTING_CACHES = {"default": {"BACKEND": "tests.helpers.caches.CountingCache"}}
