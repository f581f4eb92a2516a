"""Author photos go through the photo pipeline (issue 14): checked from their content, kept as a
private original, and shown to readers only as metadata-free square renditions."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Author
from tests.helpers import photos
from tests.helpers.html import page_of


def add_author(admin_client, name, content, content_type="image/jpeg"):
    data = {
        "name": "Ines Harrow",
        "slug": "ines-harrow",
        "title": "",
        "bio": "",
        "website": "",
        "social_url": "",
        "photo": SimpleUploadedFile(name, content, content_type=content_type),
    }
    return admin_client.post(reverse("admin:articles_author_add"), data)


def files_under(*folders):
    return [
        p
        for folder in map(Path, folders)
        if folder.exists()
        for p in folder.rglob("*")
        if p.is_file()
    ]


@pytest.fixture
def with_story(make_article):
    def attach(author):
        make_article(authors=[author])

    return attach


def test_author_photo_reaches_readers_only_as_a_bare_square_rendition(
    admin_client, client, settings, with_story
):
    upload = photos.photo_bytes("JPEG", 900, 600)  # camera make, model and GPS in its EXIF
    assert add_author(admin_client, "face.jpg", upload).status_code == 302
    author = Author.objects.get()
    with_story(author)
    # The original, with its GPS, is not under MEDIA_ROOT: readers cannot fetch it.
    assert client.get(f"/media/{author.photo.name}").status_code == 404
    assert not files_under(settings.MEDIA_ROOT) or all(
        "authors/" + str(author.pk) in str(path) for path in files_under(settings.MEDIA_ROOT)
    )
    page = client.get(author.get_absolute_url())
    img = page_of(page).find("img", "author-header__photo")
    src = img.attrs["src"]
    assert src.startswith("/media/") and author.photo.name not in src
    served = client.get(src)
    assert served.status_code == 200
    data = b"".join(served.streaming_content)
    with Image.open(io.BytesIO(data)) as image:
        assert image.width == image.height  # a square crop
        assert not image.getexif()  # no camera, no GPS
        assert "exif" not in image.info and "icc_profile" not in image.info


def test_author_photo_in_the_api_is_the_rendition(admin_client, client, with_story):
    add_author(admin_client, "face.jpg", photos.photo_bytes("JPEG", 600, 800))
    author = Author.objects.get()
    with_story(author)
    payload = client.get(f"/api/v1/authors/{author.slug}/").json()
    assert payload["photo_url"].startswith("http://testserver/media/authors/")
    assert author.photo.name not in payload["photo_url"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("face.jpg", photos.jpeg_bytes() + b"<script>alert(1)</script>", "web-page code"),
        ("face.jpg", photos.jpeg_with_html_comment(), "web-page code"),
        ("face.jpg", b"just some text, not a photo\n", "this file is text"),
        ("face.png", photos.png_bomb(), "megapixels"),
    ],
    ids=["appended-script", "html-comment", "text", "bomb"],
)
def test_author_photo_refused_as_the_photo_library_would(
    admin_client, settings, name, content, message
):
    response = add_author(admin_client, name, content)
    assert response.status_code == 200
    assert message in response.text
    assert not Author.objects.exists()
    assert files_under(settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT) == []


def test_make_renditions_makes_an_old_author_photos_renditions(make_author, settings):
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    from articles.photos.storage import originals_storage

    name = originals_storage().save("authors/2025/old.jpg", ContentFile(photos.jpeg_bytes()))
    author = make_author()
    Author.objects.filter(pk=author.pk).update(photo=name)  # as migration 0012 leaves it
    call_command("make_renditions", verbosity=0)
    author.refresh_from_db()
    assert author.portrait_url.startswith("/media/authors/")


# A photo whose renditions cannot be made (audit of issue 14) ---------------------------------


def broken_encoder(error):
    def encode(*args, **kwargs):
        raise error

    return encode


RENDITION_FAILURES = [
    (OSError(28, "No space left on device"), "could not be stored"),
    (ValueError("broken PNG file"), "could not be read"),
]


@pytest.mark.parametrize(("error", "message"), RENDITION_FAILURES, ids=["oserror", "valueerror"])
def test_author_photo_whose_renditions_fail_saves_nothing_and_says_why(
    admin_client, settings, monkeypatch, committed, error, message
):
    from articles.photos import renditions

    monkeypatch.setattr(renditions, "encode", broken_encoder(error))
    with committed():
        response = add_author(admin_client, "face.jpg", photos.jpeg_bytes(640, 640))
    assert response.status_code in (200, 302)
    page = admin_client.get(response.url) if response.status_code == 302 else response
    assert message in page.text and "nothing was saved" in page.text.lower()
    assert not Author.objects.exists()  # no half record
    assert files_under(settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT) == []


@pytest.mark.parametrize(("error", "message"), RENDITION_FAILURES, ids=["oserror", "valueerror"])
def test_author_new_photo_whose_renditions_fail_keeps_the_one_saved_before(
    admin_client, settings, monkeypatch, committed, error, message
):
    from articles.photos import renditions

    with committed():
        add_author(admin_client, "face.jpg", photos.jpeg_bytes(640, 640))
    author = Author.objects.get()
    before = files_under(settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT)
    assert author.photo and author.photo_renditions and before
    monkeypatch.setattr(renditions, "encode", broken_encoder(error))
    data = {
        "name": "Ines Harrow",
        "slug": "ines-harrow",
        "title": "Harbour reporter",
        "bio": "",
        "website": "",
        "social_url": "",
        "photo": SimpleUploadedFile("new.jpg", photos.jpeg_bytes(500, 700), "image/jpeg"),
    }
    url = reverse("admin:articles_author_change", args=[author.pk])
    with committed():
        response = admin_client.post(url, data)
    page = admin_client.get(response.url) if response.status_code == 302 else response
    assert message in page.text and "nothing was saved" in page.text.lower()
    saved = Author.objects.get()
    assert (saved.title, saved.photo.name) == ("", author.photo.name)
    assert saved.photo_renditions == author.photo_renditions
    assert sorted(files_under(settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT)) == sorted(before)
