"""Redis tells each worker when the moves token changes (articles/caching/watch.py): a cached
page's check then reads nothing, and every move, flush or lost connection still shows on the
next request. Redis only: CI runs tests/caching with REDIS_URL."""

import pytest
from django.core.cache import caches

from articles.caching import watch as watch_module
from articles.caching.store import MOVED_KEY, move_tags
from articles.caching.watch import redis_of, watch_of

pytestmark = pytest.mark.skipif(
    redis_of(caches["default"]) is None, reason="the watch is for Redis (REDIS_URL)"
)


@pytest.fixture
def page_cache(settings):
    caches["default"].clear()
    settings.PAGE_CACHE = True
    return settings


@pytest.fixture
def token_reads(monkeypatch):
    """The reads of the moves token from Redis, counted."""
    backend = caches["default"]
    reads = []
    real_get = backend.get

    def get(key, *args, **kwargs):
        if key == MOVED_KEY:
            reads.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(backend, "get", get)
    return reads


@pytest.fixture
def story(db, make_article, committed):
    with committed():
        return make_article(headline="Quay works begin", slug="quay-works-begin")


def cut_off(watch):
    """Close the watch's connection from the server's side; the watch as it was."""
    watch.retry_at = 0.0  # running, if an earlier test left it waiting to start again
    watch.token_now(lambda: None)
    host, port = watch.connection._sock.getsockname()[:2]
    redis_of(caches["default"]).client_kill(f"{host}:{port}")
    return watch


def served_without_reading(client, token_reads, url="/") -> bool:
    """Whether five hits read the token no time, in one of three tries: a flush of another
    test worker's Redis database tells every watch on the server (the flush of one's own must),
    and makes one read now and then."""
    for _ in range(3):
        token_reads.clear()
        if all(client.get(url)["X-Cache"] == "hit" for _ in range(5)) and not token_reads:
            return True
    return False


def test_a_cached_page_is_served_without_reading_the_token_until_it_changes(
    client, page_cache, story, token_reads
):
    assert client.get("/")["X-Cache"] == "miss"
    assert client.get("/")["X-Cache"] == "hit"
    assert served_without_reading(client, token_reads)

    token_reads.clear()
    move_tags({"story-999999"})  # shown nowhere: the token is read again, and still a hit
    assert client.get("/")["X-Cache"] == "hit"
    assert MOVED_KEY in token_reads
    assert served_without_reading(client, token_reads)


def test_a_change_shows_on_the_next_request(client, page_cache, story, committed):
    assert "Quay works begin" in client.get("/").text
    assert client.get("/")["X-Cache"] == "hit"
    with committed():
        story.headline = "Quay works finished"
        story.save()
    response = client.get("/")
    assert response["X-Cache"] == "miss"
    assert "Quay works finished" in response.text


def test_a_flushed_cache_is_noticed(client, page_cache, story, token_reads):
    client.get("/")
    assert client.get("/")["X-Cache"] == "hit"
    token_reads.clear()
    caches["default"].clear()  # the token is gone: read it again
    client.get("/")
    assert MOVED_KEY in token_reads


def test_a_move_while_the_watch_was_cut_off_still_shows(client, page_cache, story, committed):
    client.get("/")
    assert client.get("/")["X-Cache"] == "hit"
    cut_off(watch_of(MOVED_KEY))  # as a Redis restart or a proxy would
    with committed():
        story.headline = "Quay works paused"
        story.save()
    response = client.get("/")
    assert "Quay works paused" in response.text
    assert response["X-Cache"] == "miss"


def test_without_a_watch_every_check_reads_the_token(
    client, page_cache, story, token_reads, monkeypatch
):
    """The watch lost (and not started again yet): pages are checked as before, by reading
    the token each time."""
    monkeypatch.setattr(watch_module, "RETRY_SECONDS", 3600)
    client.get("/")
    watch = cut_off(watch_of(MOVED_KEY))
    token_reads.clear()
    for _ in range(3):
        assert client.get("/")["X-Cache"] == "hit"
    assert token_reads == [MOVED_KEY] * 3
    assert watch.connection is None
    monkeypatch.setattr(watch, "retry_at", 0.0)  # started again: reads stop
    assert served_without_reading(client, token_reads)
