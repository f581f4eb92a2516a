"""What a listing keeps (issue 12, reader/views.py): its count, with its tag's version
(StoryPaginator), and the tag or author it is about (`kept_by_slug`). Pages after the first run
one query, their ids; whatever changes how many stories a listing holds changes its page count
on the next request (a story published, scheduled to go live, unpublished, trashed, tagged,
given a byline or moved to another section), and a tag or author renamed, given a new slug or
deleted shows on the next request too."""

import pytest
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Byline, Category

PAGES = ["/latest/", "/category/harbour/", "/tag/ferries/", "/author/anna-berg/"]


@pytest.fixture
def harbour(db):
    return Category.objects.create(name="Harbour", slug="harbour", position=1)


@pytest.fixture
def anna(make_author):
    return make_author(name="Anna Berg", slug="anna-berg")


@pytest.fixture
def full_page(harbour, anna, make_article):
    """Twenty stories: one page of each listing, exactly."""
    return [
        make_article(category=harbour, authors=[anna], tags=["Ferries"], headline=f"Sailing {n}")
        for n in range(20)
    ]


def page_counts(client) -> dict[str, str | None]:
    """Each listing's "Page 1 of N", or None when it has one page."""
    counts = {}
    for url in PAGES:
        text = client.get(url).text
        start = text.find("Page 1 of ")
        counts[url] = text[start : text.find("<", start)] if start >= 0 else None
    return counts


def assert_one_page(client):
    assert page_counts(client) == dict.fromkeys(PAGES)
    for url in PAGES:
        assert client.get(f"{url}?page=2").status_code == 404


def assert_two_pages(client, pages=PAGES):
    assert {url: page_counts(client)[url] for url in pages} == dict.fromkeys(pages, "Page 1 of 2")
    for url in pages:
        assert client.get(f"{url}?page=2").status_code == 200


def test_a_page_after_the_first_runs_one_query_less(
    client, full_page, make_article, harbour, anna, django_assert_num_queries
):
    make_article(category=harbour, authors=[anna], tags=["Ferries"], headline="One more")
    client.get("/tag/ferries/")  # counted, and the count kept
    client.get("/tag/ferries/?page=2")  # its card rendered and kept

    with django_assert_num_queries(1):  # the page's ids
        response = client.get("/tag/ferries/?page=2")
    assert "Page 2 of 2" in response.text


def test_a_story_published_then_unpublished(
    client, full_page, make_article, harbour, anna, committed
):
    assert_one_page(client)
    story = make_article(category=harbour, authors=[anna], tags=["Ferries"], headline="One more")
    assert_two_pages(client)

    with committed():
        story.status = Article.Status.DRAFT
        story.save()
    assert_one_page(client)


def test_a_scheduled_story_counts_when_it_goes_live(
    client, full_page, make_article, harbour, anna, clock
):
    soon = clock.now + timezone.timedelta(minutes=1)
    make_article(category=harbour, authors=[anna], tags=["Ferries"], published_at=soon)
    assert_one_page(client)

    clock.advance(minutes=2)
    assert_two_pages(client)


def test_a_trashed_story_leaves_every_count(
    client, full_page, make_article, harbour, anna, committed
):
    story = make_article(category=harbour, authors=[anna], tags=["Ferries"], headline="One more")
    assert_two_pages(client)

    with committed():
        story.trashed_at = timezone.now()
        story.save()
    assert_one_page(client)


def test_a_story_tagged_bylined_and_moved_joins_those_listings(
    client, full_page, make_article, anna, committed
):
    story = make_article(headline="Elsewhere")  # in News, by someone else, untagged
    assert_two_pages(client, ["/latest/"])
    assert page_counts(client)["/tag/ferries/"] is None

    with committed():
        story.tags.add("Ferries")
        Byline.objects.create(article=story, author=anna, position=1)
        story.category = Category.objects.get(slug="harbour")
        story.save()
    assert_two_pages(client)


def test_a_tag_whose_last_story_is_unpublished_is_a_404_at_once(client, make_article, committed):
    story = make_article(tags=["Lighthouses"])
    assert client.get("/tag/lighthouses/").status_code == 200

    with committed():
        story.status = Article.Status.DRAFT
        story.save()
    assert client.get("/tag/lighthouses/").status_code == 404


def test_an_author_renamed_and_given_a_new_slug_shows_at_once(client, full_page, anna, committed):
    assert "Anna Berg" in client.get("/author/anna-berg/").text
    with committed():
        anna.name, anna.slug = "Anna Berg-Holm", "anna-berg-holm"
        anna.save()

    assert client.get("/author/anna-berg/").status_code == 404
    assert "Anna Berg-Holm" in client.get("/author/anna-berg-holm/").text


def test_a_tag_renamed_then_deleted_shows_at_once(client, full_page, committed):
    assert "Ferries" in client.get("/tag/ferries/").text
    tag = Tag.objects.get(slug="ferries")
    with committed():
        tag.name = "Ferry services"
        tag.save()
    assert "Ferry services" in client.get("/tag/ferries/").text

    with committed():
        tag.delete()
    assert client.get("/tag/ferries/").status_code == 404
