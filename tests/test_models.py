"""What saving a story does, and which stories the public may see."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import RESERVED_SLUGS, Article, Category


def test_article_save_computes_the_reading_time(make_article):
    article = make_article(body="<p>" + "word " * 231 + "</p>")

    article.refresh_from_db()
    assert article.reading_time == 2


def test_article_save_recomputes_the_reading_time_when_the_body_changes(make_article):
    article = make_article(body="<p>" + "word " * 700 + "</p>")
    article.body = "<p>Short now.</p>"
    article.save()

    article.refresh_from_db()
    assert article.reading_time == 1


def test_article_save_sanitises_the_body(make_article):
    article = make_article(
        body=(
            "<h1>Loud</h1><script>alert(1)</script><style>p{}</style>"
            '<iframe src="https://evil.example/"></iframe>'
            '<p onclick="steal()" style="color:red">Kept <a href="javascript:alert(1)">bad</a> '
            '<a href="https://example.org/">good</a></p>'
            "<h2>Sub</h2><blockquote>Quote</blockquote>"
        )
    )

    article.refresh_from_db()
    assert article.body == (
        'Loud<p>Kept <a rel="noopener noreferrer">bad</a> '
        '<a href="https://example.org/" rel="noopener noreferrer">good</a></p>'
        "<h2>Sub</h2><blockquote>Quote</blockquote>"
    )


def test_published_excludes_drafts(make_article):
    make_article(status=Article.Status.DRAFT, published_at=timezone.now() - timedelta(days=1))

    assert list(Article.objects.published()) == []


def test_published_excludes_stories_scheduled_for_the_future(make_article):
    make_article(published_at=timezone.now() + timedelta(minutes=1))

    assert list(Article.objects.published()) == []


def test_published_includes_stories_whose_time_has_passed(make_article):
    past = make_article(published_at=timezone.now() - timedelta(seconds=1))
    make_article(status=Article.Status.DRAFT)

    assert list(Article.objects.published()) == [past]


def test_published_is_decided_when_the_query_runs(make_article):
    article = make_article(published_at=timezone.now() + timedelta(hours=1))
    stories = Article.objects.published()
    assert not stories.exists()

    # The clock passing the publish time is enough: nothing else has to save the story.
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert list(Article.objects.published()) == [article]


def test_publishing_without_a_time_sets_published_and_first_published(make_article):
    before = timezone.now()
    article = make_article(status=Article.Status.PUBLISHED, published_at=None)

    article.refresh_from_db()
    assert before <= article.published_at <= timezone.now()
    assert article.first_published_at == article.published_at
    assert list(Article.objects.published()) == [article]


def test_a_draft_has_no_publication_times(make_article):
    article = make_article(status=Article.Status.DRAFT, published_at=None)

    article.refresh_from_db()
    assert article.published_at is None
    assert article.first_published_at is None


def test_first_published_at_survives_a_later_change_of_publish_time(make_article):
    article = make_article(published_at=None)
    first = article.first_published_at
    article.published_at = timezone.now() + timedelta(hours=2)
    article.save()

    article.refresh_from_db()
    assert article.first_published_at == first


def test_get_absolute_url_is_section_then_story_slug(make_article):
    section = Category.objects.create(name="Harbour", slug="harbour")
    article = make_article(category=section, slug="ferry-timetable-changes")

    assert article.get_absolute_url() == "/harbour/ferry-timetable-changes/"


def test_get_absolute_url_follows_a_change_of_section(make_article):
    article = make_article(slug="ferry")
    article.category = Category.objects.create(name="Transport", slug="transport")
    article.save()

    assert article.get_absolute_url() == "/transport/ferry/"


@pytest.mark.parametrize("slug", sorted(RESERVED_SLUGS - {"sitemap.xml", "robots.txt"}))
def test_category_full_clean_refuses_reserved_slugs(db, slug):
    section = Category(name=slug.title(), slug=slug)

    with pytest.raises(ValidationError) as error:
        section.full_clean()

    assert "used by the site itself" in " ".join(error.value.message_dict["slug"])


def test_category_full_clean_accepts_an_ordinary_slug(db):
    Category(name="Harbour", slug="harbour").full_clean()


def test_public_urls_of_section_and_author(db, make_author):
    section = Category.objects.create(name="Harbour", slug="harbour")
    author = make_author(name="Zadie Quinn", slug="zadie-quinn")

    assert section.get_absolute_url() == "/category/harbour/"
    assert author.get_absolute_url() == "/author/zadie-quinn/"


def test_description_falls_back_to_the_standfirst(make_article):
    article = make_article(standfirst="Ferries run late.", seo_description="")
    assert article.description == "Ferries run late."

    article.seo_description = "Timetable news for the harbour."
    assert article.description == "Timetable news for the harbour."
