"""Derived data in one place (issue 11): whoever writes a story, its search index, cached
pages and the CDN purge follow once the transaction commits (articles/signals.py).

Each test writes the way the newsroom does (the admin, a workflow step, a restore, a command),
lets the transaction commit (`committed()`: the on-commit callbacks run at the end of the
block, as on the site), then searches as a reader with the page cache on: the story is found
by its current words and not by its old ones. Runs on SQLite (FTS5) and on PostgreSQL when
DATABASE_URL names one.
"""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles import tasks
from articles.editing import revisions, workflow
from articles.models import Article, Category
from tests.helpers.database import empty_database
from tests.helpers.html import form_data, result_headlines

SEARCH = reverse("articles:search")


@pytest.fixture(autouse=True)
def page_cache(settings):
    """Search pages are cached for readers: each change must reach them too."""
    settings.PAGE_CACHE = True


def found(client, query) -> list[str]:
    return result_headlines(client.get(SEARCH, {"q": query}))


@pytest.fixture
def story(make_article, make_author):
    return make_article(
        headline="Lighthouse keeper retires",
        body="<p>Forty winters on the point.</p>",
        authors=[make_author(name="Ines Harrow")],
        tags=["Coast"],
    )


def admin_edit(client, article, **changes):
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url).text) | changes
    response = client.post(url, data)
    assert response.status_code == 302, response.text


# The admin ---------------------------------------------------------------------------------------


def test_an_admin_save_reindexes_the_story(client, admin_client, story, committed):
    assert found(client, "lighthouse") == ["Lighthouse keeper retires"]  # cached now

    with committed():
        admin_edit(admin_client, story, headline="Harbourmaster retires")

    assert found(client, "harbourmaster") == ["Harbourmaster retires"]
    assert found(client, "lighthouse") == []


def test_a_byline_changed_in_the_admin_inline_reindexes_the_story(
    client, admin_client, story, make_author, committed
):
    tom = make_author(name="Tom Vale")
    assert found(client, "Harrow") == ["Lighthouse keeper retires"]

    with committed():
        admin_edit(admin_client, story, **{"bylines-0-author": tom.pk})

    assert found(client, "Vale") == ["Lighthouse keeper retires"]
    assert found(client, "Harrow") == []


def test_tags_changed_in_the_admin_reindex_the_story(client, admin_client, story, committed):
    assert found(client, "coast") == ["Lighthouse keeper retires"]

    with committed():
        admin_edit(admin_client, story, tags=[], new_tags="Maritime heritage")

    assert found(client, "heritage") == ["Lighthouse keeper retires"]
    assert found(client, "coast") == []


@pytest.mark.parametrize("change", ["set", "add_remove", "clear"])
def test_tags_changed_in_code_reindex_the_story(client, story, committed, change):
    assert found(client, "coast") == ["Lighthouse keeper retires"]

    with committed():
        if change == "set":
            story.tags.set(["Pensions"])
        elif change == "add_remove":
            story.tags.add("Pensions")
            story.tags.remove("Coast")
        else:
            story.tags.clear()
            story.tags.add(Tag.objects.create(name="Pensions", slug="pensions"))

    assert found(client, "pensions") == ["Lighthouse keeper retires"]
    assert found(client, "coast") == []


def test_renaming_a_tag_reindexes_its_stories(client, story, committed):
    assert found(client, "coast") == ["Lighthouse keeper retires"]

    with committed():
        tag = Tag.objects.get(name="Coast")
        tag.name = "Shoreline"
        tag.save()

    assert found(client, "shoreline") == ["Lighthouse keeper retires"]
    assert found(client, "coast") == []


def test_renaming_an_author_in_the_admin_reindexes_their_stories(
    client, admin_client, story, committed
):
    author = story.authors.get()
    assert found(client, "Harrow") == ["Lighthouse keeper retires"]
    url = reverse("admin:articles_author_change", args=[author.pk])

    with committed():
        data = form_data(admin_client.get(url).text, "author_form") | {"name": "Ines Okafor"}
        assert admin_client.post(url, data).status_code == 302

    assert found(client, "Okafor") == ["Lighthouse keeper retires"]
    assert found(client, "Harrow") == []


def test_renaming_a_section_in_the_admin_shows_in_search_results(
    client, admin_client, story, committed
):
    section = story.category
    assert "News" in client.get(SEARCH, {"q": "lighthouse"}).text
    url = reverse("admin:articles_category_change", args=[section.pk])

    with committed():
        data = form_data(admin_client.get(url).text, "category_form") | {"name": "Coastal affairs"}
        assert admin_client.post(url, data).status_code == 302

    response = client.get(SEARCH, {"q": "lighthouse"})
    assert result_headlines(response) == ["Lighthouse keeper retires"]
    assert "Coastal affairs" in response.text
    assert ">News<" not in response.text


# The editing workflow ---------------------------------------------------------------------------


def test_restoring_a_revision_reindexes_its_bylines_and_tags(
    client, admin_user, make_article, make_author, committed
):
    ines, tom = make_author(name="Ines Harrow"), make_author(name="Tom Vale")
    story = make_article(headline="Harbour wall", authors=[ines], tags=["Storms"])
    revisions.record_baseline(story)
    original = revisions.revisions_of(story)[0]
    with committed():
        story.bylines.update(author=tom)
        story.tags.set(["Rewrite"])
        story.save()
    assert found(client, "Vale") == ["Harbour wall"]

    with committed():
        revisions.restore(story, original, admin_user)

    assert found(client, "Harrow") == ["Harbour wall"]
    assert found(client, "storms") == ["Harbour wall"]
    assert found(client, "Vale") == []
    assert found(client, "rewrite") == []


