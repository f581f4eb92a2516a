"""What Google News, Discover and Images read (issue 17, point 5): large image previews, the lead
photo in three shapes, the publisher and site on the home page, listings as collections with
breadcrumbs, the image sitemap, and feed titles, summaries and authors escaped exactly once."""

import json
import re
import xml.etree.ElementTree as ET
from fractions import Fraction

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Category
from tests.helpers.html import parse
from tests.helpers.photos import jpeg_bytes

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
IMAGE = "{http://www.google.com/schemas/sitemap-image/1.1}"


def json_ld(page: str) -> dict[str, dict]:
    """A page's JSON-LD objects by @type."""
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return {data["@type"]: data for data in map(json.loads, found)}


@pytest.fixture(autouse=True)
def _no_avif(settings):
    """AVIF encoding of a 1600-pixel photo takes seconds; these tests read the JPEGs only."""
    settings.IMAGE_AVIF = False


@pytest.fixture
def harbour(db):
    return Category.objects.create(name="Harbour", slug="harbour", description="The port.")


@pytest.fixture
def story(make_article, make_author, make_image, harbour):
    return make_article(
        headline="Ferry timetable changes",
        slug="ferry-timetable",
        category=harbour,
        authors=[make_author(name="Ada Quill", slug="ada")],
        tags=["ferries"],
        lead_image=make_image(jpeg_bytes(1600, 1200)),
    )


def test_story_pages_allow_large_image_previews(client, story):
    page = client.get(story.get_absolute_url()).text

    assert '<meta name="robots" content="max-image-preview:large">' in page
    assert "noindex" not in page


def test_a_hidden_story_is_noindex_only(admin_client, story):
    Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT)
    page = admin_client.get(story.get_absolute_url()).text

    assert re.findall(r'<meta name="robots" content="([^"]*)">', page) == ["noindex"]


def test_news_article_lists_the_lead_photo_in_16_9_4_3_and_1_1_at_1200_pixels(client, story):
    images = json_ld(client.get(story.get_absolute_url()).text)["NewsArticle"]["image"]

    shapes = [Fraction(image["width"], image["height"]) for image in images]
    assert shapes == [Fraction(16, 9), Fraction(4, 3), Fraction(1)]
    assert all(image["width"] >= 1200 for image in images)
    for image in images:
        assert client.get(image["url"].removeprefix("http://testserver")).status_code == 200


def test_news_article_images_of_a_small_photo_are_never_upscaled(client, story, make_image):
    story.lead_image = make_image(jpeg_bytes(640, 480))
    story.save()
    images = json_ld(client.get(story.get_absolute_url()).text)["NewsArticle"]["image"]

    assert [(image["width"], image["height"]) for image in images] == [
        (640, 360),
        (640, 480),
        (480, 480),
    ]


def test_news_article_without_a_photo_shows_the_sites_image(client, make_article, harbour):
    story = make_article(category=harbour)
    [image] = json_ld(client.get(story.get_absolute_url()).text)["NewsArticle"]["image"]

    assert image["url"].startswith("http://testserver/static/img/social-default")


def test_home_page_has_the_organization_and_the_website_with_search(client, story):
    data = json_ld(client.get("/").text)

    organization = data["Organization"]
    assert organization["@context"] == "https://schema.org"
    assert (organization["name"], organization["url"]) == (
        "The Harbour Ledger",
        "http://testserver/",
    )
    assert (
        client.get(organization["logo"]["url"].removeprefix("http://testserver")).status_code == 200
    )
    website = data["WebSite"]
    assert website["url"] == "http://testserver/"
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    template = action["target"]["urlTemplate"]
    assert template == "http://testserver/search/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"
    query = template.removeprefix("http://testserver").replace("{search_term_string}", "ferry")
    assert "Ferry timetable changes" in client.get(query).text


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/category/harbour/", "Harbour"),
        ("/tag/ferries/", "ferries"),
        ("/author/ada/", "Ada Quill"),
    ],
)
def test_listings_are_collection_pages_with_breadcrumbs(client, story, url, name):
    page = json_ld(client.get(url).text)["CollectionPage"]

    assert page["@context"] == "https://schema.org"
    assert (page["name"], page["url"]) == (name, f"http://testserver{url}")
    assert page["breadcrumb"]["@type"] == "BreadcrumbList"
    assert [
        (item["position"], item["name"], item["item"])
        for item in page["breadcrumb"]["itemListElement"]
    ] == [(1, "The Harbour Ledger", "http://testserver/"), (2, name, f"http://testserver{url}")]


def test_story_sitemap_lists_each_lead_photo(client, story, make_article, harbour):
    bare = make_article(category=harbour, slug="no-photo")
    url = reverse("articles:sitemap_section", kwargs={"section": "stories"})
    root = ET.fromstring(client.get(url).content)

    images = {
        entry.findtext(f"{SITEMAP}loc"): [loc.text for loc in entry.iter(f"{IMAGE}loc")]
        for entry in root.iter(f"{SITEMAP}url")
    }
    photo = story.lead_image.rendition("full", 1200)
    assert images == {
        f"http://testserver{story.get_absolute_url()}": [
            f"http://testserver/media/{photo['name']}"
        ],
        f"http://testserver{bare.get_absolute_url()}": [],
    }
    assert photo["width"] >= 1200


HEADLINE = 'Pellow\'s & Sons say 2 < 3 "at least"'
STANDFIRST = "The yard's order book & crew: < 30 ships a year"
AUTHOR = "Ann O'Hara & <Sons>"
# The elements that hold HTML, escaped as HTML and again as XML: "&amp;amp;" there is right.
HTML_ELEMENTS = re.compile(rb"<(description|summary|content:encoded|content)\b.*?</\1>", re.S)


@pytest.mark.parametrize("name", ["articles:feed", "articles:feed_atom"])
def test_feed_titles_summaries_and_authors_are_escaped_exactly_once(
    client, make_article, make_author, name
):
    make_article(
        headline=HEADLINE,
        standfirst=STANDFIRST,
        authors=[make_author(name=AUTHOR)],
        published_at=timezone.now(),
    )
    response = client.get(reverse(name))
    feed = feedparser.parse(response.content)
    [entry] = feed.entries

    assert feed.bozo == 0
    # Plain text (RSS title and dc:creator, Atom title and author name): no unescaping here, a
    # reader shows these as they are.
    assert entry.title == HEADLINE
    assert [author.name for author in entry.authors] == [AUTHOR]
    # The summary is HTML (RSS description, Atom summary type="html"): a reader renders it,
    # as parse() does, and must see the standfirst, not "yard&#x27;s".
    assert entry.summary_detail.type == "text/html"
    assert parse(entry.summary).get_text() == STANDFIRST
    plain_text = HTML_ELEMENTS.sub(b"", response.content)
    assert b"&amp;#x27;" not in plain_text
    assert b"&amp;amp;" not in plain_text
    assert b"&amp;lt;" not in plain_text
