"""Which tags each move moved, kept on Redis, so a worker learns it once per move (issue 12).

After a move every page a worker serves must be checked again, and without knowing what the
move touched that check reads the versions of all the page's tags (a hundred on the home page):
once per page of the worker's working set, after every move. `make bench` profiled 14,000 such
reads in the newsroom workload's 25 seconds with an edit every 5 (about 8 s of the workers'
CPU), and a wave of slower requests after each edit.

So on Redis each move also appends an entry to a capped stream: its new token, the token it
replaced and the tags it moved, in the same script that writes the tags' versions and the token
(`record_move`; a Lua script runs atomically, as the MULTI/EXEC before it did, so the watch of
watch.py holds as before). Each worker reads the entries it has not seen, once per move
(`MoveLog.moved_between`), and checks a page last checked at token T by walking the chain of
moves back from the current token to T: the page moved if one of those moves touched one of
its tags. Where the chain breaks (a flushed cache, a token made by `tags_moved()`, more moves
since than the worker keeps), the check reads the versions, as before: never less safe.

Written here because Django's cache API has no ordered log, and the tags must go in the same
atomic write as the versions they describe.
"""

import os
import threading
import weakref
from collections import OrderedDict

from django.core.cache import caches

from .watch import redis_of

STREAM_KEY = "newsroom:tag-moves"
KEPT_MOVES = 1000  # in the stream (about: Redis trims whole nodes) and in each worker
LONGEST_WALK = 200  # moves walked for one check; past it, the versions are read

# KEYS: the token, the stream, then each tag's version; ARGV: the new token, the tags joined
# by spaces, the stream's length, then each tag's new version.
_MOVE_SCRIPT = """
local previous = redis.call('GET', KEYS[1])
for i = 3, #KEYS do
    redis.call('SET', KEYS[i], ARGV[i + 1])
end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*',
    'previous', previous or '', 'token', ARGV[1], 'tags', ARGV[2])
return 1
"""


class MoveLog:
    """One process's view of the moves stream of one Redis cache: it writes moves into it
    (`record`) and keeps the ones it read, token -> (the token before it, the tags moved)."""

    def __init__(self, backend, client):
        self.backend, self.client = backend, client
        self.key = backend.make_key(STREAM_KEY)
        self.script = client.register_script(_MOVE_SCRIPT)
        self.moves: OrderedDict[int, tuple[int | None, frozenset[str]]] = OrderedDict()
        self.last_id = "0-0"
        self.lock = threading.Lock()

    def record(self, token_key: str, token: int, tag_prefix: str, versions: dict[str, int]):
        """Write the tags' new `versions` (by tag name, stored under `tag_prefix` + name) and
        the new `token` (under `token_key`), and log the move, in one atomic script."""
        make_key = self.backend.make_key
        tags = sorted(versions)
        keys = [make_key(token_key), self.key, *(make_key(tag_prefix + tag) for tag in tags)]
        args = [token, " ".join(tags), KEPT_MOVES, *(versions[tag] for tag in tags)]
        self.script(keys=keys, args=args)

    def moved_between(self, since: int, now: int) -> frozenset[str] | None:
        """The tags moved after token `since` up to token `now`, or None when the chain of
        moves between them is not known (the caller then reads the versions)."""
        with self.lock:
            if now not in self.moves:
                self._read_new()
            moved: set[str] = set()
            token = now
            for _ in range(LONGEST_WALK):
                if token == since:
                    return frozenset(moved)
                move = self.moves.get(token)
                if move is None:
                    return None
                token, tags = move
                moved |= tags
            return None

    def _read_new(self) -> None:
        entries = self.client.xrange(self.key, min="(" + self.last_id, max="+", count=KEPT_MOVES)
        for entry_id, fields in entries:
            previous = fields.get(b"previous")
            tags = frozenset(fields[b"tags"].decode().split())
            self.moves[int(fields[b"token"])] = (int(previous) if previous else None, tags)
            self.last_id = entry_id.decode() if isinstance(entry_id, bytes) else entry_id
        while len(self.moves) > KEPT_MOVES:
            self.moves.popitem(last=False)


# Per cache backend (a thread's): this process's log, or None when the cache is not Redis.
_logs: "weakref.WeakKeyDictionary[object, tuple[int, MoveLog | None]]"
_logs = weakref.WeakKeyDictionary()


def log_of() -> MoveLog | None:
    """This process's view of the moves log of the default cache, when it is Redis."""
    backend = caches["default"]
    pid, log = _logs.get(backend, (None, None))
    if pid == os.getpid():
        return log
    client = redis_of(backend)
    log = None if client is None else MoveLog(backend, client)
    _logs[backend] = (os.getpid(), log)
    return log
