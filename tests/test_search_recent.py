"""The recent tier of PostgreSQL's search (articles/search_recent.py, issue 12): the newest
SEARCH_RECENT_STORIES stories are ranked first, older ones after them, and the tier follows
every publish, unpublish, redating and delete."""

import itertools
import random

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, RecentSearchEntry
from articles.search_recent import rebuild_recent
from tests.helpers.html import result_headlines

SEARCH = reverse("articles:search")
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's search"),
]
NOW = timezone.now()


def days_ago(days: float):
    return NOW - timezone.timedelta(days=days)


def flagged() -> set[str]:
    """The headlines of the stories in the recent tier."""
    ids = RecentSearchEntry.objects.values_list("article_id", flat=True)
    return set(Article.objects.filter(pk__in=ids).values_list("headline", flat=True))


def newest(count: int) -> set[str]:
    """The headlines of the newest `count` published or scheduled stories outside the trash."""
    pool = Article.objects.filter(status=Article.Status.PUBLISHED, trashed_at=None)
    dated = pool.exclude(published_at=None).order_by("-published_at", "-id")
    return set(dated.values_list("headline", flat=True)[:count])


@pytest.fixture
def tier_of_three(settings):
    settings.SEARCH_RECENT_STORIES = 3


@pytest.fixture
def six_ferry_stories(tier_of_three, make_article):
    """Six stories about ferries, a day apart; the oldest has the word in its headline (the
    best match), the others only in their bodies."""
    stories = [
        make_article(
            headline=f"Day {day}" if day else "Ferry timetable changes",
            body="<p>The ferry left on time.</p>",
            published_at=days_ago(10 - day),
        )
        for day in range(6)
    ]
    return stories


def test_search_ranks_the_recent_stories_first_then_the_older(client, six_ferry_stories):
    assert flagged() == {"Day 3", "Day 4", "Day 5"}
    headlines = result_headlines(client.get(SEARCH, {"q": "ferry"}))
    assert set(headlines[:3]) == {"Day 3", "Day 4", "Day 5"}
    # The best match of all is older than the tier: it leads the older stories.
    assert headlines[3:] == ["Ferry timetable changes", "Day 2", "Day 1"]


def test_search_finds_a_story_only_the_archive_holds(client, tier_of_three, make_article):
    make_article(headline="Lighthouse sold at auction", published_at=days_ago(400))
    for day in range(3):
        make_article(headline=f"Council {day}", published_at=days_ago(day))
    assert "Lighthouse sold at auction" not in flagged()
    assert result_headlines(client.get(SEARCH, {"q": "lighthouse"})) == [
        "Lighthouse sold at auction"
    ]


def test_publishing_a_story_sends_the_oldest_of_the_tier_out(
    client, committed, six_ferry_stories, make_article
):
    make_article(headline="Ferry fares frozen", published_at=days_ago(0))
    assert flagged() == {"Day 4", "Day 5", "Ferry fares frozen"}
    assert result_headlines(client.get(SEARCH, {"q": "ferry"}))[0] == "Ferry fares frozen"


def test_a_backdated_story_leaves_the_tier_for_the_newest_older_one(committed, six_ferry_stories):
    story = six_ferry_stories[5]
    with committed():
        story.published_at = days_ago(30)
        story.save()
    assert flagged() == {"Day 2", "Day 3", "Day 4"}
    with committed():  # and comes back when dated again
        story.published_at = days_ago(0)
        story.save()
    assert flagged() == {"Day 3", "Day 4", "Day 5"}


def test_deleted_and_undated_stories_leave_room_for_older_ones(committed, six_ferry_stories):
    with committed():
        six_ferry_stories[5].delete()
    assert flagged() == {"Day 2", "Day 3", "Day 4"}
    with committed():
        Article.objects.filter(pk=six_ferry_stories[4].pk).update(
            status=Article.Status.DRAFT, published_at=None
        )
    assert flagged() == {"Day 1", "Day 2", "Day 3"}


def test_a_site_smaller_than_the_tier_is_all_recent(client, settings, make_article):
    settings.SEARCH_RECENT_STORIES = 100
    for day in range(5):
        make_article(headline=f"Regatta day {day}", published_at=days_ago(day * 100))
    assert flagged() == newest(5)
    assert len(result_headlines(client.get(SEARCH, {"q": "regatta"}))) == 5


def test_the_tier_is_the_newest_stories_after_any_sequence_of_changes(
    committed, settings, make_article
):
    settings.SEARCH_RECENT_STORIES = 4
    rng, numbers = random.Random(12), itertools.count()

    def new_story():
        n = next(numbers)
        return make_article(
            headline=f"Story {n}", slug=f"story-{n}", published_at=days_ago(rng.uniform(0, 50))
        )

    stories = [new_story() for _ in range(8)]
    for step in range(60):
        story = rng.choice(stories)
        with committed():
            action = rng.choice(
                ["redate", "redate", "undate", "unpublish", "trash", "delete", "new"]
            )
            if action == "redate":
                Article.objects.filter(pk=story.pk).update(
                    published_at=days_ago(rng.uniform(0, 50))
                )
            elif action == "undate":
                Article.objects.filter(pk=story.pk).update(published_at=None)
            elif action == "unpublish":
                Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT)
            elif action == "trash":
                Article.objects.filter(pk=story.pk).update(trashed_at=timezone.now())
            elif action == "delete" and len(stories) > 2:
                stories.remove(story)
                story.delete()
            else:
                stories.append(new_story())
        assert flagged() == newest(4), f"step {step}: {action}"


def test_rebuild_makes_the_tier_from_nothing(six_ferry_stories):
    RecentSearchEntry.objects.all().delete()
    rebuild_recent()
    assert flagged() == {"Day 3", "Day 4", "Day 5"}


def test_search_past_the_tier_runs_one_more_query(
    client, six_ferry_stories, django_assert_num_queries
):
    client.get(SEARCH, {"q": "ferry"})  # the sections menu and banner, read once
    with django_assert_num_queries(3):  # recent ids, older ids, snippets
        client.get(SEARCH, {"q": "ferry"})
