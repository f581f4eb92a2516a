"""Parts of pages rendered once and kept (issue 12): story cards (cards.py), a story page's
parts (story.py), feed items (reader/feeds.py), the home page's choice of stories.

A part is kept in the shared cache with the versions of the cache tags of what it shows
(store.py), as a page is, and used while none of them moved. It is keyed by what its markup
depends on besides its data: the release, script prefix, time zone, media address, and what
the caller adds (a card's variant, the site's origin). A part is never used or kept while the
connection's own transaction changes what it shows (store.py `shows_uncommitted`).

Written here because Django's own fragment cache (`{% cache %}`) expires by time and keys on
variables, and cannot tell that what a fragment shows changed.
"""

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Hashable

from django.conf import settings
from django.core.cache import cache
from django.urls import get_script_prefix

from .store import (
    EVERYTHING,
    MOVED_KEY,
    TAG_KEY,
    current_token,
    release,
    safely,
    shows_uncommitted,
    tag_versions,
)


def part_key(kind: str, pk: int, *context) -> str:
    """The cache key of a kept part of story `pk`: its kind, and what its markup depends on
    besides the story (the release, script prefix, time zone, media address, and `context`)."""
    more = (release(), get_script_prefix(), settings.TIME_ZONE, settings.MEDIA_URL, context)
    digest = hashlib.md5(repr(more).encode(), usedforsecurity=False).hexdigest()[:16]
    return f"newsroom:{kind}:{digest}:{pk}"


def kept_parts(keys: dict[str, Hashable]) -> dict[Hashable, tuple[frozenset[str], object]]:
    """The kept parts under `keys` (key: what the caller calls it) whose tags did not move, as
    (their tags, what was kept). Those this worker holds, checked at the current token
    (store.py `moved_since`), cost one key read for all; the others two round trips. None
    while this connection's open transaction changes anything they show."""
    held = {key: _memory[key] for key in keys if key in _memory}
    token = safely(current_token, None) if held else None
    found = {}
    for key, (versions, payload, checked) in held.items():
        if token is not None and token == checked:
            found[keys[key]] = (frozenset(versions) - {EVERYTHING}, payload)
    wanted = [key for key in keys if keys[key] not in found]
    entries = safely(lambda: cache.get_many(wanted), {}) if wanted else {}
    shown = {tag for versions, _ in entries.values() for tag in versions}
    if shows_uncommitted(shown.union(*(tags for tags, _ in found.values()))):
        return {}
    if not entries:
        return found
    current = safely(lambda: cache.get_many([TAG_KEY + tag for tag in shown] + [MOVED_KEY]), None)
    if current is None:
        return found
    for key, (versions, payload) in entries.items():
        if all(current.get(TAG_KEY + tag) == version for tag, version in versions.items()):
            found[keys[key]] = (frozenset(versions) - {EVERYTHING}, payload)
            _hold(key, versions, payload, current.get(MOVED_KEY))
    return found


def keep_parts(parts: dict[str, tuple[frozenset[str], object]], moved) -> None:
    """Keep parts (key: (the tags of what it shows, what to keep)) with the current versions
    of their tags, unless tags moved since `moved` (`tags_moved()`, read before their data
    was) or this connection's open transaction changes what they show."""
    shown = {EVERYTHING}.union(*(tags for tags, _ in parts.values()))
    if not parts or shows_uncommitted(shown):
        return
    versions = safely(lambda: tag_versions(shown, with_moved=True), None)
    if versions is None or versions.pop(MOVED_KEY) != moved or None in versions.values():
        return
    entries = {
        key: ({tag: versions[tag] for tag in tags | {EVERYTHING}}, payload)
        for key, (tags, payload) in parts.items()
    }
    safely(lambda: cache.set_many(entries, timeout=settings.PAGE_CACHE_SECONDS * 24), None)
    for key, (tag_versions_of_part, payload) in entries.items():
        _hold(key, tag_versions_of_part, payload, moved)


# The parts this worker used last, with the token at which none of their tags had moved: while
# it is current they need no reading nor unpickling. Their payloads are shared: never changed.
MEMORY_PARTS = 2000
_memory: OrderedDict[str, tuple[dict[str, int], object, int | None]] = OrderedDict()
_memory_lock = threading.Lock()


def _hold(key: str, versions: dict[str, int], payload, token: int | None) -> None:
    if token is None:
        return
    with _memory_lock:
        _memory[key] = (versions, payload, token)
        _memory.move_to_end(key)
        while len(_memory) > MEMORY_PARTS:
            _memory.popitem(last=False)
