"""Cache tags checked on read (issue 12): a change invalidates only the pages that show what it
touched, once per transaction after the commit, and nothing a transaction changed is kept
before it commits. Run against the local-memory cache, and Redis when REDIS_URL is set."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import RequestFactory
from django.utils import timezone

from articles.caching import hits
from articles.caching.pages import done_rendering, page_key, start_rendering
from articles.caching.store import MOVED_KEY, TAG_KEY, move_tags
from articles.models import Article, Byline, Category
from tests.helpers.caches import COUNTING_CACHES, CountingCache
from tests.helpers.html import page_of


@pytest.fixture
def page_cache(settings):
    cache.clear()  # the Redis cache outlives a test's transaction
    settings.PAGE_CACHE = True
    return settings


@pytest.fixture
def sections(db):
    harbour = Category.objects.create(name="Harbour", slug="harbour", position=1)
    weather = Category.objects.create(name="Weather", slug="weather", position=2)
    return harbour, weather


@pytest.fixture
def elsewhere(sections, make_article, make_author):
    """A story in another section, by someone else, with other tags."""
    return make_article(
        category=sections[1],
        headline="Fog tomorrow",
        slug="fog-tomorrow",
        authors=[make_author(name="Cai Lund", slug="cai-lund")],
        tags=["Forecasts"],
    )


@pytest.fixture
def draft(sections, make_article, make_author):
    return make_article(
        category=sections[0],
        headline="Harbour wall rebuilt",
        slug="harbour-wall-rebuilt",
        status=Article.Status.DRAFT,
        authors=[make_author(name="Anna Berg", slug="anna-berg")],
        tags=["Ferries"],
    )


def served_from_cache(client, url) -> bool:
    response = client.get(url)
    assert response.status_code == 200, url
    return response["X-Cache"] == "hit"


LISTINGS_OF_THE_DRAFT = [
    "/",
    "/latest/",
    "/category/harbour/",
    "/tag/ferries/",
    "/author/anna-berg/",
    "/feed/",
    "/category/harbour/feed/",
    "/tag/ferries/feed/",
]


def test_publishing_a_story_leaves_an_unrelated_story_page_cached(
    client, page_cache, elsewhere, draft, committed
):
    # A tag only drafts carry has no page yet (issue 14): its listings answer 404 until then.
    unborn = [url for url in LISTINGS_OF_THE_DRAFT if url.startswith("/tag/")]
    assert [client.get(url).status_code for url in unborn] == [404] * len(unborn)
    urls = [elsewhere.get_absolute_url(), "/category/weather/"]
    urls += [url for url in LISTINGS_OF_THE_DRAFT if url not in unborn]
    for url in urls:
        client.get(url)
    assert all(served_from_cache(client, url) for url in urls)

    with committed():
        draft.status = Article.Status.PUBLISHED
        draft.published_at = timezone.now()
        draft.save()

    assert served_from_cache(client, elsewhere.get_absolute_url())
    assert served_from_cache(client, "/category/weather/")
    for url in LISTINGS_OF_THE_DRAFT:
        response = client.get(url)
        assert response["X-Cache"] == "miss", url
        assert "Harbour wall rebuilt" in response.text, url


def test_a_transaction_moves_each_tag_once(page_cache, settings, sections, make_author, committed):
    settings.CACHES = COUNTING_CACHES
    settings.CDN_PURGE = "tests.caching.test_cache_tags.remember_purge"
    remember_purge.calls = []
    author = make_author(name="Anna Berg")
    CountingCache.writes.clear()

    with committed():  # as the admin saves a story with its byline and three tags
        story = Article.objects.create(
            category=sections[0],
            headline="Harbour wall rebuilt",
            slug="harbour-wall-rebuilt",
            status=Article.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        Byline.objects.create(article=story, author=author, position=0)
        story.tags.add("Ferries", "Harbour works", "Storms")
        story.headline = "Harbour wall rebuilt at last"
        story.save()

    (purged,) = remember_purge.calls
    labels = {f"list-tag-{tag.pk}" for tag in story.tags.all()}
    assert {f"story-{story.pk}", f"list-author-{author.pk}", "home", *labels} <= purged
    moved = {
        key.split(TAG_KEY, 1)[1]: n for key, n in CountingCache.writes.items() if TAG_KEY in key
    }
    assert moved == dict.fromkeys(purged, 1)


def remember_purge(tags):
    remember_purge.calls.append(tags)


def test_a_page_rendered_before_a_rolled_back_change_commits_is_not_kept(
    client, page_cache, elsewhere
):
    url = elsewhere.get_absolute_url()
    client.get(url)

    with pytest.raises(RuntimeError), transaction.atomic():
        elsewhere.headline = "Never saved"
        elsewhere.save()
        assert "Never saved" in client.get(url).text  # its own transaction sees it
        raise RuntimeError

    assert "Never saved" not in client.get(url).text


def test_a_story_scheduled_after_a_listing_was_cached_appears_on_time(
    client, page_cache, clock, sections, elsewhere, make_article
):
    assert "Fog tomorrow" in client.get("/latest/").text  # cached for an hour

    make_article(
        category=sections[1],
        headline="Storm warning",
        slug="storm-warning",
        published_at=clock.now + timedelta(minutes=10),
    )
    assert "Storm warning" not in client.get("/latest/").text

    clock.advance(minutes=10)
    assert "Storm warning" in client.get("/latest/").text
    assert "Storm warning" in client.get("/category/weather/").text


# The related stories under a story ------------------------------------------------------------


def related_headlines(response) -> list[str]:
    boxes = page_of(response).find_all("section", "related")
    return [h3.text.strip() for box in boxes for h3 in box.find_all("h3")]


def test_publishing_a_story_joins_the_related_stories_of_its_section_late_as_stated(
    client, page_cache, clock, sections, draft, make_article, committed
):
    page_cache.RELATED_STORIES_SECONDS = 300
    neighbour = make_article(
        category=sections[0], headline="Ferry fares rise", slug="ferry-fares-rise", tags=["Ferries"]
    )
    url = neighbour.get_absolute_url()
    assert related_headlines(client.get(url)) == []

    with committed():
        draft.status = Article.Status.PUBLISHED
        draft.published_at = timezone.now()
        draft.save()

    response = client.get(url)
    assert response["X-Cache"] == "hit"  # publishing does not re-render the section's stories
    assert related_headlines(response) == []

    clock.advance(seconds=300)
    response = client.get(url)
    assert response["X-Cache"] == "miss"
    assert related_headlines(response) == ["Harbour wall rebuilt"]
    assert served_from_cache(client, url)  # kept again, and for longer: nothing else moved
    clock.advance(seconds=600)
    assert served_from_cache(client, url)


def test_a_related_story_edited_or_unpublished_shows_at_once(
    client, page_cache, sections, make_article, committed
):
    first = make_article(category=sections[0], headline="Ferry fares rise", slug="fares")
    second = make_article(category=sections[0], headline="Quay repaired", slug="quay")
    assert related_headlines(client.get(first.get_absolute_url())) == ["Quay repaired"]

    with committed():
        second.headline = "Quay repaired at last"
        second.save()
    assert related_headlines(client.get(first.get_absolute_url())) == ["Quay repaired at last"]

    with committed():
        second.status = Article.Status.DRAFT
        second.save()
    assert related_headlines(client.get(first.get_absolute_url())) == []


# Single flight: one request renders a changed page, the others get the copy from before ---------


def another_request_renders(url) -> str:
    """Take the page's rendering turn, as a request in another worker does while it renders
    the page again; returns the page's key (`done_rendering(key)` ends that turn)."""
    key = page_key(RequestFactory().get(url))  # the test client's host, scheme and encoding
    assert start_rendering(key)
    return key


