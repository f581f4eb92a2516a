"""Issue 13: Preview shows what the story form holds, saving nothing."""

from django.test import Client
from django.urls import reverse
from taggit.models import Tag

from articles.editing import revisions
from articles.models import Article, Byline, Category
from tests.helpers.html import form_data


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def test_preview_shows_typed_words_photo_byline_and_tags_and_saves_nothing(
    make_user, make_article, make_author, make_image
):
    story = make_article(headline="Tide tables", standfirst="Saved words.", tags=["Tides"])
    photo = make_image(alt_text="The harbour at dawn", credit="Lena Fox")
    newcomer = make_author(name="Nia Newcomer")
    client = client_of(make_user("Editor", "eddie"))
    change = reverse("admin:articles_article_change", args=[story.pk])
    data = form_data(client.get(change).text) | {
        "standfirst": "Typed words, not saved.",
        "lead_image": photo.pk,
        "new_tags": "Moon",
        "bylines-TOTAL_FORMS": "2",
        "bylines-1-author": newcomer.pk,
        "bylines-1-position": "1",
        "bylines-1-role": Byline.Role.BY,
        "bylines-1-article": story.pk,
    }
    before = revisions.latest_revision_id(story)
    url = reverse("admin:articles_article_preview_form", args=[story.pk])
    page = client.post(url, data)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    text = page.text
    assert "nothing is saved or published" in text
    assert "Typed words, not saved." in text and "Saved words." not in text
    assert "The harbour at dawn" in text and "Nia Newcomer" in text and "Moon" in text
    story.refresh_from_db()
    assert story.standfirst == "Saved words." and story.lead_image is None
    assert list(story.tags.names()) == ["Tides"] and not Tag.objects.filter(name="Moon").exists()
    assert Byline.objects.filter(article=story).count() == 1
    assert revisions.latest_revision_id(story) == before


def test_preview_of_a_new_story_saves_no_story(make_user, make_author):

    writer = make_user("Writer", "wren")
    section = Category.objects.create(name="Coast", slug="coast")
    client = client_of(writer)
    data = form_data(client.get(reverse("admin:articles_article_add")).text) | {
        "headline": "A story not yet saved",
        "slug": "a-story-not-yet-saved",
        "category": section.pk,
    }
    page = client.post(reverse("admin:articles_article_preview_form", args=["add"]), data)
    assert page.status_code == 200
    assert "A story not yet saved" in page.text
    assert not Article.objects.exists()


def test_preview_of_an_incomplete_form_says_what_is_missing(make_user, make_article):
    story = make_article()
    client = client_of(make_user("Editor", "eddie"))
    data = form_data(client.get(reverse("admin:articles_article_change", args=[story.pk])).text)
    url = reverse("admin:articles_article_preview_form", args=[story.pk])
    page = client.post(url, data | {"headline": ""})
    assert page.status_code == 400
    assert "headline: This field is required." in page.text


def test_a_writer_cannot_preview_a_colleagues_story_through_the_form(make_user, make_article):
    story = make_article(status="draft", published_at=None)
    client = client_of(make_user("Writer", "wren"))
    url = reverse("admin:articles_article_preview_form", args=[story.pk])
    assert client.post(url, {"headline": "x"}).status_code == 404
