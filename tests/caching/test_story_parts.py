"""A story page's parts rendered once and kept (issue 12, articles/caching/story.py): a reader
gets the story page without a query and byte for byte the page rendered from the story, and
every change to what the page shows reaches the next reader. The page cache is off here (as in
tests by default): what is checked is the kept parts, not the page around them. Run against the
local-memory cache, and Redis when REDIS_URL is set."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from articles.caching import latest_news
from articles.models import Article, Byline, Category, Correction
from tests.helpers.html import page_of

URL = "/harbour/ferry-timetable/"
# Those sharing its tags first, then the newest of its section.
RELATED = ["Older harbour story 0", "Older harbour story 1", "Older harbour story 2"]


@pytest.fixture
def harbour(db):
    return Category.objects.create(name="Harbour", slug="harbour", position=1)


@pytest.fixture
def anna(make_author):
    return make_author(name="Anna Berg", slug="anna-berg")


@pytest.fixture
def others(harbour, make_article):
    """Three older stories of the section, two of them on the same topic: related stories."""
    return [
        make_article(
            category=harbour,
            headline=f"Older harbour story {n}",
            slug=f"older-{n}",
            tags=["Ferries"] if n < 2 else [],
            published_at=timezone.now() - timedelta(days=n + 1),
        )
        for n in range(3)
    ]


@pytest.fixture
def story(harbour, anna, others, make_author, make_article, make_image, committed):
    """A story with everything its page shows: a photo, two bylines (one with a role), tags,
    a correction, related stories."""
    cai = make_author(name="Cai Lund", slug="cai-lund")
    made = make_article(
        category=harbour,
        headline="Ferry timetable changes & more <b>",
        slug="ferry-timetable",
        standfirst="What changes on the island routes",
        body="<p>Sailings move to the half hour.</p>",
        authors=[anna, cai],
        tags=["Ferries", "Islands"],
        lead_image=make_image(caption="The morning ferry leaves.", credit="Harbour Press"),
    )
    with committed():
        with_role = Byline.objects.get(article=made, author=cai)
        with_role.role = Byline.Role.ADDITIONAL_REPORTING
        with_role.save()
        Correction.objects.create(article=made, text="An earlier version gave the wrong pier.")
    return made


def related_of(response) -> list[str]:
    section = page_of(response).find("section", "related")
    return [item.text for item in section.find_all("h3", "related__headline")]


def test_a_kept_story_page_is_byte_for_byte_the_page_rendered_from_the_story(client, story):
    first = client.get(URL)  # rendered from the story, and kept
    assert first.status_code == 200
    text = page_of(first).text
    for shown in (
        "Ferry timetable changes & more <b>",
        "By Anna Berg",
        "Cai Lund",
        "The morning ferry leaves.",
        "Harbour Press",
        "An earlier version gave the wrong pier.",
        "Islands",
    ):
        assert shown in text
    assert related_of(first) == RELATED

    kept = client.get(URL)
    cache.clear()  # nothing kept: the page rendered from the story, as before issue 12
    rendered = client.get(URL)

    assert kept.content == first.content
    assert rendered.content == first.content


def test_a_kept_story_page_asks_no_query(client, story, django_assert_num_queries):
    first = client.get(URL)
    with django_assert_num_queries(0):
        assert client.get(URL).content == first.content


@pytest.mark.parametrize(
    "change",
    [
        "headline",
        "body",
        "author renamed",
        "section renamed",
        "photo caption",
        "photo credit",
        "tag renamed",
        "correction added",
        "byline added",
        "byline removed",
    ],
)
def test_every_change_the_story_page_shows_reaches_the_next_reader(
    client, story, anna, harbour, make_author, committed, change
):
    before = client.get(URL).text
    with committed():
        if change == "headline":
            story.headline = "Timetable restored"
            story.save()
        elif change == "body":
            story.body = "<p>Timetable restored for the winter.</p>"
            story.save()
        elif change == "author renamed":
            anna.name = "Anna Timetable restored"
            anna.save()
        elif change == "section renamed":
            harbour.name = "Timetable restored"
            harbour.save()
        elif change in ("photo caption", "photo credit"):
            photo = story.lead_image
            setattr(photo, change.split()[1], "Timetable restored")
            photo.save()
        elif change == "tag renamed":
            tag = story.tags.get(name="Islands")
            tag.name = "Timetable restored"
            tag.save()
        elif change == "correction added":
            Correction.objects.create(article=story, text="Timetable restored, not cut.")
        elif change == "byline added":
            Byline.objects.create(
                article=story, author=make_author(name="Timetable Restored"), position=5
            )
        else:
            Byline.objects.filter(article=story, author=anna).delete()

    after = client.get(URL).text
    if change == "byline removed":
        assert "Anna Berg" in before
        assert "Anna Berg" not in page_of(client.get(URL)).find("article", "story").text
    else:
        assert "Timetable restored" not in before
        assert "Timetable restored" in after.replace("Timetable Restored", "Timetable restored")


@pytest.mark.parametrize("how", ["unpublished", "trashed"])
def test_a_story_unpublished_or_trashed_is_gone_at_once(client, story, committed, how):
    assert client.get(URL).status_code == 200
    with committed():
        if how == "unpublished":
            story.status = Article.Status.DRAFT
        else:
            story.trashed_at = timezone.now()
        story.save()

    assert client.get(URL).status_code == 404


def test_a_story_whose_address_changed_moves_there_from_its_kept_page(
    client, story, committed, make_article
):
    assert client.get(URL).status_code == 200
    news = Category.objects.create(name="Island news", slug="islands", position=2)
    with committed():
        story.slug = "winter-timetable"
        story.save()

    response = client.get(URL)
    assert response.status_code == 301
    assert response["Location"] == "/harbour/winter-timetable/"

    with committed():
        story.category = news
        story.save()
    response = client.get("/harbour/winter-timetable/")
    assert response.status_code == 301
    assert response["Location"] == "/islands/winter-timetable/"
    assert "Ferry timetable changes" in client.get("/islands/winter-timetable/").text


def test_a_story_published_in_its_section_is_chosen_as_related_and_nothing_else_is_rendered(
    client, story, harbour, make_article, django_assert_num_queries
):
    assert "Storm closes the pier" not in related_of(client.get(URL))
    make_article(category=harbour, headline="Storm closes the pier", slug="storm", tags=["Ferries"])

    # The story's own parts are still current: one query for its related stories, and one for
    # its "Latest news" strip; the menu and banner are still kept (caching/chrome.py).
    with django_assert_num_queries(2):
        response = client.get(URL)
    assert "Storm closes the pier" in related_of(response)


def test_a_related_story_edited_shows_under_the_story_at_once(client, story, others, committed):
    assert "Older harbour story 0" in related_of(client.get(URL))
    with committed():
        others[0].headline = "Older harbour story, corrected"
        others[0].save()

    shown = related_of(client.get(URL))
    assert "Older harbour story, corrected" in shown
    assert "Older harbour story 0" not in shown

    with committed():
        others[0].status = Article.Status.DRAFT
        others[0].save()
    assert "Older harbour story, corrected" not in related_of(client.get(URL))


def test_a_story_changed_in_an_open_transaction_is_shown_to_it_and_never_kept(client, story):
    client.get(URL)
    with pytest.raises(RuntimeError), transaction.atomic():
        story.headline = "Never saved"
        story.save()
        assert "Never saved" in client.get(URL).text  # it sees its own change
        raise RuntimeError

    assert "Never saved" not in client.get(URL).text
    assert "Ferry timetable changes" in client.get(URL).text


def test_a_scheduled_story_seen_by_the_newsroom_is_never_kept_for_readers(
    client, clock, harbour, make_article, make_user
):
    make_article(
        category=harbour,
        headline="Storm warning",
        slug="storm-warning",
        published_at=clock.now + timedelta(minutes=10),
    )
    client.force_login(make_user("Editor"))
    seen = client.get("/harbour/storm-warning/")
    assert seen.status_code == 200
    assert "Scheduled for" in page_of(seen).find("div", "notice--preview").text
    assert "private" in seen["Cache-Control"]

    client.logout()
    assert client.get("/harbour/storm-warning/").status_code == 404

    clock.advance(minutes=10)  # published: readers see it, without the newsroom's banner
    published = client.get("/harbour/storm-warning/")
    assert published.status_code == 200
    assert "notice--preview" not in published.text


def test_a_published_story_is_the_same_page_for_the_newsroom_and_for_readers(
    client, story, make_user
):
    read = client.get(URL)
    client.force_login(make_user("Editor"))
    seen = client.get(URL)  # from the parts a reader's visit kept
    assert "notice--preview" not in seen.text
    article = page_of(seen).find("article", "story").text
    assert article == page_of(read).find("article", "story").text


def test_with_a_site_url_a_saved_story_is_rendered_at_the_commit(
    client, story, settings, committed, django_assert_num_queries
):
    settings.SITE_URL = "https://news.example.com"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "news.example.com"]
    site = {"HTTP_HOST": "news.example.com", "secure": True}
    client.get("/latest/", **site)  # the menu and banner, read once
    with committed():
        story.headline = "Timetable restored"
        story.save()
    latest_news()  # the "Latest news" strip again: it shows the story (caching/chrome.py)

    with django_assert_num_queries(0):  # rendered and kept when the save committed
        kept = client.get(URL, **site)
    assert "Timetable restored" in kept.text
    assert 'href="https://news.example.com/harbour/ferry-timetable/"' in kept.text

    cache.clear()
    assert client.get(URL, **site).content == kept.content


def test_each_origin_gets_its_own_links_without_a_site_url(client, story, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "news.example.com"]
    here = client.get(URL)
    there = client.get(URL, HTTP_HOST="news.example.com")

    assert 'href="http://testserver/harbour/ferry-timetable/"' in here.text
    assert 'href="http://news.example.com/harbour/ferry-timetable/"' in there.text
    assert "testserver" not in there.text