def test_while_another_request_renders_a_changed_page_readers_get_the_copy_from_before(
    client, page_cache, elsewhere, committed
):
    url = elsewhere.get_absolute_url()
    assert client.get(url)["X-Cache"] == "miss"
    with committed():
        elsewhere.headline = "Fog lifts by noon"
        elsewhere.save()
    key = another_request_renders(url)

    response = client.get(url)
    assert response["X-Cache"] == "stale"
    assert "Fog tomorrow" in response.text
    # No browser or CDN may keep the stand-in as the current page.
    assert response["Cache-Control"] == "no-cache"

    done_rendering(key)
    response = client.get(url)
    assert (response["X-Cache"], "Fog lifts by noon" in response.text) == ("miss", True)
    assert served_from_cache(client, url)
    assert "public" in client.get(url)["Cache-Control"]


def test_a_reader_renders_a_changed_page_itself_when_nobody_else_is(
    client, page_cache, elsewhere, committed
):
    url = "/category/weather/"
    client.get(url)
    with committed():
        elsewhere.headline = "Fog lifts by noon"
        elsewhere.save()
    response = client.get(url)
    assert (response["X-Cache"], "Fog lifts by noon" in response.text) == ("miss", True)
    # Its turn ended with its render: the next change is rendered by the next reader again.
    with committed():
        elsewhere.headline = "Fog back by evening"
        elsewhere.save()
    assert "Fog back by evening" in client.get(url).text


