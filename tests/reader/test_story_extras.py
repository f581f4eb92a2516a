"""A story page's share links and its "Latest news" strip (issue 17)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from articles.models import Category
from tests.helpers.html import parse


@pytest.fixture
def story(make_article):
    harbour = Category.objects.create(name="Harbour", slug="harbour")
    return make_article(headline="Tolls & fares rise <again>", slug="tolls", category=harbour)


def share_links(response) -> dict[str, str]:
    share = parse(response.text).find("div", class_="share")
    return {link.get_text(): link["href"] for link in share.find_all("a")}


def test_share_links_carry_the_canonical_address_and_nothing_else(client, story):
    address = "http://testserver/harbour/tolls/"

    links = share_links(client.get(story.get_absolute_url() + "?utm_source=x"))

    assert set(links) == {"Email", "Facebook", "X", "LinkedIn", "Bluesky", "WhatsApp", "Copy link"}
    assert links["Copy link"] == address
    email = urlsplit(links["Email"])
    assert email.scheme == "mailto"
    assert parse_qs(email.query) == {
        "subject": ["Tolls & fares rise <again>"],
        "body": [f"Tolls & fares rise <again>\n\n{address}"],
    }
    assert parse_qs(urlsplit(links["Facebook"]).query) == {"u": [address]}
    assert parse_qs(urlsplit(links["X"]).query) == {
        "url": [address],
        "text": ["Tolls & fares rise <again>"],
    }
    assert parse_qs(urlsplit(links["LinkedIn"]).query) == {"url": [address]}
    for network in ["Bluesky", "WhatsApp"]:
        assert parse_qs(urlsplit(links[network]).query)["text"] == [
            f"Tolls & fares rise <again> {address}"
        ]
    assert not any("utm_" in href for href in links.values())


def test_story_page_loads_no_third_party_script(client, story):
    document = parse(client.get(story.get_absolute_url()).text)

    scripts = [s["src"] for s in document.find_all("script", src=True)]
    assert [src.split("/")[-1].split(".")[0] for src in scripts] == ["share"]
    assert all(src.startswith("/static/js/") for src in scripts)
    assert all(
        s.get("type") == "application/ld+json" for s in document.find_all("script", src=False)
    )


def test_latest_strip_shows_the_newest_other_stories(client, make_article, story):
    now = timezone.now()
    for n in range(7):  # Newer 0 is the newest
        make_article(headline=f"Newer {n}", published_at=now - timezone.timedelta(seconds=n))

    strip = parse(client.get(story.get_absolute_url()).text).find("nav", class_="latest-strip")

    headlines = [link.get_text() for link in strip.find_all("a")][1:]  # after its label
    assert headlines == [f"Newer {n}" for n in range(5)]


def test_latest_strip_follows_a_new_publication(client, make_article, story):
    page = story.get_absolute_url()
    assert "Ferry back on Friday" not in client.get(page).text

    make_article(headline="Ferry back on Friday")

    strip = parse(client.get(page).text).find("nav", class_="latest-strip")
    assert "Ferry back on Friday" in strip.get_text()
