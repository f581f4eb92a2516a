"""The page cache's key is built from exactly what decides the response (issue 14).

A request that differs in anything the view reads (the script prefix gunicorn takes from a
trusted forwarder, the host, the scheme, repeated query parameters, the encoding) must never
be answered with a page stored for another; and a response that sets a cookie is never public.
"""

import pytest
from django.test import Client

from articles.models import Category
from tests.helpers.html import page_of


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE = True
    return settings


@pytest.fixture
def story(db, make_article):
    business = Category.objects.create(name="Business", slug="business", position=1)
    return make_article(category=business, headline="Port fees rise", slug="port-fees-rise")


def test_page_cache_key_ignores_a_forwarded_script_name(client, page_cache, story):
    # gunicorn takes SCRIPT_NAME from a trusted forwarder: "/" routed under the story's path.
    poisoned = client.get("/", SCRIPT_NAME=story.get_absolute_url().rstrip("/"))
    assert "public" not in poisoned.get("Cache-Control", "")
    assert "no-store" in poisoned["Cache-Control"]
    later = Client().get(story.get_absolute_url())
    assert later.status_code == 200
    assert page_of(later).find("h1").text == "Port fees rise"
    assert later["X-Cache"] == "miss"


def test_page_cache_stores_nothing_under_another_script_prefix(client, page_cache, story):
    url = story.get_absolute_url()
    client.get("/", SCRIPT_NAME="/mirror")
    second = client.get("/", SCRIPT_NAME="/mirror")
    assert second.get("X-Cache") != "hit"
    assert "no-store" in second["Cache-Control"]
    assert Client().get(url)["X-Cache"] == "miss"


def test_page_cache_keeps_repeated_query_parameters_in_their_order(
    client, page_cache, make_article
):
    for n in range(25):
        make_article(headline=f"Story number {n}", slug=f"story-number-{n}")
    # Django reads the last of repeated parameters: these are two different pages.
    first = client.get("/latest/?page=1&page=2")
    second = client.get("/latest/?page=2&page=1")
    assert first.status_code == second.status_code == 200
    assert first.content != second.content
    assert second["X-Cache"] == "miss"
    # The same parameters in another order are one page.
    assert client.get("/latest/?page=1&x=1")["X-Cache"] == "miss"
    assert client.get("/latest/?x=1&page=1")["X-Cache"] == "hit"


@pytest.mark.parametrize(
    "other",
    [
        {"HTTP_HOST": "localhost"},
        {"wsgi.url_scheme": "https"},
        {"HTTP_ACCEPT_ENCODING": "gzip"},
    ],
)
def test_page_cache_keys_host_scheme_and_encoding_apart(client, page_cache, story, other):
    url = story.get_absolute_url()
    client.get(url, HTTP_HOST="127.0.0.1")
    assert client.get(url, HTTP_HOST="127.0.0.1")["X-Cache"] == "hit"
    response = client.get(url, **({"HTTP_HOST": "127.0.0.1"} | other))
    assert response["X-Cache"] == "miss"
    if "HTTP_ACCEPT_ENCODING" in other:
        assert response["Content-Encoding"] == "gzip"
    else:
        assert "Content-Encoding" not in response


def test_page_cache_ignores_cookies_other_than_the_session(client, page_cache, story):
    url = story.get_absolute_url()
    client.get(url)
    client.cookies["theme"] = "dark"  # no reader page reads it: the same page
    response = client.get(url)
    assert response["X-Cache"] == "hit"


def test_page_with_a_fresh_csrf_cookie_is_never_public_nor_stored(page_cache, story):
    url = story.get_absolute_url()
    reader = Client()
    reader.cookies["csrftoken"] = "malformed!"
    response = reader.get(url)
    assert "csrftoken" in response.cookies  # Django sets a fresh one
    control = response["Cache-Control"]
    assert "public" not in control and "s-maxage" not in control
    assert "private" in control and "no-store" in control
    assert Client().get(url)["X-Cache"] == "miss"  # nothing was stored


def test_stored_page_goes_out_without_a_cookie_whatever_cookies_the_reader_sends(page_cache, story):
    # A stored page is answered before the CSRF middleware (caching/hits.py): a reader page
    # holds no CSRF token, so nothing replaces the malformed cookie, and the page stays public.
    url = story.get_absolute_url()
    assert Client().get(url).status_code == 200
    reader = Client()
    reader.cookies["csrftoken"] = "malformed!"
    response = reader.get(url)
    assert response["X-Cache"] == "hit"
    assert not response.cookies
    assert "public" in response["Cache-Control"]