def test_a_page_whose_time_is_up_is_never_stood_in_for(
    client, page_cache, clock, sections, elsewhere, make_article, committed
):
    with committed():
        make_article(
            category=sections[1],
            headline="Storm warning",
            slug="storm-warning",
            published_at=clock.now + timedelta(seconds=5),
        )
    assert "Storm warning" not in client.get("/latest/").text  # kept until it is due
    with committed():
        elsewhere.headline = "Fog lifts by noon"
        elsewhere.save()
    another_request_renders("/latest/")  # and not done within the next 5 seconds

    clock.advance(seconds=5)  # the scheduled story is due: the copy from before is not true
    response = client.get("/latest/")
    assert (response["X-Cache"], "Storm warning" in response.text) == ("miss", True)


def test_a_trashed_story_is_never_stood_in_for_once_its_page_was_rendered_again(
    client, page_cache, elsewhere, committed
):
    url = elsewhere.get_absolute_url()
    client.get(url)
    with committed():
        elsewhere.trashed_at = timezone.now()
        elsewhere.save()
    key = another_request_renders(url)
    assert client.get(url)["X-Cache"] == "stale"  # only while that render runs
    done_rendering(key)
    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404


def test_a_cached_page_is_checked_by_one_key_until_a_tag_moves(
    client, page_cache, settings, sections, make_article, committed
):
    """A hit reads the token every move replaces (store.py `moved_since`), not a version per
    tag the page shows; a move makes it read them once, and a move of its own tags a miss."""
    stories = [make_article(category=sections[0], headline=f"Quay works {n}") for n in range(12)]
    settings.CACHES = COUNTING_CACHES
    assert client.get("/")["X-Cache"] == "miss"
    assert client.get("/")["X-Cache"] == "hit"

    CountingCache.reads.clear()
    assert client.get("/")["X-Cache"] == "hit"
    assert list(CountingCache.reads) == [MOVED_KEY]

    move_tags({"story-999999"})  # shown nowhere: the home page reads its tags once, and is kept
    CountingCache.reads.clear()
    assert client.get("/")["X-Cache"] == "hit"
    assert len(CountingCache.reads) > 20  # the versions of what it shows: dozens of tags
    CountingCache.reads.clear()
    assert client.get("/")["X-Cache"] == "hit"
    assert list(CountingCache.reads) == [MOVED_KEY]

    with committed():
        stories[-1].headline = "Quay works finished"
        stories[-1].save()
    response = client.get("/")
    assert response["X-Cache"] == "miss"
    assert "Quay works finished" in response.text


def test_the_rendering_turn_lasts_until_the_page_is_stored(
    client, page_cache, elsewhere, committed, monkeypatch
):
    url = elsewhere.get_absolute_url()
    client.get(url)
    with committed():
        elsewhere.headline = "Fog lifts by noon"
        elsewhere.save()
    key = page_key(RequestFactory().get(url))
    asked = []

    def store(*args):  # the page stored on its way out (hits.py), after the view returned
        asked.append(start_rendering(key))  # as another worker's request asks for the turn
        original(*args)

    original = hits._store_final
    monkeypatch.setattr(hits, "_store_final", store)
    assert client.get(url)["X-Cache"] == "miss"

    assert asked == [False]  # it got the copy from before, and did not render the page again
    assert start_rendering(key)  # the turn ended once the page was stored
    done_rendering(key)
    assert client.get(url)["X-Cache"] == "hit"
