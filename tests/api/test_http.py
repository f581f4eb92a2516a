"""The content API over HTTP: validators and 304s, the shared page cache and its tags, CORS,
and the rate limit per client (issue 16)."""

import pytest
from django.db import OperationalError
from django.test import Client
from django.utils import timezone

from articles.models import ApiKey, Article

from .conftest import bearer

LIST = "/api/v1/stories/"
PURGED = []


def record_purge(tags):
    PURGED.append(set(tags))


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE = True


def test_responses_carry_validators_and_answer_304(client, make_article, page_cache):
    make_article()
    response = client.get(LIST)
    assert response["ETag"] and response["Last-Modified"]

    again = client.get(LIST, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"
    since = client.get(LIST, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304


def test_a_changed_list_is_not_304(client, make_article, page_cache):
    make_article()
    etag = client.get(LIST)["ETag"]
    make_article(headline="New story")
    assert client.get(LIST, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_anonymous_responses_come_from_the_page_cache(
    client, make_article, page_cache, django_assert_num_queries
):
    make_article()
    client.get(LIST)
    with django_assert_num_queries(0):
        cached = client.get(LIST)
    assert cached.status_code == 200
    make_article(headline="Just in")  # any change moves the content version
    assert "Just in" in client.get(LIST).text


def test_read_keys_share_the_cache(
    client, make_article, make_api_key, page_cache, django_assert_num_queries
):
    make_article()
    _, key = make_api_key(ApiKey.Scope.READ)
    client.get(LIST)
    with django_assert_num_queries(1):  # the key, nothing else
        assert client.get(LIST, **bearer(key)).status_code == 200


def test_preview_keys_neither_read_nor_fill_the_shared_cache(
    client, make_article, make_api_key, page_cache
):
    draft = make_article(status=Article.Status.DRAFT)
    url = f"/api/v1/stories/{draft.slug}/"
    _, key = make_api_key(ApiKey.Scope.PREVIEW)
    assert client.get(url, **bearer(key)).status_code == 200
    assert client.get(url).status_code == 404
    assert client.get(url, **bearer(key)).status_code == 200


def test_responses_name_what_they_show(client, make_article, make_image):
    story = make_article(tags=["Ferries"], lead_image=make_image())
    author, tag = story.bylines.get().author_id, story.tags.get().pk
    shown = {"story": story.pk, "section": story.category_id, "photo": story.lead_image_id}
    expected = {f"{kind}-{pk}" for kind, pk in shown.items()} | {f"author-{author}", f"tag-{tag}"}

    assert expected | {"list-latest"} <= set(client.get(LIST)["Cache-Tag"].split(","))
    assert expected <= set(client.get(f"/api/v1/stories/{story.slug}/")["Cache-Tag"].split(","))
    by_tag = set(client.get(LIST + "?tag=ferries")["Cache-Tag"].split(","))
    assert f"list-tag-{tag}" in by_tag


def test_a_change_purges_the_api_responses_that_show_it(
    client, make_article, settings, django_capture_on_commit_callbacks
):
    settings.CDN_PURGE = "tests.api.test_http.record_purge"
    story = make_article()
    page_tags = set(client.get(f"/api/v1/stories/{story.slug}/")["Cache-Tag"].split(","))
    list_tags = set(client.get(LIST)["Cache-Tag"].split(","))
    PURGED.clear()
    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Corrected headline"
        story.save()
        make_article(headline="Another story")
    purged = set().union(*PURGED)
    assert page_tags & purged and list_tags & purged


def test_cross_origin_reads_are_allowed_without_credentials(client, make_article):
    story = make_article()
    for url in [LIST, f"/api/v1/stories/{story.slug}/", "/api/v1/stories/missing/"]:
        response = client.get(url, HTTP_ORIGIN="https://app.example")
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in response


def test_preflight_is_answered(client, db):
    response = client.options(
        LIST,
        HTTP_ORIGIN="https://app.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "Authorization" in response["Access-Control-Allow-Headers"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(client, db, method):
    response = getattr(client, method)(LIST)
    assert response.status_code == 405
    assert response["Allow"] == "GET, OPTIONS"
    assert "read-only" in response.json()["detail"]


def test_clients_over_the_rate_limit_get_a_429(client, make_article, settings, clock, page_cache):
    settings.API_RATE_ANONYMOUS = 3
    make_article()
    for _ in range(3):  # cached answers count too
        assert client.get(LIST).status_code == 200
    response = client.get(LIST)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "Too many requests" in response.json()["detail"]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert Client(REMOTE_ADDR="198.51.100.7").get(LIST).status_code == 200  # another client
    clock.advance(seconds=60)
    assert client.get(LIST).status_code == 200


def test_the_rate_limit_counts_the_client_behind_the_proxies(client, db, settings, clock):
    settings.API_RATE_ANONYMOUS, settings.PROXY_COUNT = 1, 1
    for address in ["203.0.113.1", "203.0.113.2"]:
        assert client.get(LIST, HTTP_X_FORWARDED_FOR=address).status_code == 200
    assert client.get(LIST, HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 429


def test_keys_have_their_own_higher_limit(client, db, settings, clock, make_api_key):
    settings.API_RATE_ANONYMOUS, settings.API_RATE_KEYED = 1, 3
    _, key = make_api_key()
    _, other = make_api_key(name="Other app")
    assert client.get(LIST).status_code == 200
    assert client.get(LIST).status_code == 429
    assert [client.get(LIST, **bearer(key)).status_code for _ in range(4)] == [200] * 3 + [429]
    assert client.get(LIST, **bearer(other)).status_code == 200


def test_guessing_keys_is_rate_limited(client, db, settings, clock):
    settings.API_RATE_ANONYMOUS = 2
    statuses = [client.get(LIST, **bearer(f"nr_guess-{n}")).status_code for n in range(3)]
    assert statuses == [401, 401, 429]


def test_a_database_outage_is_a_json_503(client, db, monkeypatch):
    def down(stories):
        raise OperationalError("connection refused")

    monkeypatch.setattr("articles.api.views.stories_for_api", down)
    response = client.get(LIST)
    assert response.status_code == 503
    assert response["Retry-After"] and response.json()["detail"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_compressed_answers_answer_304_too(client, make_article, page_cache):
    for _ in range(5):
        make_article(body="<p>" + "The harbour at dawn. " * 50 + "</p>")
    response = client.get(LIST, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    again = client.get(LIST, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_a_scheduled_story_appears_on_time_through_the_cache(
    client, make_article, page_cache, clock
):
    make_article(headline="Already out")
    make_article(headline="Embargoed", published_at=clock.now + timezone.timedelta(minutes=5))
    assert "Embargoed" not in client.get(LIST).text
    clock.advance(minutes=6)
    assert "Embargoed" in client.get(LIST).text
    assert client.get("/api/v1/stories/headline-1/").json()["headline"] == "Embargoed"
