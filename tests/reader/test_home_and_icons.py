"""Issue 17, point 6: the home page shows each story once; the icons browsers ask for;
/<section>/ moves to the section page; renditions cached for a year, other media not."""

import io
from collections import Counter

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from articles.models import Category
from tests.helpers.html import page_of
from tests.helpers.photos import jpeg_bytes

YEAR = "public, max-age=31536000, immutable"


@pytest.fixture
def sections(db):
    return [
        Category.objects.create(name=name, slug=name.lower(), position=n)
        for n, name in enumerate(["Harbour", "Weather"])
    ]


def test_home_shows_each_story_once(client, make_article, sections, django_assert_num_queries):
    harbour, weather = sections
    now = timezone.now()
    for n in range(16):  # the lead, twelve latest, three more for the harbour block
        make_article(
            headline=f"Harbour {n}",
            category=harbour,
            published_at=now.replace(microsecond=0) - timezone.timedelta(minutes=n),
        )
    make_article(
        headline="Old gale", category=weather, published_at=now - timezone.timedelta(days=2)
    )
    client.get("/latest/")  # the menu is read once

    with django_assert_num_queries(1):  # as tests/reader/test_views.py's QUERY_COUNTS
        page = page_of(client.get("/"))

    headlines = [h.text for h in page.find_all("h3")]
    assert [name for name, seen in Counter(headlines).items() if seen > 1] == []
    blocks = {
        block.find("h2").text: [h.text for h in block.find_all("h3")]
        for block in page.find_all("section", "section-block")
    }
    assert blocks["Weather"] == ["Old gale"]  # older than every story in "Latest news"
    # The harbour's newest stories are all in "Latest news": its block shows the next ones.
    latest = [h.text for h in page.find("section", "home-latest").find_all("h3")]
    assert not set(blocks["Harbour"]) & set(latest)
    assert blocks["Harbour"] == ["Harbour 13", "Harbour 14", "Harbour 15"]


@pytest.mark.parametrize(
    ("url", "content_type", "size"),
    [("/favicon.ico", "image/x-icon", None), ("/apple-touch-icon.png", "image/png", (180, 180))],
)
def test_icons_are_served_at_the_root(client, db, url, content_type, size):
    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    if size:
        assert image.size == size


def test_pages_link_the_apple_touch_icon(client, db):
    assert (
        '<link rel="apple-touch-icon" href="/static/img/apple-touch-icon.' in client.get("/").text
    )


def test_a_section_slug_alone_moves_to_the_section_page(client, sections):
    response = client.get("/harbour/")

    assert response.status_code == 301
    assert response["Location"] == "/category/harbour/"
    assert client.get("/no-such-section/").status_code == 404


def test_renditions_are_cached_for_a_year_and_other_media_are_not(client, make_image):
    photo = make_image()
    rendition = photo.rendition("wide", 320)
    author_photo = default_storage.save("authors/2026/ada.jpg", ContentFile(jpeg_bytes()))

    immutable = client.get(f"/media/{rendition['name']}")
    plain = client.get(f"/media/{author_photo}")

    assert immutable.status_code == plain.status_code == 200
    assert immutable["Cache-Control"] == YEAR
    assert "immutable" not in plain.get("Cache-Control", "")


def test_a_publish_chooses_the_home_pages_stories_when_it_commits(
    client, make_article, django_assert_num_queries
):
    make_article(headline="Harbour wall repaired")
    client.get("/")  # the sections menu read; the home page's stories chosen and kept

    make_article(headline="Ferry back on Friday", published_at=timezone.now())
    with django_assert_num_queries(0):  # chosen, and its cards rendered, when it committed
        response = client.get("/")
    assert "Ferry back on Friday" in response.text
