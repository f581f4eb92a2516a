"""The media library as an editor uses it: uploads through the admin form, the list, deletes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from PIL import Image

from articles.models import Article, CaptionedImage
from tests.helpers import photos
from tests.helpers.admin_forms import upload_photo as upload


def files_under(*folders):
    return [
        path
        for folder in folders
        if folder.exists()
        for path in folder.rglob("*")
        if path.is_file()
    ]


BAD_FILES = [
    ("text renamed .jpg", "notes.jpg", photos.MEETING_NOTES, "this file is text, not a photo"),
    ("truncated JPEG", "cut.jpg", photos.truncated_jpeg(), "damaged or incomplete"),
    ("PNG decompression bomb", "bomb.png", photos.png_bomb(), "claims 10,000 megapixels"),
    ("SVG with a script", "logo.svg", photos.SVG_WITH_SCRIPT, "SVG drawings are not accepted"),
    ("SVG renamed .png", "logo.png", photos.SVG_WITH_SCRIPT, "SVG drawings are not accepted"),
    ("HTML renamed .jpg", "page.jpg", photos.HTML_PAGE, "this file is a web page (HTML)"),
    ("huge dimensions", "huge.jpg", photos.jpeg_claiming(9000, 8000), "9000 × 8000 pixels"),
    ("zero bytes", "empty.jpg", b"", "The submitted file is empty"),
    ("GIF with a script after it", "anim.gif", photos.gif_polyglot(), "web-page code"),
    ("JPEG with HTML inside", "odd.jpg", photos.jpeg_with_html_comment(), "web-page code"),
    ("not a photo format", "doc.jpg", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "not a photo"),
]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [case[1:] for case in BAD_FILES],
    ids=[case[0] for case in BAD_FILES],
)
def test_admin_photo_upload_refuses_bad_file(admin_client, settings, name, content, message):
    response = upload(admin_client, name, content)
    assert response.status_code == 200
    assert message in response.text
    assert 'class="errorlist' in response.text
    assert not CaptionedImage.objects.exists()
    assert files_under(settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT) == []


def test_admin_photo_upload_refuses_file_over_size_limit(admin_client, settings):
    settings.IMAGE_MAX_UPLOAD_BYTES = 20_000
    content = photos.noisy_jpeg(400, 300)
    assert len(content) > 20_000
    response = upload(admin_client, "big.jpg", content)
    assert "the limit is 19.5\xa0KB" in response.text
    assert not CaptionedImage.objects.exists()
    assert files_under(settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT) == []


def test_admin_photo_upload_streamed_to_disk_is_checked_the_same(admin_client, settings, committed):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1_000  # Django writes bigger uploads to a temp file
    bad = upload(admin_client, "cut.jpg", photos.truncated_jpeg())
    assert "damaged or incomplete" in bad.text
    with committed():  # the renditions are made by a task once the save commits (issue 15)
        good = upload(admin_client, "quay.jpg", photos.photo_bytes(width=640, height=480))
    assert good.status_code == 302
    assert CaptionedImage.objects.get().pictures["full"].width == 640


def test_admin_photo_upload_refuses_image_over_pixel_limit(admin_client, settings):
    settings.IMAGE_MAX_PIXELS = 100_000
    response = upload(admin_client, "wide.jpg", photos.photo_bytes(width=640, height=480))
    assert "640 × 480 pixels" in response.text
    assert "the limit is 0.1 megapixels" in response.text
    assert not CaptionedImage.objects.exists()


def test_admin_photo_upload_judges_content_not_name(admin_client, settings):
    response = upload(admin_client, "scan.gif", photos.photo_bytes("PNG"), "image/gif")
    assert response.status_code == 302
    photo = CaptionedImage.objects.get()
    assert photo.file_format == "PNG"
    assert photo.image.name.endswith(".png")


def test_admin_photo_upload_keeps_original_privately(admin_client, settings):
    content = photos.photo_bytes(orientation=6)
    assert upload(admin_client, "quay.jpg", content).status_code == 302
    photo = CaptionedImage.objects.get()
    assert (photo.width, photo.height) == (750, 1000)  # upright, as readers see it
    assert (settings.PRIVATE_MEDIA_ROOT / photo.image.name).read_bytes() == content
    assert not (settings.MEDIA_ROOT / photo.image.name).exists()
    assert photo.uploaded_by.username == "admin"


def test_admin_photo_original_is_for_staff_only(admin_client, client, make_image):
    photo = make_image()
    response = admin_client.get(photo.image.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content) == photo.image.open("rb").read()
    assert client.get(photo.image.url).status_code == 302  # to the login page


def test_admin_photo_original_url_is_the_admin_view(make_image, settings):
    # The storage knows only settings.PRIVATE_MEDIA_URL; this keeps it on the admin's route.
    photo = make_image()
    original = reverse("admin:articles_captionedimage_original", kwargs={"name": photo.image.name})
    assert photo.image.url == original
    settings.PRIVATE_MEDIA_URL = "/private/"
    assert photo.image.url == f"/private/{photo.image.name}"


def test_admin_photo_add_form_has_focal_point_picker(admin_client):
    text = admin_client.get(reverse("admin:articles_captionedimage_add")).text
    assert 'accept="image/jpeg,image/png,image/webp,image/gif"' in text
    assert "data-focal-preview" in text
    assert "js/focal-point" in text
    assert "<script>" not in text.split('id="content"')[1]  # no inline scripts in the form


def test_admin_photo_focal_point_moves_the_crops(admin_client, make_image, committed):
    photo = make_image(image_bytes=photos.photo_bytes(width=1600, height=900))
    change = reverse("admin:articles_captionedimage_change", args=[photo.pk])
    form = {"alt_text": photo.alt_text, "caption": "", "credit": "", "wide_box": "",
            "square_box": "", "social_box": ""}  # fmt: skip
    with committed():  # the renditions are made by a task once the save commits (issue 15)
        response = admin_client.post(change, form | {"focal_x": "0.9", "focal_y": "0.5"})
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.renditions["crops"]["square"]["box"] == [700, 0, 900, 900]  # at the right edge
    assert photo.renditions["crops"]["full"]["box"] == [0, 0, 1600, 900]
    text = admin_client.get(change).text
    assert "x 700, y 0, 900 × 900 (around the focal point)" in text


def test_admin_photo_crop_box_set_by_hand(admin_client, make_image, committed):
    photo = make_image(image_bytes=photos.photo_bytes(width=1600, height=900))
    change = reverse("admin:articles_captionedimage_change", args=[photo.pk])
    form = {"alt_text": photo.alt_text, "focal_x": "0.5", "focal_y": "0.5", "wide_box": "",
            "social_box": ""}  # fmt: skip
    with committed():
        response = admin_client.post(change, form | {"square_box": "100, 50, 600, 600"})
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.crop_boxes == {"square": [100, 50, 600, 600]}
    assert photo.renditions["crops"]["square"]["box"] == [100, 50, 600, 600]
    square = {(f["width"], f["height"]) for f in photo.renditions["crops"]["square"]["files"]}
    assert square == {(160, 160), (320, 320), (600, 600)}


@pytest.mark.parametrize(
    ("box", "message"),
    [
        ("100, 50, 600, 500", "A 1:1 (thumbnails) box 600 pixels wide is 600 pixels high."),
        ("1200, 0, 600, 600", "The box goes past the edge of the photo (1600 × 900)."),
        ("left, top", "Give four whole numbers of pixels"),
    ],
)
def test_admin_photo_crop_box_refused_with_reason(admin_client, make_image, box, message):
    photo = make_image(image_bytes=photos.photo_bytes(width=1600, height=900))
    change = reverse("admin:articles_captionedimage_change", args=[photo.pk])
    form = {"alt_text": photo.alt_text, "focal_x": "0.5", "focal_y": "0.5", "wide_box": "",
            "social_box": ""}  # fmt: skip
    response = admin_client.post(change, form | {"square_box": box})
    assert response.status_code == 200
    assert message in response.text
    photo.refresh_from_db()
    assert photo.crop_boxes == {}


def test_admin_photo_changelist_shows_library_columns(admin_client, make_image, make_article):
    used = make_image(credit="Ledger/T. Vale", do_not_reuse=True)
    make_article(lead_image=used)
    make_article(lead_image=used, status=Article.Status.DRAFT)
    make_image(credit="Agency/K. Ruiz")
    text = admin_client.get(reverse("admin:articles_captionedimage_changelist")).text
    assert text.count('class="admin-thumb"') == 2
    assert "/media/photos/" in text
    assert "2 stories" in text
    assert "Not used" in text
    assert "Do not reuse" in text
    assert "320\xa0×\xa0180" in text


def test_admin_photo_changelist_queries_do_not_grow(
    admin_client, make_image, make_article, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("admin:articles_captionedimage_changelist")
    make_article(lead_image=make_image())
    admin_client.get(url)  # warm up the session and the content types
    with CaptureQueriesContext(connection) as one:
        admin_client.get(url)
    for _ in range(4):
        make_article(lead_image=make_image())
    with django_assert_num_queries(len(one)):
        admin_client.get(url)


@pytest.mark.parametrize(
    ("query", "found"),
    [("q=Okafor", "Cranes"), ("q=storm", "Sea wall"), ("q=container", "Cranes")],
)
def test_admin_photo_search_by_alt_caption_credit(admin_client, make_image, query, found):
    make_image(alt_text="Cranes on the container quay", caption="", credit="Press/J. Okafor")
    make_image(alt_text="Sea wall", caption="After the storm", credit="Ledger/T. Vale")
    text = admin_client.get(reverse("admin:articles_captionedimage_changelist") + "?" + query).text
    assert found in text
    assert ("Sea wall" in text) == (found == "Sea wall")


def test_admin_photo_filters_by_format_and_uploader(admin_client, admin_user, make_image):
    make_image(alt_text="A chart", image_bytes=photos.photo_bytes("PNG"), uploaded_by=admin_user)
    make_image(alt_text="A portrait")
    url = reverse("admin:articles_captionedimage_changelist")
    text = admin_client.get(url + "?file_format__exact=PNG").text
    assert "A chart" in text and "A portrait" not in text
    text = admin_client.get(url + f"?uploaded_by__id__exact={admin_user.pk}").text
    assert "A chart" in text and "A portrait" not in text


def test_admin_photo_delete_refused_while_a_story_uses_it(admin_client, make_image, make_article):
    photo = make_image()
    make_article(headline="Harbour wall to be rebuilt", lead_image=photo)
    make_article(headline="Budget draft", lead_image=photo, status=Article.Status.DRAFT)
    delete = reverse("admin:articles_captionedimage_delete", args=[photo.pk])
    response = admin_client.post(delete, {"post": "yes"}, follow=True)
    assert "cannot be deleted" in response.text
    assert "“Harbour wall to be rebuilt” (published)" in response.text
    assert "“Budget draft” (draft)" in response.text
    assert CaptionedImage.objects.filter(pk=photo.pk).exists()


def test_admin_photo_bulk_delete_refused_while_a_story_uses_it(
    admin_client, make_image, make_article
):
    photo = make_image()
    make_article(headline="Harbour wall to be rebuilt", lead_image=photo)
    response = admin_client.post(
        reverse("admin:articles_captionedimage_changelist"),
        {"action": "delete_selected", "_selected_action": [photo.pk], "post": "yes"},
    )
    assert "Harbour wall to be rebuilt" in response.text
    assert CaptionedImage.objects.filter(pk=photo.pk).exists()


def test_admin_photo_delete_removes_its_files(
    admin_client, settings, make_image, django_capture_on_commit_callbacks
):
    photo = make_image()
    assert files_under(settings.MEDIA_ROOT) and files_under(settings.PRIVATE_MEDIA_ROOT)
    delete = reverse("admin:articles_captionedimage_delete", args=[photo.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(delete, {"post": "yes"})
    assert response.status_code == 302
    assert not CaptionedImage.objects.exists()
    assert files_under(settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT) == []


def test_admin_photo_replacing_the_file_rebuilds_renditions(
    admin_client, settings, make_image, django_capture_on_commit_callbacks
):
    photo = make_image()
    old_files = files_under(settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT)
    change = reverse("admin:articles_captionedimage_change", args=[photo.pk])
    new = SimpleUploadedFile("new.png", photos.photo_bytes("PNG", 800, 600), "image/png")
    form = {"image": new, "alt_text": "New", "focal_x": "0.5", "focal_y": "0.5"}
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(change, form).status_code == 302
    photo.refresh_from_db()
    assert (photo.width, photo.height, photo.file_format) == (800, 600, "PNG")
    assert not any(path.exists() for path in old_files)
    with Image.open(
        settings.MEDIA_ROOT / photo.renditions["crops"]["full"]["files"][-1]["name"]
    ) as big:
        assert big.size == (800, 600)


@pytest.fixture
def wide_photo(transactional_db, make_image):
    return make_image(image_bytes=photos.photo_bytes(width=1600, height=900))


@pytest.mark.browser
def test_admin_photo_focal_point_set_by_clicking_the_preview(
    live_server, admin_user, wide_photo, browser
):
    page = browser.new_page(viewport={"width": 1280, "height": 1200})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", admin_user.username)
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/articles/captionedimage/{wide_photo.pk}/change/")

    preview = page.locator("[data-focal-preview]")
    box = preview.bounding_box()
    preview.click(position={"x": box["width"] * 0.8, "y": box["height"] * 0.25})
    assert page.input_value("#id_focal_x") == "0.800"
    assert page.input_value("#id_focal_y") == "0.250"
    marker = page.locator(".focal-marker").bounding_box()
    assert abs(marker["x"] + marker["width"] / 2 - (box["x"] + box["width"] * 0.8)) < 3
    page.click("input[name=_continue]")
    page.wait_for_load_state("networkidle")
    assert errors == []

    try:
        wide_photo.refresh_from_db()
        assert (wide_photo.focal_x, wide_photo.focal_y) == (0.8, 0.25)
        assert wide_photo.renditions["crops"]["square"]["box"] == [700, 0, 900, 900]
    finally:
        # Playwright runs this test in a greenlet, which Django gives a connection of its own:
        # close it, or PostgreSQL refuses to drop the test database at the end.
        connection.close()


# What a writer may learn from the media library (issue 14) ------------------------------------


@pytest.fixture
def shared_photo(make_image, make_article, make_user, clock):
    from datetime import timedelta

    writer = make_user("Writer")
    colleague = make_user("Writer", username="colleague")
    photo = make_image(caption="Cranes at dawn")
    make_article(headline="Harbour wall to be rebuilt", lead_image=photo)
    make_article(headline="My own draft", lead_image=photo, status=Article.Status.DRAFT,
                 authors=[writer.author])  # fmt: skip
    make_article(headline="Secret merger talks", lead_image=photo, status=Article.Status.DRAFT,
                 authors=[colleague.author])  # fmt: skip
    make_article(headline="Embargoed results", lead_image=photo, authors=[colleague.author],
                 published_at=clock.now + timedelta(days=1))  # fmt: skip
    return writer, photo


def test_writer_sees_no_colleagues_unpublished_headlines_on_the_photo_page(client, shared_photo):
    writer, photo = shared_photo
    client.force_login(writer)
    response = client.get(reverse("admin:articles_captionedimage_change", args=[photo.pk]))
    assert response.status_code == 200
    assert "My own draft" in response.text
    assert "Secret merger talks" not in response.text
    assert "Embargoed results" not in response.text


def test_writer_gets_no_headlines_from_the_photo_delete_page(client, shared_photo):
    writer, photo = shared_photo
    client.force_login(writer)
    delete = reverse("admin:articles_captionedimage_delete", args=[photo.pk])
    for response in (
        client.get(delete, follow=True),
        client.post(delete, {"post": "yes"}, follow=True),
    ):
        assert response.status_code == 403
        assert "Secret merger talks" not in response.text
        assert "Embargoed results" not in response.text
    assert CaptionedImage.objects.filter(pk=photo.pk).exists()


def test_editor_sees_every_story_using_the_photo(client, shared_photo, make_user):
    _, photo = shared_photo
    client.force_login(make_user("Editor"))
    response = client.get(reverse("admin:articles_captionedimage_change", args=[photo.pk]))
    for headline in ("My own draft", "Secret merger talks", "Embargoed results"):
        assert headline in response.text


# Tall and thin images (issue 14) ----------------------------------------------------------------

ENCODER_SIDE_LIMIT = 16383  # WebP's; JPEG's 65,535 and AVIF's are larger


def png_of(width, height) -> bytes:
    return photos.encode(Image.new("RGB", (width, height), (200, 80, 40)), "PNG")


def test_admin_photo_tall_image_gets_renditions_within_every_encoders_limits(
    admin_client, settings, committed
):
    with committed():  # the renditions task runs once the upload commits
        response = upload(admin_client, "scroll.png", png_of(1080, 18000), content_type="image/png")
    assert response.status_code == 302
    photo = CaptionedImage.objects.get()
    files = [file for crop in photo.renditions["crops"].values() for file in crop["files"]]
    assert {file["format"] for file in files} >= {"webp", "jpeg"}
    assert max(file["height"] for file in files) <= ENCODER_SIDE_LIMIT
    full = photo.renditions["crops"]["full"]["files"]
    for file in full:  # the whole picture, not squashed: the photo's own shape
        assert abs(file["height"] / file["width"] - 18000 / 1080) < 0.02
    for file in files:
        with Image.open(settings.MEDIA_ROOT / file["name"]) as image:
            assert image.size == (file["width"], file["height"])


@pytest.mark.parametrize("size", [(1, 50000), (50000, 1), (40, 3000)])
def test_admin_photo_sliver_is_refused_with_a_reason_and_leaves_no_file(
    admin_client, settings, size
):
    response = upload(admin_client, "sliver.png", png_of(*size), content_type="image/png")
    assert response.status_code == 200
    assert "times as" in response.text and 'class="errorlist' in response.text
    assert not CaptionedImage.objects.exists()
    assert files_under(settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT) == []


def test_admin_photo_upload_whose_renditions_fail_keeps_the_upload_and_says_why(
    admin_client, settings, monkeypatch, committed
):
    """Renditions are made after the save (issue 15): a full disk then loses nothing the editor
    uploaded, leaves no half-written rendition, and the photo says why it shows nowhere yet."""
    from articles.photos import renditions

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(renditions, "encode", broken)
    with committed():
        response = upload(admin_client, "quay.jpg", photos.jpeg_bytes(640, 360))
    assert response.status_code == 302
    photo = CaptionedImage.objects.get()
    assert (photo.renditions_status, photo.renditions) == ("failed", {})
    assert files_under(settings.MEDIA_ROOT) == []
    assert (settings.PRIVATE_MEDIA_ROOT / photo.image.name).is_file()  # the upload is kept
    page = admin_client.get(reverse("admin:articles_captionedimage_change", args=[photo.pk]))
    assert "Failed" in page.text and "No space left on device" in page.text
