"""What search engines and link previews read from a page: canonical link, Open Graph, Twitter
card, JSON-LD and feed autodiscovery (issue 5)."""

import json
from datetime import datetime

import pytest
from django.urls import reverse

from articles.models import Article, Category
from tests.helpers.html import parse


class Head:
    """The <meta>, <link> and JSON-LD of a page, read as a browser would."""

    def __init__(self, page):
        document = parse(page)
        self.meta, self.links = {}, []
        for meta in document.find_all("meta", content=True):
            key = meta.get("property") or meta.get("name")
            self.meta.setdefault(key, []).append(meta["content"])
        self.links = [link.attrs for link in document.find_all("link")]
        self.json_ld = [
            script.get_text() for script in document.find_all("script", type="application/ld+json")
        ]

    def one(self, key):
        [value] = self.meta[key]
        return value

    def link(self, rel, type=None):
        return [
            link["href"]
            for link in self.links
            if link.get("rel") == rel and (type is None or link.get("type") == type)
        ]

    def schema(self, type):
        [data] = [data for data in map(json.loads, self.json_ld) if data["@type"] == type]
        return data


@pytest.fixture
def story(make_article, make_author, make_image):
    harbour = Category.objects.create(name="Harbour", slug="harbour")
    return make_article(
        headline="Ferry timetable changes on Monday",
        slug="ferry-timetable",
        standfirst="Earlier sailings for commuters.",
        category=harbour,
        authors=[make_author(name="Ada Quill", slug="ada"), make_author(name="Bo", slug="bo")],
        tags=["ferries", "transport"],
        lead_image=make_image(),
    )


