import pytest
from django.utils import timezone

from articles.models import Article, Category
from tests.helpers.html import page_of


@pytest.fixture
def sport(db):
    return Category.objects.create(name="Sport", slug="sport")


def related_headlines(response):
    """The related stories' headlines, in the order the story page shows them."""
    return [heading.text for heading in page_of(response).find_all("h3", "related__headline")]


def test_related_stories_rank_by_shared_tags_then_section(client, make_article, sport):
    article = make_article(headline="Regatta report", tags=["sailing", "harbour", "weather"])
    make_article(headline="Same section, no tags")
    make_article(headline="One shared tag", tags=["sailing"], category=sport)
    make_article(headline="Two shared tags", tags=["sailing", "weather"], category=sport)
    make_article(headline="Unrelated", tags=["budget"], category=sport)
    response = client.get(article.get_absolute_url())
    assert related_headlines(response) == [
        "Two shared tags",
        "One shared tag",
        "Same section, no tags",
    ]


def test_related_stories_prefer_the_same_section_among_equals(client, make_article, sport):
    article = make_article(headline="Regatta report", tags=["sailing"])
    make_article(headline="Other section", tags=["sailing"], category=sport)
    make_article(
        headline="Same section, older",
        tags=["sailing"],
        published_at=timezone.now() - timezone.timedelta(days=5),
    )
    response = client.get(article.get_absolute_url())
    assert related_headlines(response) == ["Same section, older", "Other section"]


def test_related_stories_never_include_the_story_or_unpublished_ones(client, make_article):
    article = make_article(headline="Regatta report", tags=["sailing"])
    make_article(headline="Draft", tags=["sailing"], status=Article.Status.DRAFT, published_at=None)
    make_article(
        headline="Scheduled",
        tags=["sailing"],
        published_at=timezone.now() + timezone.timedelta(hours=2),
    )
    response = client.get(article.get_absolute_url())
    assert related_headlines(response) == []
    assert "Related stories" not in response.text


def test_related_stories_are_at_most_four_and_shown_on_the_page(client, make_article, sport):
    article = make_article(headline="Regatta report", tags=["sailing"])
    for n in range(6):
        make_article(headline=f"Sailing story {n}", tags=["sailing"], category=sport)
    response = client.get(article.get_absolute_url())
    assert len(related_headlines(response)) == 4
    assert "Related stories" in response.text
    assert "Sailing story 0" in response.text  # the newest
    assert "Sailing story 5" not in response.text


@pytest.mark.parametrize("count", [0, 1, 12])
def test_article_detail_query_count_is_flat_with_related(
    client, make_article, make_author, sport, django_assert_num_queries, count
):
    article = make_article(headline="Regatta report", tags=["sailing", "harbour"])
    for n in range(count):
        make_article(
            headline=f"Story {n}",
            tags=["sailing", "harbour"][: n % 2 + 1],
            category=sport if n % 3 else article.category,
            authors=[make_author(), make_author()],
        )
    # story, its bylines, its tags, corrections, related stories, nav sections and banner (one)
    with django_assert_num_queries(6):
        response = client.get(article.get_absolute_url())
    assert len(related_headlines(response)) == min(count, 4)


def test_related_stories_leave_out_trashed_ones(client, make_article, sport):
    article = make_article(headline="Regatta report", tags=["sailing"])
    make_article(headline="Trashed", tags=["sailing"], trashed_at=timezone.now())
    make_article(headline="Kept", tags=["sailing"], category=sport)
    response = client.get(article.get_absolute_url())
    assert related_headlines(response) == ["Kept"]


def test_related_stories_of_an_untagged_story_are_its_sections_newest(client, make_article, sport):
    article = make_article(headline="Regatta report")
    for n in range(5):
        make_article(
            headline=f"News {n}", published_at=timezone.now() - timezone.timedelta(hours=n + 1)
        )
    make_article(headline="Sport story", category=sport)
    response = client.get(article.get_absolute_url())
    assert related_headlines(response) == ["News 0", "News 1", "News 2", "News 3"]
    first = page_of(response).find("section", "related").find_all("li")[0]
    assert first.find("p", "kicker").text == "News"
    story = Article.objects.get(headline="News 0")
    assert f'href="{story.get_absolute_url()}"' in response.text
