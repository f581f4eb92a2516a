"""Issue #3: two people edit one story at once; nobody's work is silently lost.

Two logged-in clients open the same story form, then both save.
"""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.editing import merge, revisions
from articles.models import Article
from tests.helpers.html import form_data


@pytest.fixture
def story(make_article, make_author):
    return make_article(
        headline="Harbour wall to be rebuilt",
        standfirst="Engineers say it will not last another winter.",
        body="<p>Work starts in March.</p>",
        authors=[make_author(name="Petra Lund")],
        tags=["Storms"],
    )


@pytest.fixture
def ines(make_user):
    client = Client()
    client.force_login(make_user("Editor", "ines"))
    return client


@pytest.fixture
def tom(make_user):
    client = Client()
    client.force_login(make_user("Editor", "tom"))
    return client


def open_form(client, article):
    return form_data(client.get(reverse("admin:articles_article_change", args=[article.pk])).text)


def save(client, article, data, **changes):
    url = reverse("admin:articles_article_change", args=[article.pk])
    return client.post(url, data | changes, follow=True)


def test_changes_to_different_fields_are_merged(story, ines, tom):
    ines_form, tom_form = open_form(ines, story), open_form(tom, story)
    save(ines, story, ines_form, headline="Harbour wall rebuild approved")
    response = save(tom, story, tom_form, standfirst="The council found the money.")
    assert response.redirect_chain  # saved
    assert "Their changes (Headline by Ines Tester) and yours touched different fields" in (
        response.text
    )
    story.refresh_from_db()
    assert story.headline == "Harbour wall rebuild approved"
    assert story.standfirst == "The council found the money."
    assert (
        "Merged with changes to Headline by Ines Tester" in revisions.revisions_of(story)[0].comment
    )


def test_same_field_changed_twice_is_refused_with_both_versions(story, ines, tom):
    ines_form, tom_form = open_form(ines, story), open_form(tom, story)
    save(ines, story, ines_form, standfirst="Ines: the wall will cost £4m.")
    response = save(tom, story, tom_form, standfirst="Tom: the wall will cost £5m.")
    assert response.status_code == 200 and not response.redirect_chain
    text = response.text
    assert "Not saved: someone else changed the same field while you were editing" in text
    assert "Ines Tester changed the standfirst at" in text
    assert "Their version (saved)" in text and "Ines: the wall will cost £4m." in text
    assert "Your version (not saved)" in text
    assert form_data(text)["standfirst"] == "Tom: the wall will cost £5m."  # still in the form
    story.refresh_from_db()
    assert story.standfirst == "Ines: the wall will cost £4m."


def test_saving_again_after_a_refusal_keeps_your_version(story, ines, tom):
    ines_form, tom_form = open_form(ines, story), open_form(tom, story)
    save(ines, story, ines_form, standfirst="Ines version.", headline="Ines headline")
    refused = save(tom, story, tom_form, standfirst="Tom version.")
    returned = form_data(refused.text)
    assert returned["headline"] == "Ines headline"  # her other change is brought into the form
    response = save(tom, story, returned)
    assert response.redirect_chain
    story.refresh_from_db()
    assert (story.standfirst, story.headline) == ("Tom version.", "Ines headline")


def test_the_same_change_twice_is_no_conflict(story, ines, tom):
    ines_form, tom_form = open_form(ines, story), open_form(tom, story)
    save(ines, story, ines_form, headline="Wall approved")
    response = save(tom, story, tom_form, headline="Wall approved", body="<p>In April.</p>")
    assert response.redirect_chain
    story.refresh_from_db()
    assert (story.headline, story.body) == ("Wall approved", "<p>In April.</p>")


def test_byline_and_tags_of_the_first_save_survive_the_second(story, ines, tom, make_author):
    ines_form, tom_form = open_form(ines, story), open_form(tom, story)
    tom_vale = make_author(name="Tom Vale")
    save(
        ines,
        story,
        ines_form,
        new_tags="Budget",
        **{
            "bylines-TOTAL_FORMS": "2",
            "bylines-1-author": str(tom_vale.pk),
            "bylines-1-position": "1",
            "bylines-1-role": "photos",
            "bylines-1-article": str(story.pk),
        },
    )
    response = save(tom, story, tom_form, body="<p>Work starts in April.</p>")
    assert response.redirect_chain, response.text
    story.refresh_from_db()
    assert [(b.author.name, b.role) for b in story.bylines.all()] == [
        ("Petra Lund", "by"),
        ("Tom Vale", "photos"),
    ]
    assert sorted(story.tags.names()) == ["Budget", "Storms"]
    assert story.body == "<p>Work starts in April.</p>"


