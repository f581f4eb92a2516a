"""The page cache says how it served each page (`X-Cache`), so `make bench` can count its hit
ratio from the responses it received (issue 12)."""

import pytest
from django.core.cache import cache


@pytest.fixture
def story(make_article):
    cache.clear()  # the Redis cache outlives a test's transaction
    return make_article(headline="Night ferry returns", slug="night-ferry-returns")


def test_page_cache_labels_a_rendered_page_miss_and_a_stored_one_hit(client, settings, story):
    settings.PAGE_CACHE = True
    url = story.get_absolute_url()
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"
    story.headline = "Night ferry returns for the summer"
    story.save()
    assert client.get(url)["X-Cache"] == "miss"


def test_page_cache_off_adds_no_label(client, settings, story):
    settings.PAGE_CACHE = False
    assert "X-Cache" not in client.get(story.get_absolute_url())
