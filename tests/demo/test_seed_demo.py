import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import RequestFactory, TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from markupsafe import escape  # as the reader site's templates (Jinja2) escape
from PIL import Image
from taggit.models import Tag

from articles.models import Article, Author, Byline, CaptionedImage, Category

DEMO_STORIES = 40


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def newsroom_counts():
    models = (Article, Author, Byline, CaptionedImage, Category, Tag)
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture(scope="module")
def _seeded_module(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo newsroom, seeded once for this module inside a transaction rolled back after.

    Seeding draws and renders 40 photos; doing it once keeps the suite quick. Each test runs in
    a savepoint inside this transaction, so what a test changes is undone before the next one.
    AVIF encoding is half of the seed's time: tests/test_images.py covers AVIF renditions, here
    what matters is the content the seed writes.
    """
    media = tmp_path_factory.mktemp("seeded")
    folders = {"MEDIA_ROOT": media / "media", "PRIVATE_MEDIA_ROOT": media / "private-media"}
    with override_settings(IMAGE_AVIF=False, **folders), django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            # Committed, as far as the receivers can tell: the search index is built on commit.
            with TestCase.captureOnCommitCallbacks(execute=True):
                output = run("seed_demo")
            yield folders, output
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _media_root(_seeded_module, settings):
    """This module's tests share the seeded photos' folders (replaces conftest's fixture)."""
    folders, _output = _seeded_module
    settings.IMAGE_AVIF = False
    for name, folder in folders.items():
        setattr(settings, name, folder)


@pytest.fixture
def seeded(_seeded_module, db):
    return _seeded_module[1]


def test_seed_demo_creates_the_newsroom(seeded):
    assert Author.objects.count() >= 6
    assert list(Category.objects.values_list("name", flat=True)) == [
        "City", "Politics", "Business", "Environment", "Culture", "Sport",
    ]  # fmt: skip
    assert Article.objects.count() == DEMO_STORIES
    assert "40 stories (37 published, 2 drafts, 1 scheduled)" in seeded


def test_seed_demo_stories_have_bylines_tags_and_varied_reading_times(seeded):
    stories = Article.objects.prefetch_related("bylines", "tags")
    for story in stories:
        assert 1 <= len(story.bylines.all()) <= 3, story.slug
        assert 2 <= len(story.tags.all()) <= 4, story.slug
        assert "<p>" in story.body and story.standfirst
    assert len({story.reading_time for story in stories}) >= 3
    assert Byline.objects.exclude(role=Byline.Role.BY).exists()
    assert Article.objects.filter(body__contains="<h2>").count() >= 20
    assert Article.objects.filter(body__contains="<blockquote>").count() >= 10
    assert Article.objects.filter(body__contains='href="https://').count() >= 10
    assert Article.objects.filter(tags__name="Harbour").count() > 5  # tag pages list several


def test_seed_demo_lead_pictures_are_real_jpegs(seeded):
    pictures = CaptionedImage.objects.all()
    assert pictures.count() == DEMO_STORIES
    assert not Article.objects.filter(lead_image=None).exists()
    for picture in pictures:
        assert picture.alt_text and picture.credit and picture.caption
        with picture.image.open("rb") as file, Image.open(file) as image:
            assert (image.format, image.size) == ("JPEG", (1200, 675))
        assert (picture.width, picture.height) == (1200, 675)


def test_seed_demo_authors_have_photos(seeded):
    for author in Author.objects.all():
        assert author.title and author.bio
        with author.photo.open("rb") as file, Image.open(file) as image:
            assert image.format == "JPEG"
    assert Author.objects.exclude(website="").exists()


def test_seed_demo_has_drafts_and_a_scheduled_story_the_public_cannot_see(seeded, client):
    assert Article.objects.filter(status=Article.Status.DRAFT).count() == 2
    scheduled = Article.objects.get(published_at__gt=timezone.now())
    assert scheduled.status == Article.Status.PUBLISHED
    assert Article.objects.published().count() == DEMO_STORIES - 3
    response = client.get(scheduled.get_absolute_url())
    assert response.status_code == 404


def test_seed_demo_twice_creates_nothing_new(seeded):
    before = newsroom_counts()
    output = run("seed_demo")
    assert newsroom_counts() == before
    assert "already there" in output


def test_seed_demo_articles_adds_exactly_n_published_stories(seeded):
    existing = list(Article.objects.values_list("id", flat=True))
    output = run("seed_demo", "--articles", "50")
    added = Article.objects.exclude(id__in=existing)
    assert added.count() == added.published().count() == 50
    for story in added.prefetch_related("bylines", "tags"):
        assert story.bylines.all() and len(story.tags.all()) >= 2, story.slug
        assert story.reading_time >= 1 and story.first_published_at == story.published_at
        assert story.lead_image_id is not None
    assert "Created 50 stories" in output


def test_seed_demo_articles_are_an_archive_in_publishing_order(seeded):
    """As a newsroom's stories get their ids in the order they are written, and older than the
    demo's own stories (issue 12: random times put the newest all over the table)."""
    existing = list(Article.objects.values_list("id", flat=True))
    run("seed_demo", "--articles", "40")
    added = Article.objects.exclude(id__in=existing)
    times = list(added.order_by("id").values_list("published_at", flat=True))
    assert times == sorted(times)
    assert times[-1] - times[0] > timedelta(days=4 * 365)
    assert times[-1] < timezone.now() - timedelta(days=21)


def test_seed_demo_articles_twice_adds_twice_without_collisions(seeded):
    run("seed_demo", "--articles", "30")
    run("seed_demo", "--articles", "30")
    assert Article.objects.count() == DEMO_STORIES + 60
    assert Article.objects.values("slug").distinct().count() == DEMO_STORIES + 60


def test_seed_demo_articles_rejects_a_bad_number(seeded):
    with pytest.raises(CommandError, match="1 or more"):
        call_command("seed_demo", "--articles", "-5")
    assert Article.objects.count() == DEMO_STORIES


def test_home_page_shows_a_seeded_headline(seeded, client):
    newest = Article.objects.published().order_by("-published_at").first()
    response = client.get(reverse("articles:home"))
    assert response.status_code == 200
    assert escape(newest.headline) in response.text
    story = client.get(newest.get_absolute_url())
    assert story.status_code == 200
    assert escape(newest.lead_image.alt_text) in story.text


def test_search_finds_seeded_stories_by_byline_and_tag(seeded, client):
    # The index must include the bylines and tags added after each story's first save().
    response = client.get(reverse("articles:search"), {"q": "Ferreira heat pumps"})
    assert response.status_code == 200
    assert "Heat pump grants of up to £3,000" in response.text
    response = client.get(reverse("articles:search"), {"q": "Football Hagen"})
    assert "Wrenhaven Rovers appoint Nils Hagen as manager" in response.text


def test_search_finds_bulk_stories(seeded, client, committed):
    with committed():
        run("seed_demo", "--articles", "20")
    story = Article.objects.order_by("-id").first()
    author = story.bylines.first().author.name.split()[-1]
    response = client.get(reverse("articles:search"), {"q": f"{story.headline} {author}"})
    assert escape(story.headline) in response.text


def test_ensure_editor_creates_an_account_that_can_use_the_admin(db, client, monkeypatch):
    monkeypatch.delenv("NEWSROOM_EDITOR_PASSWORD", raising=False)
    monkeypatch.setenv("PORT", "8123")
    output = run("ensure_editor")
    assert "http://127.0.0.1:8123/admin/" in output
    assert "harbour-ledger-demo" in output
    response = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": "harbour-ledger-demo", "next": "/admin/"},
        follow=True,
    )
    assert response.status_code == 200
    assert response.redirect_chain == [("/admin/", 302)]
    assert 'name="password"' not in response.text  # past the login form, on the admin's index
    editor = get_user_model().objects.get(username="editor")
    assert list(editor.groups.values_list("name", flat=True)) == ["Editor"]
    assert not editor.is_superuser
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 200


def signs_in(client, password):
    """Whether `editor` signs in with `password` (django-axes wants the request it checks)."""
    request = RequestFactory().post(reverse("admin:login"))
    return client.login(request=request, username="editor", password=password)


def test_ensure_editor_twice_keeps_the_password(db, client, monkeypatch):
    monkeypatch.delenv("NEWSROOM_EDITOR_PASSWORD", raising=False)
    run("ensure_editor")
    output = run("ensure_editor")
    assert "(unchanged)" in output
    assert signs_in(client, "harbour-ledger-demo")


def test_ensure_editor_sets_the_password_from_the_environment(db, client, monkeypatch):
    monkeypatch.delenv("NEWSROOM_EDITOR_PASSWORD", raising=False)
    run("ensure_editor")
    monkeypatch.setenv("NEWSROOM_EDITOR_PASSWORD", "quay-side-lantern-42")
    output = run("ensure_editor")
    assert "quay-side-lantern-42" not in output
    assert signs_in(client, "quay-side-lantern-42")
    assert not signs_in(client, "harbour-ledger-demo")


def test_ensure_editor_refuses_a_weak_password_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("NEWSROOM_EDITOR_PASSWORD", "abc")
    with pytest.raises(CommandError, match="NEWSROOM_EDITOR_PASSWORD is not usable"):
        run("ensure_editor")
    assert not get_user_model().objects.filter(username="editor").exists()