def test_restoring_a_revision_in_the_admin_reindexes_the_story(
    client, admin_client, story, make_author, committed
):
    admin_edit(admin_client, story)  # the starting point, as a revision
    original = revisions.revisions_of(story)[0]
    with committed():
        admin_edit(
            admin_client,
            story,
            headline="Harbourmaster retires",
            tags=[],
            new_tags="Pensions",
            **{"bylines-0-author": make_author(name="Tom Vale").pk},
        )
    assert found(client, "harbourmaster Vale pensions") == ["Harbourmaster retires"]

    with committed():
        url = reverse("admin:articles_article_restore_revision", args=[story.pk, original.pk])
        assert admin_client.post(url).status_code == 302

    assert found(client, "lighthouse Harrow coast") == ["Lighthouse keeper retires"]
    assert found(client, "harbourmaster") == []
    assert found(client, "Vale") == []
    assert found(client, "pensions") == []


def test_trashing_and_restoring_a_story_show_in_search(client, admin_user, story, committed):
    assert found(client, "lighthouse") == ["Lighthouse keeper retires"]

    with committed():
        workflow.move_to_trash(story, admin_user)
    assert found(client, "lighthouse") == []

    with committed():
        workflow.restore_from_trash(story, admin_user)
    assert found(client, "lighthouse") == ["Lighthouse keeper retires"]


# Writes in bulk ----------------------------------------------------------------------------------


def test_a_queryset_update_reindexes_the_stories_it_changed(client, story, committed):
    assert found(client, "lighthouse") == ["Lighthouse keeper retires"]

    with committed():
        Article.objects.filter(pk=story.pk).update(headline="Harbourmaster retires")

    assert found(client, "harbourmaster") == ["Harbourmaster retires"]
    assert found(client, "lighthouse") == []


def test_bulk_created_stories_are_indexed(client, committed, db):
    news = Category.objects.create(name="News", slug="news")
    assert found(client, "regatta") == []

    with committed():
        Article.objects.bulk_create(
            Article(
                headline=f"Regatta day {n}",
                slug=f"regatta-{n}",
                category=news,
                status=Article.Status.PUBLISHED,
                published_at=timezone.now(),
            )
            for n in range(3)
        )

    assert len(found(client, "regatta")) == 3


# Once per transaction, on commit ---------------------------------------------------------------


@pytest.fixture
def index_refreshes(monkeypatch):
    """The story ids of each search index refresh the receivers ask for."""
    calls = []
    refresh = tasks.refresh_search_index

    def remember(ids=None):
        calls.append(ids)
        refresh(ids)

    monkeypatch.setattr(tasks, "refresh_search_index", remember)
    return calls


def test_a_transaction_refreshes_the_index_and_purges_once_for_everything_it_touched(
    story, make_article, index_refreshes, settings, committed
):
    settings.CDN_PURGE = "tests.test_signals.remember_purge"
    other = make_article(headline="Ferry timetable")
    index_refreshes.clear()
    remember_purge.calls = []

    with committed():
        story.headline = "Harbourmaster retires"
        story.save()
        story.tags.add("Pensions")
        other.authors.add(story.authors.get())

    assert index_refreshes == [sorted([story.pk, other.pk])]
    assert len(remember_purge.calls) == 1
    assert {f"story-{story.pk}", f"story-{other.pk}"} <= remember_purge.calls[0]


def remember_purge(tags):
    remember_purge.calls.append(tags)


def test_nothing_waits_for_the_commit_of_a_rolled_back_change(
    story, make_article, index_refreshes, committed
):
    other = make_article(headline="Ferry timetable")
    index_refreshes.clear()

    with committed():
        with pytest.raises(RuntimeError), transaction.atomic():
            story.headline = "Never saved"
            story.save()
            raise RuntimeError
        other.headline = "Ferry timetable changes"
        other.save()

    assert index_refreshes == [[other.pk]]


def test_the_index_waits_for_the_commit(client, story, committed):
    with committed():
        with committed(execute=False) as callbacks:
            story.headline = "Harbourmaster retires"
            story.save()
            assert found(client, "harbourmaster") == []  # not committed yet
        assert callbacks

    assert found(client, "harbourmaster") == ["Harbourmaster retires"]


# Commands ----------------------------------------------------------------------------------------


@pytest.mark.usefixtures("transactional_db", "django_db_serialized_rollback")
def test_a_restored_backup_is_searched_by_its_own_words(
    make_article, make_author, tmp_path, settings
):
    story = make_article(headline="Lighthouse keeper retires", authors=[make_author()])
    story.headline = "Harbourmaster retires"
    story.save()  # outside a transaction: indexed at once
    make_article(headline="Ferry timetable")
    archive = tmp_path / "newsroom.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    empty_database()
    settings.MEDIA_ROOT = tmp_path / "new" / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "new" / "private-media"

    call_command("restore", str(archive), verbosity=0)

    client = Client()
    assert found(client, "harbourmaster") == ["Harbourmaster retires"]
    assert found(client, "lighthouse") == []
    assert found(client, "ferry") == ["Ferry timetable"]
