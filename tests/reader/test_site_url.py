"""One origin (issue 17, point 4): with NEWSROOM_SITE_URL set, every absolute URL readers,
crawlers and feeds see is built on it, whatever the request's Host and scheme; a request under
another allowed host name is redirected there. Feed GUIDs never follow the request's host, set or
not: one story is one item in feed readers, under any host name and slug."""

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import feedparser
import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from articles.models import Category

SITE = "https://news.example.com"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = ["news.example.com", "www.example.com", "testserver"]
    return SITE


@pytest.fixture
def story(make_article, make_author, make_image):
    harbour = Category.objects.create(name="Harbour", slug="harbour")
    return make_article(
        headline="Ferry timetable changes",
        slug="ferry-timetable",
        category=harbour,
        authors=[make_author(name="Ada Quill", slug="ada")],
        tags=["ferries"],
        lead_image=make_image(),
    )


def get(client, url):
    """`url` asked for over plain HTTP under the site's own host name (as a proxy in front of
    the app may): only the setting says https."""
    response = client.get(url, HTTP_HOST="news.example.com")
    assert response.status_code == 200, url
    return response


def absolute_urls(text: str) -> list[str]:
    return re.findall(r"https?://[^\s\"'<>]+", text)


@pytest.mark.parametrize(
    "url",
    ["/", "/latest/", "/harbour/ferry-timetable/", "/category/harbour/", "/author/ada/"],
)
def test_pages_build_every_absolute_url_on_the_site_url(client, site_url, story, url):
    page = get(client, url).text

    assert f'<link rel="canonical" href="{SITE}{url}">' in page
    assert f'<meta property="og:url" content="{SITE}{url}">' in page
    # The site's own addresses (a share link is another site's, e.g. facebook.com/...?u=...).
    own = [
        found for found in absolute_urls(page) if urlsplit(found).hostname.endswith("example.com")
    ]
    assert own
    assert all(found.startswith(SITE + "/") for found in own), own
    assert "http://news.example.com" not in page


def test_feeds_build_links_and_enclosures_on_the_site_url(client, site_url, story):
    for name in ("articles:feed", "articles:feed_atom"):
        feed = feedparser.parse(get(client, reverse(name)).content)
        [entry] = feed.entries

        assert feed.feed.link == f"{SITE}/"
        assert entry.link == f"{SITE}/harbour/ferry-timetable/"
        assert all(link.href.startswith(SITE + "/") for link in entry.links)
        assert entry.id.startswith("tag:news.example.com,")


def guid(client, name, host):
    response = client.get(reverse(name), HTTP_HOST=host)
    assert response.status_code == 200, host
    return feedparser.parse(response.content).entries[0].id


def test_feed_guid_survives_a_new_slug(client, site_url, story):
    before = guid(client, "articles:feed", "news.example.com")
    story.slug = "ferry-timetable-monday"
    story.save()

    assert guid(client, "articles:feed", "news.example.com") == before
    assert before.startswith("tag:news.example.com,")


@pytest.mark.parametrize("name", ["articles:feed", "articles:feed_atom"])
def test_feed_guid_is_the_same_under_every_allowed_host(client, story, settings, name):
    # `make run` on a laptop (no NEWSROOM_SITE_URL): each page follows its request, the GUIDs not.
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
    first = story.first_published_at

    guids = {guid(client, name, host) for host in ("localhost", "127.0.0.1", "testserver")}

    assert guids == {f"tag:localhost,{first:%Y-%m-%d}:story/{story.pk}"}


@pytest.mark.parametrize(
    ("allowed", "domain"),
    [
        (["*", ".example.com", "News.Example.org", "testserver"], "news.example.org"),
        (["*"], "localhost"),
    ],
)
def test_feed_guid_takes_the_first_allowed_host_that_is_not_a_pattern(
    client, story, settings, allowed, domain
):
    settings.ALLOWED_HOSTS = allowed

    assert guid(client, "articles:feed", "testserver").startswith(f"tag:{domain},")


def test_sitemaps_and_robots_txt_name_the_site_url(client, site_url, story):
    index = ET.fromstring(get(client, reverse("articles:sitemap")).content)
    stories_url = reverse("articles:sitemap_section", kwargs={"section": "stories"})
    stories = ET.fromstring(get(client, stories_url).content)
    robots = get(client, "/robots.txt").text

    assert [loc.text for loc in index.iter(f"{SITEMAP}loc")][1] == f"{SITE}{stories_url}"
    assert [loc.text for loc in stories.iter(f"{SITEMAP}loc")] == [
        f"{SITE}/harbour/ferry-timetable/"
    ]
    assert f"Sitemap: {SITE}/sitemap.xml" in robots


def test_another_allowed_host_is_redirected_to_the_site_url(client, site_url, story):
    response = client.get("/harbour/ferry-timetable/?utm=x", HTTP_HOST="www.example.com")

    assert response.status_code == 301
    assert response["Location"] == f"{SITE}/harbour/ferry-timetable/?utm=x"


@pytest.mark.parametrize("name", ["articles:healthz", "articles:readyz"])
def test_health_checks_answer_under_another_allowed_host(db, client, site_url, name):
    # A load balancer calls them under its own host name, and takes a 301 for a failure.
    response = client.get(reverse(name), HTTP_HOST="www.example.com")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_a_path_that_only_starts_like_a_health_check_is_still_redirected(client, site_url):
    response = client.get("/healthz/extra", HTTP_HOST="www.example.com")

    assert response.status_code == 301


def test_without_a_site_url_nothing_is_redirected_and_urls_follow_the_request(client, story):
    assert django_settings.SITE_URL == ""
    page = client.get("/harbour/ferry-timetable/").text

    assert '<link rel="canonical" href="http://testserver/harbour/ferry-timetable/">' in page


@pytest.mark.parametrize(
    "value", ["news.example.com", "https://news.example.com/news", "ftp://news.example.com"]
)
def test_a_site_url_that_is_not_an_origin_stops_the_start(value):
    environment = os.environ | {"NEWSROOM_SITE_URL": value, "DJANGO_DEBUG": "1"}
    run = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=environment | {"DJANGO_SETTINGS_MODULE": "newsroom.settings"},
        capture_output=True,
        text=True,
        check=False,
    )

    assert run.returncode != 0
    assert "NEWSROOM_SITE_URL must be an origin" in run.stderr
