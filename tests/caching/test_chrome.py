"""The chrome and the "Latest news" strip, kept apart (issue 12, articles/caching/chrome.py): a
publish rebuilds the strip, one small query, and leaves the menu and banner kept, so the first
page after each save does not wait for the menu's query; what either shows is never stale.
Run against the local-memory cache, and Redis when REDIS_URL is set."""

import pytest
from django.db import transaction
from django.utils import timezone

from articles.caching import latest_news, site_chrome
from articles.models import Article, Category


@pytest.fixture
def newsroom(make_article):
    """Seven stories: the strip's six and one older."""
    return [make_article(headline=f"Story {n}", slug=f"story-{n}") for n in range(7)]


def headlines():
    return [story.headline for story in latest_news()]


def test_both_are_built_in_one_query_then_kept(newsroom, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert headlines() == [f"Story {n}" for n in range(6)]
        assert [section.name for section in site_chrome().sections] == ["News"]

    with django_assert_num_queries(0):
        site_chrome()
        latest_news()


def test_a_publish_rebuilds_the_strip_alone(newsroom, make_article, django_assert_num_queries):
    headlines()
    make_article(headline="Ferry back on Friday", published_at=timezone.now())

    with django_assert_num_queries(0):  # the menu and banner are still current
        site_chrome()
    with django_assert_num_queries(1):
        assert headlines()[:2] == ["Ferry back on Friday", "Story 0"]


def test_a_shown_headline_edited_shows_at_once(newsroom, committed):
    headlines()
    with committed():
        newsroom[2].headline = "Story 2, corrected"
        newsroom[2].save()

    assert headlines()[2] == "Story 2, corrected"


def test_an_unpublished_story_leaves_the_strip(newsroom, committed):
    headlines()
    with committed():
        newsroom[0].status = Article.Status.DRAFT
        newsroom[0].save()

    assert headlines() == [f"Story {n}" for n in range(1, 7)]


def test_a_renamed_section_moves_the_strip_links(newsroom, committed):
    assert latest_news()[0].get_absolute_url() == "/news/story-0/"
    with committed():
        section = Category.objects.get(slug="news")
        section.slug = "local"
        section.save()

    assert latest_news()[0].get_absolute_url() == "/local/story-0/"
    assert [section.slug for section in site_chrome().sections] == ["local"]


def test_a_scheduled_story_joins_the_strip_when_its_time_comes(newsroom, make_article, clock):
    make_article(headline="At noon", published_at=clock.now + timezone.timedelta(minutes=1))
    assert "At noon" not in headlines()  # both built and kept before it goes live

    clock.advance(minutes=2)
    assert headlines()[0] == "At noon"


def test_a_strip_built_in_an_open_transaction_is_not_kept(newsroom):
    headlines()
    with pytest.raises(RuntimeError), transaction.atomic():
        newsroom[0].headline = "Never saved"
        newsroom[0].save()
        assert headlines()[0] == "Never saved"
        raise RuntimeError
    assert headlines()[0] == "Story 0"
