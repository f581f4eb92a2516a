"""One formatter for machine-readable times, and valid markup around them (issue 17, point 1).

The HTML standard allows at most three fraction digits in `<time datetime>`; Django's "c" format
wrote six. Every time a machine reads (pages, JSON-LD, Open Graph, feeds, sitemaps) is now whole
seconds with the newsroom's offset, e.g. 2026-12-04T04:10:07+00:00, from `seo.iso`.
"""

import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Category, Correction
from articles.reader.seo import iso, machine_time
from articles.reader.templating import date
from articles.search import refresh_search_index
from tests.helpers.html import parse

WHOLE_SECONDS = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d")
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def machine_times(html: str) -> list[str]:
    """Every machine-readable time of a page: `<time datetime>`, time meta tags, JSON-LD."""
    page = parse(html)
    times = [time["datetime"] for time in page.find_all("time")]
    times += [
        meta["content"]
        for meta in page.find_all("meta")
        if meta.get("property", "").endswith("_time")
    ]
    for script in page.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        times += [data[key] for key in ("datePublished", "dateModified") if key in data]
    return times


@pytest.fixture
def stories(make_article, make_image):
    """Stories whose times carry microseconds, as every real save does; one corrected."""
    harbour = Category.objects.create(name="Harbour", slug="harbour")
    made = [
        make_article(
            headline=f"Ferry news {n}",
            slug=f"ferry-news-{n}",
            category=harbour,
            tags=["ferries"],
            lead_image=make_image() if n == 0 else None,
            # A second ago at least: replacing the microseconds alone could land in the future.
            published_at=timezone.now().replace(microsecond=123456)
            - timezone.timedelta(hours=n, seconds=1),
        )
        for n in range(12)
    ]
    Correction.objects.create(article=made[0], text="The ferry leaves at 6:10, not 6:40.")
    refresh_search_index([story.pk for story in made])
    return made


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/latest/",
        "/harbour/ferry-news-0/",  # the story, its correction and related stories
        "/category/harbour/",
        "/tag/ferries/",
        "/corrections/",
        "/search/?q=ferry",
    ],
)
def test_machine_readable_times_on_reader_pages_are_whole_seconds(client, stories, url):
    response = client.get(url)
    assert response.status_code == 200

    times = machine_times(response.text)
    assert times
    for value in times:
        assert WHOLE_SECONDS.fullmatch(value), value


def test_iso_is_whole_seconds_in_the_newsrooms_zone(settings):
    settings.TIME_ZONE = "Europe/London"
    summer = datetime(2026, 7, 4, 9, 10, 7, 654321, tzinfo=UTC)

    assert iso(summer) == "2026-07-04T10:10:07+01:00"
    assert iso(datetime(2026, 12, 4, 4, 10, 7, 999999, tzinfo=UTC)) == "2026-12-04T04:10:07+00:00"
    assert machine_time(summer).microsecond == 0
    assert iso(None) == ""


def test_times_shown_to_readers_name_their_zone(settings):
    settings.TIME_ZONE = "Europe/London"

    assert date(datetime(2026, 7, 4, 9, 35, tzinfo=UTC), "j M Y, H:i T") == "4 Jul 2026, 10:35 BST"
    assert date(datetime(2026, 12, 4, 10, 35, tzinfo=UTC), "j F Y, H:i T") == (
        "4 December 2026, 10:35 GMT"
    )
    # The hour the clocks go back happens twice: Django's "T" prints nothing then; ours tells.
    first, second = (datetime(2026, 10, 25, hour, 15, tzinfo=UTC) for hour in (0, 1))
    assert date(first, "j M Y, H:i T") == "25 Oct 2026, 01:15 BST"
    assert date(second, "j M Y, H:i T") == "25 Oct 2026, 01:15 GMT"


def test_story_page_shows_the_time_zone_beside_the_times(client, stories):
    page = client.get(stories[0].get_absolute_url()).text

    local = timezone.localtime(stories[0].published_at)
    assert f"{local:%H:%M} {local.tzname()}</time>" in page


@pytest.mark.parametrize("name", ["articles:feed_atom", "articles:feed"])
def test_feed_times_are_the_same_whole_seconds(client, stories, name):
    root = ET.fromstring(client.get(reverse(name)).content)

    if name == "articles:feed_atom":
        values = [element.text for element in root.iter(f"{ATOM}updated")]
        values += [element.text for element in root.iter(f"{ATOM}published")]
        assert iso(stories[0].published_at) in values
    else:
        values = [element.text for element in root.iter("{http://purl.org/dc/terms/}modified")]
        # RFC 2822 has no fractions: pubDate is whole seconds by its nature.
        assert values[0] == iso(stories[0].published_at)
    assert values
    for value in values:
        assert WHOLE_SECONDS.fullmatch(value), value


def test_empty_atom_feed_is_updated_in_whole_seconds(client, db):
    root = ET.fromstring(client.get(reverse("articles:feed_atom")).content)

    assert WHOLE_SECONDS.fullmatch(root.find(f"{ATOM}updated").text)


def test_sitemap_times_are_the_same_whole_seconds(client, stories):
    index = ET.fromstring(client.get(reverse("articles:sitemap")).content)
    values = [element.text for element in index.iter(f"{{{SITEMAP['sm']}}}lastmod")]
    for section in ("stories", "pages", "sections", "news"):
        url = reverse("articles:sitemap_section", kwargs={"section": section})
        root = ET.fromstring(client.get(url).content)
        values += [element.text for element in root.iter(f"{{{SITEMAP['sm']}}}lastmod")]
        values += [element.text for element in root.iter(f"{{{SITEMAP['news']}}}publication_date")]

    assert iso(stories[0].published_at) in values
    for value in values:
        assert WHOLE_SECONDS.fullmatch(value), value


def test_search_results_never_put_a_paragraph_inside_a_paragraph(client, stories):
    page = client.get("/search/?q=ferry").text

    assert '<div class="card__meta"><p class="byline">' in page
    assert '<p class="card__meta">' not in page


def test_search_results_page_as_previous_and_next(client, stories):
    first = client.get("/search/?q=ferry").text
    second = client.get("/search/?q=ferry&page=2").text

    assert "Next &rarr;</a>" in first
    assert "&larr; Previous</a>" in second
    assert "Newer" not in first + second
    assert "Older" not in first + second


def test_listings_in_time_order_still_page_as_newer_and_older(client, make_article):
    for _ in range(21):
        make_article()

    assert "Older &rarr;</a>" in client.get("/latest/").text
    assert "&larr; Newer</a>" in client.get("/latest/?page=2").text
