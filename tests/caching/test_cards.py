"""Story cards rendered once and kept (issue 12, articles/caching/cards.py): listings fetch
their stories' cards instead of rendering them, byte for byte the same page, and every change
to what a card shows reaches the next listing. The page cache is off here (as in tests by
default): what is checked is the card, not the page around it. Run against the local-memory
cache, and Redis when REDIS_URL is set."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from articles.caching.store import move_tags
from articles.models import Article, Author, Byline, CaptionedImage, Category
from tests.helpers.html import page_of

LISTINGS = [
    "/",
    "/latest/",
    "/latest/?page=2",
    "/category/harbour/",
    "/tag/ferries/",
    "/author/anna-berg/",
    "/search/?q=ferry",
]


@pytest.fixture
def harbour(db):
    return Category.objects.create(name="Harbour", slug="harbour", position=1)


@pytest.fixture
def anna(make_author):
    return make_author(name="Anna Berg", slug="anna-berg")


@pytest.fixture
def stories(harbour, anna, make_author, make_article, make_image, committed):
    """25 stories (two pages of "Latest news"), with photos, two bylines with roles, tags."""
    photo = make_image(credit="Harbour Press/A. Lindqvist")
    cai = make_author(name="Cai Lund", slug="cai-lund")
    made = []
    for n in range(25):
        story = make_article(
            category=harbour,
            headline=f"Ferry timetable change {n} & more <b>",
            slug=f"ferry-{n}",
            standfirst="" if n % 4 == 0 else f"What changes on route {n}",
            authors=[anna, cai] if n % 2 else [anna],
            tags=["Ferries"],
            lead_image=photo if n % 3 else None,
        )
        made.append(story)
    with committed():
        with_role = Byline.objects.get(article=made[1], author=cai)
        with_role.role = Byline.Role.ADDITIONAL_REPORTING
        with_role.save()
    return made


def cards_of(response) -> list[str]:
    """Each card's visible text."""
    return [card.text for card in page_of(response).find_all("article", "card")]


def links_of(response) -> list[str]:
    return [link.attrs["href"] for link in page_of(response).find("main", None).find_all("a")]


@pytest.mark.parametrize("url", LISTINGS)
def test_a_listing_from_kept_cards_is_byte_for_byte_the_page_rendered_from_the_stories(
    client, stories, url
):
    kept = client.get(url)  # the cards were rendered when each story was saved
    assert kept.status_code == 200
    assert len(cards_of(kept)) in (5, 10, 16, 20)  # home: the latest 12 and a section's 4

    cache.clear()  # nothing kept: every card rendered from the stories, as before issue 12
    rendered = client.get(url)

    assert rendered.content == kept.content
    assert client.get(url).content == kept.content  # and kept again


def test_a_story_edited_shows_on_the_next_listing_with_its_card_rendered_at_the_commit(
    client, stories, committed, django_assert_num_queries
):
    client.get("/latest/")
    story = stories[0]  # the newest (make_article dates each story before the last)
    with committed():
        story.headline = "Ferry timetable restored"
        story.save()

    # The page's ids: no card rendered on the way, and no query for one; the count kept, since
    # no story joined or left the list (reader/views.py StoryPaginator); the menu and banner
    # still kept (the "Latest news" strip apart from them, caching/chrome.py).
    with django_assert_num_queries(1):
        response = client.get("/latest/")
    assert "Ferry timetable restored" in cards_of(response)[0]


@pytest.mark.parametrize(
    "change",
    ["author renamed", "section renamed", "photo credit", "byline added", "standfirst"],
)
def test_every_change_a_card_shows_reaches_the_next_listing(
    client, stories, anna, harbour, make_author, committed, change
):
    client.get("/latest/")
    newest = stories[0]
    with committed():
        if change == "author renamed":
            anna.name = "Anna Berg-Holm"
            anna.save()
        elif change == "section renamed":
            harbour.name = "Harbour & Coast"
            harbour.save()
        elif change == "photo credit":
            photo = stories[1].lead_image
            photo.credit = "Coastguard pool"
            photo.save()
        elif change == "byline added":
            Byline.objects.create(article=newest, author=make_author(name="Dee Moss"), position=5)
        else:
            newest.standfirst = "Sailings resume at dawn"
            newest.save()

    text = "".join(cards_of(client.get("/latest/")))
    expected = {
        "author renamed": "Anna Berg-Holm",
        "section renamed": "Harbour & Coast",
        "photo credit": "Photo: Coastguard pool",
        "byline added": "Dee Moss",
        "standfirst": "Sailings resume at dawn",
    }[change]
    assert expected in text


# (A story's own update() is seen: ArticleQuerySet reports it, tests/test_signals.py.)
@pytest.mark.parametrize("shown", ["author", "section", "photo"])
def test_a_kept_card_is_not_used_once_a_tag_it_shows_moved(
    client, stories, anna, harbour, committed, shown
):
    """Whatever else the commit did: here it moved only the tag of what changed."""
    newest = stories[1]  # by Anna and Cai, with a photo
    assert "By Anna Berg and Cai Lund" in cards_of(client.get("/latest/"))[1]
    renamed = {
        "author": (Author.objects.filter(pk=anna.pk), "name", f"author-{anna.pk}"),
        "section": (Category.objects.filter(pk=harbour.pk), "name", f"section-{harbour.pk}"),
        "photo": (CaptionedImage.objects.filter(pk=newest.lead_image_id), "credit", None),
    }
    rows, field, tag = renamed[shown]
    rows.update(**{field: "Zed Quist"})  # no signal: nothing moves by itself
    assert "Zed Quist" not in cards_of(client.get("/latest/"))[1]  # kept, as it should be

    move_tags({tag or f"photo-{newest.lead_image_id}"})
    assert "Zed Quist" in cards_of(client.get("/latest/"))[1]


