"""Control characters and symbol-only tags (issue 14): text is cleaned when saved, feeds and
sitemaps are well-formed XML whatever the database holds, and every tag gets a slug."""

import xml.etree.ElementTree as ElementTree

import pytest
from django.db import connection
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article, Author, CaptionedImage, Category, Correction
from tests.helpers.html import page_of

pytestmark = pytest.mark.django_db

# Every C0 control but tab, newline and carriage return, which XML 1.0 allows.
CONTROLS = "".join(chr(code) for code in range(32) if chr(code) not in "\t\n\r")
FEEDS = [
    "/feed/",
    "/feed/atom/",
    "/category/news/feed/",
    "/category/news/feed/atom/",
    "/author/author-0/feed/",
    "/author/author-0/feed/atom/",
    "/tag/ferries/feed/",
    "/tag/ferries/feed/atom/",
]
SITEMAPS = ["/sitemap.xml", "/sitemap-stories.xml", "/sitemap-news.xml", "/sitemap-tags.xml"]


def test_text_fields_lose_control_characters_when_saved(make_article, make_image):
    story = make_article(
        headline="Port\x0cfees\x01 rise",
        standfirst="Ships pay \x00more\x1f from May.",
        seo_description="Fees\x0bup",
        tags=["Fer\x01ries"],
    )
    story.refresh_from_db()
    assert (story.headline, story.standfirst) == ("Port fees rise", "Ships pay more from May.")
    assert story.seo_description == "Fees up"
    assert list(story.tags.names()) == ["Ferries"]
    author = Author.objects.create(name="Ines\x07 Holm", slug="ines", bio="Line one\r\nline\ttwo")
    author.refresh_from_db()
    assert (author.name, author.bio) == ("Ines Holm", "Line one\r\nline\ttwo")
    section = Category.objects.create(name="Sport\x1b", slug="sport", description="\x02Games")
    assert (section.name, section.description) == ("Sport", "Games")
    note = Correction.objects.create(article=story, text="We\x08 misspelled it.")
    assert note.text == "We misspelled it."
    photo = make_image(caption="Boats\x0cat dawn", alt_text="Boats\x03", credit="A\x1dB")
    photo.refresh_from_db()
    assert (photo.caption, photo.alt_text, photo.credit) == ("Boats at dawn", "Boats", "AB")


def test_story_form_saves_a_headline_without_its_control_characters(admin_client, make_article):
    from tests.helpers.html import form_data

    story = make_article(headline="Old headline")
    url = reverse("admin:articles_article_change", args=[story.pk])
    data = form_data(admin_client.get(url).text) | {"headline": "Harbour\x0creopens\x01"}
    assert admin_client.post(url, data).status_code == 302
    story.refresh_from_db()
    assert story.headline == "Harbour reopens"


@pytest.fixture
def dirty_story(make_article, make_image):
    """A story whose text was written behind the model's back (raw SQL, an old import): every
    control character the database can hold (PostgreSQL's text refuses NUL)."""
    story = make_article(headline="Clean", tags=["Ferries"], lead_image=make_image())
    controls = CONTROLS.replace("\x00", "") if connection.vendor == "postgresql" else CONTROLS
    Article.objects.filter(pk=story.pk).update(
        headline="Port" + controls + "fees",
        standfirst="Stand" + controls,
        body="<p>Body" + controls + "</p>",
    )
    Author.objects.filter(slug="author-0").update(name="Ines" + controls, bio="Bio\x0c")
    Category.objects.filter(slug="news").update(name="News\x01", description="D\x0c")
    Tag.objects.filter(slug="ferries").update(name="Ferries\x0c")
    return story


@pytest.mark.parametrize("url", FEEDS + SITEMAPS)
def test_feeds_and_sitemaps_are_well_formed_whatever_the_database_holds(client, dirty_story, url):
    response = client.get(url)
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # raises on a character XML forbids
    if "feed" in url or "news" in url:
        assert "Portfees" in ElementTree.tostring(root, encoding="unicode")


# Tags made of symbols only ------------------------------------------------------------------


@pytest.mark.parametrize("names", [["🙂"], ["!!!"], ["🙂", "!!!", "???", "🙂🙂"]])
def test_symbol_only_tags_get_a_non_empty_unique_slug(make_article, names):
    make_article(tags=names)
    slugs = list(Tag.objects.values_list("slug", flat=True))
    assert all(slugs) and len(set(slugs)) == len(names)
    for tag in Tag.objects.all():
        assert reverse("articles:tag_detail", kwargs={"slug": tag.slug})


