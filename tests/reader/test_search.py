import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles import search
from articles.models import Article, Category
from articles.search import MAX_QUERY_LENGTH, refresh_search_index
from tests.helpers.html import page_of, result_headlines

SEARCH = reverse("articles:search")
pytestmark = pytest.mark.django_db
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own engines")


@pytest.fixture
def make_story(make_article):
    """A story indexed with its bylines and tags, as the admin leaves it after saving (the
    factory commits, so the receivers of articles/signals.py have indexed it)."""
    return make_article


@pytest.fixture
def plain_search(monkeypatch):
    """SQLite without FTS5: the icontains fallback."""
    monkeypatch.setattr(search, "fts5_available", lambda: False)
    assert isinstance(search.search_engine(), search.SimpleSearch)


def test_search_page_without_query_shows_the_form(client):
    response = client.get(SEARCH)
    assert response.status_code == 200
    assert 'role="search"' in response.text
    assert "Type a word, a name or a topic" in response.text


def test_search_blank_query_is_the_empty_form(client):
    response = client.get(SEARCH, {"q": "   \t "})
    assert response.status_code == 200
    assert "Type a word, a name or a topic" in response.text


@pytest.mark.parametrize(
    ("fields", "query"),
    [
        ({"headline": "Ferry strike halts crossings"}, "ferry"),
        ({"standfirst": "Commuters stranded at the terminal"}, "commuters"),
        ({"body": "<p>The lighthouse keeper retired today.</p>"}, "lighthouse"),
        ({"tags": ["Shipbuilding"]}, "shipbuilding"),
    ],
)
def test_search_finds_story_by_each_text(client, make_story, fields, query):
    make_story(headline="Unrelated council budget")
    make_story(**{"headline": "The matching story", **fields})
    response = client.get(SEARCH, {"q": query})
    assert result_headlines(response) == [fields.get("headline", "The matching story")]


def test_search_finds_story_by_author_name(client, make_story, make_author):
    make_story(headline="Council budget")
    make_story(headline="Harbour report", authors=[make_author(name="Ingrid Valdés")])
    assert result_headlines(client.get(SEARCH, {"q": "Ingrid"})) == ["Harbour report"]


def test_search_ranks_headline_match_above_body_only_match(client, make_story):
    make_story(
        headline="Council news",
        body="<p>" + "The regatta was busy. " * 5 + "</p>",
        published_at=timezone.now() - timezone.timedelta(minutes=1),  # newer
    )
    make_story(
        headline="Regatta returns to the bay",
        body="<p>Boats everywhere.</p>",
        published_at=timezone.now() - timezone.timedelta(days=3),
    )
    assert result_headlines(client.get(SEARCH, {"q": "regatta"})) == [
        "Regatta returns to the bay",
        "Council news",
    ]


def test_search_matches_word_forms(client, make_story):
    make_story(headline="Dockers strike over pay")
    assert result_headlines(client.get(SEARCH, {"q": "striking"})) == ["Dockers strike over pay"]


def test_search_never_shows_unpublished_stories(client, make_story):
    make_story(headline="Lighthouse draft", status=Article.Status.DRAFT, published_at=None)
    make_story(
        headline="Lighthouse scheduled", published_at=timezone.now() + timezone.timedelta(hours=1)
    )
    make_story(headline="Lighthouse published")
    assert result_headlines(client.get(SEARCH, {"q": "lighthouse"})) == ["Lighthouse published"]


def test_search_excluded_word_and_phrase(client, make_story):
    make_story(headline="Harbour fire contained")
    make_story(headline="Harbour market opens")
    assert result_headlines(client.get(SEARCH, {"q": "harbour -fire"})) == ["Harbour market opens"]
    assert result_headlines(client.get(SEARCH, {"q": '"market opens"'})) == ["Harbour market opens"]
    assert result_headlines(client.get(SEARCH, {"q": '"opens market"'})) == []


def test_search_or_offers_alternatives(client, make_story):
    make_story(headline="Ferry delayed")
    make_story(headline="Bridge closed")
    make_story(headline="Council meets")
    assert sorted(result_headlines(client.get(SEARCH, {"q": "ferry OR bridge"}))) == [
        "Bridge closed",
        "Ferry delayed",
    ]


def test_search_highlights_the_matching_words_of_the_body(client, make_story):
    make_story(headline="Weekend", body="<p>Tall ships gather in the <b>estuary</b> on Sunday.</p>")
    response = client.get(SEARCH, {"q": "estuary"})
    assert "<mark>estuary</mark>" in response.text


