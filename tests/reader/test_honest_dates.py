"""Honest "modified" times (issue 17, point 3): JSON-LD dateModified, article:modified_time,
sitemap lastmod and the feeds' updated times move on a substantive update (`revised_at`), never
on a no-op save or a typo fix, which only move `updated_at`."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from articles.editing.workflow import mark_substantive_update
from articles.models import Category
from articles.reader.seo import iso

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def modified_signals(client, story) -> dict[str, str]:
    """Every "modified" time readers and crawlers see for `story`, by where it was read."""
    page = client.get(story.get_absolute_url()).text
    [meta] = re.findall(r'<meta property="article:modified_time" content="([^"]+)">', page)
    [news_article] = [
        data
        for data in map(json.loads, re.findall(r"ld\+json\">(.*?)</script>", page))
        if data["@type"] == "NewsArticle"
    ]
    stories_url = reverse("articles:sitemap_section", kwargs={"section": "stories"})
    sitemap = ET.fromstring(client.get(stories_url).content)
    atom = ET.fromstring(client.get(reverse("articles:feed_atom")).content)
    rss = ET.fromstring(client.get(reverse("articles:feed")).content)
    return {
        "json-ld": news_article["dateModified"],
        "open graph": meta,
        "sitemap": sitemap.find(f"{SITEMAP}url/{SITEMAP}lastmod").text,
        "atom entry": atom.find(f"{ATOM}entry/{ATOM}updated").text,
        "atom feed": atom.find(f"{ATOM}updated").text,
        "rss": rss.find("channel/item/{http://purl.org/dc/terms/}modified").text,
    }


@pytest.fixture
def story(clock, make_article):
    harbour = Category.objects.create(name="Harbour", slug="harbour")
    story = make_article(headline="Ferry timetable chnages", category=harbour, published_at=None)
    clock.advance(hours=2)
    return story


def every(moment) -> dict[str, str]:
    return dict.fromkeys(
        ["json-ld", "open graph", "sitemap", "atom entry", "atom feed", "rss"], iso(moment)
    )


def test_a_new_story_was_modified_when_it_was_published(client, story):
    assert modified_signals(client, story) == every(story.published_at)


def test_a_no_op_save_leaves_every_modified_time_alone(client, clock, story):
    before = modified_signals(client, story)
    clock.advance(minutes=30)
    story.save()

    assert story.updated_at > story.published_at
    assert modified_signals(client, story) == before == every(story.published_at)


def test_a_typo_fix_leaves_every_modified_time_alone(client, clock, story):
    clock.advance(minutes=30)
    story.headline = "Ferry timetable changes"
    story.body = "<p>The operator said more boats.</p>"
    story.save()

    assert modified_signals(client, story) == every(story.published_at)


def test_a_substantive_update_moves_every_modified_time(client, clock, story):
    clock.advance(hours=1)
    assert mark_substantive_update(story)
    story.save()
    clock.advance(minutes=5)
    story.save()  # and a typo fix after it changes nothing more

    assert modified_signals(client, story) == every(story.revised_at)
    assert story.revised_at > story.published_at
