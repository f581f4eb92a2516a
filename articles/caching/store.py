"""The shared cache as the page cache uses it: the versions of cache tags, the release a page
was rendered by, and reads and writes that survive the cache server being down (issue 6).

Cache tags checked on read (issue 12), as Drupal's cache-tag checksums: each tag (`story-12`,
`list-latest`, `chrome`, ... the names the CDN purge gets, caching/tags.py) has a version in the
cache, a random number; a change replaces the versions of the tags it touched, once per
transaction after its commit (articles/signals.py `Pending.flush`). Whatever is cached (a page,
the chrome) keeps the versions of the tags it shows from when it was made, and is fresh while
they are all still current: read in one round trip (`get_many`). A tag whose version is missing
(a flushed or evicted cache) gets a new one, so nothing made before can match it.

Two races, and how they are closed:

- A page rendered from the data as it was before a commit, whose versions are read after that
  commit moved them, would be stored as current. `tags_moved()`, a token replaced by every move
  with the tags (and before them too, where a write of many keys is not atomic), is read before
  rendering and again with the versions after: if it changed, the page is served but not stored.

The same token makes a check cheap (`moved_since`): each move replaces it a second time, in the
same atomic write as the tags, so a check that read it with the versions and found none moved
holds for as long as the token stays the same. Checking a page again then reads one key, not a
version per tag it shows (a hundred on the home page): `make bench` measured a cached home page
at 2.9 times the baseline's CPU with a version per tag, most of it Redis's protocol. On Redis,
Redis itself tells each worker when the token changes (watch.py), and a check reads nothing;
after a move, the log of moves (moves.py) tells which tags moved, read once per move per worker.
- A page rendered inside a transaction that changed what it shows (a test, a script in
  `atomic()`; the admin redirects after its save) must neither be served from the cache nor
  stored, since the change may still roll back: `uncommitted_tags()` names what this
  connection's open transaction changed.
"""

import hashlib
import logging
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache as memoize

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections

from .moves import log_of
from .watch import watch_of

log = logging.getLogger(__name__)

TAG_KEY = "newsroom:tag:"
MOVED_KEY = "newsroom:tags-moved"
# The tag every cached thing shows: a change that cannot say what it touched moves it.
EVERYTHING = "all"


def _new_version() -> int:
    """A random version: an int, which django-redis stores as it is, without pickling (a
    page's check reads a version per tag it shows, a hundred on the home page)."""
    return secrets.randbits(62)


def tag_versions(tags: Iterable[str], *, with_moved: bool = False) -> dict[str, int | None]:
    """The current version of each tag, in one round trip; a missing one is made (rare: a new
    tag, a flushed cache). With `with_moved`, also the `tags_moved()` token under MOVED_KEY."""
    keys = {TAG_KEY + tag: tag for tag in tags}
    wanted = [*keys, MOVED_KEY] if with_moved else list(keys)
    found = cache.get_many(wanted)
    missing = [key for key in keys if key not in found]
    for key in missing:
        cache.add(key, _new_version(), timeout=None)
    if missing:
        found |= cache.get_many(missing)
    versions = {tag: found.get(key) for key, tag in keys.items()}
    if with_moved:
        versions[MOVED_KEY] = found.get(MOVED_KEY)
    return versions


def moved_since(versions: dict[str, int], checked: "Check | None" = None) -> "Check":
    """Which of these tags moved since `versions` were read, with the token read with them
    (MOVED_KEY). Pass the last check as `checked`: while its token is still the current one, no
    tag moved since, and this check reads that one key. Otherwise one round trip reads them."""
    if checked is not None and checked.token is not None:
        now = current_token()
        if now == checked.token:
            return checked
        log = log_of()  # on Redis: which tags moved since, read once per move (moves.py)
        moved = None if log is None or now is None else log.moved_between(checked.token, now)
        if moved is not None:
            return Check(checked.moved | moved.intersection(versions), now)
    keys = {TAG_KEY + tag: tag for tag in versions}
    found = cache.get_many([*keys, MOVED_KEY])
    moved = frozenset(tag for key, tag in keys.items() if found.get(key) != versions[tag])
    return Check(moved, found.get(MOVED_KEY))