def test_search_snippet_escapes_the_story_text(client, make_story):
    make_story(headline="Coding", body="<p>Pupils wrote &lt;script&gt; tags for the museum.</p>")
    response = client.get(SEARCH, {"q": "museum"})
    assert "<mark>museum</mark>" in response.text
    assert "&lt;script&gt;" in response.text
    assert "<script>" not in response.text


def test_search_echoes_the_query_escaped(client, make_story):
    make_story(headline="Harbour")
    response = client.get(SEARCH, {"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_search_shortens_a_very_long_query_and_says_so(client, make_story):
    make_story(headline="Harbour")
    response = client.get(SEARCH, {"q": "harbour " * 100})
    assert response.status_code == 200
    box = [
        field
        for field in page_of(response).find_all("input")
        if field.attrs["id"] == "search-form-q"
    ]
    searched = box[0].attrs["value"]
    assert searched.startswith("harbour harbour") and len(searched) <= MAX_QUERY_LENGTH
    assert f"longer than {MAX_QUERY_LENGTH} characters" in response.text
    assert result_headlines(response) == ["Harbour"]


JUNK_QUERIES = [
    '"', '""', '"unterminated phrase', "'", "*", "harbour*", "**", "^", "^harbour", "-", "--",
    "-harbour", "- -", "+", "!", "!harbour", "&", "|", "a & b | !c", "a <-> b", ":*", "<->",
    "NEAR(", "NEAR(harbour ferry)", "NEAR(a b, 2)", "harbour NEAR ferry", "AND", "OR", "NOT",
    "harbour OR", "OR harbour", "harbour NOT", "NOT harbour", "harbour AND OR NOT ferry", "(",
    ")", "()", "((harbour)", "{harbour}", "[x]", "headline:harbour", "body:", ":", "col:x*",
    "' OR 1=1 --", "'; DROP TABLE articles_article; --", "1; SELECT * FROM auth_user",
    "\\", "\\x00", "%", "_", "%_%", "harbour\x00ferry", "\x00", "\x1b[31m", "\u200b", "🙂",
    "café über naïve", "日本語のニュース", "עברית", "Ünïcödé", "\ufffd", "\ue000harbour\ue001",
    "&amp;", "&lt;b&gt;", "<b>harbour</b>", "{{ query }}", "{% now 'Y' %}", "$where",
    "a" * 500, "harbour " * 40, "the", "the of and",
]  # fmt: skip


@pytest.mark.parametrize("query", JUNK_QUERIES)
def test_search_junk_query_gets_a_friendly_page(client, make_story, query):
    make_story(headline="Harbour ferry news", body="<p>Harbour and ferry.</p>")
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    assert 'role="search"' in response.text


def test_search_undecodable_query_gets_a_friendly_page(client, make_story):
    make_story(headline="Harbour")
    response = client.get(SEARCH + "?q=%FF%FE%ED%A0%80harbour")
    assert response.status_code == 200


def test_search_results_are_paginated_ten_to_a_page_and_keep_the_query(client, make_story):
    for n in range(11):
        make_story(headline=f"Lighthouse {n}")
    first = client.get(SEARCH, {"q": "lighthouse"})
    assert len(result_headlines(first)) == 10
    assert "?q=lighthouse&amp;page=2" in first.text
    second = client.get(SEARCH, {"q": "lighthouse", "page": 2})
    assert len(result_headlines(second)) == 1
    assert "11 stories found" in second.text
    assert set(result_headlines(first) + result_headlines(second)) == {
        f"Lighthouse {n}" for n in range(11)
    }


@pytest.mark.parametrize("page", ["2", "abc", "-1", "0", "99999999999999999999"])
def test_search_junk_page_is_404(client, make_story, page):
    make_story(headline="Lighthouse")
    assert client.get(SEARCH, {"q": "lighthouse", "page": page}).status_code == 404


def test_search_no_results_says_so(client, make_story):
    make_story(headline="Harbour")
    response = client.get(SEARCH, {"q": "zeppelin"})
    assert response.status_code == 200
    assert "No stories match “zeppelin”" in response.text


def test_search_pages_are_not_indexed_by_search_engines(client):
    response = client.get(SEARCH, {"q": "harbour"})
    assert '<meta name="robots" content="noindex">' in response.text


def test_every_page_has_a_labelled_search_box(client):
    response = client.get(reverse("articles:latest"))
    assert 'role="search"' in response.text
    assert 'for="site-search-q"' in response.text
    assert f'action="{SEARCH}"' in response.text


@pytest.mark.parametrize("count", [1, 15])
def test_search_query_count_is_flat(client, make_story, django_assert_num_queries, count):
    for n in range(count):
        make_story(headline=f"Lighthouse {n}", body="<p>The lighthouse beam.</p>")
    # The first search: the ranked ids (the count too), their cards made (stories, bylines),
    # snippets, sections (nav) and breaking banner (one).
    with django_assert_num_queries(5):
        response = client.get(SEARCH, {"q": "lighthouse"})
    assert len(result_headlines(response)) == min(count, 10)
    # The next: the ranked ids and the snippets; the cards and the chrome are kept.
    with django_assert_num_queries(2):
        assert client.get(SEARCH, {"q": "lighthouse"}).content == response.content


def test_search_without_results_runs_one_query(client, make_story, django_assert_num_queries):
    make_story(headline="Lighthouse keeper retires")
    client.get(SEARCH, {"q": "lighthouse"})  # the sections menu and banner, read once
    with django_assert_num_queries(1):  # the ranked ids: none, so no snippets
        response = client.get(SEARCH, {"q": "zeppelin"})
    assert result_headlines(response) == []


def test_search_index_follows_story_edits(client, make_story, committed):
    article = make_story(headline="Lighthouse reopens")
    with committed():
        article.headline = "Museum reopens"
        article.save()
    assert result_headlines(client.get(SEARCH, {"q": "museum"})) == ["Museum reopens"]
    assert result_headlines(client.get(SEARCH, {"q": "lighthouse"})) == []


def test_search_index_follows_author_renames(client, make_story, make_author, committed):
    author = make_author(name="Ingrid Valdés")
    make_story(headline="Harbour report", authors=[author])
    with committed():
        author.name = "Ingrid Okafor"
        author.save()
    assert result_headlines(client.get(SEARCH, {"q": "Okafor"})) == ["Harbour report"]


def test_refresh_search_index_covers_bulk_inserts(client):
    category = Category.objects.create(name="News", slug="news")
    Article.objects.bulk_create(
        Article(
            headline=f"Regatta day {n}",
            slug=f"regatta-{n}",
            category=category,
            status=Article.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        for n in range(3)
    )
    refresh_search_index()
    assert len(result_headlines(client.get(SEARCH, {"q": "regatta"}))) == 3


@on_sqlite
def test_search_falls_back_without_fts5(client, make_story, plain_search):
    make_story(headline="Council news", body="<p>The regatta was busy.</p>")
    make_story(
        headline="Regatta returns",
        published_at=timezone.now() - timezone.timedelta(days=2),
    )
    make_story(headline="Market", standfirst="Regatta traders", body="<p>Stalls.</p>")
    response = client.get(SEARCH, {"q": "regatta"})
    assert result_headlines(response) == ["Regatta returns", "Market", "Council news"]
    assert "<mark>regatta</mark>" in response.text


@on_sqlite
def test_search_fallback_finds_authors_and_tags(client, make_story, make_author, plain_search):
    make_story(headline="Tagged", tags=["Shipbuilding"])
    make_story(headline="Signed", authors=[make_author(name="Ingrid Valdés")])
    assert result_headlines(client.get(SEARCH, {"q": "shipbuilding"})) == ["Tagged"]
    assert result_headlines(client.get(SEARCH, {"q": "valdés"})) == ["Signed"]
    assert result_headlines(client.get(SEARCH, {"q": "tagged -shipbuilding"})) == []


@on_sqlite
@pytest.mark.parametrize("query", JUNK_QUERIES)
def test_search_fallback_junk_query_gets_a_friendly_page(client, make_story, plain_search, query):
    make_story(headline="Harbour ferry news")
    assert client.get(SEARCH, {"q": query}).status_code == 200


@on_sqlite
@pytest.mark.parametrize("count", [1, 15])
def test_search_fallback_query_count_is_flat(
    client, make_story, plain_search, django_assert_num_queries, count
):
    for n in range(count):
        make_story(headline=f"Lighthouse {n}")
    with django_assert_num_queries(5):  # as above
        client.get(SEARCH, {"q": "lighthouse"})
    with django_assert_num_queries(2):
        client.get(SEARCH, {"q": "lighthouse"})


def test_rebuild_search_index_command_indexes_every_story(client, make_article, committed):
    make_article(headline="Regatta day")  # its save indexes it on commit ...
    with connection.cursor() as cursor:  # ... a write behind Django's back does not
        table = connection.ops.quote_name(Article._meta.db_table)
        cursor.execute(f"UPDATE {table} SET headline = %s", ["Carnival day"])
    assert result_headlines(client.get(SEARCH, {"q": "carnival"})) == []
    with committed():  # run from a shell, its transaction commits
        call_command("rebuild_search_index", stdout=io.StringIO())
    assert result_headlines(client.get(SEARCH, {"q": "carnival"})) == ["Carnival day"]