def test_story_with_symbol_only_tags_links_each_tag(client, make_article):
    story = make_article(tags=["🙂", "!!!", "Ferries"])
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    links = page_of(response).find("ul", "tags").find_all("a")
    assert {link.text for link in links} == {"🙂", "!!!", "Ferries"}
    for link in links:
        assert client.get(link.attrs["href"]).status_code == 200
    assert client.get("/sitemap-tags.xml").status_code == 200


def test_story_and_preview_show_a_tag_that_cannot_be_linked_as_plain_text(
    client, admin_client, make_article
):
    story = make_article(tags=["Ferries", "Weather"])
    Tag.objects.filter(name="Weather").update(slug="")  # as taggit left such tags before
    for page in (
        client.get(story.get_absolute_url()),
        admin_client.get(reverse("articles:article_preview", args=[story.pk])),
    ):
        assert page.status_code == 200
        tags = page_of(page).find("ul", "tags")
        assert [link.text for link in tags.find_all("a")] == ["Ferries"]
        assert "Weather" in tags.text
    assert client.get("/sitemap-tags.xml").status_code == 200
    assert client.get("/api/v1/stories/" + story.slug + "/").status_code == 200


def test_migration_gives_tags_left_without_a_slug_the_fallback(make_article):
    from importlib import import_module

    from django.apps import apps

    from articles.cleaning import fallback_slug

    make_article(tags=["🙂", "Ferries"])
    Tag.objects.filter(name="🙂").update(slug="")
    import_module("articles.migrations.0012_tag_slugs_author_photos").give_every_tag_a_slug(
        apps, None
    )
    assert dict(Tag.objects.values_list("name", "slug")) == {
        "🙂": fallback_slug("🙂"),
        "Ferries": "ferries",
    }


def test_story_form_new_tags_lose_control_characters(admin_client, make_article):
    from tests.helpers.html import form_data

    story = make_article(headline="Ferry news", tags=["Ferries"])
    url = reverse("admin:articles_article_change", args=[story.pk])
    data = form_data(admin_client.get(url).text) | {"new_tags": "Ferries\x0c, \x1b, Gales\x01"}
    assert admin_client.post(url, data).status_code == 302
    assert sorted(story.tags.names()) == ["Ferries", "Gales"]
    assert Tag.objects.count() == 2


# Admin forms check the text as it will be saved (audit of issue 14) --------------------------
# The control characters went at save, after the form's uniqueness check: "Sport\x01" passed
# it beside "Sport", then saved as "Sport" and broke the unique index (a 500).

ADMIN_FORMS = {
    "section": ("admin:articles_category_add", "name", {"slug": "sport-2", "position": "0"}),
    "tag": ("admin:taggit_tag_add", "name", {"slug": "ferries-2"}),
    "author": ("admin:articles_author_add", "name", {"slug": "ines-holm"}),
}


def add_in_admin(admin_client, form, value):
    from tests.helpers.html import form_data

    url_name, field, fields = ADMIN_FORMS[form]
    url = reverse(url_name)
    form_id = url_name.split(":")[1].removesuffix("_add").split("_", 1)[1] + "_form"
    data = form_data(admin_client.get(url).text, form_id) | fields | {field: value}
    return admin_client.post(url, data)


@pytest.mark.parametrize(
    ("form", "existing"),
    [
        ("section", lambda: Category.objects.create(name="Sport", slug="sport")),
        ("tag", lambda: Tag.objects.create(name="Ferries")),
    ],
    ids=["section", "tag"],
)
@pytest.mark.parametrize("control", ["\x01", "\x7f", "\x1b\x00"])
def test_admin_form_name_taken_once_cleaned_is_a_form_error(admin_client, form, existing, control):
    taken = existing()
    response = add_in_admin(admin_client, form, taken.name + control)
    assert response.status_code == 200
    assert "already exists" in response.text and 'class="errorlist' in response.text
    assert type(taken).objects.count() == 1
    taken.refresh_from_db()
    assert taken.name in ("Sport", "Ferries")  # untouched


@pytest.mark.parametrize("form", ["section", "tag", "author"])
def test_admin_form_name_of_control_characters_only_is_required(admin_client, form):
    model = {"section": Category, "tag": Tag, "author": Author}[form]
    before = model.objects.count()
    response = add_in_admin(admin_client, form, "\x01\x1b\x7f")
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert model.objects.count() == before


def test_admin_form_saves_a_name_without_its_control_characters(admin_client):
    assert add_in_admin(admin_client, "section", "Spo\x01rt\x0c").status_code == 302
    assert Category.objects.get(slug="sport-2").name == "Sport"


def test_story_form_headline_of_control_characters_only_is_required(admin_client, make_article):
    from tests.helpers.html import form_data

    story = make_article(headline="Harbour reopens")
    url = reverse("admin:articles_article_change", args=[story.pk])
    data = form_data(admin_client.get(url).text) | {"headline": "\x0b\x01\x0c"}
    response = admin_client.post(url, data)
    assert response.status_code == 200 and "This field is required." in response.text
    story.refresh_from_db()
    assert story.headline == "Harbour reopens"


