"""RSS and Atom feeds, read back with feedparser as a feed reader would (issue 5)."""

import html
import importlib
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, CaptionedImage, Category
from articles.reader.feeds import FEED_SIZE

MEDIA = "{http://search.yahoo.com/mrss/}"

FEEDS = [
    ("articles:feed", {}),
    ("articles:feed_atom", {}),
    ("articles:category_feed", {"slug": "harbour"}),
    ("articles:category_feed_atom", {"slug": "harbour"}),
    ("articles:author_feed", {"slug": "ada-quill"}),
    ("articles:author_feed_atom", {"slug": "ada-quill"}),
    ("articles:tag_feed", {"slug": "ferries"}),
    ("articles:tag_feed_atom", {"slug": "ferries"}),
]


@pytest.fixture
def newsroom(make_article, make_author, make_image):
    """One public story with two bylines, tags and a photo, plus a draft and a scheduled story
    in the same section, by the same author, with the same tag."""
    harbour = Category.objects.create(name="Harbour", slug="harbour")
    ada = make_author(name="Ada Quill", slug="ada-quill")
    bo = make_author(name="Bo Lindqvist", slug="bo-lindqvist")
    story = make_article(
        headline="Ferry timetable changes on Monday",
        slug="ferry-timetable",
        standfirst="Earlier sailings for commuters.",
        body='<p>The <a href="/latest/">operator</a> said <strong>more</strong> boats.</p>',
        category=harbour,
        authors=[ada, bo],
        tags=["ferries", "transport"],
        lead_image=make_image(),
    )
    hidden = {"category": harbour, "authors": [ada], "tags": ["ferries"]}
    make_article(headline="Draft about ferries", status=Article.Status.DRAFT, **hidden)
    make_article(
        headline="Scheduled ferry story",
        published_at=timezone.now() + timezone.timedelta(hours=2),
        **hidden,
    )
    return story


