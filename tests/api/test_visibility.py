"""Anonymous API clients see exactly what the public site shows; a preview key, and only a
preview key, may read an unpublished story (issue 16)."""

import pytest
from django.urls import URLPattern, get_resolver
from django.utils import timezone

from articles.models import ApiKey, Article, Category

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
    published one, each with a searchable word in its headline and a tag of its own, which no
    published story carries (`secretword-draft`, ...)."""
    author = make_author(name="Ines", slug="ines")
    make_article(headline="Harbour opens", tags=["Ferries"], authors=[author])
    return {
        kind: make_article(
            headline=f"Secretword {kind}",
            slug=kind.replace(" ", "-"),
            tags=["Ferries", f"Secretword {kind}"],
            authors=[author],
            **fields,
        )  # fmt: skip
        for kind, fields in HIDDEN.items()
    }


def hidden_tag(kind: str) -> str:
    """The slug of the tag only the hidden story of `kind` carries."""
    return "secretword-" + kind.replace(" ", "-")


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


def api_urls(slugs) -> list[str]:
    """Every named API address, filled in with each of `slugs` where it takes a slug."""
    from articles.api.urls import urlpatterns

    urls = []
    for pattern in urlpatterns:
        if not isinstance(pattern, URLPattern) or not pattern.name:
            continue
        route = str(pattern.pattern)
        if "<slug>" in route:
            urls += ["/api/v1/" + route.replace("<slug>", slug) for slug in slugs]
        else:
            urls.append("/api/v1/" + route)
    assert get_resolver().resolve("/api/v1/stories/")  # the addresses above are live
    return urls


def test_no_api_address_reveals_an_unpublished_story(client, hidden_stories):
    """The API's line of the permission matrix: every address, as anonymous, with every kind
    of unpublished story, answers without a word of it."""
    stories = list(hidden_stories.values())
    tags = [hidden_tag(kind) for kind in hidden_stories]
    urls = api_urls([story.slug for story in stories] + tags)
    urls += [f"/api/v1/stories/?tag={tag}" for tag in tags]
    assert len(urls) >= 10
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 400, 404), url  # 400: an unknown tag to filter by
        assert "Secretword" not in response.text, url
        assert not any(f'"slug": "{story.slug}"' in response.text for story in stories), url


@pytest.mark.parametrize("kind", HIDDEN)
def test_a_tag_only_unpublished_stories_carry_is_unknown(client, hidden_stories, kind):
    """As on the site (its tag page is a 404): the API answers such a tag exactly as one that
    does not exist, so nobody learns the topics of drafts, scheduled or trashed stories."""
    tag = hidden_tag(kind)

    def answer(url, slug):
        response = client.get(url.format(slug))
        return response.status_code, response.text.replace(slug, "<slug>")

    for url in ["/api/v1/tags/{}/", "/api/v1/stories/?tag={}"]:
        assert answer(url, tag) == answer(url, "no-such-tag"), url
    assert client.get(f"/tag/{tag}/").status_code == 404
    assert [label["slug"] for label in client.get("/api/v1/tags/").json()] == ["ferries"]


@pytest.mark.parametrize(
    ("page", "address", "story_filter"),
    [
        ("/tag/secretword-merger/", "/api/v1/tags/secretword-merger/", "tag=secretword-merger"),
        ("/author/nadia/", "/api/v1/authors/nadia/", "author=nadia"),
        ("/category/desk/", "/api/v1/sections/desk/", "section=desk"),
    ],
)
def test_the_api_says_no_more_than_the_site_of_what_only_drafts_show(
    client, make_article, make_author, page, address, story_filter
):
    """A tag, an author and a section whose only story is a draft: the site answers 404 for
    such a tag, and shows such an author's and section's page with no story on it; the API
    answers the same, and its story list agrees with the page."""
    make_article(
        headline="Secretword merger",
        category=Category.objects.create(name="Desk", slug="desk"),
        authors=[make_author(name="Nadia", slug="nadia")],
        tags=["Secretword merger"],
        status=Article.Status.DRAFT,
    )
    site, answer = client.get(page), client.get(address)
    stories = client.get(f"/api/v1/stories/?{story_filter}")
    assert answer.status_code == site.status_code
    assert stories.status_code == {200: 200, 404: 400}[site.status_code]
    assert "Secretword" not in answer.text + stories.text


def test_a_tag_is_unknown_once_its_last_published_story_is_not(
    client, make_article, settings, committed
):
    settings.PAGE_CACHE = True
    story = make_article(tags=["Regatta"])
    assert client.get("/api/v1/tags/regatta/").status_code == 200  # and stored
    with committed():
        story.status = Article.Status.DRAFT
        story.save()
    assert client.get("/api/v1/tags/regatta/").status_code == 404
