"""Issue #3: every save is a revision; history, diff between any two, restore as a new one."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.editing import revisions
from articles.models import Article, Category
from tests.helpers.html import form_data, parse

WHOLE_SECONDS = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d")  # no fraction


@pytest.fixture
def story(make_article, make_author):
    return make_article(
        headline="Harbour wall to be rebuilt",
        standfirst="Engineers say it will not last another winter.",
        body="<p>Work starts in March.</p>",
        authors=[make_author(name="Ines Harrow")],
        tags=["Storms"],
    )


def edit(client, article, **changes):
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url).text) | changes
    response = client.post(url, data)
    assert response.status_code == 302, response.text
    article.refresh_from_db()


def history(article):
    return list(revisions.revisions_of(article))


def test_every_save_stores_a_revision_with_who_and_what(admin_client, story):
    edit(admin_client, story, headline="Harbour wall rebuild approved", new_tags="Council")
    newest = history(story)[0]
    assert newest.user.username == "admin"
    assert "Changed headline, new tags" in newest.comment
    saved = revisions.revision_snapshot(newest, story.pk)
    assert saved["headline"] == "Harbour wall rebuild approved"
    assert saved["tags"] == ("Council", "Storms")
    assert [author for author, _role in saved["authors"]] == [story.bylines.get().author_id]
    assert saved["status"] == "published"


def test_first_opening_records_where_history_starts(admin_client, story):
    admin_client.get(reverse("admin:articles_article_change", args=[story.pk]))
    assert [r.comment for r in history(story)] == ["Revision history starts here."]


def test_actions_are_revisions_too(admin_client, story):
    admin_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish", "_selected_action": [story.pk]},
    )
    newest = history(story)[0]
    assert newest.comment == "Unpublished (back to draft)."
    assert revisions.revision_snapshot(newest, story.pk)["status"] == "draft"


def test_history_page_shows_a_readable_diff(admin_client, story):
    edit(admin_client, story, body="<p>Work starts in April.</p>")
    edit(admin_client, story, headline="Harbour wall delayed")
    first, second, third = reversed(history(story))
    url = reverse("admin:articles_article_revisions", args=[story.pk])
    page = admin_client.get(url, {"a": first.pk, "b": third.pk}).text
    # Numbered per story, 1, 2, 3 (issue 13), whatever their ids in the database.
    assert "Changes from revision 1 to revision 3" in page
    assert "<del>March</del>" in page and "<ins>April</ins>" in page
    assert "<ins>delayed</ins>" in page
    page = admin_client.get(url, {"a": second.pk, "b": third.pk}).text
    assert "<dt>Headline</dt>" in page
    assert "<dt>Body</dt>" not in page  # the body did not change between these two


def test_diff_names_photos_sections_authors_and_tags(story, make_author):
    old = revisions.snapshot(story)
    new = dict(
        old,
        category=Category.objects.create(name="Business", slug="business").pk,
        authors=((make_author(name="Tom Vale").pk, "Photos"),),
        tags=("Storms", "Budget"),
    )
    shown = {change.label: str(change.html) for change in revisions.diff(old, new)}
    assert shown["Section"] == "<del>News</del> → <ins>Business</ins>"
    assert shown["Byline"] == "<del>Ines Harrow</del> → <ins>Tom Vale (Photos)</ins>"
    assert shown["Tags"] == "<ins>Budget</ins>"


def test_restore_brings_back_an_old_revision_as_a_new_one(admin_client, story, make_author):
    edit(admin_client, story)  # the starting point, as a revision
    original = history(story)[0]
    tom = make_author(name="Tom Vale")
    edit(
        admin_client,
        story,
        headline="Wall: a rewrite",
        body="<p>Rewritten.</p>",
        tags=[],
        new_tags="Rewrite",
        **{"bylines-0-author": tom.pk},
    )
    response = admin_client.post(
        reverse("admin:articles_article_restore_revision", args=[story.pk, original.pk]),
        follow=True,
    )
    number = revisions.number(story, original)
    assert f"Revision {number} of" in response.text
    story.refresh_from_db()
    assert (story.headline, story.body) == (
        "Harbour wall to be rebuilt",
        "<p>Work starts in March.</p>",
    )
    assert list(story.tags.names()) == ["Storms"]
    assert [b.author.name for b in story.bylines.all()] == ["Ines Harrow"]
    newest = history(story)[0]
    assert newest.pk > original.pk
    assert newest.comment.startswith(f"Restored revision {number}")


def test_restore_keeps_status_and_address(admin_client, make_article):
    story = make_article(slug="wall", status=Article.Status.DRAFT, published_at=None)
    edit(admin_client, story)
    draft_revision = history(story)[0]
    edit(admin_client, story, status="published", slug="wall-rebuilt", headline="Published")
    admin_client.post(
        reverse("admin:articles_article_restore_revision", args=[story.pk, draft_revision.pk])
    )
    story.refresh_from_db()
    assert (story.status, story.slug, story.headline) == (
        "published",
        "wall-rebuilt",
        story.headline,
    )
    assert story.is_public


def test_writer_cannot_restore_someone_elses_story(story, make_user, admin_client):
    edit(admin_client, story, headline="Changed")
    old = history(story)[-1]
    writer = Client()
    writer.force_login(make_user("Writer"))
    url = reverse("admin:articles_article_restore_revision", args=[story.pk, old.pk])
    assert writer.post(url).status_code == 404
    story.refresh_from_db()
    assert story.headline == "Changed"


def test_restore_only_by_post(admin_client, story):
    admin_client.get(reverse("admin:articles_article_change", args=[story.pk]))
    url = reverse("admin:articles_article_restore_revision", args=[story.pk, history(story)[0].pk])
    assert admin_client.get(url).status_code == 405


def test_history_numbers_revisions_per_story_and_shows_going_live(
    admin_client, make_article, clock
):
    """Issue 13: revisions are 1, 2, 3 in each story; a scheduled story going live by itself
    is in its history."""
    make_article(headline="Another story")  # revisions of other stories do not count
    story = make_article(headline="Ferry strike called off", status="draft", published_at=None)
    edit(admin_client, story, headline="Ferry strike off")
    go_live = timezone.now() + timezone.timedelta(hours=2)
    edit(
        admin_client,
        story,
        status="published",
        published_at_0=timezone.localtime(go_live).strftime("%Y-%m-%d"),
        published_at_1=timezone.localtime(go_live).strftime("%H:%M:%S"),
    )
    url = reverse("admin:articles_article_revisions", args=[story.pk])
    page = parse(admin_client.get(url).text)
    numbers = [row.select("td")[1].text for row in page.select(".revision-list tbody tr")]
    assert numbers == ["3 (current)", "2", "1"]  # 1: where history starts, when opened
    assert "Went live" not in page.text
    clock.now = go_live + timezone.timedelta(minutes=1)
    page = parse(admin_client.get(url).text)
    rows = [row.text for row in page.select(".revision-list tbody tr")]
    assert "Went live, as scheduled." in rows[0]


def test_history_times_are_whole_seconds(admin_client, make_article, clock):
    """Issue 17: `<time datetime>` allows at most three fraction digits; a save's time has six."""
    clock.now = clock.now.replace(microsecond=598233)
    story = make_article(headline="Ferry strike called off", status="draft", published_at=None)
    go_live = clock.now + timezone.timedelta(hours=2)
    edit(
        admin_client,
        story,
        status="published",
        published_at_0=timezone.localtime(go_live).strftime("%Y-%m-%d"),
        published_at_1=timezone.localtime(go_live).strftime("%H:%M:%S"),
    )
    clock.now = go_live + timezone.timedelta(minutes=1)
    url = reverse("admin:articles_article_revisions", args=[story.pk])
    page = parse(admin_client.get(url).text)

    times = [time["datetime"] for time in page.select(".revision-list time")]
    assert len(times) == 3  # two revisions, and going live
    assert all(WHOLE_SECONDS.fullmatch(time) for time in times), times