def read_feed(client, name, kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    return response, feedparser.parse(response.content)


@pytest.mark.parametrize(("name", "kwargs"), FEEDS)
def test_feed_parses_cleanly_with_the_public_story_only(client, newsroom, name, kwargs):
    response, feed = read_feed(client, name, kwargs)

    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == ("atom10" if name.endswith("_atom") else "rss20")
    assert [html.unescape(entry.title) for entry in feed.entries] == [newsroom.headline]


@pytest.mark.parametrize("name", ["articles:feed", "articles:feed_atom"])
def test_feed_of_a_site_without_public_stories_is_empty_and_valid(client, db, name):
    _, feed = read_feed(client, name, {})

    assert feed.bozo == 0
    assert feed.feed.title == "The Harbour Ledger"
    assert feed.entries == []


@pytest.mark.parametrize(("name", "kwargs"), FEEDS)
def test_feed_entry_carries_link_authors_dates_categories_and_photo(client, newsroom, name, kwargs):
    _, feed = read_feed(client, name, kwargs)
    entry = feed.entries[0]

    assert entry.link == f"http://testserver{newsroom.get_absolute_url()}"
    assert [author.name for author in entry.authors] == ["Ada Quill", "Bo Lindqvist"]
    assert entry.published_parsed[:5] == newsroom.published_at.utctimetuple()[:5]
    assert entry.updated_parsed >= entry.published_parsed
    assert {tag.term for tag in entry.tags} == {"Harbour", "ferries", "transport"}
    assert html.unescape(entry.summary) == "Earlier sailings for commuters."
    [enclosure] = entry.enclosures
    jpeg = newsroom.lead_image.rendition("full", 960)  # a rendition: the original keeps its GPS
    assert enclosure.href == f"http://testserver/media/{jpeg['name']}"
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == jpeg["bytes"] > 0


@pytest.mark.parametrize("name", ["articles:feed", "articles:feed_atom"])
def test_feed_links_author_pages_and_carries_the_full_body_with_absolute_links(
    client, newsroom, name
):
    _, feed = read_feed(client, name, {})
    entry = feed.entries[0]

    body = entry.content[0].value
    assert "<strong>more</strong> boats" in body
    assert 'href="http://testserver/latest/"' in body
    if name.endswith("_atom"):  # RSS's dc:creator carries a name only
        assert entry.authors[0].href == "http://testserver/author/ada-quill/"


@pytest.mark.parametrize("name", ["articles:feed", "articles:feed_atom"])
def test_feed_photo_has_media_content_with_credit_and_caption(client, newsroom, name):
    response, _ = read_feed(client, name, {})
    media = ET.fromstring(response.content).find(f".//{MEDIA}content")

    jpeg = newsroom.lead_image.rendition("full", 960)
    assert media.get("url") == f"http://testserver/media/{jpeg['name']}"
    assert (media.get("width"), media.get("height")) == ("320", "180")
    assert media.find(f"{MEDIA}credit").text == "Harbour Press/A. Lindqvist"
    assert media.find(f"{MEDIA}description").text == "Fishing boats wait for the tide."


def test_feed_guid_survives_a_new_headline_slug_and_section(client, newsroom, settings):
    settings.ALLOWED_HOSTS = ["news.example.org", "testserver"]  # the first names the GUIDs
    before = read_feed(client, "articles:feed", {})[1].entries[0]
    newsroom.headline, newsroom.slug = "Ferry timetable: the new times", "ferry-times"
    newsroom.category = Category.objects.create(name="Transport", slug="transport")
    newsroom.save()
    after = read_feed(client, "articles:feed", {})[1].entries[0]

    assert after.link != before.link
    assert after.id == before.id
    assert before.id.startswith(f"tag:news.example.org,{newsroom.first_published_at:%Y-%m-%d}:")
    assert before.guidislink is False


@pytest.mark.parametrize("name", ["articles:feed", "articles:feed_atom"])
def test_feed_photo_without_renditions_is_left_out(client, newsroom, name):
    CaptionedImage.objects.update(renditions={})  # e.g. imported, make_renditions not run yet
    response, feed = read_feed(client, name, {})

    assert feed.bozo == 0
    assert feed.entries[0].enclosures == []
    assert b"originals/" not in response.content  # never the original, metadata and all


def test_photo_uploaded_before_sizes_were_stored_gets_its_size(newsroom):
    backfill = importlib.import_module("articles.migrations.0002_captionedimage_file_size")
    CaptionedImage.objects.update(file_size=0)
    backfill.measure_existing_photos(apps, schema_editor=None)

    photo = CaptionedImage.objects.get()
    assert photo.file_size == photo.image.size > 0


@pytest.mark.parametrize("name", ["articles:feed", "articles:feed_atom"])
def test_feed_headline_with_markup_reads_as_written(client, make_article, name):
    make_article(headline="Fish & chips <3 </title><script>alert(1)</script>")
    _, feed = read_feed(client, name, {})

    title = feed.entries[0].title
    # Both come escaped once, by the XML writer (issue 17): unescaping plain text changes nothing.
    shown = title if name.endswith("_atom") else html.unescape(title)
    assert feed.bozo == 0
    assert shown == "Fish & chips <3 </title><script>alert(1)</script>"


def test_feed_holds_the_newest_stories_only(client, make_article):
    for _ in range(FEED_SIZE + 1):
        make_article()
    _, feed = read_feed(client, "articles:feed", {})

    assert len(feed.entries) == FEED_SIZE
    titles = {entry.title for entry in feed.entries}
    assert "Headline 0" in titles  # the fixture makes each story a minute older than the last
    assert f"Headline {FEED_SIZE}" not in titles


@pytest.mark.parametrize("name", ["category_feed", "author_feed", "tag_feed", "tag_feed_atom"])
def test_feed_of_unknown_slug_is_404(client, db, name):
    response = client.get(reverse(f"articles:{name}", kwargs={"slug": "no-such-thing"}))

    assert response.status_code == 404
    assert "We can’t find that page" in response.text


# A feed's stories whose items are not kept: the stories, their bylines with authors, tags.
ITEM_QUERIES = 3


@pytest.mark.parametrize(
    ("name", "kwargs", "queries"),
    [
        ("articles:feed", {}, 1),  # which stories (their items kept: caching/cards.py)
        ("articles:feed_atom", {}, 1),
        ("articles:category_feed", {"slug": "news"}, 2),  # + the section
        ("articles:author_feed_atom", {"slug": "ada"}, 2),
        ("articles:tag_feed", {"slug": "harbour"}, 2),
    ],
)
@pytest.mark.parametrize("count", [1, 30])
def test_feed_query_count_is_flat(
    client,
    make_article,
    make_author,
    make_image,
    django_assert_num_queries,
    name,
    kwargs,
    queries,
    count,
):
    ada = make_author(name="Ada", slug="ada")
    photo = make_image()
    for _ in range(count):
        make_article(authors=[ada, make_author()], tags=["harbour", "boats"], lead_image=photo)
    # A feed also reads when the next scheduled story goes live, to say how long it may be cached
    # (issue 6): one query after any change, then cached. This measures a feed's own queries.
    client.get(reverse("articles:latest"))

    with django_assert_num_queries(queries + ITEM_QUERIES):  # the first feed makes its items
        response = client.get(reverse(name, kwargs=kwargs))
    assert len(feedparser.parse(response.content).entries) == count

    with django_assert_num_queries(queries):  # the next finds them kept
        assert client.get(reverse(name, kwargs=kwargs)).content == response.content
