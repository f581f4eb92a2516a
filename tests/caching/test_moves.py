"""Each worker learns which tags a move moved once per move, from a log on Redis
(articles/caching/moves.py): after a move, checking a page reads none of its tags' versions, and
a page whose tags did not move stays fresh. Redis only: CI runs tests/caching with REDIS_URL."""

import pytest
from django.core.cache import caches

from articles.caching.moves import log_of
from articles.caching.store import (
    MOVED_KEY,
    Check,
    move_tags,
    moved_since,
    tag_versions,
    tags_moved,
)
from articles.caching.watch import redis_of

pytestmark = pytest.mark.skipif(
    redis_of(caches["default"]) is None, reason="the log of moves is for Redis (REDIS_URL)"
)


@pytest.fixture
def checked():
    """The versions of a page showing `story-1` and `section-1`, and its check."""
    caches["default"].clear()
    token = tags_moved()
    versions = tag_versions({"story-1", "section-1"})
    return versions, Check(frozenset(), token)


@pytest.fixture
def version_reads(monkeypatch):
    backend = caches["default"]
    reads = []
    real = backend.get_many

    def get_many(keys, *args, **kwargs):
        reads.append(keys)
        return real(keys, *args, **kwargs)

    monkeypatch.setattr(backend, "get_many", get_many)
    return reads


def test_a_move_of_other_tags_leaves_a_page_fresh_without_reading_its_tags(checked, version_reads):
    versions, check = checked
    move_tags({"story-2", "section-2"})
    again = moved_since(versions, check)
    assert again.moved == frozenset()
    assert again.token == caches["default"].get(MOVED_KEY) != check.token
    assert version_reads == []


def test_a_move_of_one_of_its_tags_is_seen(checked, version_reads):
    versions, check = checked
    move_tags({"story-2"})
    move_tags({"section-1", "home"})
    move_tags({"story-3"})
    again = moved_since(versions, check)
    assert again.moved == {"section-1"}
    assert version_reads == []
    assert moved_since(versions, again) is again  # nothing moved since


def test_the_log_agrees_with_the_versions(checked):
    versions, check = checked
    for tags in ({"story-1"}, {"list-latest"}, {"section-1", "story-9"}):
        move_tags(tags)
        by_log = moved_since(versions, check)
        read = moved_since(versions, Check(frozenset(), None))  # reads every version
        assert by_log.moved == read.moved


def test_a_flushed_cache_breaks_the_chain_and_the_versions_are_read(checked, version_reads):
    versions, check = checked
    caches["default"].clear()  # the log, the token and the versions are gone
    tags_moved()  # a new token, made by no move
    again = moved_since(versions, check)
    assert version_reads  # read, not guessed
    assert again.moved == {"story-1", "section-1"}


def test_each_worker_reads_the_log_once_per_move(checked, monkeypatch):
    versions, check = checked
    log = log_of()
    reads = []
    real = log.client.xrange
    monkeypatch.setattr(log.client, "xrange", lambda *a, **k: reads.append(1) or real(*a, **k))
    move_tags({"story-2"})
    for _ in range(5):
        moved_since(versions, check)
        moved_since({"story-7": 1}, check)
    assert len(reads) == 1
