"""`manage.py import_wordpress` as an editor runs it, checked as readers see the result."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from articles.models import Article, Author, Byline, CaptionedImage, Category, WordPressItem
from articles.photos.renditions import file_names, rendition_storage
from tests.helpers.importing import run, story

from .exports import attachment, export, item, jpeg_file, wp_date

FERRY_CONTENT = """<!-- wp:paragraph -->
<p>The winter timetable starts on Monday, with two fewer crossings a day.</p>
<!-- /wp:paragraph -->
[caption id="attachment_202" align="alignnone" width="640"]<img class="wp-image-202" \
src="https://old.example.com/wp-content/uploads/2024/05/quay-640x400.jpg" alt="" /> \
Passengers wait on the quay.[/caption]
<p>Photos from the first morning:</p>
[gallery ids="202,203"]
[contact-form-7 id="9" title="Tell us"]
<script>document.title = "owned"</script><p onmouseover="steal()">Tickets cost the same.</p>
"""


# One time for the session: a re-import sees the same export. The site's clock runs three
# hours ahead of GMT: its local post_date is not the time the post goes out.
FUTURE_AT = datetime.now(UTC).replace(microsecond=0) + timedelta(days=3)
FUTURE, FUTURE_LOCAL = wp_date(FUTURE_AT), wp_date(FUTURE_AT + timedelta(hours=3))


def newsroom_items():
    return [
        attachment(
            201,
            "2024/05/ferry.jpg",
            alt="The morning ferry leaving the harbour",
            caption="The 7.15 leaves on time.",
            credit="Harbour Press/J. Lee",
        ),
        attachment(202, "2024/05/quay.jpg", alt="People on the quay", caption="On the quay."),
        attachment(203, "2024/05/gone.jpg", alt="A lost photo"),
        attachment(204, "2024/05/missing-lead.jpg", alt="Nobody kept this file"),
        item(
            101,
            "Ferry timetable changes for winter",
            slug="ferry-timetable-changes",
            content=FERRY_CONTENT,
            excerpt="Two fewer crossings a day from Monday.",
            categories=[("ferries", "Ferries")],
            tags=[("boats", "Boats")],
            meta=[("_thumbnail_id", 201)],
        ),
        item(
            102,
            "Quay café opens its doors",
            slug="caf%c3%a9-opens",
            creator="m.okafor",
            categories=[("harbour", "Harbour"), ("sport", "Sport")],
            extra_terms=[("author", "cap-m-okafor", "Mina"), ("author", "cap-pvdb", "Pieter")],
            content="First paragraph of the café story.\n\nSecond paragraph, with a line\nbreak.",
        ),
        item(103, "Новости гавани", slug="%d0%bd%d0%be%d0%b2%d0%be%d1%81%d1%82%d0%b8"),
        item(104, "Regatta on Saturday", status="future", date_gmt=FUTURE, date=FUTURE_LOCAL),
        item(105, "Half-written piece", status="draft"),
        item(106, "Waiting for the editor", status="pending"),
        item(107, "Members only", status="private"),
        item(
            108,
            "Story we took down",
            status="trash",
            slug="story-we-took-down__trashed",
            meta=[("_wp_trash_meta_status", "publish"), ("_wp_trash_meta_time", "1715000000")],
        ),
        item(
            109,
            "Sailing club results",
            creator="pvdb",
            categories=[("sport", "Sport")],
            meta=[("_thumbnail_id", 204)],
        ),
        item(110, "About us", post_type="page", categories=()),
        item(111, "Harbour festival", post_type="event"),
        item(112, "Menu", post_type="nav_menu_item", status="publish", categories=()),
    ]


@pytest.fixture
def wordpress(tmp_path, settings):
    """The export file and a copy of wp-content/uploads holding two of its four photos."""
    settings.IMAGE_AVIF = False  # AVIF is the slowest to encode and tells nothing more here
    media = tmp_path / "uploads"
    jpeg_file(media / "2024/05/ferry.jpg", 640, 360)
    jpeg_file(media / "2024/05/quay.jpg", 400, 250, color=(200, 160, 40))
    path = tmp_path / "export.xml"
    path.write_bytes(export(newsroom_items()))
    return path, media


@pytest.fixture
def imported(db, wordpress, committed):
    path, media = wordpress
    with committed():  # each post commits: the search index follows (articles/signals.py)
        return run(path, media)


def test_import_wordpress_brings_in_authors_without_accounts(imported):
    names = dict(Author.objects.values_list("slug", "name"))
    assert names == {"jlee": "Jo Lee", "m-okafor": "Mina Okafor", "pvdb": "Pieter van den Berg"}
    assert not User.objects.exists()


def test_import_wordpress_flattens_nested_categories_into_sections(imported):
    assert set(Category.objects.values_list("slug", flat=True)) == {"local", "sport"}
    ferry = story(101)
    assert ferry.category.slug == "local"
    assert set(ferry.tags.names()) == {"Boats", "Ferries"}
    cafe = story(102)
    assert cafe.category.slug == "local"
    assert set(cafe.tags.names()) == {"Harbour", "Sport"}


def test_import_wordpress_maps_statuses(imported, client):
    published = Article.Status.PUBLISHED
    expected = {
        101: (published, True),
        104: (published, False),  # scheduled
        105: (Article.Status.DRAFT, False),
        106: (Article.Status.IN_REVIEW, False),
        107: (Article.Status.DRAFT, False),
        108: (published, False),  # in the trash
    }
    for wordpress_id, (status, public) in expected.items():
        article = story(wordpress_id)
        assert (article.status, article.is_public) == (status, public), wordpress_id
    assert story(104) in Article.objects.scheduled()
    assert story(104).published_at == FUTURE_AT  # post_date_gmt, not the site's post_date
    assert story(108).trashed_at is not None
    assert story(105).published_at is None


def test_import_wordpress_published_story_is_on_its_page_and_section(imported, client):
    ferry = story(101)
    page = client.get(ferry.get_absolute_url())
    assert page.status_code == 200
    assert "Ferry timetable changes for winter" in page.text
    assert "Two fewer crossings a day from Monday." in page.text
    assert ferry.headline in client.get(ferry.category.get_absolute_url()).text


@pytest.mark.parametrize("wordpress_id", [104, 105, 106, 107, 108])
def test_import_wordpress_unpublished_stories_are_not_public(imported, client, wordpress_id):
    assert client.get(story(wordpress_id).get_absolute_url()).status_code == 404


def test_import_wordpress_bylines_follow_co_authors(imported):
    assert [byline.author.slug for byline in story(102).bylines.all()] == ["m-okafor", "pvdb"]
    assert [byline.author.slug for byline in story(109).bylines.all()] == ["pvdb"]


def test_import_wordpress_slugs_are_ascii_addresses(imported, client):
    assert story(102).slug == "cafe-opens"
    assert story(103).slug == "post-103"  # nothing of "новости" survives as ASCII
    assert story(108).slug == "story-we-took-down__trashed"
    assert client.get(story(103).get_absolute_url()).status_code == 200


def test_import_wordpress_old_permalink_redirects(imported, client):
    response = client.get("/2024/05/ferry-timetable-changes/")
    assert response.status_code == 301
    assert response["Location"] == story(101).get_absolute_url()


def test_import_wordpress_unicode_permalink_redirects(imported, client):
    response = client.get("/2024/05/café-opens/")
    assert response.status_code == 301
    assert response["Location"] == story(102).get_absolute_url()


def test_import_wordpress_post_id_redirects(imported, client):
    response = client.get("/", {"p": "101"})
    assert response.status_code == 301
    assert response["Location"] == story(101).get_absolute_url()


def test_import_wordpress_old_addresses_of_drafts_do_not_redirect(imported, client):
    assert client.get("/", {"p": "105"}).status_code == 200  # the home page, as before
    assert client.get("/2024/05/no-such-post/").status_code == 404


def test_import_wordpress_home_page_query_count_is_unchanged(imported, client, rf):
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.reader import views

    request = rf.get("/")
    request.user = AnonymousUser()
    with CaptureQueriesContext(connection) as direct:
        views.home(request)
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as routed:
        assert client.get("/").status_code == 200
    assert len(routed) == len(direct)


def test_import_wordpress_featured_photo_with_caption_credit_and_alt(imported, client):
    photo = story(101).lead_image
    assert photo.caption == "The 7.15 leaves on time."
    assert photo.credit == "Harbour Press/J. Lee"
    assert photo.alt_text == "The morning ferry leaving the harbour"
    assert (photo.width, photo.height, photo.file_format) == (640, 360, "JPEG")
    names = file_names(photo.renditions)
    assert names and all(rendition_storage().exists(name) for name in names)
    page = client.get(story(101).get_absolute_url()).text
    assert "Harbour Press/J. Lee" in page
    assert 'alt="The morning ferry leaving the harbour"' in page


def test_import_wordpress_body_keeps_captioned_image_and_gallery_as_figures(imported):
    body = story(101).body
    quay = CaptionedImage.objects.get(caption="On the quay.")
    assert body.count("<figure>") == 2  # the captioned photo and the gallery's one found file
    assert "<figcaption>Passengers wait on the quay.</figcaption>" in body
    assert f"photos/{quay.pk}/" in body  # its rendition, not the old site's address
    assert "old.example.com" not in body


def test_import_wordpress_sanitises_hostile_content(imported):
    body = story(101).body
    assert "script" not in body and "owned" not in body and "onmouseover" not in body
    assert "<p>Tickets cost the same.</p>" in body
    assert "contact-form-7" not in body


def test_import_wordpress_classic_posts_get_paragraphs(imported):
    body = story(102).body
    assert "<p>First paragraph of the café story.</p>" in body
    assert "<p>Second paragraph, with a line<br>" in body


def test_import_wordpress_summary(imported):
    out, err = imported
    assert "Imported: 3 authors, 2 photos, 2 sections, 9 stories" in out
    assert "Skipped: 1 event, 1 nav_menu_item, 1 page" in out
    assert "2024/05/gone.jpg" in out and "2024/05/missing-lead.jpg" in out
    assert "[contact-form-7] ×1" in out
    assert "Importing [" in err and "100%" in err


def test_import_wordpress_missing_lead_photo_leaves_the_story_without_it(imported, client):
    sailing = story(109)
    assert sailing.lead_image is None
    assert client.get(sailing.get_absolute_url()).status_code == 200


def test_import_wordpress_stories_are_found_by_search(imported, client):
    page = client.get(reverse("articles:search"), {"q": "timetable"})
    assert "Ferry timetable changes for winter" in page.text
    by_author = client.get(reverse("articles:search"), {"q": "Pieter"})
    assert "Sailing club results" in by_author.text


def test_import_wordpress_again_changes_nothing(imported, wordpress):
    counts = [Article.objects.count(), CaptionedImage.objects.count(), Byline.objects.count()]
    out, _ = run(*wordpress)
    assert "Imported: nothing" in out and "Updated: nothing" in out
    assert "Unchanged: 2 photos, 9 stories" in out
    assert counts == [
        Article.objects.count(),
        CaptionedImage.objects.count(),
        Byline.objects.count(),
    ]


def test_import_wordpress_again_updates_what_changed(imported, wordpress):
    path, media = wordpress
    items = newsroom_items()
    items[4] = items[4].replace("Ferry timetable changes for winter", "Winter ferry timetable")
    items[0] = items[0].replace("The 7.15 leaves on time.", "The 7.15 leaves early.")
    path.write_bytes(export(items))
    out, _ = run(path, media)
    assert "Updated: 1 photos, 1 stories" in out
    assert story(101).headline == "Winter ferry timetable"
    assert story(101).lead_image.caption == "The 7.15 leaves early."
    assert Article.objects.filter(headline__contains="ferry timetable").count() == 1


def test_import_wordpress_again_brings_in_a_file_found_since(imported, wordpress):
    path, media = wordpress
    jpeg_file(media / "2024/05/missing-lead.jpg")
    out, _ = run(path, media)
    assert "Updated: 1 stories" in out
    assert story(109).lead_image.alt_text == "Nobody kept this file"


def test_import_wordpress_dry_run_changes_nothing(db, wordpress, settings):
    out, _ = run(*wordpress, "--dry-run")
    assert "Dry run: nothing was changed." in out
    assert "Would be imported: 3 authors, 2 photos, 2 sections, 9 stories" in out
    assert not Article.objects.exists() and not Author.objects.exists()
    assert not CaptionedImage.objects.exists() and not WordPressItem.objects.exists()
    stored = [settings.MEDIA_ROOT.rglob("*"), settings.PRIVATE_MEDIA_ROOT.rglob("*")]
    assert [path for paths in stored for path in paths if path.is_file()] == []


@pytest.mark.parametrize("version", ["1.1", "1.2-https"])
def test_import_wordpress_reads_older_and_wordpress_com_exports(db, tmp_path, client, version):
    path = tmp_path / "old.xml"
    post = item(7, "From another WordPress", excerpt="Its dek")
    path.write_bytes(export([post], version=version))
    run(path)
    assert story(7).standfirst == "Its dek"
    assert client.get(story(7).get_absolute_url()).status_code == 200


def test_import_wordpress_postname_permalinks_redirect(db, tmp_path, client):
    """`/%postname%/` and other shapes no route owns move to the story from the 404 page;
    the site's own one-segment pages keep answering as before."""
    path = tmp_path / "export.xml"
    posts = [
        item(9, "Pier reopens", slug="pier-reopens", link="https://old.example.com/pier-reopens/"),
        item(10, "Tide table", slug="tide-table", link="https://old.example.com/archives/10"),
    ]
    path.write_bytes(export(posts))
    run(path)
    for old, wordpress_id in (("/pier-reopens/", 9), ("/archives/10", 10)):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == story(wordpress_id).get_absolute_url()
    assert client.get("/latest/").status_code == 200
    assert client.get("/no-such-page/").status_code == 404


def test_import_wordpress_category_permalinks_reach_the_story(db, tmp_path, client):
    """`/%category%/%postname%/` is the story page's own shape: it moves to the real section."""
    path = tmp_path / "export.xml"
    link = "https://old.example.com/ferries/new-ferry-named/"
    post = item(8, "New ferry named", slug="new-ferry-named", link=link,
                categories=[("ferries", "Ferries")])  # fmt: skip
    path.write_bytes(export([post]))
    run(path)
    response = client.get("/ferries/new-ferry-named/")
    assert response.status_code == 301
    assert response["Location"] == "/local/new-ferry-named/"


@pytest.mark.parametrize("path", ["/\x00/", "/a\x00b/", "/" + "x" * 600 + "/"])
def test_import_wordpress_lookup_of_unknown_addresses_is_a_plain_404(imported, client, path):
    """No permalink has a NUL (PostgreSQL refuses one in text) or is longer than its column."""
    assert client.get(path).status_code == 404
