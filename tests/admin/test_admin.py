"""The admin as an editor uses it, through the test client."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Author, CaptionedImage, Category
from tests.helpers.photos import jpeg_bytes

ADMIN_MODELS = ["article", "author", "category", "captionedimage"]


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_admin_changelist_opens(admin_client, make_article, make_image, model):
    make_article(lead_image=make_image(), tags=["harbour"])
    response = admin_client.get(reverse(f"admin:articles_{model}_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_admin_add_page_opens(admin_client, model):
    response = admin_client.get(reverse(f"admin:articles_{model}_add"))
    assert response.status_code == 200


def test_admin_article_changelist_shows_desk_columns(
    admin_client, make_article, make_author, make_image
):
    make_article(
        headline="Ferry timetable changes",
        authors=[make_author(name="Ines Harrow"), make_author(name="Tom Vale")],
        lead_image=make_image(),
    )
    make_article(headline="Budget vote tonight", status=Article.Status.DRAFT)
    make_article(
        headline="Bridge reopens", published_at=timezone.now() + timezone.timedelta(days=1)
    )
    text = admin_client.get(reverse("admin:articles_article_changelist")).text
    assert "Ines Harrow, Tom Vale" in text
    assert 'class="admin-thumb"' in text
    for badge in ("status-badge--published", "status-badge--draft", "status-badge--scheduled"):
        assert badge in text


def test_admin_article_changelist_filters_by_author(admin_client, make_article, make_author):
    ines = make_author(name="Ines Harrow")
    make_article(headline="Ines writes about ferries", authors=[ines])
    make_article(headline="Someone else on the budget")
    url = reverse("admin:articles_article_changelist") + f"?authors__id__exact={ines.pk}"
    text = admin_client.get(url).text
    assert "Ines writes about ferries" in text
    assert "Someone else on the budget" not in text


def test_admin_article_search_finds_author_names(admin_client, make_article, make_author):
    make_article(headline="Harbour wall repair", authors=[make_author(name="Petra Lund")])
    make_article(headline="Jazz festival line-up")
    text = admin_client.get(reverse("admin:articles_article_changelist") + "?q=Lund").text
    assert "Harbour wall repair" in text
    assert "Jazz festival line-up" not in text


def test_admin_image_upload_keeps_caption_and_credit(admin_client, settings):
    upload = SimpleUploadedFile("quay.jpg", jpeg_bytes(640, 360), content_type="image/jpeg")
    response = admin_client.post(
        reverse("admin:articles_captionedimage_add"),
        {
            "image": upload,
            "alt_text": "Cranes on the container quay",
            "caption": "The new cranes arrived on Monday.",
            "credit": "Harbour Press/J. Okafor",
        },
    )
    assert response.status_code == 302
    image = CaptionedImage.objects.get()
    assert (image.width, image.height) == (640, 360)
    assert image.credit == "Harbour Press/J. Okafor"
    assert image.uploaded_by.username == "admin"
    assert (settings.PRIVATE_MEDIA_ROOT / image.image.name).exists()


def test_admin_image_upload_refuses_a_non_image(admin_client, settings):
    fake = SimpleUploadedFile("notes.jpg", b"these are meeting notes, not a photo", "image/jpeg")
    response = admin_client.post(
        reverse("admin:articles_captionedimage_add"),
        {"image": fake, "alt_text": "Nothing", "caption": "", "credit": ""},
    )
    assert response.status_code == 200
    assert "Upload a valid image" in response.text
    assert not CaptionedImage.objects.exists()
    assert not any(settings.MEDIA_ROOT.rglob("*.jpg")) if settings.MEDIA_ROOT.exists() else True


def test_admin_image_requires_alt_text(admin_client):
    upload = SimpleUploadedFile("quay.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = admin_client.post(
        reverse("admin:articles_captionedimage_add"), {"image": upload, "alt_text": ""}
    )
    assert response.status_code == 200
    assert "This field is required" in response.text
    assert not CaptionedImage.objects.exists()


def story_form(category, authors, **fields):
    """POST data for the story add/change form, with a byline inline per author."""
    data = {
        "headline": "Harbour wall to be rebuilt after winter storms",
        "slug": "harbour-wall-rebuilt",
        "standfirst": "Engineers say the 1890s wall will not survive another winter.",
        "body": "<p>Work starts in March.</p><p>The council has set aside the money.</p>",
        "lead_image": "",
        "category": category.pk,
        "new_tags": "",
        "status": Article.Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        "seo_description": "",
        "bylines-TOTAL_FORMS": len(authors),
        "bylines-INITIAL_FORMS": 0,
        "bylines-MIN_NUM_FORMS": 1,
        "bylines-MAX_NUM_FORMS": 1000,
    }
    for i, (author, role) in enumerate(authors):
        data |= {f"bylines-{i}-position": i, f"bylines-{i}-author": author.pk}
        data |= {f"bylines-{i}-role": role}
    return data | fields


@pytest.fixture
def newsroom(db, make_author, make_image):
    return {
        "category": Category.objects.create(name="City", slug="city"),
        "reporter": make_author(name="Ines Harrow", slug="ines-harrow"),
        "photographer": make_author(name="Tom Vale", slug="tom-vale"),
        "image": make_image(caption="The wall after the February storm.", credit="Ledger/T. Vale"),
    }


def test_admin_editor_writes_and_publishes_a_story(admin_client, newsroom):
    Tag.objects.create(name="Storms", slug="storms")
    data = story_form(
        newsroom["category"],
        [(newsroom["reporter"], "reporting"), (newsroom["photographer"], "photos")],
        lead_image=newsroom["image"].pk,
        tags=[Tag.objects.get().pk],
        new_tags="Harbour, Council budget",
        status=Article.Status.PUBLISHED,
    )
    response = admin_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.text

    article = Article.objects.get()
    assert article.is_public
    assert [b.author.name for b in article.bylines.all()] == ["Ines Harrow", "Tom Vale"]
    assert sorted(article.tags.names()) == ["Council budget", "Harbour", "Storms"]

    story = admin_client.get(article.get_absolute_url()).text
    home = admin_client.get(reverse("articles:home")).text
    assert "Harbour wall to be rebuilt after winter storms" in home
    assert "Ines Harrow" in story and "(Reporting)" in story and "Tom Vale" in story
    assert "(Photo: Ledger/T. Vale)" in story


def test_admin_byline_order_follows_positions(admin_client, newsroom):
    data = story_form(
        newsroom["category"], [(newsroom["reporter"], "by"), (newsroom["photographer"], "by")]
    )
    data |= {"bylines-0-position": 5, "bylines-1-position": 1}
    assert admin_client.post(reverse("admin:articles_article_add"), data).status_code == 302
    article = Article.objects.get()
    assert [b.author.name for b in article.bylines.all()] == ["Tom Vale", "Ines Harrow"]


def test_admin_story_without_author_is_refused(admin_client, newsroom):
    data = story_form(newsroom["category"], [])
    response = admin_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    assert "Please submit at least 1 form" in response.text
    assert not Article.objects.exists()


def test_admin_strips_hostile_html_from_the_body(admin_client, newsroom):
    body = (
        '<p onmouseover="steal()">Hello<script>alert(1)</script></p>'
        '<p><a href="javascript:alert(2)">click</a><img src="x" onerror="alert(3)"></p>'
    )
    data = story_form(newsroom["category"], [(newsroom["reporter"], "by")], body=body)
    assert admin_client.post(reverse("admin:articles_article_add"), data).status_code == 302
    stored = Article.objects.get().body
    for hostile in ("<script", "onmouseover", "javascript:", "onerror"):
        assert hostile not in stored
    assert "Hello" in stored


def test_admin_duplicate_slug_is_a_form_error(admin_client, newsroom, make_article):
    make_article(slug="harbour-wall-rebuilt")
    data = story_form(newsroom["category"], [(newsroom["reporter"], "by")])
    response = admin_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    assert "Story with this Slug already exists" in response.text


def test_admin_change_form_keeps_existing_tags(admin_client, make_article):
    article = make_article(tags=["Ferries"])
    response = admin_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert response.status_code == 200
    assert ">Ferries</option>" in response.text


def test_admin_view_on_site_only_for_public_stories(admin_client, make_article):
    public = make_article()
    draft = make_article(status=Article.Status.DRAFT)
    public_page = admin_client.get(reverse("admin:articles_article_change", args=[public.pk]))
    draft_page = admin_client.get(reverse("admin:articles_article_change", args=[draft.pk]))
    assert "View on site" in public_page.text
    assert "View on site" not in draft_page.text


def test_admin_tag_autocomplete_finds_tags(admin_client, make_article):
    make_article(tags=["Ferries", "Festival"])
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "Fer", "app_label": "articles", "model_name": "article", "field_name": "tags"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Ferries"]


def test_admin_author_and_section_lists_count_stories(admin_client, make_article, make_author):
    author = make_author(name="Ines Harrow")
    make_article(authors=[author])
    make_article(authors=[author])
    authors = admin_client.get(reverse("admin:articles_author_changelist")).text
    sections = admin_client.get(reverse("admin:articles_category_changelist")).text
    assert '<td class="field-story_count">2</td>' in authors
    assert '<td class="field-story_count">2</td>' in sections


def test_admin_section_with_reserved_slug_is_refused(admin_client):
    response = admin_client.post(
        reverse("admin:articles_category_add"),
        {"name": "Tags", "slug": "tag", "description": "", "position": 0},
    )
    assert response.status_code == 200
    assert "is used by the site itself" in response.text
    assert not Category.objects.exists()


def test_admin_author_add(admin_client):
    response = admin_client.post(
        reverse("admin:articles_author_add"),
        {"name": "Mara Quint", "slug": "mara-quint", "title": "Photographer", "bio": "Shoots."},
    )
    assert response.status_code == 302
    assert Author.objects.get().get_absolute_url() == "/author/mara-quint/"


def test_admin_refuses_a_do_not_reuse_photo_for_a_second_story(
    admin_client, newsroom, make_article
):
    photo = newsroom["image"]
    photo.do_not_reuse = True
    photo.save()
    make_article(headline="Storm night on the quay", lead_image=photo)
    data = story_form(newsroom["category"], [(newsroom["reporter"], "by")], lead_image=photo.pk)

    response = admin_client.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == 200
    assert "do not reuse" in response.text
    assert "Storm night on the quay" in response.text
    assert not Article.objects.filter(slug="harbour-wall-rebuilt").exists()
