"""Issue #3: who may do what, enforced by the admin itself.

The matrix below is role × action. Every request is made by hand (no button is needed to send
it), and each test checks what happened to the story, not only the status code.
"""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.helpers.forms import form_data

ROLES = {
    # name: (group, whose story they act on)
    "writer, own draft": ("Writer", "own"),
    "writer, colleague's draft": ("Writer", "colleague"),
    "editor": ("Editor", "colleague"),
    "admin": ("Admin", "colleague"),
    "reader without account": (None, "colleague"),
}
ACTIONS = ["view list", "open", "change", "publish", "schedule", "delete", "restore", "preview"]
ALLOWED = {
    "writer, own draft": {"view list", "open", "change", "delete", "preview"},
    "writer, colleague's draft": set(),
    "editor": set(ACTIONS),
    "admin": set(ACTIONS),
    "reader without account": set(),
}


@pytest.fixture
def desk(db, make_user, make_article, admin_client):
    """A writer's own draft, a colleague's draft, and a client for each role."""
    writer, colleague = make_user("Writer"), make_user("Writer", "colleague")
    stories = {
        "own": make_article(
            headline="Own draft", status=Article.Status.DRAFT, authors=[writer.author]
        ),
        "colleague": make_article(
            headline="A colleague draft", status=Article.Status.DRAFT, authors=[colleague.author]
        ),
    }
    stories["own"].created_by = writer
    stories["own"].save()
    users = {"Writer": writer, "Editor": make_user("Editor"), "Admin": make_user("Admin")}
    return {"stories": stories, "users": users, "superuser": admin_client}


def client_for(desk, group):
    client = Client()
    if group:
        client.force_login(desk["users"][group])
    return client


def full_form(desk, story, **changes):
    """The complete story form as the newsroom's superuser sees it, with `changes`."""
    url = reverse("admin:articles_article_change", args=[story.pk])
    return form_data(desk["superuser"].get(url).text) | changes


def do(action, client, desk, story):
    """Attempt `action` on `story`; return whether it took effect."""
    change_url = reverse("admin:articles_article_change", args=[story.pk])
    changelist = reverse("admin:articles_article_changelist")
    if action == "view list":
        response = client.get(changelist)
        return response.status_code == 200 and story.headline in response.text
    if action == "open":
        response = client.get(change_url)
        return response.status_code == 200 and f'value="{story.headline}"' in response.text
    if action == "change":
        client.post(change_url, full_form(desk, story, headline="Changed by hand"))
        return Article.objects.get(pk=story.pk).headline == "Changed by hand"
    if action == "publish":
        client.post(changelist, {"action": "publish_now", "_selected_action": [story.pk]})
        client.post(change_url, full_form(desk, story, status="published"))
        return Article.objects.get(pk=story.pk).status == Article.Status.PUBLISHED
    if action == "schedule":
        future = timezone.localtime() + timezone.timedelta(days=2)
        data = full_form(
            desk,
            story,
            status="published",
            published_at_0=future.strftime("%Y-%m-%d"),
            published_at_1="06:00:00",
        )
        client.post(change_url, data)
        saved = Article.objects.get(pk=story.pk)
        return saved.status == Article.Status.PUBLISHED and saved.published_at > timezone.now()
    if action == "delete":
        client.post(reverse("admin:articles_article_delete", args=[story.pk]), {"post": "yes"})
        return Article.objects.get(pk=story.pk).trashed_at is not None
    if action == "restore":
        Article.objects.filter(pk=story.pk).update(trashed_at=timezone.now())
        client.post(changelist, {"action": "restore", "_selected_action": [story.pk]})
        client.post(change_url, {"CHANGE_FORM-action": "restore", "_selected_action": story.pk})
        return Article.objects.get(pk=story.pk).trashed_at is None
    if action == "preview":
        response = client.get(reverse("articles:article_preview", args=[story.pk]))
        return response.status_code == 200 and "Preview — not published" in response.text
    raise AssertionError(action)


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(desk, role, action):
    group, whose = ROLES[role]
    story = desk["stories"][whose]
    assert do(action, client_for(desk, group), desk, story) is (action in ALLOWED[role])


def test_writer_cannot_touch_own_published_story(desk, make_article):
    writer = desk["users"]["Writer"]
    story = make_article(headline="Out there", authors=[writer.author])
    client = client_for(desk, "Writer")
    page = client.get(reverse("admin:articles_article_change", args=[story.pk]))
    assert page.status_code == 200 and "Out there" in page.text  # they may look...
    assert 'name="headline"' not in page.text  # ...read-only
    response = client.post(
        reverse("admin:articles_article_change", args=[story.pk]),
        full_form(desk, story, headline="Rewritten"),
    )
    assert response.status_code == 403
    delete = client.post(reverse("admin:articles_article_delete", args=[story.pk]), {"post": "yes"})
    assert delete.status_code == 403
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish", "_selected_action": [story.pk]},
    )
    story.refresh_from_db()
    assert (story.headline, story.status, story.trashed_at) == ("Out there", "published", None)


def test_writer_submits_for_review_and_then_cannot_edit(desk):
    story = desk["stories"]["own"]
    client = client_for(desk, "Writer")
    url = reverse("admin:articles_article_change", args=[story.pk])
    response = client.post(url, full_form(desk, story, status="in_review"))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == Article.Status.IN_REVIEW
    assert not do("change", client, desk, story)


def test_writer_sees_why_publishing_is_refused(desk):
    story = desk["stories"]["own"]
    client = client_for(desk, "Writer")
    url = reverse("admin:articles_article_change", args=[story.pk])
    form = client.get(url).text
    assert '<option value="published"' not in form
    response = client.post(url, full_form(desk, story, status="published"))
    assert response.status_code == 200
    assert "Only an editor can publish or schedule a story" in response.text


def test_writer_publish_action_is_not_offered(desk):
    client = client_for(desk, "Writer")
    page = client.get(reverse("admin:articles_article_changelist")).text
    assert 'value="submit_for_review"' in page
    for action in ("publish_now", "unpublish", "restore"):
        assert f'value="{action}"' not in page


def test_writer_list_shows_only_their_stories(desk):
    page = client_for(desk, "Writer").get(reverse("admin:articles_article_changelist")).text
    assert "Own draft" in page
    assert "A colleague draft" not in page


def test_writer_cannot_preview_a_colleagues_draft_on_the_site(desk):
    story = desk["stories"]["colleague"]
    client = client_for(desk, "Writer")
    assert client.get(story.get_absolute_url()).status_code == 404
    assert client_for(desk, "Editor").get(story.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("group, allowed", [("Writer", False), ("Editor", False), ("Admin", True)])
@pytest.mark.parametrize("model", ["author", "category", "auth:user"])
def test_only_admins_manage_authors_sections_and_accounts(desk, group, allowed, model):
    app, _, name = model.rpartition(":")
    url = reverse(f"admin:{app or 'articles'}_{name}_add")
    assert client_for(desk, group).get(url).status_code == (200 if allowed else 403)


@pytest.mark.parametrize("group, allowed", [("Writer", False), ("Editor", True), ("Admin", True)])
def test_only_editors_share_preview_links(desk, group, allowed):
    story = desk["stories"]["colleague" if group != "Writer" else "own"]
    url = reverse("admin:articles_article_preview_links", args=[story.pk])
    client_for(desk, group).post(url, {"hours": "48"})
    assert story.preview_links.exists() is allowed