def test_byline_changed_by_both_is_a_conflict(story, ines, tom, make_author):
    ines_form, tom_form = open_form(ines, story), open_form(tom, story)
    save(ines, story, ines_form, **{"bylines-0-role": "reporting"})
    response = save(tom, story, tom_form, **{"bylines-0-role": "analysis"})
    assert "Ines Tester changed the byline at" in response.text
    assert "Petra Lund (Reporting)" in response.text and "Petra Lund (Analysis)" in response.text
    assert story.bylines.get().role == "reporting"
    response = save(tom, story, form_data(response.text))  # Tom insists
    assert response.redirect_chain
    assert story.bylines.get().role == "analysis"


def test_a_schedule_set_meanwhile_is_not_undone(story, ines, tom, clock):
    Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT)
    story.refresh_from_db()
    ines_form, tom_form = open_form(ines, story), open_form(tom, story)
    later = timezone.localtime(clock.now + timezone.timedelta(days=1))
    save(
        ines,
        story,
        ines_form,
        status="published",
        published_at_0=later.strftime("%Y-%m-%d"),
        published_at_1="07:00:00",
    )
    save(tom, story, tom_form, body="<p>Copy-edited.</p>")
    story.refresh_from_db()
    assert story.status == Article.Status.PUBLISHED
    assert timezone.localtime(story.published_at).strftime("%Y-%m-%d %H:%M") == (
        later.strftime("%Y-%m-%d 07:00")
    )
    assert story.body == "<p>Copy-edited.</p>"


def test_form_opened_on_another_story_is_refused(story, make_article, ines):
    other = make_article()
    data = open_form(ines, other)
    response = save(ines, story, open_form(ines, story), base_revision=data["base_revision"])
    assert "cannot be checked against other people" in response.text


@pytest.mark.parametrize(
    "theirs, mine, taken, conflicts",
    [
        ("base", "base", [], []),  # nobody changed it
        ("Ines", "base", ["headline"], []),  # only they did: theirs
        ("base", "Tom", [], []),  # only I did: mine
        ("Same", "Same", [], []),  # both, alike: no conflict
        ("Ines", "Tom", [], ["headline"]),  # both, differently: conflict
    ],
)
def test_three_way_merge_rule(story, theirs, mine, taken, conflicts):
    base = revisions.snapshot(story) | {"headline": "base"}
    result = merge.three_way(base, base | {"headline": theirs}, base | {"headline": mine})
    assert result == (taken, conflicts)


def test_three_way_merge_ignores_tag_case(story):
    base = revisions.snapshot(story)
    assert merge.three_way(base, base | {"tags": ("storms",)}, base) == ([], [])


@pytest.mark.parametrize(
    ("choice", "saved"),
    [
        ("mine", "Tom's standfirst."),
        ("theirs", "Ines's standfirst."),
        ("both", "Ines's standfirst. Tom's standfirst."),
    ],
)
def test_conflict_screen_saves_yours_theirs_or_both_per_field(ines, tom, story, choice, saved):
    """Issue 13: the conflict screen offers, field by field, yours, theirs or both."""
    url = reverse("admin:articles_article_change", args=[story.pk])
    toms = open_form(tom, story)
    ines.post(url, open_form(ines, story) | {"standfirst": "Ines's standfirst."})
    response = tom.post(url, toms | {"standfirst": "Tom's standfirst."})
    assert response.status_code == 200  # the conflict screen
    page = response.text
    assert 'name="resolve_standfirst" value="theirs"' in page
    assert 'name="resolve_standfirst" value="both"' in page
    again = form_data(page) | {"resolve_standfirst": choice}
    assert tom.post(url, again).status_code == 302
    story.refresh_from_db()
    assert story.standfirst == saved