def test_photo_form_alt_text_of_control_characters_only_is_required(admin_client):
    from tests.helpers.admin_forms import upload_photo
    from tests.helpers.photos import jpeg_bytes

    response = upload_photo(admin_client, "quay.jpg", jpeg_bytes(), alt_text="\x01\x7f")
    assert response.status_code == 200 and "This field is required." in response.text
    assert not CaptionedImage.objects.exists()


@pytest.mark.parametrize(
    ("typed", "merged_into"), [("Ferries\x01", "Ferries"), ("Ga\x7fles", "Gales")]
)
def test_tag_merge_into_a_name_with_control_characters(
    admin_client, make_article, typed, merged_into
):
    story = make_article(tags=["Ferry", "Ferries"])
    session = admin_client.session
    merged = Tag.objects.exclude(name=merged_into)  # the tags merged away
    session["selected_tag_ids"] = ",".join(str(tag.pk) for tag in merged)
    session.save()
    response = admin_client.post(reverse("admin:taggit_tag_merge_tags"), {"new_tag_name": typed})
    assert response.status_code == 302
    assert list(story.tags.names()) == [merged_into]
    assert Tag.objects.filter(name=merged_into).count() == 1


def test_tag_merge_into_one_of_the_selected_tags_keeps_every_story_tagged(
    admin_client, make_article
):
    """taggit alone would untag every story of the tag merged into, when it is selected too."""
    ferries = make_article(tags=["Ferries"])
    ferry = make_article(tags=["Ferry"])
    both = make_article(tags=["Ferry", "Ferries"])
    session = admin_client.session
    session["selected_tag_ids"] = ",".join(str(tag.pk) for tag in Tag.objects.all())
    session.save()
    merge = reverse("admin:taggit_tag_merge_tags")
    assert admin_client.post(merge, {"new_tag_name": "Ferries"}).status_code == 302
    for story in (ferries, ferry, both):
        assert list(story.tags.names()) == ["Ferries"]


def test_tag_merge_into_control_characters_only_is_refused(admin_client, make_article):
    story = make_article(tags=["Ferry", "Ferries"])
    session = admin_client.session
    session["selected_tag_ids"] = ",".join(str(tag.pk) for tag in Tag.objects.all())
    session.save()
    response = admin_client.post(reverse("admin:taggit_tag_merge_tags"), {"new_tag_name": "\x01"})
    assert response.status_code == 200
    assert "Form is invalid" in response.text
    assert sorted(story.tags.names()) == ["Ferries", "Ferry"]
    assert Tag.objects.count() == 2


# A tag whose name is only control characters ------------------------------------------------


@pytest.mark.parametrize("name", ["\x01", "\x7f\x1b", "\x0c", ""])
def test_tag_without_a_name_once_cleaned_is_refused_in_code(name):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="name"):
        Tag.objects.create(name=name)
    assert not Tag.objects.exists()


def test_story_page_never_links_a_nameless_tag(client, make_article):
    story = make_article(tags=["Ferries", "Gales"])
    Tag.objects.filter(name="Gales").update(name="")  # as such tags were saved before
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    tags = page_of(response).find("ul", "tags")
    assert [(link.text, link.attrs["href"]) for link in tags.find_all("a")] == [
        ("Ferries", "/tag/ferries/")
    ]
    assert [item.text for item in tags.find_all("li")] == ["Ferries"]
    assert '<meta property="article:tag" content="">' not in response.text
    assert '"keywords": ["Ferries"]' in response.text  # the JSON-LD
    feed = client.get("/feed/").text
    assert "<category>Ferries</category>" in feed and "<category></category>" not in feed


def test_story_form_tags_typed_in_the_tag_control_lose_control_characters(
    admin_client, make_article
):
    """The tag control (select2's tags mode) sends a new tag as "new:<name>": "Ferries\x01"
    is the tag Ferries (it was an IntegrityError), "\x01" alone no tag."""
    from tests.helpers.html import form_data

    story = make_article(headline="Ferry news", tags=["Ferries", "Weather"])
    url = reverse("admin:articles_article_change", args=[story.pk])
    data = form_data(admin_client.get(url).text)
    data["tags"] = [str(Tag.objects.get(name="Weather").pk), "new:Ferries\x01", "new:\x01\x1b"]
    data["tags"] += ["new:Ga\x7fles"]
    assert admin_client.post(url, data).status_code == 302
    assert sorted(story.tags.names()) == ["Ferries", "Gales", "Weather"]
    assert Tag.objects.count() == 3