def read_head(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return Head(response.text)


def test_article_detail_has_canonical_open_graph_and_twitter_card(client, story):
    head = read_head(client, story.get_absolute_url())
    url = "http://testserver/harbour/ferry-timetable/"

    assert head.link("canonical") == [url]
    assert head.one("og:type") == "article"
    assert head.one("og:site_name") == "The Harbour Ledger"
    assert head.one("og:title") == "Ferry timetable changes on Monday"
    assert head.one("og:description") == "Earlier sailings for commuters."
    assert head.one("og:url") == url
    social = story.lead_image.rendition("social", 1200)  # the 1200 × 630 crop, or less
    assert head.one("og:image") == f"http://testserver/media/{social['name']}"
    assert (head.one("og:image:width"), head.one("og:image:height")) == ("320", "168")
    assert head.one("twitter:card") == "summary_large_image"
    assert head.one("twitter:image") == head.one("og:image")


def test_article_detail_has_open_graph_article_tags(client, story):
    head = read_head(client, story.get_absolute_url())

    # Times are local to the newsroom, with their offset, to the second: compared as moments.
    # Modified is the last substantive update, else the publish time, never the last save
    # (issue 17).
    published = story.published_at.replace(microsecond=0)
    assert datetime.fromisoformat(head.one("article:published_time")) == published
    assert datetime.fromisoformat(head.one("article:modified_time")) == published
    assert head.meta["article:author"] == [
        "http://testserver/author/ada/",
        "http://testserver/author/bo/",
    ]
    assert head.one("article:section") == "Harbour"
    assert head.meta["article:tag"] == ["ferries", "transport"]


def test_article_detail_description_is_the_search_description_when_set(client, story):
    story.seo_description = "Commuters get sailings at 6:10 and 6:40 from Monday."
    story.save()
    head = read_head(client, story.get_absolute_url())

    assert head.one("description") == story.seo_description
    assert head.one("og:description") == story.seo_description


def test_article_detail_json_ld_news_article(client, story):
    data = read_head(client, story.get_absolute_url()).schema("NewsArticle")
    url = "http://testserver/harbour/ferry-timetable/"

    assert data["@context"] == "https://schema.org"
    assert data["headline"] == "Ferry timetable changes on Monday"
    assert data["description"] == "Earlier sailings for commuters."
    published, modified = (
        datetime.fromisoformat(data[key]) for key in ("datePublished", "dateModified")
    )
    assert published == story.published_at.replace(microsecond=0)
    assert modified == story.published_at.replace(microsecond=0)  # not updated_at (issue 17)
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["articleSection"] == "Harbour"
    assert data["keywords"] == ["ferries", "transport"]
    assert data["author"] == [
        {"@type": "Person", "name": "Ada Quill", "url": "http://testserver/author/ada/"},
        {"@type": "Person", "name": "Bo", "url": "http://testserver/author/bo/"},
    ]
    # The lead photo in 16:9, 4:3 and 1:1 (issue 17; it was the one 1200 x 630 preview crop).
    assert [image["url"] for image in data["image"]] == [
        f"http://testserver/media/{story.lead_image.rendition(crop, 1200)['name']}"
        for crop in ("wide", "four_three", "square_large")
    ]
    for image in data["image"]:
        assert image["creditText"] == "Harbour Press/A. Lindqvist"
        assert image["caption"] == "Fishing boats wait for the tide."
    publisher = data["publisher"]
    assert (publisher["@type"], publisher["name"]) == ("Organization", "The Harbour Ledger")
    assert publisher["logo"]["@type"] == "ImageObject"
    assert client.get(publisher["logo"]["url"].removeprefix("http://testserver")).status_code == 200


def test_article_detail_of_a_draft_previewed_by_staff_is_noindex(admin_client, make_article):
    draft = make_article(status=Article.Status.DRAFT, published_at=None)
    head = read_head(admin_client, draft.get_absolute_url())

    assert head.one("robots") == "noindex"
    assert "article:published_time" not in head.meta
    assert "datePublished" not in head.schema("NewsArticle")


def test_article_detail_json_ld_breadcrumbs(client, story):
    data = read_head(client, story.get_absolute_url()).schema("BreadcrumbList")

    assert [(item["position"], item["name"], item["item"]) for item in data["itemListElement"]] == [
        (1, "The Harbour Ledger", "http://testserver/"),
        (2, "Harbour", "http://testserver/category/harbour/"),
        (3, "Ferry timetable changes on Monday", "http://testserver/harbour/ferry-timetable/"),
    ]


def test_article_detail_json_ld_cannot_be_broken_out_of(client, make_article):
    headline = "</script><script>alert(1)</script><!--"
    story = make_article(headline=headline)
    response = client.get(story.get_absolute_url())
    head = Head(response.text)

    assert "<script>alert(1)" not in response.text
    assert len(head.json_ld) == 2  # no script element ended early or was added
    assert head.schema("NewsArticle")["headline"] == headline


def test_article_detail_without_photo_shows_the_default_social_image(client, make_article):
    head = read_head(client, make_article().get_absolute_url())

    image = head.one("og:image")
    assert image.startswith("http://testserver/static/img/social-default")
    assert client.get(image.removeprefix("http://testserver")).status_code == 200
    assert head.schema("NewsArticle")["image"][0]["url"] == image


def test_site_logo_and_social_image_come_from_settings(client, make_article, settings):
    settings.SITE_LOGO_URL = "https://cdn.example.com/ledger-logo.png"
    settings.DEFAULT_SOCIAL_IMAGE = "https://cdn.example.com/ledger-card.png"
    head = read_head(client, make_article().get_absolute_url())

    assert head.one("og:image") == "https://cdn.example.com/ledger-card.png"
    logo = head.schema("NewsArticle")["publisher"]["logo"]["url"]
    assert logo == "https://cdn.example.com/ledger-logo.png"


@pytest.mark.parametrize(
    ("url", "canonical", "title"),
    [
        ("/", "http://testserver/", "The Harbour Ledger"),
        ("/latest/?utm_source=x", "http://testserver/latest/", "Latest news"),
        ("/category/news/?page=1", "http://testserver/category/news/", "News"),
        ("/category/news/?page=2", "http://testserver/category/news/?page=2", "News"),
        ("/author/ada/?page=2", "http://testserver/author/ada/?page=2", "Ada"),
        ("/tag/harbour/?page=2", "http://testserver/tag/harbour/?page=2", "harbour"),
    ],
)
def test_listing_pages_have_canonical_and_open_graph(
    client, make_article, make_author, url, canonical, title
):
    ada = make_author(name="Ada", slug="ada")
    for _ in range(21):  # two pages
        make_article(authors=[ada], tags=["harbour"])
    head = read_head(client, url)

    assert head.link("canonical") == [canonical]
    assert head.one("og:url") == canonical
    assert head.one("og:type") == "website"
    assert head.one("og:title") == title
    assert head.one("og:image").startswith("http://testserver/static/img/social-default")
    assert head.one("twitter:card") == "summary_large_image"


def test_every_page_announces_the_site_feeds(client, story):
    for url in ["/", "/latest/", story.get_absolute_url(), "/no-such-page/"]:
        response = client.get(url)
        head = Head(response.text)

        assert head.link("alternate", "application/rss+xml") == ["http://testserver/feed/"]
        assert head.link("alternate", "application/atom+xml") == ["http://testserver/feed/atom/"]


@pytest.mark.parametrize("kind", ["category", "author", "tag"])
def test_listing_pages_announce_their_own_feeds(client, story, kind):
    slug = {"category": "harbour", "author": "ada", "tag": "ferries"}[kind]
    head = read_head(client, reverse(f"articles:{kind}_detail", kwargs={"slug": slug}))

    base = f"http://testserver/{kind}/{slug}/feed/"
    assert head.link("alternate", "application/rss+xml") == [base, "http://testserver/feed/"]
    assert head.link("alternate", "application/atom+xml") == [
        f"{base}atom/",
        "http://testserver/feed/atom/",
    ]
    for href in [base, f"{base}atom/"]:
        assert client.get(href.removeprefix("http://testserver")).status_code == 200


@pytest.mark.parametrize("count", [1, 5])
def test_article_detail_metadata_adds_no_queries(
    client, make_article, make_author, django_assert_num_queries, count
):
    story = make_article(
        authors=[make_author() for _ in range(count)], tags=[f"tag {n}" for n in range(count)]
    )

    # story, bylines, tags, corrections, related, menu and banner (one query, cached: issue 6)
    with django_assert_num_queries(6):
        head = read_head(client, story.get_absolute_url())
    assert len(head.meta["article:author"]) == count
