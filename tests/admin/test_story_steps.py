"""Issue 13: the story form's workflow buttons save what was typed, then make the step."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.editing import revisions
from articles.models import Article, ReviewNote
from tests.helpers.html import form_data, parse


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def change_url(story):
    return reverse("admin:articles_article_change", args=[story.pk])


def press(client, story, step=None, **changes):
    """Open the story form, change fields, press a button (a step, or plain Save)."""
    data = form_data(client.get(change_url(story)).text, button="_continue") | changes
    if step:
        data.pop("_continue")
        data["step"] = step
    return client.post(change_url(story), data, follow=True)


@pytest.fixture
def editor(make_user):
    return make_user("Editor", "eddie")


@pytest.fixture
def writer(make_user):
    return make_user("Writer", "wren")


@pytest.fixture
def draft(make_article, writer):
    story = make_article(
        headline="Ferry timetable changes",
        standfirst="Old standfirst.",
        status=Article.Status.DRAFT,
        published_at=None,
        authors=[writer.author],
    )
    story.created_by = writer
    story.save()
    return story


def test_publish_button_saves_the_typed_standfirst_before_publishing(client, editor, draft):
    response = press(client_of(editor), draft, "publish", standfirst="The fixed standfirst.")
    assert "is published: readers see it as you saved it" in response.text
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED and draft.is_public
    assert draft.standfirst == "The fixed standfirst."
    page = client.get(draft.get_absolute_url())
    assert "The fixed standfirst." in page.text
    newest = revisions.revisions_of(draft).first()
    assert newest.comment == "Changed standfirst. Published."  # one revision: save and step


def test_publish_button_on_an_invalid_form_publishes_nothing(editor, draft):
    response = press(client_of(editor), draft, "publish", headline="")
    assert response.status_code == 200
    assert "This field is required" in response.text
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT and draft.headline == "Ferry timetable changes"


def test_publish_button_merges_with_a_colleagues_save(make_user, editor, draft):
    mine = client_of(editor)
    data = form_data(mine.get(change_url(draft)).text) | {"standfirst": "Mine."}
    other = client_of(make_user("Editor", "ines"))
    press(other, draft, headline="Their headline")
    data.pop("_save")
    mine.post(change_url(draft), data | {"step": "publish"})
    draft.refresh_from_db()
    assert (draft.headline, draft.standfirst, draft.status) == (
        "Their headline",
        "Mine.",
        "published",
    )


def test_schedule_button_sets_the_time_in_the_newsroom_zone(editor, draft, settings):
    settings.TIME_ZONE = "Europe/London"
    when = timezone.localtime() + timezone.timedelta(days=2)
    typed = when.strftime("%Y-%m-%dT%H:%M")
    response = press(client_of(editor), draft, "schedule", schedule_at=typed)
    assert "is scheduled" in response.text
    draft.refresh_from_db()
    assert draft.is_scheduled
    assert timezone.localtime(draft.published_at).strftime("%Y-%m-%dT%H:%M") == typed
    comment = revisions.revisions_of(draft).first().comment
    assert f"Scheduled for {when:%-d %b %Y, %H:%M} (Europe/London" in comment


def test_schedule_button_refuses_a_past_time(editor, draft):
    past = (timezone.localtime() - timezone.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = press(client_of(editor), draft, "schedule", schedule_at=past)
    assert "has passed: choose a time to come" in response.text
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_schedule_dialog_shows_the_newsroom_zone(editor, draft, clock):
    clock.now = timezone.make_aware(timezone.datetime(2026, 12, 4, 10, 42))
    page = parse(client_of(editor).get(change_url(draft)).text)
    assert page.select_one("#schedule-dialog [data-zone]").text == "Europe/London, GMT"
    assert page.select_one("#schedule-dialog input[type=datetime-local]")


def test_writer_sees_save_draft_and_submit_and_no_publishing(writer, draft):
    page = parse(client_of(writer).get(change_url(draft)).text)
    row = page.select(".submit-row")[-1]
    labels = [
        b.get("value") if b.name == "input" else b.text.strip() for b in row.select("input, button")
    ]
    assert labels == ["Save draft", "Submit for review", "Preview", "Save and close"]


def test_editor_buttons_follow_the_story(editor, make_article):
    live = make_article(headline="Live story")
    page = parse(client_of(editor).get(change_url(live)).text)
    row = page.select(".submit-row")[-1]
    labels = [
        b.get("value") if b.name == "input" else b.text.strip() for b in row.select("input, button")
    ]
    assert labels == ["Update", "Unpublish", "Preview", "Save and close"]


def test_writer_cannot_publish_with_a_hand_made_step(writer, draft):
    response = press(client_of(writer), draft, "publish")
    assert "Only an editor can publish" in response.text
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_writer_submits_then_withdraws_and_edits_again(writer, draft):
    client = client_of(writer)
    response = press(client, draft, "submit", standfirst="Ready for the desk.")
    assert "is submitted for review" in response.text
    draft.refresh_from_db()
    assert (draft.status, draft.standfirst) == ("in_review", "Ready for the desk.")
    page = client.get(change_url(draft)).text
    assert "Withdraw from review" in page
    withdraw = reverse("admin:articles_article_withdraw", args=[draft.pk])
    response = client.post(withdraw, follow=True)
    assert "is back in your drafts" in response.text
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    press(client, draft, headline="Edited again")
    draft.refresh_from_db()
    assert draft.headline == "Edited again"


def test_a_colleague_cannot_withdraw_a_writers_story(make_user, writer, draft):
    draft.status = Article.Status.IN_REVIEW
    draft.save()
    colleague = client_of(make_user("Writer", "colleague"))
    response = colleague.post(reverse("admin:articles_article_withdraw", args=[draft.pk]))
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.status == Article.Status.IN_REVIEW


def test_send_back_needs_a_note_and_the_writer_sees_it(editor, writer, draft):
    draft.status = Article.Status.IN_REVIEW
    draft.save()
    desk = client_of(editor)
    response = press(desk, draft, "send_back", send_back_note="")
    assert "Write the writer a short note" in response.text
    response = press(desk, draft, "send_back", send_back_note="Check the times with the port.")
    assert "sent back to its writer" in response.text
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    mine = client_of(writer)
    page = mine.get(change_url(draft)).text
    assert "Check the times with the port." in page and "Sent back by Eddie Tester" in page
    press(mine, draft, "submit")
    assert ReviewNote.objects.get().answered_at is not None
    assert "Check the times with the port." not in mine.get(change_url(draft)).text


def test_the_list_keeps_its_bulk_actions_and_the_form_drops_them(editor, draft):
    client = client_of(editor)
    listing = client.get(reverse("admin:articles_article_changelist")).text
    assert 'value="publish_now"' in listing and 'value="submit_for_review"' in listing
    form = client.get(change_url(draft)).text
    assert 'value="publish_now"' not in form
    assert 'name="CHANGE_FORM-action"' not in form  # nothing to restore: no actions menu
    draft.trashed_at = timezone.now()
    draft.save()
    trashed = client.get(change_url(draft)).text
    assert 'name="CHANGE_FORM-action"' in trashed and 'value="restore"' in trashed


def test_admin_times_are_24_hour_in_the_newsroom_zone(editor, make_article, settings):
    settings.TIME_ZONE = "Europe/London"
    at = timezone.make_aware(timezone.datetime(2026, 7, 1, 18, 5), timezone.UTC)  # 19:05 BST
    make_article(headline="Evening tide", published_at=at)
    page = client_of(editor).get(reverse("admin:articles_article_changelist")).text
    assert "1 Jul 2026, 19:05" in page
    assert "p.m." not in page


def test_scheduled_list_shows_the_soonest_first(editor, make_article):
    soon = timezone.now() + timezone.timedelta(hours=1)
    make_article(headline="Later story", published_at=soon + timezone.timedelta(hours=5))
    make_article(headline="Sooner story", published_at=soon)
    page = client_of(editor).get(
        reverse("admin:articles_article_changelist"), {"state": "scheduled"}
    )
    assert page.text.index("Sooner story") < page.text.index("Later story")


def test_tags_field_takes_existing_and_new_tags_in_one_control(editor, draft):
    from taggit.models import Tag

    harbour = Tag.objects.create(name="Harbour", slug="harbour")
    client = client_of(editor)
    page = client.get(change_url(draft)).text
    assert 'data-tags="true"' in page and 'name="new_tags"' not in page
    response = press(client, draft, tags=[str(harbour.pk), "new:2026", "new:Moon tides"])
    assert response.status_code == 200
    draft.refresh_from_db()
    assert sorted(draft.tags.names()) == ["2026", "Harbour", "Moon tides"]


def test_tags_field_refuses_a_long_new_tag_and_shows_it_again(editor, draft):
    long_name = "new:" + "x" * 101
    response = press(client_of(editor), draft, headline="", tags=[long_name])
    assert response.status_code == 200
    assert "A tag can be at most 100 characters long." in response.text
    assert f'<option value="{long_name}" selected>' in response.text
