"""Issue 13: the open story form's autosave and presence, through the admin's JSON endpoints."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.editing import revisions
from articles.models import Article, Autosave
from tests.helpers.html import form_data, parse


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def url(name, story):
    return reverse(f"admin:articles_article_{name}", args=[story.pk])


def autosave(client, story, **fields):
    body = json.dumps({"fields": {name: [value] for name, value in fields.items()}})
    return client.post(url("autosave", story), body, content_type="application/json")


@pytest.fixture
def story(make_article):
    return make_article(headline="Quay closed for repairs", standfirst="Saved standfirst.")


@pytest.fixture
def ines(make_user):
    return make_user("Editor", "ines")


@pytest.fixture
def tom(make_user):
    return make_user("Editor", "tom")


def test_autosave_is_offered_back_to_its_owner_only(client, story, ines, tom, clock):
    tomorrow = timezone.localdate() + timezone.timedelta(days=1)
    clock.now = timezone.make_aware(
        timezone.datetime.combine(tomorrow, timezone.datetime.min.time())
    )
    clock.advance(hours=10, minutes=42)  # after the story's last save
    mine = client_of(ines)
    form = form_data(mine.get(url("change", story)).text)
    response = autosave(mine, story, **(form | {"standfirst": "Typed before the crash."}))
    assert response.json() == {"saved_at": "10:42"}
    # Not a revision and not on the site.
    before = revisions.latest_revision_id(story)
    story.refresh_from_db()
    assert story.standfirst == "Saved standfirst."
    assert revisions.latest_revision_id(story) == before
    assert "Typed before the crash." not in client.get(story.get_absolute_url()).text
    # Offered to Ines, never to Tom.
    page = mine.get(url("change", story)).text
    assert "Restore your unsaved changes from 10:42?" in page
    theirs = client_of(tom)
    assert "Restore your unsaved changes" not in theirs.get(url("change", story)).text
    restored = parse(mine.get(url("change", story), {"restore": "autosave"}).text)
    assert restored.select_one("#id_standfirst").text.strip() == "Typed before the crash."
    assert restored.select_one("#id_headline")["value"] == "Quay closed for repairs"


def test_an_autosave_never_publishes(story, ines):
    story.status, story.published_at = Article.Status.DRAFT, None
    story.save()
    mine = client_of(ines)
    form = form_data(mine.get(url("change", story)).text)
    autosave(mine, story, **(form | {"status": "published", "step": "publish"}))
    story.refresh_from_db()
    assert story.status == Article.Status.DRAFT


def test_saving_the_story_ends_the_autosave_offer(story, ines):
    mine = client_of(ines)
    form = form_data(mine.get(url("change", story)).text, button="_continue")
    autosave(mine, story, standfirst="Half typed.")
    mine.post(url("change", story), form | {"standfirst": "Finished."})
    assert not Autosave.objects.exists()
    assert "Restore your unsaved changes" not in mine.get(url("change", story)).text


def test_autosave_refuses_what_is_not_a_form_and_who_cannot_edit(story, ines, make_user):
    mine = client_of(ines)
    bad = mine.post(url("autosave", story), "[1, 2]", content_type="application/json")
    assert bad.status_code == 400
    garbled = mine.post(url("autosave", story), "{not json", content_type="application/json")
    assert garbled.status_code == 400
    writer = client_of(make_user("Writer", "wren"))
    assert autosave(writer, story, standfirst="Not mine").status_code == 404
    assert not Autosave.objects.exists()


def test_presence_shows_others_since_when_and_forgets_who_left(story, ines, tom, clock, settings):
    settings.EDITING_BEAT_SECONDS = 30
    clock.now = timezone.make_aware(timezone.datetime(2026, 12, 4, 10, 42))
    theirs, mine = client_of(tom), client_of(ines)
    theirs.post(url("presence", story))
    assert mine.post(url("presence", story)).json() == {
        "others": [{"name": "Tom Tester", "since": "10:42"}]
    }
    page = parse(mine.get(url("change", story)).text)
    assert (
        page.select_one("#presence").text.strip()
        == "Tom Tester has this story open too, since 10:42."
    )
    clock.advance(seconds=59)
    assert mine.post(url("presence", story)).json()["others"] != []
    clock.advance(seconds=2)
    assert mine.post(url("presence", story)).json()["others"] == []  # silent for two beats
    theirs.post(url("presence", story))
    theirs.post(url("leave", story))
    assert mine.post(url("presence", story)).json()["others"] == []


def test_autosave_restore_brings_back_the_byline_and_correction_rows(
    story, ines, make_author, clock
):
    clock.advance(minutes=5)  # after the story's last save
    mine = client_of(ines)
    newcomer = make_author(name="Nia Newcomer")
    first = story.bylines.get()
    form = form_data(mine.get(url("change", story)).text)
    typed = form | {
        "bylines-TOTAL_FORMS": "2",
        "bylines-0-position": "1",  # the story's author moved second
        "bylines-1-author": str(newcomer.pk),
        "bylines-1-position": "0",
        "bylines-1-role": "reporting",
        "bylines-1-article": str(story.pk),
        "corrections-TOTAL_FORMS": "1",
        "corrections-0-text": "An earlier version misnamed the quay.",
        "corrections-0-kind": "correction",
    }
    autosave(mine, story, **typed)

    page = parse(mine.get(url("change", story), {"restore": "autosave"}).text)
    rows = {
        row.select_one("select[name$='-author'] option[selected]").text: (
            row.select_one("input[name$='-position']")["value"],
            row.select_one("select[name$='-role'] option[selected]")["value"],
        )
        for row in page.select("#bylines-group tr.form-row")
        if row.select_one("select[name$='-author'] option[selected]")
    }
    assert rows == {newcomer.name: ("0", "reporting"), first.author.name: ("1", first.role)}
    correction = page.select_one("textarea[name='corrections-0-text']")
    assert correction.text.strip() == "An earlier version misnamed the quay."
    # Shown, not saved: the story keeps its one byline until Ines saves the form.
    assert list(story.bylines.values_list("author", flat=True)) == [first.author_id]
