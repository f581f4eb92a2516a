"""The page cache says how it served each page (`X-Cache`), so `make bench` can count its hit
ratio from the responses it received (issue 12)."""

import pytest
from django.core.cache import cache

from articles.caching import pages


@pytest.fixture
def story(make_article):
    cache.clear()  # the Redis cache outlives a test's transaction
    return make_article(headline="Night ferry returns", slug="night-ferry-returns")


def test_page_cache_labels_a_rendered_page_miss_and_a_stored_one_hit(client, settings, story):
    settings.PAGE_CACHE = True
    url = story.get_absolute_url()
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"
    story.headline = "Night ferry returns for the summer"
    story.save()
    assert client.get(url)["X-Cache"] == "miss"


def test_page_cache_off_adds_no_label(client, settings, story):
    settings.PAGE_CACHE = False
    assert "X-Cache" not in client.get(story.get_absolute_url())


# Stored pages are answered before the session, CSRF, authentication and conditional-GET
# middleware and the URL routing (caching/hits.py): each with the headers the whole stack gave
# it when it was rendered.

READER_PAGES = {
    "home": lambda story: "/",
    "latest": lambda story: "/latest/",
    "section": lambda story: f"/category/{story.category.slug}/",
    "story": lambda story: story.get_absolute_url(),
    "tag": lambda story: "/tag/ferries/",
    "author": lambda story: f"/author/{story.bylines.get().author.slug}/",
    "search": lambda story: "/search/?q=ferry",
    "feed": lambda story: "/feed/",
    "atom feed": lambda story: "/feed/atom/",
    "section feed": lambda story: f"/category/{story.category.slug}/feed/",
    "sitemap": lambda story: "/sitemap.xml",
}


@pytest.fixture
def tagged_story(make_article):
    cache.clear()
    return make_article(
        headline="Night ferry returns", slug="night-ferry-returns", tags=["Ferries"]
    )


@pytest.mark.parametrize("encoding", ["gzip", ""])
@pytest.mark.parametrize("page", READER_PAGES)
def test_a_hit_goes_out_with_the_headers_of_the_rendered_page(
    client, settings, clock, tagged_story, page, encoding
):
    settings.PAGE_CACHE = True
    url = READER_PAGES[page](tagged_story)
    rendered = client.get(url, HTTP_ACCEPT_ENCODING=encoding)
    assert rendered.status_code == 200 and rendered["X-Cache"] == "miss"
    hit = client.get(url, HTTP_ACCEPT_ENCODING=encoding)
    assert hit["X-Cache"] == "hit"
    # Answered before the authentication middleware: it never set the reader's user.
    assert not hasattr(hit.wsgi_request, "user")
    assert hit.content == rendered.content
    without_label = {name: value for name, value in rendered.headers.items() if name != "X-Cache"}
    assert {
        name: value for name, value in hit.headers.items() if name != "X-Cache"
    } == without_label
    for name in ("Content-Security-Policy", "X-Frame-Options", "Content-Length", "ETag", "Vary"):
        assert hit[name]  # the security middleware's and the inner middleware's headers


def test_a_hit_answers_304_to_a_reader_who_has_the_page(client, settings, tagged_story):
    settings.PAGE_CACHE = True
    url = tagged_story.get_absolute_url()
    etag = client.get(url)["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag and again.content == b""
    assert client.get(url, HTTP_IF_NONE_MATCH='"another"').status_code == 200


def test_a_hit_still_moves_another_host_name_to_the_site(client, settings, tagged_story):
    settings.PAGE_CACHE = True
    url = tagged_story.get_absolute_url()
    assert client.get(url)["X-Cache"] == "miss"  # stored under the test client's host
    settings.SITE_URL = "https://news.example.com"  # a deploy names the site's one host
    moved = client.get(url)
    assert moved.status_code == 301
    assert moved["Location"] == "https://news.example.com" + url


def test_a_signed_in_editor_never_gets_a_stored_page(client, settings, tagged_story, make_user):
    settings.PAGE_CACHE = True
    url = tagged_story.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    client.force_login(make_user("Editor"))
    response = client.get(url)
    assert response.get("X-Cache") != "hit"
    assert "private" in response["Cache-Control"]


def test_a_page_another_worker_stored_is_answered_early_once_this_one_has_read_it(
    client, settings, tagged_story
):
    settings.PAGE_CACHE = True
    url = tagged_story.get_absolute_url()
    assert client.get(url)["X-Cache"] == "miss"
    forget_this_workers_pages()  # as a worker that did not render it
    from_shared = client.get(url)
    assert from_shared["X-Cache"] == "hit"
    assert hasattr(from_shared.wsgi_request, "user")  # through the stack, from the shared cache
    early = client.get(url)
    assert early["X-Cache"] == "hit" and not hasattr(early.wsgi_request, "user")
    assert early.content == from_shared.content


def test_a_change_shows_on_the_next_request_after_early_hits(
    client, settings, tagged_story, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = True
    url = tagged_story.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):  # as the admin's save commits
        tagged_story.headline = "Night ferry returns for good"
        tagged_story.save()
    response = client.get(url)
    assert response["X-Cache"] == "miss"
    assert "Night ferry returns for good" in response.text
    assert client.get(url)["X-Cache"] == "hit"


def forget_this_workers_pages():
    with pages._memory_lock:
        pages._memory.clear()
        pages._known.clear()
        pages.remembered_paths.clear()
