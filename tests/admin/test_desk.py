"""Issue #3: the story list as a desk runs its day from it, and writing a new story."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Category
from tests.helpers.forms import form_data

CHANGELIST = reverse("admin:articles_article_changelist")


@pytest.fixture
def writer(make_user):
    return make_user("Writer")


@pytest.fixture
def writer_client(writer):
    client = Client()
    client.force_login(writer)
    return client


@pytest.fixture
def editor_client(make_user):
    client = Client()
    client.force_login(make_user("Editor"))
    return client


@pytest.fixture
def desk(writer, make_article, make_author, clock):
    """Two drafts and one story in review by the writer, a colleague's draft and story in
    review, a scheduled and a published story."""
    colleague = make_author(name="Colleague")
    draft, in_review = Article.Status.DRAFT, Article.Status.IN_REVIEW
    for headline, status, author in [
        ("My first draft", draft, writer.author),
        ("My second draft", draft, writer.author),
        ("My story in review", in_review, writer.author),
        ("Their draft", draft, colleague),
        ("Their story in review", in_review, colleague),
    ]:
        make_article(headline=headline, status=status, published_at=None, authors=[author])
    make_article(headline="Going out tomorrow", published_at=clock.now + timezone.timedelta(days=1))
    make_article(headline="Out already", published_at=clock.now - timezone.timedelta(days=1))


def counts(client):
    return client.get(CHANGELIST).context["desk_counts"]


def test_editor_desk_counts(editor_client, desk):
    assert counts(editor_client) == {"my_drafts": 0, "in_review": 2, "scheduled": 1}


def test_writer_desk_counts_are_about_their_own_stories(writer_client, desk):
    assert counts(writer_client) == {"my_drafts": 2, "in_review": 1, "scheduled": 0}


def test_counts_link_to_their_lists(editor_client, desk):
    page = editor_client.get(CHANGELIST).text
    assert '<a href="?state=in_review"><strong>2</strong> awaiting review</a>' in page


@pytest.mark.parametrize(
    "query, shown",
    [
        ("state=draft", {"My first draft", "My second draft", "Their draft"}),
        ("state=in_review", {"My story in review", "Their story in review"}),
        ("state=scheduled", {"Going out tomorrow"}),
        ("state=published", {"Out already"}),
        ("state=draft&mine=1", {"My first draft", "My second draft"}),
    ],
)
def test_status_and_mine_filters(make_user, desk, writer, query, shown):
    client = Client()
    client.force_login(writer if "mine" in query else make_user("Editor"))
    listed = {
        story.headline for story in client.get(f"{CHANGELIST}?{query}").context["cl"].result_list
    }
    assert listed == shown


def test_section_and_author_filters(editor_client, make_article, make_author):
    business = Category.objects.create(name="Business", slug="business")
    make_article(headline="Port profits up", category=business)
    ines = make_author(name="Ines Harrow")
    make_article(headline="By Ines", authors=[ines])
    by_section = editor_client.get(f"{CHANGELIST}?category__id__exact={business.pk}").text
    by_author = editor_client.get(f"{CHANGELIST}?authors__id__exact={ines.pk}").text
    assert "Port profits up" in by_section and "By Ines" not in by_section
    assert "By Ines" in by_author and "Port profits up" not in by_author


def test_list_links_to_preview_or_to_the_live_page(editor_client, desk):
    page = editor_client.get(CHANGELIST).text
    live = Article.objects.get(headline="Out already")
    draft = Article.objects.get(headline="Their draft")
    assert f'<a href="{live.get_absolute_url()}" target="_blank">View on site</a>' in page
    preview = reverse("articles:article_preview", args=[draft.pk])
    assert f'<a href="{preview}" target="_blank">Preview</a>' in page


def test_list_badges_say_each_status(editor_client, desk):
    page = editor_client.get(CHANGELIST).text
    for badge in ("Draft", "In review", "Scheduled", "Published"):
        assert f">{badge}</span>" in page


def test_writer_writes_a_new_story_with_their_byline(writer_client, writer):
    Category.objects.create(name="City", slug="city")
    add = reverse("admin:articles_article_add")
    data = form_data(writer_client.get(add).text)
    assert data["bylines-0-author"] == str(writer.author.pk)  # filled in for them
    data |= {
        "headline": "Night buses return",
        "slug": "night-buses-return",
        "category": str(Category.objects.get().pk),
        "status": "in_review",
    }
    response = writer_client.post(add, data)
    assert response.status_code == 302, response.text
    story = Article.objects.get()
    assert (story.created_by, story.status) == (writer, Article.Status.IN_REVIEW)
    assert [b.author for b in story.bylines.all()] == [writer.author]


def test_writer_cannot_set_a_publish_time(writer_client, make_article, writer):
    story = make_article(status=Article.Status.DRAFT, published_at=None, authors=[writer.author])
    url = reverse("admin:articles_article_change", args=[story.pk])
    data = form_data(writer_client.get(url).text)
    assert "published_at_0" not in data  # read-only for writers
    data |= {"published_at_0": "2030-01-01", "published_at_1": "06:00:00", "headline": "Edited"}
    assert writer_client.post(url, data).status_code == 302
    story.refresh_from_db()
    assert (story.headline, story.published_at) == ("Edited", None)


def test_writer_whose_draft_is_submitted_meanwhile_gets_their_text_back(
    writer_client, make_article, writer, editor_client
):
    story = make_article(status=Article.Status.DRAFT, published_at=None, authors=[writer.author])
    url = reverse("admin:articles_article_change", args=[story.pk])
    data = form_data(writer_client.get(url).text)
    editor_client.post(CHANGELIST, {"action": "publish_now", "_selected_action": [story.pk]})
    response = writer_client.post(url, data | {"standfirst": "My late paragraph."})
    assert response.status_code == 403
    assert "Your changes were not saved" in response.text
    assert "My late paragraph." in response.text


@pytest.mark.parametrize("model", ["articles_captionedimage", "taggit_tag"])
def test_editors_manage_photos_and_tags(editor_client, model):
    assert editor_client.get(reverse(f"admin:{model}_changelist")).status_code == 200
    assert editor_client.get(reverse(f"admin:{model}_add")).status_code == 200


def test_trashed_story_opens_read_only_for_editors_with_a_restore_action(
    editor_client, make_article
):
    story = make_article(headline="Binned")
    Article.objects.filter(pk=story.pk).update(trashed_at=timezone.now())
    page = editor_client.get(reverse("admin:articles_article_change", args=[story.pk])).text
    assert "This story is in the trash" in page
    assert 'name="headline"' not in page
    assert '<option value="restore">Restore from the trash</option>' in page


@pytest.mark.parametrize("junk", ["a=x&b=y", "a=999999&b=1", "a=&b="])
def test_revisions_page_shrugs_off_junk_queries(editor_client, make_article, junk):
    story = make_article()
    url = reverse("admin:articles_article_revisions", args=[story.pk])
    assert editor_client.get(f"{url}?{junk}").status_code == 200


@pytest.mark.parametrize("revoke", ["abc", "999999"])
def test_revoking_an_unknown_link_is_a_404(editor_client, make_article, revoke):
    story = make_article()
    url = reverse("admin:articles_article_preview_links", args=[story.pk])
    assert editor_client.post(url, {"revoke": revoke}).status_code == 404


def test_form_without_a_known_revision_is_refused_and_keeps_the_text(editor_client, make_article):
    story = make_article(standfirst="Old")
    url = reverse("admin:articles_article_change", args=[story.pk])
    data = form_data(editor_client.get(url).text) | {"base_revision": "999999", "standfirst": "New"}
    response = editor_client.post(url, data)
    assert "cannot be checked against other people" in response.text
    assert form_data(response.text)["standfirst"] == "New"
    assert editor_client.post(url, form_data(response.text)).status_code == 302
    story.refresh_from_db()
    assert story.standfirst == "New"
