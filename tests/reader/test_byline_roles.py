"""Byline roles (issue 17): writers are a story's authors, photographers and translators its
contributors, in JSON-LD, RSS and Atom alike; readers see the credit as before."""

import importlib
import json

import feedparser
import pytest
from django.apps import apps
from django.urls import reverse

from articles.models import Byline, Category
from tests.helpers.html import page_of, parse

role_migration = importlib.import_module("articles.migrations.0013_byline_role_vocabulary")


@pytest.fixture
def story(make_article, make_author, make_image):
    """A story written by Ada (reporting) and Bo, with photos by Cy and a translation by Di."""
    people = [
        make_author(name=name, slug=name.split()[0].lower())
        for name in ["Ada Quill", "Bo Lind", "Cy Okafor", "Di Marsh"]
    ]
    story = make_article(
        headline="Ferry timetable changes on Monday",
        category=Category.objects.create(name="Harbour", slug="harbour"),
        authors=people,
        lead_image=make_image(),
    )
    roles = [Byline.Role.REPORTING, Byline.Role.BY, Byline.Role.PHOTOS, Byline.Role.TRANSLATION]
    for author, role in zip(people, roles, strict=True):
        Byline.objects.filter(article=story, author=author).update(role=role)
    return story


def news_article(response):
    scripts = parse(response.text).find_all("script", type="application/ld+json")
    [data] = [d for d in (json.loads(s.get_text()) for s in scripts) if d["@type"] == "NewsArticle"]
    return data


def test_byline_shows_each_credit_to_readers_as_before(client, story):
    byline = page_of(client.get(story.get_absolute_url())).find("p", "byline")

    assert byline.text == (
        "By Ada Quill (Reporting), Bo Lind, Cy Okafor (Photos) and Di Marsh (Translation)"
    )


def test_json_ld_lists_writers_as_authors_and_the_others_as_contributors(client, story):
    data = news_article(client.get(story.get_absolute_url()))

    assert [person["name"] for person in data["author"]] == ["Ada Quill", "Bo Lind"]
    assert [person["name"] for person in data["contributor"]] == ["Cy Okafor", "Di Marsh"]
    assert data["contributor"][0] == {
        "@type": "Person",
        "name": "Cy Okafor",
        "url": "http://testserver/author/cy/",
    }


def test_open_graph_authors_are_the_writers(client, story):
    document = parse(client.get(story.get_absolute_url()).text)

    authors = [meta["content"] for meta in document.find_all("meta", property="article:author")]
    assert authors == ["http://testserver/author/ada/", "http://testserver/author/bo/"]


def test_json_ld_of_a_story_credited_only_to_a_photographer_names_the_publication(
    client, make_article, make_author
):
    story = make_article(authors=[make_author(name="Cy Okafor")])
    Byline.objects.filter(article=story).update(role=Byline.Role.PHOTOS)

    data = news_article(client.get(story.get_absolute_url()))

    assert data["author"] == [data["publisher"]]
    assert data["author"][0]["@type"] == "Organization"
    assert [person["name"] for person in data["contributor"]] == ["Cy Okafor"]


def test_rss_creators_are_the_writers_only(client, story):
    feed = feedparser.parse(client.get(reverse("articles:feed")).content)

    [entry] = feed.entries
    assert feed.bozo == 0
    assert [author.name for author in entry.authors] == ["Ada Quill", "Bo Lind"]
    assert [person.name for person in entry.contributors] == ["Cy Okafor", "Di Marsh"]


def test_atom_authors_are_the_writers_and_contributors_the_others(client, story):
    feed = feedparser.parse(client.get(reverse("articles:feed_atom")).content)

    [entry] = feed.entries
    assert feed.bozo == 0
    assert [(a.name, a.href) for a in entry.authors] == [
        ("Ada Quill", "http://testserver/author/ada/"),
        ("Bo Lind", "http://testserver/author/bo/"),
    ]
    assert [(c.name, c.href) for c in entry.contributors] == [
        ("Cy Okafor", "http://testserver/author/cy/"),
        ("Di Marsh", "http://testserver/author/di/"),
    ]


def test_admin_byline_inline_offers_the_vocabulary(admin_client, story):
    response = admin_client.get(reverse("admin:articles_article_change", args=[story.pk]))

    select = parse(response.text).find("select", attrs={"name": "bylines-0-role"})
    options = [(option["value"], option.get_text()) for option in select.find_all("option")]
    assert options == [
        ("by", "By"),
        ("reporting", "Reporting"),
        ("analysis", "Analysis"),
        ("additional_reporting", "Additional reporting"),
        ("photos", "Photos"),
        ("video", "Video"),
        ("graphics", "Graphics"),
        ("translation", "Translation"),
    ]


def test_migration_maps_free_text_roles_and_lists_the_unknown_ones(
    make_article, make_author, capsys
):
    texts = ["", "Photos", "photography", "Additional Reporting", "by", "Video", "Sub-editing"]
    stories = [make_article(authors=[make_author()]) for _ in texts]
    for story, text in zip(stories, texts, strict=True):
        Byline.objects.filter(article=story).update(role=text)  # free text, as before 0013

    role_migration.to_vocabulary(apps, None)

    roles = [Byline.objects.get(article=story).role for story in stories]
    assert roles == ["by", "photos", "photos", "additional_reporting", "by", "video", "by"]
    printed = capsys.readouterr().out
    assert f"'Sub-editing' on stories {stories[-1].pk}" in printed
    assert "Photos" not in printed


def test_revision_from_before_the_vocabulary_restores_its_roles():
    assert Byline.Role.from_text("Photographs") == Byline.Role.PHOTOS
    assert Byline.Role.from_text("  additional   reporting ") == Byline.Role.ADDITIONAL_REPORTING
    assert Byline.Role.from_text("Translated by") == Byline.Role.TRANSLATION
    assert Byline.Role.from_text("Sub-editing") is None
