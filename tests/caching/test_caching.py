"""Caching that is never stale (issue 6): the page cache, HTTP caching headers and CDN purges.

Each change a reader could see is made the way the newsroom makes it, then the next anonymous
request must show it. Run against the local-memory cache by default and against Redis when
REDIS_URL is set (CI does both).
"""

import gzip
import logging
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.editing import workflow
from articles.models import Article, Byline, Category, Correction
from tests.helpers.html import page_of

EVERY_SECTION = "/category/harbour/"


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE = True
    return settings


@pytest.fixture
def harbour(db):
    return Category.objects.create(name="Harbour", slug="harbour", position=1)


@pytest.fixture
def story(harbour, make_article, make_author, make_image):
    return make_article(
        category=harbour,
        headline="Night ferry returns",
        slug="night-ferry-returns",
        authors=[make_author(name="Anna Berg", slug="anna-berg")],
        tags=["Ferries"],
        lead_image=make_image(caption="The ferry at dawn."),
    )


# The page cache --------------------------------------------------------------------------------


def test_page_cache_serves_the_second_visit_without_queries(
    client, page_cache, story, django_assert_num_queries
):
    first = client.get(story.get_absolute_url())

    with django_assert_num_queries(0):
        second = client.get(story.get_absolute_url())

    assert second.status_code == 200
    assert second.content == first.content


def test_page_cache_keeps_pages_of_a_listing_apart(client, page_cache, harbour, make_article):
    for n in range(21):
        make_article(category=harbour, headline=f"Story {n}")

    client.get("/latest/")
    page_two = client.get("/latest/", {"page": "2"})

    assert "Story 20" in page_two.text
    assert "Story 0" not in page_two.text


def test_page_cache_is_bypassed_by_signed_in_editors(admin_client, client, page_cache, story):
    draft = story
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.DRAFT)
    draft_url = draft.get_absolute_url()

    editor = admin_client.get(draft_url)
    reader = client.get(draft_url)

    assert editor.status_code == 200
    assert "notice--preview" in editor.text
    assert set(editor["Cache-Control"].split(", ")) == {"private", "no-store"}
    assert reader.status_code == 404


def test_junk_pages_are_not_cached(client, page_cache, story):
    assert client.get("/latest/", {"page": "99"}).status_code == 404
    assert client.get("/latest/", {"page": "99"}).status_code == 404


# Every kind of change shows on the next request ------------------------------------------------


def visit(client, *urls):
    """Fill the cache with these pages."""
    for url in urls:
        assert client.get(url).status_code == 200


def test_publishing_a_story_shows_it_at_once(client, page_cache, harbour, story, make_article):
    draft = make_article(category=harbour, headline="Harbour wall rebuilt", status="draft")
    visit(client, "/", "/latest/", EVERY_SECTION)

    draft.status = Article.Status.PUBLISHED
    draft.published_at = timezone.now()
    draft.save()

    for url in ["/", "/latest/", EVERY_SECTION]:
        assert "Harbour wall rebuilt" in client.get(url).text, url
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_editing_a_headline_shows_everywhere(client, page_cache, story):
    visit(client, story.get_absolute_url(), "/latest/", "/feed/", "/author/anna-berg/")

    story.headline = "Night ferry returns early"
    story.save()

    for url in [story.get_absolute_url(), "/latest/", "/feed/", "/author/anna-berg/"]:
        assert "Night ferry returns early" in client.get(url).text, url


def test_unpublishing_a_story_takes_it_down(client, page_cache, story):
    visit(client, story.get_absolute_url(), "/latest/")

    story.status = Article.Status.DRAFT
    story.save()

    assert client.get(story.get_absolute_url()).status_code == 404
    assert "Night ferry returns" not in client.get("/latest/").text


def test_deleting_a_story_takes_it_down(client, page_cache, story):
    visit(client, story.get_absolute_url(), "/latest/")

    story.delete()

    assert client.get(story.get_absolute_url()).status_code == 404
    assert "Night ferry returns" not in client.get("/latest/").text


def test_a_correction_shows_on_the_story_and_the_corrections_page(client, page_cache, story):
    visit(client, story.get_absolute_url(), "/corrections/")

    Correction.objects.create(article=story, text="An earlier version gave the wrong pier.")

    assert "the wrong pier" in client.get(story.get_absolute_url()).text
    assert "the wrong pier" in client.get("/corrections/").text


def test_trashing_and_restoring_a_story_show_at_once(client, page_cache, story, admin_user):
    visit(client, story.get_absolute_url(), "/latest/")

    workflow.move_to_trash(story, admin_user)
    assert client.get(story.get_absolute_url()).status_code == 404
    assert "Night ferry returns" not in client.get("/latest/").text

    workflow.restore_from_trash(story, admin_user)
    assert client.get(story.get_absolute_url()).status_code == 200
    assert "Night ferry returns" in client.get("/latest/").text


def test_renaming_an_author_shows_on_their_stories(client, page_cache, story):
    visit(client, story.get_absolute_url())

    author = story.authors.get()
    author.name = "Anna Berg-Lind"
    author.save()

    assert "Anna Berg-Lind" in client.get(story.get_absolute_url()).text


def test_renaming_a_section_in_the_admin_shows_on_every_page(
    admin_client, client, page_cache, story, harbour
):
    visit(client, "/", story.get_absolute_url(), "/author/anna-berg/")

    form = {"name": "Waterfront", "slug": "harbour", "description": "", "position": 1}
    response = admin_client.post(reverse("admin:articles_category_change", args=[harbour.pk]), form)
    assert response.status_code == 302

    for url in ["/", story.get_absolute_url(), "/author/anna-berg/"]:
        nav = page_of(client.get(url)).find_all("nav")[0]
        assert "Waterfront" in nav.text, url


def test_changing_a_photo_caption_shows_on_the_story(client, page_cache, story):
    visit(client, story.get_absolute_url())

    photo = story.lead_image
    photo.caption = "The ferry leaves at dawn."
    photo.save()

    assert "The ferry leaves at dawn." in client.get(story.get_absolute_url()).text


def test_tagging_a_story_shows_on_it_and_on_the_tag_page(client, page_cache, story):
    visit(client, story.get_absolute_url())

    story.tags.add("Island life")

    assert "Island life" in client.get(story.get_absolute_url()).text
    assert "Night ferry returns" in client.get("/tag/island-life/").text


def test_adding_a_byline_shows_on_the_story(client, page_cache, story, make_author):
    visit(client, story.get_absolute_url(), "/latest/")

    Byline.objects.create(article=story, author=make_author(name="Zadie Quinn"), position=1)

    assert "Zadie Quinn" in client.get(story.get_absolute_url()).text
    assert "Zadie Quinn" in client.get("/latest/").text


def test_sitemaps_list_a_new_story_at_once(client, page_cache, harbour, story, make_article):
    visit(client, "/sitemap-stories.xml")

    late = make_article(category=harbour, headline="Late news", slug="late-news")

    assert late.get_absolute_url() in client.get("/sitemap-stories.xml").text


def test_a_bulk_update_shows_at_once(client, page_cache, story):
    visit(client, "/")

    # As the admin's "Mark as breaking news" action does it: QuerySet.update(), no save().
    Article.objects.filter(pk=story.pk).update(is_breaking=True)

    banner = page_of(client.get("/")).find("div", "breaking")
    assert "Night ferry returns" in banner.text


# Scheduled stories ----------------------------------------------------------------------------


def test_a_scheduled_story_appears_on_time_with_the_cache_on(
    client, page_cache, clock, harbour, story, make_article
):
    make_article(
        category=harbour,
        headline="Budget day",
        slug="budget-day",
        published_at=clock.now + timedelta(minutes=30),
    )
    early = client.get("/latest/")
    assert "Budget day" not in early.text

    clock.advance(minutes=29, seconds=59)
    assert "Budget day" not in client.get("/latest/").text

    clock.advance(seconds=1)
    assert "Budget day" in client.get("/latest/").text
    assert client.get("/harbour/budget-day/").status_code == 200


def test_cache_lifetimes_end_at_the_next_scheduled_publication(
    client, page_cache, clock, harbour, story, make_article
):
    page_cache.CACHE_MAX_AGE = 60
    make_article(category=harbour, published_at=clock.now + timedelta(seconds=45))

    control = client.get("/latest/")["Cache-Control"]

    assert "max-age=45" in control
    assert "s-maxage=45" in control
    assert "stale-while-revalidate=0" in control


def test_a_breaking_banner_leaves_on_time_with_the_cache_on(client, page_cache, clock, story):
    Article.objects.filter(pk=story.pk).update(
        is_breaking=True, breaking_until=clock.now + timedelta(hours=1)
    )
    assert page_of(client.get("/latest/")).find_all("div", "breaking")

    clock.advance(hours=1)

    assert not page_of(client.get("/latest/")).find_all("div", "breaking")


def test_an_expiring_pin_hands_the_lead_back_on_time(
    client, page_cache, clock, harbour, make_article
):
    make_article(category=harbour, headline="Newest story")
    make_article(
        category=harbour,
        headline="Pinned feature",
        is_pinned=True,
        pinned_until=clock.now + timedelta(hours=2),
        published_at=clock.now - timedelta(days=2),
    )
    assert page_of(client.get("/")).find("h3", "lead__headline").text == "Pinned feature"

    clock.advance(hours=2)

    lead = page_of(client.get("/")).find("article", "lead")
    assert "Newest story" in lead.text


# HTTP caching ---------------------------------------------------------------------------------


@pytest.mark.parametrize("cached", [False, True], ids=["page-cache-off", "page-cache-on"])
@pytest.mark.parametrize("url", ["/harbour/night-ferry-returns/", "/feed/", "/latest/"])
def test_reader_pages_answer_304_to_a_matching_etag(client, settings, story, url, cached):
    settings.PAGE_CACHE = cached
    first = client.get(url)

    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200
    assert again.status_code == 304
    assert again.content == b""


def test_story_page_etag_changes_when_the_story_does(client, page_cache, story):
    etag = client.get(story.get_absolute_url())["ETag"]

    story.standfirst = "Two crossings a night from Friday."
    story.save()
    response = client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert response["ETag"] != etag


def test_feeds_carry_last_modified_and_honour_if_modified_since(client, page_cache, story):
    first = client.get("/feed/")

    again = client.get("/feed/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert again.status_code == 304


def test_reader_pages_tell_a_cdn_how_long_to_keep_them(client, page_cache, settings, story):
    settings.CACHE_MAX_AGE, settings.CACHE_S_MAXAGE, settings.CACHE_STALE_WHILE_REVALIDATE = (
        60,
        300,
        30,
    )
    response = client.get(story.get_absolute_url())

    control = set(response["Cache-Control"].split(", "))
    assert control == {"public", "max-age=60", "s-maxage=300", "stale-while-revalidate=30"}
    assert "Cookie" in response["Vary"]


def test_browsers_ask_again_for_reader_pages_by_default(client, page_cache, story):
    # Nobody can purge a browser: it revalidates each time and gets a 304 if nothing changed.
    assert "max-age=0" in client.get(story.get_absolute_url())["Cache-Control"].split(", ")


def test_admin_pages_are_never_stored(admin_client, db):
    control = admin_client.get(reverse("admin:index"))["Cache-Control"]

    assert "private" in control
    assert "no-store" in control


def test_reader_pages_are_compressed(client, page_cache, story):
    response = client.get(story.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip, br")

    assert response["Content-Encoding"] == "gzip"
    assert b"Night ferry returns" in gzip.decompress(response.content)
    assert "Accept-Encoding" in response["Vary"]
    # Both encodings are cached, each for the readers who asked for it.
    assert b"Night ferry returns" in client.get(story.get_absolute_url()).content


def test_admin_pages_are_not_compressed(admin_client, db):
    # They carry a CSRF token: compressed, an attacker could guess it byte by byte (BREACH).
    response = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_ENCODING="gzip")

    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")


def test_reader_pages_set_no_cookies(client, page_cache, story):
    for url in ["/", story.get_absolute_url(), "/search/?q=ferry", "/feed/"]:
        assert not client.get(url).cookies, url


# CDN purges -----------------------------------------------------------------------------------


def cache_tags(response) -> set[str]:
    return set(response["Cache-Tag"].split(","))


def test_story_page_names_what_it_shows(client, story):
    tags = cache_tags(client.get(story.get_absolute_url()))

    author, tag = story.authors.get(), story.tags.get()
    assert {
        f"story-{story.pk}",
        f"section-{story.category_id}",
        f"author-{author.pk}",
        f"tag-{tag.pk}",
        f"photo-{story.lead_image_id}",
        "chrome",
    } <= tags
    assert client.get(story.get_absolute_url())["Surrogate-Key"] == " ".join(sorted(tags))


def test_listing_names_its_list_and_every_story_on_it(client, story, make_article, harbour):
    other = make_article(category=harbour)

    tags = cache_tags(client.get("/latest/"))

    assert {"list-latest", f"story-{story.pk}", f"story-{other.pk}"} <= tags


@pytest.fixture
def purges(caplog):
    """The tags the default purge hook was given (it logs them)."""
    caplog.set_level(logging.INFO, logger="articles.caching")

    def purged() -> set[str]:
        tags = set()
        for record in caplog.records:
            if record.getMessage().startswith("CDN purge: "):
                tags |= set(record.getMessage().removeprefix("CDN purge: ").split())
        return tags

    return purged


@pytest.fixture
def newsroom(story, harbour, make_article, make_author):
    """The story, a neighbour in its section and a story elsewhere by someone else."""
    make_article(
        category=harbour, headline="Neighbour", tags=["Ferries"], authors=story.authors.all()
    )
    weather = Category.objects.create(name="Weather", slug="weather", position=2)
    elsewhere = make_article(
        category=weather, headline="Fog tomorrow", authors=[make_author(name="Cai Lund")]
    )
    return story, elsewhere


PAGES = [
    "/",
    "/latest/",
    "/category/harbour/",
    "/category/weather/",
    "/author/anna-berg/",
    "/tag/ferries/",
    "/feed/",
    "/category/harbour/feed/",
    "/category/weather/feed/",
]


def test_an_edit_purges_the_pages_showing_the_story_and_nothing_else(
    client, newsroom, purges, django_capture_on_commit_callbacks
):
    story, elsewhere = newsroom
    urls = [*PAGES, story.get_absolute_url(), elsewhere.get_absolute_url()]
    pages = {url: client.get(url) for url in urls}

    with django_capture_on_commit_callbacks(execute=True):
        story.standfirst = "Now with a late sailing."
        story.save()

    purged = purges()
    for url, response in pages.items():
        shows_it = story.get_absolute_url() in response.text
        assert bool(cache_tags(response) & purged) == shows_it, url
    assert "all" not in purged


def test_a_correction_purges_the_pages_showing_the_story_and_nothing_else(
    client, newsroom, purges, django_capture_on_commit_callbacks
):
    story, elsewhere = newsroom
    urls = [*PAGES, "/corrections/", story.get_absolute_url(), elsewhere.get_absolute_url()]
    pages = {url: client.get(url) for url in urls}

    with django_capture_on_commit_callbacks(execute=True):
        Correction.objects.create(article=story, text="An earlier version gave the wrong pier.")

    purged = purges()
    stale = {url for url, response in pages.items() if cache_tags(response) & purged}
    showing = {url for url, response in pages.items() if story.get_absolute_url() in response.text}
    assert stale == showing | {"/corrections/"}
    assert "/category/weather/" not in stale


def test_publishing_purges_the_listings_it_joins_and_not_other_sections(
    client, newsroom, make_article, harbour, purges, django_capture_on_commit_callbacks
):
    story, elsewhere = newsroom
    pages = {url: client.get(url) for url in [*PAGES, elsewhere.get_absolute_url()]}
    draft = make_article(category=harbour, headline="Late news", status="draft", tags=["Ferries"])

    with django_capture_on_commit_callbacks(execute=True):
        draft.status = Article.Status.PUBLISHED
        draft.published_at = timezone.now()
        draft.save()

    purged = purges()
    stale = {url for url, response in pages.items() if cache_tags(response) & purged}
    assert stale == {
        "/",
        "/latest/",
        "/category/harbour/",
        "/tag/ferries/",
        "/feed/",
        "/category/harbour/feed/",
        elsewhere.get_absolute_url(),  # its "Latest news" strip shows the newest (issue 17)
    }


def test_a_purge_waits_for_the_commit(newsroom, purges, django_capture_on_commit_callbacks):
    story, _ = newsroom
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        story.headline = "Not yet"
        story.save()
        assert purges() == set()

    for callback in callbacks:
        callback()
    assert f"story-{story.pk}" in purges()


def test_the_purge_hook_is_pluggable(settings, story, django_capture_on_commit_callbacks):
    settings.CDN_PURGE = "tests.caching.test_caching.remember_purge"
    remember_purge.calls = []

    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Pluggable"
        story.save()

    assert any(f"story-{story.pk}" in tags for tags in remember_purge.calls)


def remember_purge(tags):
    """A CDN client stand-in: the hook's contract is a callable taking a set of tags."""
    remember_purge.calls.append(tags)


# Cache outages -------------------------------------------------------------------------------


def test_a_page_during_a_cache_outage_a_cache_outage_still_renders(
    client, page_cache, settings, story
):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",  # production's, raising on failure
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }

    response = client.get(story.get_absolute_url())

    assert response.status_code == 200
    assert "Night ferry returns" in response.text