@dataclass(frozen=True)
class Check:
    """What `moved_since` found: the tags that had moved, at the token read with them."""

    moved: frozenset[str]
    token: int | None


def current_token() -> int | None:
    """The moves token now (MOVED_KEY). On Redis, this worker keeps the one it read until a
    move is published (watch.py): a check then costs no round trip. Not for the read before a
    render (`tags_moved`), which must see the first write of a move under way."""
    watch = watch_of(MOVED_KEY)
    if watch is None:
        return cache.get(MOVED_KEY)
    return watch.token_now(lambda: cache.get(MOVED_KEY))


def tags_moved() -> int | None:
    """A token every move of tags replaces: read it before rendering, from the cache.

    Made when missing (a flushed cache): checks need one to rely on (`moved_since`)."""
    token = cache.get(MOVED_KEY)
    if token is None:
        cache.add(MOVED_KEY, _new_version(), timeout=None)
        token = cache.get(MOVED_KEY)
    return token


def move_tags(tags: Iterable[str]) -> None:
    """What showed any of `tags` is out of date: give each a new version (after the commit)."""
    tags = set(tags)
    if not tags:
        return
    if (log := log_of()) is not None:  # Redis: one atomic script, logging the move (moves.py)
        log.record(MOVED_KEY, _new_version(), TAG_KEY, {tag: _new_version() for tag in tags})
        return
    moved = {TAG_KEY + tag: _new_version() for tag in tags} | {MOVED_KEY: _new_version()}
    # Renders under way are not kept: a cache whose writes of many keys are not atomic (files;
    # local memory, across threads) replaces the token before the tags too, and again with
    # them: a check that found none of its tags moved at the token before sees this move.
    cache.set(MOVED_KEY, _new_version(), timeout=None)
    cache.set_many(moved, timeout=None)


def uncommitted_tags(using: str = DEFAULT_DB_ALIAS) -> set[str]:
    """The tags changed by the transaction open on this connection, not yet committed (the
    `Pending` batch of articles/signals.py): what shows them must be rendered, not cached."""
    connection = connections[using]
    batch = getattr(connection, "newsroom_pending", None)
    if batch is None or batch.done or not batch.is_queued_on(connection):
        return set()
    return batch.tags


def shows_uncommitted(tags: Iterable[str], using: str = DEFAULT_DB_ALIAS) -> bool:
    pending = uncommitted_tags(using)
    return bool(pending) and (EVERYTHING in pending or not pending.isdisjoint(tags))


@memoize
def release() -> str:
    """The code a page was rendered by: pages and chrome cached by another release (other
    templates, CSS file names, fields) are not served by this one. NEWSROOM_RELEASE (e.g. the
    git commit) names it; otherwise a digest of the templates, the code and the static manifest.
    """
    if name := os.environ.get("NEWSROOM_RELEASE"):
        return name
    digest = hashlib.md5(usedforsecurity=False)
    base = settings.BASE_DIR
    files = [*(base / "templates").rglob("*"), *(base / "articles").rglob("*.py")]
    files += [base / "newsroom" / "settings.py", settings.STATIC_ROOT / "staticfiles.json"]
    for path in sorted(files):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def safely(read, default):
    """A cache read that degrades to `default` when the cache server is down: pages are then
    rendered for every request, slower but never wrong."""
    try:
        return read()
    except Exception:  # Redis's ConnectionError and friends; the backend is configurable
        log.warning("Cache unavailable; serving without it", exc_info=True)
        return default


def cache_get(key):
    return safely(lambda: cache.get(key), None)


def cache_set(key, value, timeout) -> None:
    safely(lambda: cache.set(key, value, timeout), None)
