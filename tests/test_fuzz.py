"""Junk that crawlers and attackers send to the reader URLs never gets a 500 (issue 7), nor
does junk that editors paste into stories and tags (control characters, symbol-only tags:
issue 14).

Hypothesis makes random slugs (any Unicode, escapes, dots, percent signs), page numbers,
query strings and search queries; the test client raises any server error as an exception,
so a failing example is shown with its traceback. 200 examples per property.
"""

import xml.etree.ElementTree as ElementTree
from itertools import count
from urllib.parse import quote, urlencode

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from taggit.utils import parse_tags

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=200,
    deadline=None,
    database=None,  # nothing written to .hypothesis/
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Any character a URL can carry once escaped (lone surrogates cannot be encoded at all).
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=60)
# What editors paste from word processors and PDFs, and tags made of symbols or emoji only.
CONTROLS = [chr(code) for code in range(32)] + ["\x7f", "\ufffe", "\uffff"]
CONTROL_TEXT = st.text(st.sampled_from([*CONTROLS, "a", "Z", " ", "é", "🙂"]), max_size=30)
SYMBOLS = st.text(
    st.characters(categories=["Po", "Ps", "Pe", "Pd", "Sm", "Sc", "Sk", "So"]),
    min_size=1,
    max_size=8,
)
TEXT = st.one_of(TEXT, CONTROL_TEXT, SYMBOLS)
REAL_SLUGS = ["news", "headline-0", "ferries", "author-0"]
SLUG = st.one_of(
    st.sampled_from(REAL_SLUGS), TEXT, st.from_regex(r"[-a-z0-9_]{1,30}", fullmatch=True)
)
LISTINGS = ["/latest/", "/category/news/", "/tag/ferries/", "/author/author-0/", "/search/"]
READER_URLS = ["/", "/news/headline-0/", "/feed/", "/sitemap.xml", "/robots.txt", *LISTINGS]
PAGE = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    TEXT,
    st.sampled_from(["", "1", "2", "last", "1.0", "0x10", "1e3", " 1", "١", "-0", "99999999999"]),
)
PATH_SHAPES = [
    "/{}/",
    "/{}/{}/",
    "/category/{}/",
    "/tag/{}/",
    "/author/{}/",
    "/category/{}/feed/",
    "/tag/{}/feed/atom/",
    "/author/{}/feed/",
    "/sitemap-{}.xml",
    "/media/{}",
    "/{}",
]


@pytest.fixture
def newsroom(make_article):
    make_article(tags=["Ferries"])  # category "news", story "headline-0", author "author-0"


def assert_answers_without_error(client, url):
    response = client.get(url)
    assert response.status_code < 500, url
    assert response.status_code in {200, 301, 302, 400, 404, 405}, (url, response.status_code)


@FUZZ
@given(shape=st.sampled_from(PATH_SHAPES), first=SLUG, second=SLUG)
def test_fuzz_random_slugs_never_fail(client, newsroom, shape, first, second):
    path = shape.format(quote(first, safe=""), quote(second, safe=""))
    assert_answers_without_error(client, path)


@FUZZ
@given(listing=st.sampled_from(LISTINGS), page=PAGE, q=TEXT)
def test_fuzz_page_numbers_never_fail(client, newsroom, listing, page, q):
    assert_answers_without_error(client, f"{listing}?{urlencode({'page': page, 'q': q})}")


@FUZZ
@given(url=st.sampled_from(READER_URLS), params=st.lists(st.tuples(TEXT, TEXT), max_size=6))
def test_fuzz_random_query_strings_never_fail(client, newsroom, url, params):
    assert_answers_without_error(client, f"{url}?{urlencode(params)}")


@FUZZ
@given(query=TEXT, page=st.sampled_from(["", "1", "2", "x"]))
def test_fuzz_search_queries_never_fail(client, newsroom, query, page):
    assert_answers_without_error(client, f"/search/?{urlencode({'q': query, 'page': page})}")


@FUZZ
@given(url=st.sampled_from(READER_URLS), raw=st.binary(max_size=40))
def test_fuzz_raw_query_bytes_never_fail(client, newsroom, url, raw):
    """Bytes percent-escaped as they come: broken UTF-8, NUL, lone '%', '&&=='."""
    query = "".join(
        chr(byte) if 0x21 <= byte < 0x7F and byte != 0x23 else f"%{byte:02X}" for byte in raw
    )
    assert_answers_without_error(client, f"{url}?{query}&q={query}&page={query}")


FEEDS_AND_SITEMAPS = ["/feed/", "/feed/atom/", "/sitemap-news.xml", "/sitemap-tags.xml"]
_numbers = count()


@settings(FUZZ, max_examples=60)  # each example saves a story and reads seven pages
@given(
    headline=st.one_of(CONTROL_TEXT, TEXT),
    standfirst=CONTROL_TEXT,
    tags=st.lists(st.one_of(SYMBOLS, CONTROL_TEXT, TEXT), min_size=1, max_size=3),
)
def test_fuzz_pasted_text_and_symbol_tags_never_fail(
    client, admin_client, make_article, headline, standfirst, tags
):
    """A story saved with any headline, standfirst and tags: its page, its preview, its tags'
    pages, the feeds and the sitemaps answer, and the XML ones are well-formed."""
    n = next(_numbers)
    # As the story form reads its "new tags" field (django-taggit's parser, issue 14).
    typed = ", ".join(tag.replace(",", " ").replace('"', " ")[:100] for tag in tags)
    tags = parse_tags(typed) or ["!!!"]
    story = make_article(
        headline=(headline.strip() or "x")[:200],
        slug=f"fuzz-{n}",
        standfirst=standfirst,
        tags=tags,
    )
    page = client.get(story.get_absolute_url())
    assert page.status_code == 200
    assert admin_client.get(f"/preview/{story.pk}/").status_code == 200
    for tag in story.tags.all():
        assert tag.slug
        assert client.get(f"/tag/{quote(tag.slug)}/").status_code == 200
    for url in FEEDS_AND_SITEMAPS:
        response = client.get(url)
        assert response.status_code == 200, url
        ElementTree.fromstring(response.content)  # well-formed, whatever the headline held


# A name taken once its control characters go ("Ferries\x01" beside "Ferries"), or nothing once
# they go: the admin form says so (it was an IntegrityError, a 500, or a nameless row).
TAKEN_NAMES = st.builds(
    lambda name, junk: name + junk, st.sampled_from(["Ferries", "News", ""]), CONTROL_TEXT
)
ADMIN_ADD_FORMS = {
    "admin:taggit_tag_add": "tag_form",
    "admin:articles_category_add": "category_form",
    "admin:articles_author_add": "author_form",
}


@settings(FUZZ, max_examples=60)  # each example posts an admin form
@given(url_name=st.sampled_from(list(ADMIN_ADD_FORMS)), name=st.one_of(TAKEN_NAMES, TEXT))
def test_fuzz_admin_names_never_fail(admin_client, newsroom, url_name, name):
    from tests.helpers.html import form_data

    url = reverse(url_name)
    data = form_data(admin_client.get(url).text, ADMIN_ADD_FORMS[url_name])
    data |= {"name": name, "slug": f"fuzz-{next(_numbers)}", "position": "0"}
    response = admin_client.post(url, data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert 'class="errorlist' in response.text
