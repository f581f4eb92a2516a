"""Sitemaps, the Google News sitemap and robots.txt (issue 5)."""

import xml.etree.ElementTree as ET
from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Category
from articles.reader import sitemaps

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def read_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)


def locations(root):
    return [loc.text for loc in root.findall("*/sm:loc", NS)]


def section_url(section, page=1):
    url = reverse("articles:sitemap_section", kwargs={"section": section})
    return f"{url}?p={page}" if page > 1 else url


@pytest.fixture
def hidden_stories(make_article, make_author):
    """A draft and a scheduled story, in a section, by an author and with a tag of their own."""
    secret = Category.objects.create(name="Secret", slug="secret")
    hidden = {"category": secret, "authors": [make_author(slug="ghost")], "tags": ["embargo"]}
    make_article(headline="Draft", slug="draft", status=Article.Status.DRAFT, **hidden)
    make_article(
        headline="Scheduled",
        slug="scheduled",
        published_at=timezone.now() + timezone.timedelta(hours=1),
        **hidden,
    )


def test_sitemap_index_lists_every_sitemap_with_lastmod(client, make_article):
    make_article()
    root = read_xml(client, reverse("articles:sitemap"))

    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    assert locations(root) == [
        f"http://testserver{section_url(name)}"
        for name in ["pages", "stories", "sections", "authors", "tags", "news"]
    ]
    for lastmod in root.findall("sm:sitemap/sm:lastmod", NS):
        assert datetime.fromisoformat(lastmod.text).tzinfo is not None


def test_sitemap_of_stories_lists_public_stories_with_lastmod(client, make_article, hidden_stories):
    story = make_article(slug="ferry-timetable")
    root = read_xml(client, section_url("stories"))

    assert root.tag == f"{{{NS['sm']}}}urlset"
    assert locations(root) == [f"http://testserver{story.get_absolute_url()}"]
    # Never updated since, so its last change for readers is its publication, to the second
    # (issue 17: no longer its last save).
    lastmod = datetime.fromisoformat(root.find("sm:url/sm:lastmod", NS).text)
    assert lastmod == story.published_at.replace(microsecond=0)


@pytest.mark.parametrize(
    ("section", "path"),
    [
        ("sections", "/category/news/"),
        ("authors", "/author/ada/"),
        ("tags", "/tag/harbour/"),
        ("pages", "/"),
    ],
)
def test_sitemap_of_listings_holds_pages_with_public_stories_only(
    client, make_article, make_author, hidden_stories, section, path
):
    make_article(authors=[make_author(name="Ada", slug="ada")], tags=["harbour"])
    root = read_xml(client, section_url(section))

    urls = locations(root)
    assert f"http://testserver{path}" in urls
    assert not any(word in url for url in urls for word in ("secret", "ghost", "embargo"))
    assert len(root.findall("sm:url/sm:lastmod", NS)) == len(urls)


def test_news_sitemap_holds_stories_of_the_last_48_hours(client, make_article, hidden_stories):
    recent = make_article(headline="Harbour wall & pier reopen", slug="pier")
    make_article(slug="old", published_at=timezone.now() - timezone.timedelta(hours=49))
    root = read_xml(client, section_url("news"))

    assert locations(root) == [f"http://testserver{recent.get_absolute_url()}"]
    news = root.find("sm:url/news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "The Harbour Ledger"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:title", namespaces=NS) == "Harbour wall & pier reopen"
    published = datetime.fromisoformat(news.findtext("news:publication_date", namespaces=NS))
    assert abs(published - recent.published_at).total_seconds() < 1


class ManyStories(sitemaps.StorySitemap):
    """50,001 unsaved stories: the pager's limit is tested without 50,001 rows."""

    def items(self):
        news = Category(name="News", slug="news")
        now = timezone.now()
        return [
            Article(slug=f"story-{n}", category=news, published_at=now, updated_at=now)
            for n in range(50_001)
        ]


def test_sitemap_pages_hold_50000_urls_at_most(client, db, monkeypatch):
    monkeypatch.setitem(sitemaps.SITEMAPS, "stories", ManyStories)

    index = locations(read_xml(client, reverse("articles:sitemap")))
    assert [url for url in index if "stories" in url] == [
        f"http://testserver{section_url('stories')}",
        f"http://testserver{section_url('stories', page=2)}",
    ]
    assert locations(read_xml(client, section_url("stories", page=2))) == [
        "http://testserver/news/story-50000/"
    ]
    assert client.get(section_url("stories", page=3)).status_code == 404


@pytest.mark.parametrize(
    "url", ["/sitemap-nothing.xml", "/sitemap-stories.xml?p=2", "/sitemap-stories.xml?p=junk"]
)
def test_sitemap_unknown_section_or_page_is_404(client, make_article, url):
    make_article()
    response = client.get(url)

    assert response.status_code == 404
    assert "We can’t find that page" in response.text


@pytest.mark.parametrize("count", [1, 30])
@pytest.mark.parametrize(
    ("section", "queries"),
    [
        (None, 11),  # the index: newest change and size of each sitemap but "pages"' size
        ("pages", 1),
        ("stories", 2),  # size, page
        ("sections", 2),
        ("authors", 2),
        ("tags", 2),
        ("news", 2),
    ],
)
def test_sitemap_query_count_is_flat(
    client, make_article, make_author, django_assert_num_queries, section, queries, count
):
    for n in range(count):
        category = Category.objects.get_or_create(name=f"Section {n % 3}", slug=f"s{n % 3}")[0]
        make_article(category=category, authors=[make_author()], tags=[f"tag-{n}"])
    url = section_url(section) if section else reverse("articles:sitemap")
    # Sitemaps also read when the next scheduled story goes live, to say how long they may be
    # cached (issue 6): one query after any change, then cached. This counts a sitemap's own.
    client.get(reverse("articles:latest"))

    with django_assert_num_queries(queries):
        root = read_xml(client, url)
    assert locations(root)


def test_robots_txt_points_at_the_sitemaps_and_keeps_crawlers_out_of_admin_and_search(client):
    response = client.get(reverse("articles:robots_txt"))

    assert response["Content-Type"] == "text/plain"
    lines = response.text.splitlines()
    assert "Disallow: /admin/" in lines
    assert "Disallow: /search/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines
