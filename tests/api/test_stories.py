"""The story list and story page of the content API: what they carry, filters, cursors and
their query counts (issue 16)."""

import pytest
from django.utils import timezone

from articles.models import Article, Byline, Category, Correction

LIST = "/api/v1/stories/"


def detail(story):
    return f"/api/v1/stories/{story.slug}/"


def test_story_detail_carries_the_story_page(client, make_article, make_author, make_image):
    reporter, photographer = make_author(name="Ines Baptiste"), make_author(name="Jon Okafor")
    story = make_article(
        headline="Ferry strike ends",
        standfirst="Crews return on Monday.",
        body="<p>The <strong>strike</strong> is over.</p>",
        authors=[reporter],
        tags=["Ferries", "Strikes"],
        lead_image=make_image(caption="Crews at the quay.", credit="Harbour Press/J. Okafor"),
    )
    Byline.objects.create(article=story, author=photographer, position=1, role=Byline.Role.PHOTOS)
    revised = timezone.now().replace(microsecond=0)
    Article.objects.filter(pk=story.pk).update(revised_at=revised)
    Correction.objects.create(article=story, text="An earlier version gave the wrong day.")

    data = client.get(detail(story)).json()

    assert data["headline"] == "Ferry strike ends"
    assert data["standfirst"] == "Crews return on Monday."
    assert data["body"] == "<p>The <strong>strike</strong> is over.</p>"
    assert data["section"]["slug"] == "news"
    assert [(b["author"]["name"], b["role"]) for b in data["bylines"]] == [
        ("Ines Baptiste", ""),
        ("Jon Okafor", "Photos"),
    ]
    assert [tag["name"] for tag in data["tags"]] == ["Ferries", "Strikes"]
    assert data["url"] == "http://testserver" + story.get_absolute_url()
    assert data["revised_at"] is not None
    assert data["corrections"][0]["text"] == "An earlier version gave the wrong day."
    photo = data["lead_photo"]
    assert (photo["caption"], photo["credit"]) == ("Crews at the quay.", "Harbour Press/J. Okafor")
    assert photo["alt_text"] == "Boats moored in the harbour at dawn"
    assert {"wide", "square", "social"} <= {r["crop"] for r in photo["renditions"]}
    assert all(r["width"] > 0 and r["url"].startswith("http") for r in photo["renditions"])


def test_story_list_is_newest_first_without_bodies(client, make_article):
    older = make_article(headline="Older")
    newer = make_article(headline="Newer", published_at=timezone.now() - timezone.timedelta(0, 1))

    data = client.get(LIST).json()

    assert [item["id"] for item in data["items"]] == [newer.pk, older.pk]
    assert "body" not in data["items"][0]
    assert data["next"] is None


def test_story_list_filters(client, make_article, make_author):
    sport = Category.objects.create(name="Sport", slug="sport")
    ines = make_author(name="Ines")
    rowing = make_article(headline="Regatta", category=sport, tags=["Rowing"], authors=[ines])
    make_article(headline="Budget", tags=["Council"])
    old = make_article(headline="Archive", published_at=timezone.now() - timezone.timedelta(30))

    def headlines(query):
        response = client.get(LIST + "?" + query)
        assert response.status_code == 200, response.content
        return [item["headline"] for item in response.json()["items"]]

    assert headlines("section=sport") == ["Regatta"]
    assert headlines("tag=rowing") == ["Regatta"]
    assert headlines(f"author={ines.slug}") == ["Regatta"]
    assert headlines("q=regatta") == ["Regatta"]
    assert headlines("section=news&tag=council") == ["Budget"]
    until = (old.published_at + timezone.timedelta(seconds=1)).isoformat()
    assert headlines("until=" + until.replace("+", "%2B")) == ["Archive"]
    since = (rowing.published_at - timezone.timedelta(days=1)).isoformat()
    assert "Archive" not in headlines("since=" + since.replace("+", "%2B"))


def test_cursor_pages_are_stable_when_stories_are_published(client, make_article):
    stories = [make_article() for _ in range(5)]  # newest first: stories[0] ... stories[4]
    first = client.get(LIST + "?limit=2").json()
    make_article(headline="Breaking", published_at=timezone.now())
    second = client.get(first["next"]).json()
    third = client.get(second["next"]).json()

    seen = [item["id"] for page in (first, second, third) for item in page["items"]]
    assert seen == [story.pk for story in stories]
    assert third["next"] is None and third["next_cursor"] is None


def test_cursor_keeps_the_filters(client, make_article):
    for _ in range(3):
        make_article(tags=["Ferries"])
    make_article(tags=["Council"])
    first = client.get(LIST + "?tag=ferries&limit=2").json()
    second = client.get(first["next"]).json()
    assert "tag=ferries" in first["next"]
    assert len(second["items"]) == 1


@pytest.mark.parametrize("count", [1, 12])
def test_story_list_query_count_is_flat(
    client, make_article, make_image, django_assert_num_queries, committed, count
):
    photo = make_image()
    for n in range(count):
        story = make_article(tags=[f"Tag {n}", "Ferries"], lead_image=photo)
        with committed():  # saved earlier, as the stories are
            Correction.objects.create(article=story, text="Fixed a name.")
    client.get(LIST)  # what a process loads once: the menu of sections, content types
    with django_assert_num_queries(4):  # stories, bylines and authors, tags, corrections
        response = client.get(LIST)
    assert len(response.json()["items"]) == count
    filtered = LIST + f"?tag=ferries&author={story.bylines.get().author.slug}&section=news"
    # and the author and the tag looked up, the tag's one public story asked for (public_tag)
    with django_assert_num_queries(7):
        client.get(filtered)


@pytest.mark.parametrize("count", [1, 12])
def test_story_search_query_count_is_flat(
    client, make_article, make_image, django_assert_num_queries, committed, count
):
    photo = make_image()
    for n in range(count):
        story = make_article(
            headline=f"Regatta day {n}", tags=[f"Tag {n}", "Ferries"], lead_image=photo
        )
        with committed():  # saved earlier, as the stories are
            Correction.objects.create(article=story, text="Fixed a name.")
    make_article(headline="Council budget")  # found by no search below
    client.get(LIST + "?q=regatta")  # the menu of sections, content types: once per process
    with django_assert_num_queries(4):  # found stories, bylines and authors, tags, corrections
        response = client.get(LIST + "?q=regatta")
    assert len(response.json()["items"]) == count
    with django_assert_num_queries(6):  # and the tag looked up, one public story of it asked for
        response = client.get(LIST + "?q=regatta&tag=ferries&section=news")
    assert len(response.json()["items"]) == count


@pytest.mark.parametrize("count", [1, 6])
def test_story_detail_query_count_is_flat(
    client, make_article, make_author, django_assert_num_queries, committed, count
):
    story = make_article(
        authors=[make_author() for _ in range(count)], tags=[f"Tag {n}" for n in range(count)]
    )
    with committed():  # saved earlier, as the story is
        for _ in range(count):
            Correction.objects.create(article=story, text="Fixed a name.")
    client.get(detail(story))
    with django_assert_num_queries(4):  # story, bylines and authors, tags, corrections
        client.get(detail(story))


def test_sections_authors_and_tags(client, make_article, make_author):
    make_article(tags=["Ferries"], authors=[make_author(name="Ines", slug="ines")])
    make_article(status=Article.Status.DRAFT, tags=["Secret merger"])
    Category.objects.create(name="Sport", slug="sport", position=1)

    assert [s["slug"] for s in client.get("/api/v1/sections/").json()] == ["news", "sport"]
    assert client.get("/api/v1/sections/sport/").json()["name"] == "Sport"
    assert [a["slug"] for a in client.get("/api/v1/authors/").json()] == ["ines"]
    assert client.get("/api/v1/authors/ines/").json()["name"] == "Ines"
    assert [t["name"] for t in client.get("/api/v1/tags/").json()] == ["Ferries"]
    assert client.get("/api/v1/tags/ferries/").json()["url"] == "http://testserver/tag/ferries/"


def test_index_lists_the_addresses(client, db):
    data = client.get("/api/v1/").json()
    assert data["stories"] == "http://testserver/api/v1/stories/"
    assert data["openapi"] == "http://testserver/api/v1/openapi.json"


def test_an_old_slug_redirects_to_the_story(client, make_article):
    story = make_article(slug="ferry-strike")
    story.slug = "ferry-strike-ends"
    story.save()
    response = client.get("/api/v1/stories/ferry-strike/")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/stories/ferry-strike-ends/"
    assert response["Cache-Control"] == "no-store"


def test_an_old_slug_of_an_unpublished_story_is_404(client, make_article):
    story = make_article(slug="ferry-strike")
    story.slug = "ferry-strike-ends"
    story.status = Article.Status.DRAFT
    story.save()
    assert client.get("/api/v1/stories/ferry-strike/").status_code == 404


@pytest.mark.parametrize("count", [1, 8])
def test_sections_authors_and_tags_query_counts_are_flat(
    client, make_article, django_assert_num_queries, count
):
    for n in range(count):
        section = Category.objects.create(name=f"Section {n}", slug=f"section-{n}")
        make_article(category=section, tags=[f"Tag {n}"])
    for url in ["/api/v1/sections/", "/api/v1/authors/", "/api/v1/tags/"]:
        client.get(url)  # the menu of sections, content types: once per process or change
    with django_assert_num_queries(0):  # the sections come with the menu
        client.get("/api/v1/sections/")
    with django_assert_num_queries(1):
        assert len(client.get("/api/v1/authors/").json()) == count
    with django_assert_num_queries(1):
        assert len(client.get("/api/v1/tags/").json()) == count


@pytest.mark.parametrize("count", [1, 12])
def test_section_author_and_tag_detail_query_counts_are_flat(
    client, make_article, make_author, django_assert_num_queries, count
):
    """However many stories a section, an author or a tag has: the section comes with the
    menu, the author takes one query, the tag two (it, then one published story carrying it:
    public_tag)."""
    ines = make_author(name="Ines", slug="ines")
    for _ in range(count):
        make_article(tags=["Ferries"], authors=[ines])
    details = {"/api/v1/sections/news/": 0, "/api/v1/authors/ines/": 1, "/api/v1/tags/ferries/": 2}
    for url in details:
        client.get(url)  # the menu of sections, content types: once per process or change
    for url, queries in details.items():
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200, url
