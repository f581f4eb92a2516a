"""Anonymous API clients see exactly what the public site shows; a preview key, and only a
preview key, may read an unpublished story (issue 16)."""

import pytest
from django.urls import URLPattern, get_resolver
from django.utils import timezone

from articles.models import ApiKey, Article

from .conftest import bearer

HIDDEN = {
    "draft": {"status": Article.Status.DRAFT},
    "in review": {"status": Article.Status.IN_REVIEW},
    "scheduled": {"published_at": timezone.now() + timezone.timedelta(days=1)},
    "trashed": {"trashed_at": timezone.now()},
}


@pytest.fixture
def hidden_stories(make_article, make_author):
    """One story of each kind readers must not see, sharing a section, tag and author with a
    published one, each with a searchable word in its headline."""
    author = make_author(name="Ines", slug="ines")
    make_article(headline="Harbour opens", tags=["Ferries"], authors=[author])
    return {
        kind: make_article(
            headline=f"Secretword {kind}",
            slug=kind.replace(" ", "-"),
            tags=["Ferries"],
            authors=[author],
            **fields,
        )  # fmt: skip
        for kind, fields in HIDDEN.items()
    }


@pytest.mark.parametrize("kind", HIDDEN)
def test_unpublished_story_is_404_for_anonymous_clients(client, hidden_stories, kind):
    response = client.get(f"/api/v1/stories/{hidden_stories[kind].slug}/")
    assert response.status_code == 404
    assert "Secretword" not in response.text


@pytest.mark.parametrize("kind", HIDDEN)
def test_unpublished_story_is_in_no_list(client, hidden_stories, kind):
    for query in ["", "?tag=ferries", "?author=ines", "?section=news", "?q=secretword"]:
        response = client.get("/api/v1/stories/" + query)
        assert response.status_code == 200
        assert "Secretword" not in response.text, query


@pytest.mark.parametrize("kind", HIDDEN)
def test_a_read_key_sees_no_more_than_anonymous(client, hidden_stories, make_api_key, kind):
    _, key = make_api_key(ApiKey.Scope.READ)
    response = client.get(f"/api/v1/stories/{hidden_stories[kind].slug}/", **bearer(key))
    assert response.status_code == 404


@pytest.mark.parametrize("kind", ["draft", "in review", "scheduled"])
def test_a_preview_key_reads_unpublished_stories(client, hidden_stories, make_api_key, kind):
    _, key = make_api_key(ApiKey.Scope.PREVIEW)
    response = client.get(f"/api/v1/stories/{hidden_stories[kind].slug}/", **bearer(key))
    assert response.status_code == 200
    assert response.json()["status"] == {"in review": "in_review"}.get(kind, kind)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_a_preview_key_does_not_open_the_trash(client, hidden_stories, make_api_key):
    _, key = make_api_key(ApiKey.Scope.PREVIEW)
    response = client.get(f"/api/v1/stories/{hidden_stories['trashed'].slug}/", **bearer(key))
    assert response.status_code == 404


def test_a_preview_key_lists_only_published_stories(client, hidden_stories, make_api_key):
    _, key = make_api_key(ApiKey.Scope.PREVIEW)
    response = client.get("/api/v1/stories/", **bearer(key))
    assert "Secretword" not in response.text


def test_a_revoked_preview_key_is_refused(client, hidden_stories, make_api_key):
    row, key = make_api_key(ApiKey.Scope.PREVIEW)
    row.revoked_at = timezone.now()
    row.save()
    response = client.get(f"/api/v1/stories/{hidden_stories['draft'].slug}/", **bearer(key))
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


@pytest.mark.parametrize("header", ["Bearer nr_made-up", "Basic dXNlcjpwYXNz", "Bearer "])
def test_an_unknown_key_is_refused(client, db, header):
    response = client.get("/api/v1/stories/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["detail"]


def test_editors_signed_in_see_no_drafts_through_the_api(client, hidden_stories, make_user):
    """The API ignores sessions: a signed-in editor's browser sees what anonymous clients see."""
    client.force_login(make_user("Editor"))
    assert client.get(f"/api/v1/stories/{hidden_stories['draft'].slug}/").status_code == 404
    assert "Secretword" not in client.get("/api/v1/stories/").text


def api_urls(stories) -> list[str]:
    """Every named API address, filled in with each of `stories` where it takes a slug."""
    from articles.api.urls import urlpatterns

    urls = []
    for pattern in urlpatterns:
        if not isinstance(pattern, URLPattern) or not pattern.name:
            continue
        route = str(pattern.pattern)
        if "<slug>" in route:
            urls += ["/api/v1/" + route.replace("<slug>", story.slug) for story in stories]
        else:
            urls.append("/api/v1/" + route)
    assert get_resolver().resolve("/api/v1/stories/")  # the addresses above are live
    return urls


def test_no_api_address_reveals_an_unpublished_story(client, hidden_stories):
    """The API's line of the permission matrix: every address, as anonymous, with every kind
    of unpublished story, answers without a word of it."""
    stories = list(hidden_stories.values())
    urls = api_urls(stories)
    assert len(urls) >= 10
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert "Secretword" not in response.text, url
        assert not any(f'"slug": "{story.slug}"' in response.text for story in stories), url
