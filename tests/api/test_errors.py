"""Bad input to the content API gets a 400 or 404 with a JSON message, never a 500 (issue 16).

The hypothesis properties send random values of every parameter, paths and whole query
strings; the test client raises a server error as an exception, so a failing example comes
with its traceback.
"""

from urllib.parse import quote, urlencode

import pytest
from django.core import signing
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

LIST = "/api/v1/stories/"

FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,  # nothing written to .hypothesis/
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
PARAMETERS = ["section", "tag", "author", "since", "until", "q", "cursor", "limit"]
VALUE = st.one_of(
    TEXT,
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.sampled_from(["news", "ferries", "author-0", "0", "100", "101", "9999-12-31T23:59:59-12:00",
                     "0001-01-01T00:00:00+14:00", "2026-02-30", "nan", "true", "1e3", "\x00"]),
)  # fmt: skip


@pytest.fixture
def newsroom(make_article, settings):
    settings.API_RATE_ANONYMOUS = 10**6  # hundreds of requests a minute here
    make_article(tags=["Ferries"])  # section "news", story "headline-0", author "author-0"


@pytest.mark.parametrize(
    ("query", "status", "words"),
    [
        ("section=nowhere", 400, "No section"),
        ("tag=nothing", 400, "No tag"),
        ("author=nobody", 400, "No author"),
        ("section=%00", 400, "No section"),
        ("cursor=not-a-cursor", 400, "cursor"),
        # Signed, but not ours. A fixed id: the signature holds the time it was made, and
        # pytest-xdist's workers must collect the same test names, whatever second they do it.
        pytest.param(
            "cursor=" + quote(signing.dumps(["x", 1])), 400, "cursor", id="cursor-signed-not-ours"
        ),
        ("limit=101", 400, "limit"),
        ("limit=0", 400, "limit"),
        ("limit=ten", 400, "limit"),
        ("since=yesterday", 400, "since"),
        ("until=2026-13-01", 400, "until"),
        ("until=9999-12-31T23:59:59-12:00", 400, "until"),
        ("sectoin=news", 400, "Unknown parameter"),
        ("tag=ferries&tag=ferries", 400, "once"),
    ],
)
def test_bad_parameters_get_a_400_with_a_message(client, newsroom, query, status, words):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert words in response.json()["detail"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/stories/no-such-story/",
        "/api/v1/stories/%00/",
        "/api/v1/stories/ä%20b/",
        "/api/v1/sections/nowhere/",
        "/api/v1/authors/nobody/",
        "/api/v1/tags/nothing/",
        "/api/v1/nothing/here/",
        "/api/v1/stories",
    ],
)
def test_unknown_addresses_get_a_json_404(client, newsroom, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.json()["detail"]
    assert response["Cache-Control"] == "no-store"


def test_other_addresses_take_no_parameters(client, newsroom):
    response = client.get("/api/v1/sections/?page=2")
    assert response.status_code == 400
    assert "Unknown parameter" in response.json()["detail"]


@FUZZ
@given(params=st.dictionaries(st.sampled_from(PARAMETERS), VALUE, max_size=4))
def test_any_story_list_parameters_get_an_answer(client, newsroom, params):
    response = client.get(f"{LIST}?{urlencode(params)}")
    assert response.status_code in (200, 400), (params, response.content)
    if response.status_code == 400:
        assert response.json()["detail"]


@FUZZ
@given(query=TEXT)
def test_any_query_string_gets_an_answer(client, newsroom, query):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code in (200, 400), (query, response.content)


@FUZZ
@given(
    shape=st.sampled_from(["stories/{}/", "sections/{}/", "authors/{}/", "tags/{}/", "{}"]),
    slug=TEXT,
)
def test_any_path_gets_an_answer(client, newsroom, shape, slug):
    response = client.get("/api/v1/" + shape.format(quote(slug, safe="")))
    assert response.status_code in (200, 301, 404), (slug, response.status_code)