def test_a_story_unpublished_or_trashed_leaves_the_listing_at_once(client, stories, committed):
    newest, second = stories[0], stories[1]
    client.get("/latest/")
    with committed():
        newest.status = Article.Status.DRAFT
        newest.save()
        second.trashed_at = timezone.now()
        second.save()

    response = client.get("/latest/")
    assert newest.headline not in " ".join(cards_of(response))
    assert second.headline not in " ".join(cards_of(response))
    assert newest.get_absolute_url() not in links_of(response)
    assert second.get_absolute_url() not in links_of(response)
    assert stories[2].get_absolute_url() in links_of(response)


def test_a_card_changed_in_an_open_transaction_is_shown_to_it_and_never_kept(client, stories):
    newest = stories[0]
    client.get("/latest/")
    with pytest.raises(RuntimeError), transaction.atomic():
        newest.headline = "Never saved"
        newest.save()
        assert "Never saved" in cards_of(client.get("/latest/"))[0]  # it sees its own change
        raise RuntimeError

    assert "Never saved" not in "".join(cards_of(client.get("/latest/")))


# Feed items, kept the same way ------------------------------------------------------------------

FEEDS = [
    "/feed/",
    "/feed/atom/",
    "/category/harbour/feed/",
    "/author/anna-berg/feed/atom/",
    "/tag/ferries/feed/",
]


@pytest.mark.parametrize("url", FEEDS)
def test_a_feed_from_kept_items_is_byte_for_byte_the_feed_made_from_the_stories(
    client, stories, django_assert_max_num_queries, url
):
    made = client.get(url)  # nothing kept yet: every item made from its story, and kept
    assert made.status_code == 200
    assert made.content.count(b"Ferry timetable change") >= 25

    # Which stories, and the section, author or tag the feed is of: no item made again.
    with django_assert_max_num_queries(2):
        kept = client.get(url)
    assert kept.content == made.content


@pytest.mark.parametrize("change", ["headline", "author renamed", "photo credit", "tag renamed"])
def test_every_change_a_feed_item_shows_reaches_the_next_feed(
    client, stories, anna, committed, change
):
    client.get("/feed/")
    newest = stories[0]
    with committed():
        if change == "headline":
            newest.headline = "Sailings resume at dawn"
            newest.save()
        elif change == "author renamed":
            anna.name = "Sailings resume-Holm"
            anna.save()
        elif change == "photo credit":
            photo = stories[1].lead_image
            photo.credit = "Sailings resume pool"
            photo.save()
        else:
            tag = newest.tags.get()
            tag.name = "Sailings resume"
            tag.save()

    assert b"Sailings resume" in client.get("/feed/").content


# Which stories the home page shows, kept too ------------------------------------------------------


def test_the_home_page_asks_no_query_while_nothing_it_lists_changed(
    client, stories, django_assert_num_queries
):
    first = client.get("/")
    with django_assert_num_queries(0):
        assert client.get("/").content == first.content


def test_a_story_scheduled_or_a_pin_running_out_changes_the_home_page_on_time(
    client, clock, harbour, stories, make_article
):
    from datetime import timedelta

    make_article(
        category=harbour,
        headline="Harbour reopens",
        slug="harbour-reopens",
        is_pinned=True,
        pinned_until=clock.now + timedelta(minutes=5),
        published_at=clock.now - timedelta(days=2),
    )
    make_article(
        category=harbour,
        headline="Storm warning",
        slug="storm-warning",
        published_at=clock.now + timedelta(minutes=10),
    )
    lead = page_of(client.get("/")).find("article", "lead")
    assert "Harbour reopens" in lead.text

    clock.advance(minutes=5)  # the pin runs out: the newest story leads
    lead = page_of(client.get("/")).find("article", "lead")
    assert "Ferry timetable change 0" in lead.text

    clock.advance(minutes=5)  # the scheduled story goes live, and leads
    lead = page_of(client.get("/")).find("article", "lead")
    assert "Storm warning" in lead.text


def test_a_feed_keeps_each_item_as_it_writes_it_rss_or_atom(
    client, stories, django_assert_num_queries
):
    rss = client.get("/feed/")
    with django_assert_num_queries(1):  # which stories: every item's XML is kept
        assert client.get("/feed/").content == rss.content

    atom = client.get("/feed/atom/")  # the same stories, written as Atom: not RSS's items
    assert atom.content.count(b"<entry>") == 25
    assert b"<item>" not in atom.content
    assert client.get("/feed/atom/").content == atom.content


@pytest.mark.parametrize("change", ["author renamed", "headline", "standfirst"])
def test_a_search_result_shows_every_change_to_its_story(client, stories, anna, committed, change):
    client.get("/search/?q=timetable")  # the results' cards made and kept
    newest = stories[0]
    with committed():
        if change == "author renamed":
            anna.name = "Anna Timetable-Holm"
            anna.save()
        elif change == "headline":
            newest.headline = "Ferry timetable restored"
            newest.save()
        else:
            newest.standfirst = "Sailings resume at dawn"
            newest.save()

    results = cards_of(client.get("/search/?q=timetable"))
    expected = {
        "author renamed": "Anna Timetable-Holm",
        "headline": "Ferry timetable restored",
        "standfirst": "Sailings resume at dawn",
    }[change]
    assert expected in "".join(results)
