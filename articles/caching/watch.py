"""Moves of cache tags told to every worker as they happen, on Redis (issue 12).

A cached page is current while the moves token (store.py MOVED_KEY) is the one its last check
read. Reading it is one Redis round trip per hit: about 40 µs of a worker's CPU, most of what a
cached page cost beyond the bench's baseline (0.44 against 0.26 ms per request). So each worker
asks Redis to tell it when that key changes (server-assisted client-side caching: `CLIENT
TRACKING ON BCAST PREFIX`, RESP3): it reads the token once, and again only after a message came,
found by a quiet look at its socket (about 2 µs).

Nothing here ever says that a token is current, only when to read it again; so it is never
less safe than reading it on every request:

- the token is read after Redis confirmed the tracking, so a change of the key after that read
  sends a message, written to this worker's socket before the writer's command returns (a move
  writes the key in the same atomic script as the tags' new versions, moves.py `record`);
- every message drops the token: a write of the key, its deletion, eviction or expiry, a
  flush of the cache; so does an error on the socket. Without a confirmed watch (the server
  down, the connection killed) every check reads the token, as before, and the watch starts
  again after RETRY_SECONDS;
- a process made by fork (gunicorn's workers) starts its own: a socket is not shared.

Written here because redis-py's own client-side caching (`cache_config`) needs Redis 7.4 or
later, caches every read of every key, and deep-copies each answer.
"""

import logging
import os
import threading
import time
import weakref

from django.core.cache import caches

log = logging.getLogger(__name__)

RETRY_SECONDS = 5
CONFIRM_SECONDS = 1.0


class MoveWatch:
    """One process's subscription to the moves of one Redis cache, and the token it read."""

    def __init__(self, client, key: str):
        self.client, self.key = client, key  # the key as stored (prefix and version)
        self.connection = None  # tracking it, confirmed
        self.token = None  # read since the last message; None: read it again
        self.retry_at = 0.0
        self.lock = threading.Lock()

    def token_now(self, read):
        """The current token: the one read before while no move came since, else `read()`."""
        with self.lock:
            if self._listening() and self._quiet():
                if self.token is None:
                    self.token = read()
                return self.token
            self.token = None
        return read()

    def _listening(self) -> bool:
        if self.connection is not None:
            return True
        if time.monotonic() < self.retry_at:
            return False
        pool = self.client.connection_pool
        connection = pool.connection_class(**{**pool.connection_kwargs, "protocol": 3})
        try:
            connection.connect()
            connection.send_command("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", self.key)
            answer = connection.read_response(push_request=True, timeout=CONFIRM_SECONDS)
            if answer not in (b"OK", "OK"):
                raise ConnectionError(f"unexpected answer to CLIENT TRACKING: {answer!r}")
        except Exception as error:
            connection.disconnect()
            self._stop("Cannot watch the cache's moves; reading them each time", error)
            return False
        self.connection, self.token = connection, None
        return True

    def _quiet(self) -> bool:
        """Take the messages that came (each drops the token); False when the socket failed."""
        try:
            while self.connection.can_read(timeout=0):
                self.connection.read_response(push_request=True, timeout=CONFIRM_SECONDS)
                self.token = None
        except Exception as error:
            self.connection.disconnect()
            self.connection = None
            self._stop("Lost the watch on the cache's moves", error)
            return False
        return True

    def _stop(self, message: str, error: Exception) -> None:
        """Read the token on each check until RETRY_SECONDS have passed; for good when the
        server cannot track keys (before Redis 6)."""
        from redis.exceptions import ResponseError

        forever = isinstance(error, ResponseError)
        self.retry_at = float("inf") if forever else time.monotonic() + RETRY_SECONDS
        log.warning(message, exc_info=error)


def redis_of(backend):
    """The Redis client of a django-redis cache `backend`, or None for any other cache."""
    from django_redis.cache import RedisCache

    return backend.client.get_client(write=True) if isinstance(backend, RedisCache) else None


# Per cache backend (a thread's, made again when the settings change): this process's watch on
# the moves of the one key (store.py MOVED_KEY), or None when the cache is not Redis.
_watches: "weakref.WeakKeyDictionary[object, tuple[int, MoveWatch | None]]"
_watches = weakref.WeakKeyDictionary()
_watches_lock = threading.Lock()


def watch_of(key: str) -> MoveWatch | None:
    """This process's watch on the moves of `key` in the default cache, when it is Redis."""
    backend = caches["default"]
    pid, watch = _watches.get(backend, (None, None))
    if pid == os.getpid():
        return watch
    client = redis_of(backend)
    watch = None if client is None else MoveWatch(client, backend.make_key(key))
    with _watches_lock:
        _watches[backend] = (os.getpid(), watch)
    return watch
