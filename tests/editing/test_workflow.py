"""Issue #3: statuses, scheduling on the second, the trash, updates, corrections, old addresses."""

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleRedirect, Category, Correction
from tests.helpers.forms import form_data

SECOND = timezone.timedelta(seconds=1)


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


# Scheduling: published-ness is decided at query time against the clock.


@pytest.mark.parametrize(
    "offset, visible", [(-SECOND, False), (timezone.timedelta(0), True), (SECOND, True)]
)
def test_scheduled_story_goes_live_on_the_second(client, make_article, clock, offset, visible):
    go_live = clock.now + timezone.timedelta(hours=2)
    story = make_article(headline="Harbour bridge reopens", published_at=go_live)
    clock.now = go_live + offset

    assert (story in Article.objects.published()) is visible
    assert client.get(story.get_absolute_url()).status_code == (200 if visible else 404)
    assert ("Harbour bridge reopens" in client.get(reverse("articles:latest")).text) is visible
    assert ("Harbour bridge reopens" in client.get(reverse("articles:home")).text) is visible


def test_scheduled_story_is_listed_as_scheduled_on_the_desk(admin_client, make_article, clock):
    make_article(headline="Tomorrow's budget", published_at=clock.now + SECOND)
    text = admin_client.get(reverse("admin:articles_article_changelist") + "?state=scheduled").text
    assert "Tomorrow&#x27;s budget" in text
    assert "status-badge--scheduled" in text


def test_first_published_time_is_kept_when_the_publish_time_changes(make_article, clock):
    story = make_article(published_at=clock.now)
    first = story.first_published_at
    clock.advance(hours=3)
    story.published_at = clock.now
    story.save()
    assert story.first_published_at == first


def test_withdrawn_schedule_leaves_no_first_published_time(make_article, clock):
    story = make_article(published_at=clock.now + timezone.timedelta(days=1))
    story.status = Article.Status.DRAFT
    story.save()
    assert story.first_published_at is None


def test_unpublish_returns_a_story_to_draft_with_its_content(admin_client, make_article):
    story = make_article(headline="Ferry strike ends", body="<p>Crews return on Monday.</p>")
    response = admin_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish", "_selected_action": [story.pk]},
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == Article.Status.DRAFT
    assert story.body == "<p>Crews return on Monday.</p>"
    assert story.first_published_at is not None
    assert admin_client.get(story.get_absolute_url()).status_code == 200  # staff preview
    story.refresh_from_db()
    assert story not in Article.objects.published()


def test_publish_now_action_publishes_a_draft(admin_client, make_article, clock):
    story = make_article(status=Article.Status.IN_REVIEW, published_at=None)
    admin_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [story.pk]},
    )
    story.refresh_from_db()
    assert story.is_public
    assert story.published_at == story.first_published_at == clock.now


# The trash.


def test_deleting_asks_for_confirmation_first(admin_client, make_article):
    story = make_article(headline="Council vote")
    page = admin_client.get(reverse("admin:articles_article_delete", args=[story.pk]))
    assert "Move the story “Council vote” to the trash?" in page.text
    story.refresh_from_db()
    assert story.trashed_at is None


def test_deleting_moves_a_story_to_the_trash_and_off_the_site(client, admin_client, make_article):
    story = make_article(headline="Council vote")
    url = story.get_absolute_url()
    response = admin_client.post(
        reverse("admin:articles_article_delete", args=[story.pk]), {"post": "yes"}, follow=True
    )
    assert "is in the trash" in response.text
    story.refresh_from_db()
    assert story.trashed_at is not None
    assert Article.objects.filter(pk=story.pk).exists()  # nothing destroyed
    assert client.get(url).status_code == 404
    assert "Council vote" not in client.get(reverse("articles:latest")).text
    desk = admin_client.get(reverse("admin:articles_article_changelist")).text
    assert "Council vote" not in desk
    trash = admin_client.get(reverse("admin:articles_article_changelist") + "?state=trash").text
    assert "Council vote" in trash


def test_restoring_from_the_trash_puts_the_story_back(client, admin_client, make_article):
    story = make_article(headline="Council vote")
    admin_client.post(reverse("admin:articles_article_delete", args=[story.pk]), {"post": "yes"})
    admin_client.post(
        reverse("admin:articles_article_changelist") + "?state=trash",
        {"action": "restore", "_selected_action": [story.pk]},
    )
    story.refresh_from_db()
    assert story.trashed_at is None
    assert client.get(story.get_absolute_url()).status_code == 200


def test_bulk_trash_confirms_then_trashes(admin_client, make_article):
    stories = [make_article(headline="Old notice"), make_article(headline="Older notice")]
    selected = {"action": "trash_selected", "_selected_action": [s.pk for s in stories]}
    url = reverse("admin:articles_article_changelist")
    confirm = admin_client.post(url, selected)
    assert "Move these stories to the trash?" in confirm.text
    assert not Article.objects.exclude(trashed_at=None).exists()
    admin_client.post(url, selected | {"post": "yes"})
    assert Article.objects.exclude(trashed_at=None).count() == 2


# Updates and corrections.


def edit(client, article, **changes):
    url = change_url(article)
    data = form_data(client.get(url).text) | changes
    return client.post(url, data, follow=True)


def test_substantive_update_moves_the_public_updated_time(
    client, admin_client, make_article, clock
):
    story = make_article(published_at=clock.now - timezone.timedelta(hours=1))
    clock.advance(minutes=5)
    edit(admin_client, story, standfirst="Now with the council's answer.", substantive_update="on")
    story.refresh_from_db()
    assert story.revised_at == clock.now
    page = client.get(story.get_absolute_url()).text
    assert f'Updated <time datetime="{timezone.localtime(clock.now).isoformat()}"' in page


def test_first_publication_is_not_an_update(admin_client, make_article):
    story = make_article(status=Article.Status.DRAFT, published_at=None)
    response = edit(admin_client, story, status="published", substantive_update="on")
    assert "Only a story readers can already see can be marked as updated" in response.text
    story.refresh_from_db()
    assert story.is_public and story.revised_at is None


def test_typo_fix_does_not_move_the_updated_time(client, admin_client, make_article):
    story = make_article(standfirst="The harbor wall")
    edit(admin_client, story, standfirst="The harbour wall")
    story.refresh_from_db()
    assert story.standfirst == "The harbour wall"
    assert story.revised_at is None
    assert "Updated" not in client.get(story.get_absolute_url()).text


def test_corrections_show_in_order_on_the_story_and_the_corrections_page(client, make_article):
    story = make_article(headline="Tide tables")
    now = timezone.now()
    Correction.objects.create(article=story, text="Second note.", published_at=now)
    Correction.objects.create(
        article=story,
        text="First note.",
        kind=Correction.Kind.UPDATE,
        published_at=now - timezone.timedelta(hours=1),
    )
    page = client.get(story.get_absolute_url()).text
    assert page.index("First note.") < page.index("Second note.")
    assert "Update</strong>" in page and "Correction</strong>" in page
    corrections = client.get(reverse("articles:corrections")).text
    assert corrections.index("Second note.") < corrections.index("First note.")
    assert "Tide tables" in corrections


def test_corrections_page_hides_notes_on_unpublished_stories(client, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    Correction.objects.create(article=draft, text="Not for readers yet.")
    assert "Not for readers yet." not in client.get(reverse("articles:corrections")).text


@pytest.mark.parametrize("count", [1, 10])
def test_corrections_query_count_is_flat(client, make_article, django_assert_num_queries, count):
    for _ in range(count):
        Correction.objects.create(article=make_article(), text="Fixed a name.")
    with django_assert_num_queries(3):  # sections menu and banner (one, cached), count, corrections
        client.get(reverse("articles:corrections"))


@pytest.mark.parametrize("count", [1, 10])
def test_story_page_query_count_is_flat(client, make_article, django_assert_num_queries, count):
    story = make_article(tags=["Harbour"])
    for n in range(count):
        Correction.objects.create(article=story, text=f"Note {n}.")
    # story, bylines, tags, corrections, related, menu and banner (one, cached: issue 6)
    with django_assert_num_queries(6):
        client.get(story.get_absolute_url())


def test_editor_adds_a_correction_in_the_story_form(client, admin_client, make_article):
    story = make_article()
    data = form_data(admin_client.get(change_url(story)).text)
    data |= {
        "corrections-TOTAL_FORMS": "1",
        "corrections-0-kind": "correction",
        "corrections-0-published_at_0": "2026-01-05",
        "corrections-0-published_at_1": "09:30:00",
        "corrections-0-text": "An earlier version misspelt the harbour master's name.",
        "corrections-0-article": str(story.pk),
    }
    response = admin_client.post(change_url(story), data)
    assert response.status_code == 302, response.text
    assert "misspelt the harbour master" in client.get(story.get_absolute_url()).text


# Stable links.


def test_changed_slug_keeps_the_old_address_with_a_301(client, admin_client, make_article):
    story = make_article(slug="harbour-wall-cracks")
    old_url = story.get_absolute_url()
    edit(admin_client, story, slug="harbour-wall-collapses")
    story.refresh_from_db()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == "/news/harbour-wall-collapses/"


def test_every_old_slug_and_section_keeps_working(client, make_article):
    story = make_article(slug="first")
    story.slug = "second"
    story.save()
    story.slug = "third"
    story.category = Category.objects.create(name="City", slug="city")
    story.save()
    for old in ("/news/first/", "/news/second/", "/city/first/"):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, "/city/third/")


def test_draft_slug_changes_leave_no_redirect(make_article):
    story = make_article(slug="working-title", status=Article.Status.DRAFT, published_at=None)
    story.slug = "final-title"
    story.save()
    assert not ArticleRedirect.objects.exists()


def test_old_slug_of_another_story_cannot_be_reused(admin_client, make_article):
    story = make_article(slug="ferry-times")
    story.slug = "ferry-timetable"
    story.save()
    other = make_article(slug="something-else")
    response = edit(admin_client, other, slug="ferry-times")
    assert "used to belong to another story" in response.text
    other.refresh_from_db()
    assert other.slug == "something-else"


def test_story_can_take_back_its_own_old_slug(client, make_article):
    story = make_article(slug="one")
    story.slug = "two"
    story.save()
    story.slug = "one"
    story.save()
    assert client.get("/news/one/").status_code == 200
    assert client.get("/news/two/")["Location"] == "/news/one/"


def test_old_slug_of_an_unpublished_story_is_a_404(client, make_article):
    story = make_article(slug="one")
    story.slug = "two"
    story.status = Article.Status.DRAFT
    story.save()
    assert client.get("/news/one/").status_code == 404
