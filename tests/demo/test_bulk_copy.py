"""Bulk stories on PostgreSQL go in with COPY (issue 12): the same rows as `bulk_create`
makes, found by the reader pages and by search."""

import itertools
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from taggit.models import Tag, TaggedItem

from articles import tasks
from articles.demo import bulk, generate
from articles.demo.newsroom import STORY_SLUGS
from articles.demo.text import AUTHORS, TAGS
from articles.models import Article, Author, Category
from articles.text import reading_minutes, sanitize_html

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="COPY is PostgreSQL's; on SQLite seed_demo --articles uses bulk_create, which "
        "tests/demo/test_seed_demo.py covers",
    ),
    # Committed for real: the search index is built on a second connection, which must see it.
    pytest.mark.django_db(transaction=True),
]

STORIES = 300


@pytest.fixture
def demo_parts(make_article, make_image):
    """Just what bulk stories reuse from the demo (seeding the whole demo draws 40 photos)."""
    for position, slug in enumerate(generate.BULK):
        Category.objects.create(name=slug.title(), slug=slug, position=position)
    for slug in (author["slug"] for author in AUTHORS):
        Author.objects.create(name=slug.replace("-", " ").title(), slug=slug)
    for name in TAGS:
        Tag.objects.create(name=name, slug=name.lower().replace(" ", "-"))
    make_article(slug=STORY_SLUGS[0], category=Category.objects.get(slug="city"),
                 lead_image=make_image())  # fmt: skip


@pytest.fixture
def seeded(demo_parts, committed):
    before = set(Article.objects.values_list("pk", flat=True))
    lines = []
    with committed():  # the search index is built as each batch commits
        assert bulk.add_bulk_stories(STORIES, lines.append) == STORIES
    return Article.objects.exclude(pk__in=before), lines


def test_copy_seeding_fills_what_save_would(seeded):
    stories, _lines = seeded
    assert stories.count() == STORIES
    for story in stories.filter(pk__in=stories.values("pk")[:50]):
        assert story.body == sanitize_html(story.body)
        assert story.reading_time == reading_minutes(story.body)
        assert story.first_published_at == story.published_at
        assert story.status == Article.Status.PUBLISHED and story.is_public
        assert story.headline and story.standfirst and story.lead_image_id
        assert story.created_at and story.updated_at
        assert 1 <= story.bylines.count() <= 3
        assert 2 <= TaggedItem.objects.filter(object_id=story.pk).count() <= 4
    assert not stories.filter(search_vector=None).exists()
    assert len(set(stories.values_list("slug", flat=True))) == STORIES


def test_copy_seeded_stories_are_an_archive_in_publishing_order(seeded):
    """Batches in threads take their ids in order from the sequence: the table lies in
    publishing order, give or take the ten minutes a story's time varies (archive_time)."""
    stories, _lines = seeded
    times = list(stories.order_by("id").values_list("published_at", flat=True))
    slack = timedelta(seconds=2 * generate.JITTER_SECONDS)
    assert all(later > earlier - slack for earlier, later in itertools.pairwise(times))
    assert times[-1] - times[0] > timedelta(days=4 * 365)


def test_copy_seeding_reports_progress_and_a_summary(seeded):
    _stories, lines = seeded
    assert f"{STORIES:,}/{STORIES:,} stories (100%)" in lines[-2]
    assert "search index" in lines[-1] and "ANALYZE" in lines[-1]


def test_copy_seeded_stories_are_on_the_reader_pages(client, seeded):
    stories, _lines = seeded
    newest = stories.order_by("-published_at", "-id").select_related("category").first()
    page = client.get(newest.get_absolute_url())
    assert page.status_code == 200
    assert newest.headline in page.text
    assert newest.bylines.first().author.name in page.text
    section = client.get(reverse("articles:category_detail", kwargs={"slug": newest.category.slug}))
    assert newest.get_absolute_url() in section.text


def test_copy_seeded_stories_are_found_by_search(client, seeded):
    stories, _lines = seeded
    story = stories.order_by("-published_at", "-id").first()
    found = client.get(reverse("articles:search"), {"q": f'"{story.headline}"'})
    assert story.get_absolute_url() in found.text


def weighted_lexemes(story_ids) -> dict[int, set[tuple[str, str]]]:
    """Each story's search vector as (word, weight) pairs: what search matches and ranks by
    (the positions of names depend on the order in which the index query reads them)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, lexeme, weight FROM articles_article, unnest(search_vector) AS v, "
            "unnest(v.weights) AS weight WHERE id = ANY(%s)",
            [list(story_ids)],
        )
        found = {}
        for pk, lexeme, weight in cursor.fetchall():
            found.setdefault(pk, set()).add((lexeme, weight))
        return found


def test_copy_seeding_writes_the_search_index_with_the_rows(demo_parts, committed, monkeypatch):
    refreshed = []
    refresh = tasks.refresh_search_index  # what signals.py has refreshed on commit since issue 15
    monkeypatch.setattr(tasks, "refresh_search_index", lambda ids: refreshed.append(ids))
    before = set(Article.objects.values_list("pk", flat=True))
    with committed():
        bulk.add_bulk_stories(STORIES, [].append)
    ids = set(Article.objects.values_list("pk", flat=True)) - before

    assert refreshed == []  # no second pass over the rows
    written = weighted_lexemes(ids)
    assert set(written) == ids
    refresh(sorted(ids))  # what a save of each story would have indexed
    assert weighted_lexemes(ids) == written
