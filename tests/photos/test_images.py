"""Photos as readers get them: renditions, metadata stripped, <picture> markup, flat queries."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image, features

from articles.models import CaptionedImage
from articles.photos import uploads
from articles.photos.renditions import crop_box, output_sizes, rendition_storage, url_maker
from tests.helpers import photos
from tests.helpers.html import pictures_in

MODERN = ["avif", "webp"] if features.check("avif") else ["webp"]


def rendition_files(photo, crop):
    return photo.renditions["crops"][crop]["files"]


def open_rendition(settings, file):
    data = (settings.MEDIA_ROOT / file["name"]).read_bytes()
    return data, Image.open(io.BytesIO(data))


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_renditions_of_each_format_have_the_right_sizes(make_image, settings, fmt):
    photo = make_image(image_bytes=photos.photo_bytes(fmt, 1000, 750))
    expected = {
        "full": [(320, 240), (640, 480), (960, 720), (1000, 750)],
        "wide": [(320, 180), (640, 360), (960, 540), (1000, 562)],
        "square": [(160, 160), (320, 320), (640, 640)],  # thumbnails stop at 640
        "social": [(1000, 525)],  # smaller than 1200 × 630: never upscaled
    }
    for crop, sizes in expected.items():
        files = rendition_files(photo, crop)
        kinds = ["jpeg"] if crop == "social" else [*MODERN, "jpeg"]
        assert sorted((f["width"], f["height"], f["format"]) for f in files) == sorted(
            (*size, kind) for size in sizes for kind in kinds
        )
        for file in files:
            _, image = open_rendition(settings, file)
            assert image.size == (file["width"], file["height"])
            assert image.format == {"avif": "AVIF", "webp": "WEBP", "jpeg": "JPEG"}[file["format"]]


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_renditions_carry_no_metadata(make_image, settings, fmt):
    original = photos.photo_bytes(fmt, 800, 600)
    assert b"NewsCam" in original and Image.open(io.BytesIO(original)).getexif()  # it was there
    photo = make_image(image_bytes=original)
    for crop in ("full", "wide", "square", "social"):
        for file in rendition_files(photo, crop):
            data, image = open_rendition(settings, file)
            assert not image.getexif(), file["name"]
            assert not {"exif", "xmp", "icc_profile", "comment"} & set(image.info), file["name"]
            assert b"NewsCam" not in data and b"Exif" not in data, file["name"]


def test_renditions_follow_the_exif_orientation(make_image, settings):
    # Stored 1000 × 750 with "turn 90° clockwise to show": readers see it 750 × 1000.
    photo = make_image(image_bytes=photos.photo_bytes("JPEG", 1000, 750, orientation=6))
    assert (photo.width, photo.height) == (750, 1000)
    biggest = rendition_files(photo, "full")[-1]
    _, image = open_rendition(settings, biggest)
    assert image.size == (750, 1000)
    image = image.convert("RGB")
    top, bottom = image.getpixel((375, 100)), image.getpixel((375, 900))
    assert top[0] > 150 > top[2]  # the red half (stored on the left) is now on top
    assert bottom[2] > 150 > bottom[0]


@pytest.mark.parametrize("orientation", [1, 6])
def test_renditions_of_a_big_jpeg_show_the_whole_photo(make_image, settings, orientation):
    # 4000 × 3000: decoded at half size to save memory; the renditions must not notice.
    photo = make_image(image_bytes=photos.photo_bytes("JPEG", 4000, 3000, orientation))
    widest = rendition_files(photo, "full")[-1]
    image = open_rendition(settings, widest)[1].convert("RGB")
    assert image.size == ((1920, 1440) if orientation == 1 else (1920, 2560))
    w, h = image.size
    red_at, blue_at = (
        ((10, h // 2), (w - 10, h // 2)) if orientation == 1 else ((w // 2, 10), (w // 2, h - 10))
    )
    assert image.getpixel(red_at)[0] > 150 > image.getpixel(red_at)[2]
    assert image.getpixel(blue_at)[2] > 150 > image.getpixel(blue_at)[0]
    wide = open_rendition(settings, rendition_files(photo, "wide")[-1])[1].convert("RGB")
    assert min(wide.getpixel((wide.width - 5, wide.height - 5))) > 0  # no black padding


def test_renditions_are_never_upscaled(make_image):
    photo = make_image(image_bytes=photos.photo_bytes("PNG", 200, 100))
    widths = {f["width"] for crop in photo.renditions["crops"].values() for f in crop["files"]}
    assert max(widths) == 200
    assert {f["width"] for f in rendition_files(photo, "square")} == {100}


def test_renditions_keep_transparency_in_modern_formats(make_image, settings):
    image = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
    image.paste((200, 30, 30, 255), (100, 100, 300, 200))
    photo = make_image(image_bytes=photos.encode(image, "PNG"))
    webp = next(f for f in rendition_files(photo, "full") if f["format"] == "webp")
    jpeg = next(f for f in rendition_files(photo, "full") if f["format"] == "jpeg")
    assert open_rendition(settings, webp)[1].convert("RGBA").getpixel((5, 5))[3] == 0
    assert open_rendition(settings, jpeg)[1].getpixel((5, 5)) == (255, 255, 255)  # on white


@pytest.mark.parametrize(
    ("focal", "expected"),
    [
        ((0.5, 0.5), (200, 0, 600, 600)),
        ((0.95, 0.2), (400, 0, 600, 600)),
        ((0.0, 0.9), (0, 0, 600, 600)),
    ],
)
def test_crop_box_keeps_the_focal_point_in_frame(focal, expected):
    box = crop_box(1000, 600, 1, focal)
    assert box == expected
    x, y, width, height = box
    assert x <= focal[0] * 1000 <= x + width and y <= focal[1] * 600 <= y + height


def test_crop_box_for_tall_photo_follows_focal_point_down():
    x, y, width, height = crop_box(900, 1600, 16 / 9, (0.5, 0.8))
    assert (width, height) == (900, 506)
    assert y <= 0.8 * 1600 <= y + height and y + height <= 1600


def test_output_sizes_include_the_crop_width_when_below_the_largest():
    assert output_sizes(700, 350, (320, 640, 960)) == [(320, 160), (640, 320), (700, 350)]
    assert output_sizes(2000, 1000, (320, 640)) == [(320, 160), (640, 320)]


def test_16_9_photo_shares_its_whole_and_wide_files(
    make_image, settings, django_capture_on_commit_callbacks
):
    photo = make_image(image_bytes=photos.photo_bytes("JPEG", 1280, 720))
    assert rendition_files(photo, "wide") == rendition_files(photo, "full")
    with django_capture_on_commit_callbacks(execute=True):
        photo.focal_x = 0.2  # rebuilds "wide" (same box), must not delete what "full" shows
        photo.save()
    photo.refresh_from_db()  # the renditions the task made after the commit (issue 15)
    for crop in ("full", "wide", "square", "social"):
        for file in rendition_files(photo, crop):
            assert (settings.MEDIA_ROOT / file["name"]).exists(), file["name"]


def test_changing_the_focal_point_rebuilds_only_the_crops(make_image, settings, committed):
    photo = make_image(image_bytes=photos.photo_bytes("JPEG", 1600, 900))
    full_before = rendition_files(photo, "full")
    square_before = rendition_files(photo, "square")
    with committed():
        photo.focal_x = 0.1
        photo.save()
    photo.refresh_from_db()  # the renditions the task made after the commit (issue 15)
    assert rendition_files(photo, "full") == full_before
    assert rendition_files(photo, "square") != square_before
    assert photo.renditions["crops"]["square"]["box"] == [0, 0, 900, 900]


SRCSET_ITEM = re.compile(r"^(/media/photos/\S+\.(?:avif|webp|jpg)) ([1-9]\d*)w$")


def assert_valid_srcset(client, srcset, content_type):
    widths = []
    for item in srcset.split(", "):
        match = SRCSET_ITEM.match(item)
        assert match, f"not a “URL width” srcset entry: {item!r}"
        response = client.get(match[1])
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        with Image.open(io.BytesIO(b"".join(response.streaming_content))) as image:
            assert image.width == int(match[2])
        widths.append(int(match[2]))
    assert widths == sorted(set(widths))


def test_story_page_lead_photo_is_a_valid_eager_picture(client, make_article, make_image):
    photo = make_image(image_bytes=photos.photo_bytes("JPEG", 1200, 800), credit="Ledger/T. Vale")
    story = make_article(lead_image=photo)
    html = client.get(story.get_absolute_url()).text
    (picture,) = pictures_in(html)
    types = [source["type"] for source in picture["sources"]]
    assert types == [f"image/{kind}" for kind in MODERN]
    for source in picture["sources"]:
        assert source["sizes"]
        assert_valid_srcset(client, source["srcset"], source["type"])
    img = picture["img"]
    assert_valid_srcset(client, img["srcset"], "image/jpeg")
    assert img["src"] in img["srcset"]
    assert img["alt"] == photo.alt_text
    assert (img["width"], img["height"]) == ("960", "640")
    assert img["fetchpriority"] == "high" and "loading" not in img
    assert "(Photo: Ledger/T. Vale)" in html
    assert "originals/" not in html


def test_cards_use_lazy_16_9_pictures_with_credit(client, make_article, make_image):
    for _ in range(3):
        make_article(lead_image=make_image(image_bytes=photos.photo_bytes("JPEG", 1200, 800)))
    html = client.get(reverse("articles:latest")).text
    cards = pictures_in(html)
    assert len(cards) == 3
    for picture in cards:
        img = picture["img"]
        assert img["loading"] == "lazy" and "fetchpriority" not in img
        assert img["alt"] == ""  # the headline next to it says it all
        assert int(img["width"]) * 9 == int(img["height"]) * 16
        assert_valid_srcset(client, img["srcset"], "image/jpeg")
    assert html.count("Photo: Harbour Press/A. Lindqvist") == 3


def test_home_lead_photo_is_eager_and_the_rest_lazy(client, make_article, make_image):
    for _ in range(3):
        make_article(lead_image=make_image())
    html = client.get(reverse("articles:home")).text
    first, *others = pictures_in(html)
    assert first["img"]["fetchpriority"] == "high"
    assert others and all(other["img"]["loading"] == "lazy" for other in others)


def count_home_queries(client):
    client.get(reverse("articles:home"))  # the sections menu is read once after a change
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("articles:home")).status_code == 200
    return len(queries)


def test_home_query_count_unchanged_by_photos(client, make_article, make_image):
    for _ in range(3):
        make_article()
    without_photos = count_home_queries(client)
    for _ in range(6):
        make_article(lead_image=make_image())
    assert len(pictures_in(client.get(reverse("articles:home")).text)) >= 6
    assert count_home_queries(client) == without_photos


def test_photo_without_renditions_is_not_shown_as_original(client, make_article, make_image):
    photo = make_image()
    CaptionedImage.objects.filter(pk=photo.pk).update(renditions={})
    story = make_article(lead_image=photo)
    html = client.get(story.get_absolute_url()).text
    # No figure at all until its renditions exist (issue 15): never the private original.
    assert "<picture>" not in html and "originals/" not in html
    assert "(Photo: Harbour Press/A. Lindqvist)" not in html


def test_make_renditions_builds_missing_and_skips_current(make_image, capsys):
    photo = make_image()
    CaptionedImage.objects.filter(pk=photo.pk).update(renditions={})
    call_command("make_renditions")
    out = capsys.readouterr().out
    assert f"[1/1] #{photo.pk}" in out and "built full, wide, square, social" in out
    assert "1 photos: 1 built, 0 up to date, 0 failed" in out
    photo.refresh_from_db()
    assert photo.pictures["wide"]
    call_command("make_renditions")
    assert "1 photos: 0 built, 1 up to date, 0 failed" in capsys.readouterr().out
    call_command("make_renditions", "--force", str(photo.pk))
    assert "1 built" in capsys.readouterr().out


def test_make_renditions_reports_a_missing_original(make_image, capsys):
    from django.core.management.base import CommandError

    photo = make_image()
    photo.image.storage.delete(photo.image.name)
    with pytest.raises(CommandError, match=f"Failed ids: {photo.pk}"):
        call_command("make_renditions", "--force")
    assert "FAILED" in capsys.readouterr().err


def test_photo_marked_do_not_reuse_is_refused_for_another_story(make_article, make_image):
    photo = make_image(do_not_reuse=True)
    first = make_article(headline="Storm hits the harbour", lead_image=photo)
    second = make_article(headline="Ferry times change")
    with pytest.raises(ValidationError, match="already used in “Storm hits the harbour”"):
        uploads.check_reuse(photo, second)
    uploads.check_reuse(photo, first)  # its own story may keep it
    assert "[do not reuse]" in str(photo)  # what the story form's photo picker shows


def test_rights_check_lets_a_story_keep_the_photo_it_has(make_article, make_image):
    photo = make_image()
    make_article(lead_image=photo)
    second = make_article(lead_image=photo)
    photo.do_not_reuse = True  # marked after both stories had it
    photo.save()
    uploads.check_reuse(photo, second)  # editing the headline of either still saves
    with pytest.raises(ValidationError):
        uploads.check_reuse(photo, make_article())


def test_photo_free_to_reuse_passes_the_rights_check(make_article, make_image):
    photo = make_image()
    make_article(lead_image=photo)
    uploads.check_reuse(photo, make_article())
    uploads.check_reuse(None, make_article())


def test_rights_check_message_reaches_the_story_form(make_article, make_image):
    """The hook as the story form wires it (see uploads.check_reuse)."""
    from django import forms

    from articles.models import Article

    class StoryForm(forms.ModelForm):
        class Meta:
            model = Article
            fields = ["lead_image"]

        def clean_lead_image(self):
            image = self.cleaned_data["lead_image"]
            uploads.check_reuse(image, self.instance)
            return image

    photo = make_image(do_not_reuse=True)
    make_article(headline="Storm hits the harbour", lead_image=photo)
    form = StoryForm({"lead_image": photo.pk}, instance=make_article())
    assert not form.is_valid()
    assert "do not reuse" in form.errors["lead_image"][0]


def test_saving_a_bad_file_from_code_is_refused(db):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("x.jpg", photos.SVG_WITH_SCRIPT, "image/jpeg")
    with pytest.raises(ValidationError, match="SVG"):
        CaptionedImage.objects.create(image=upload, alt_text="x")
    assert not CaptionedImage.objects.exists()


@pytest.mark.parametrize(
    "media_url", ["/media/", "https://media.example.com/media/", "/a/../m/", "/m//x/", "/m/?v=2/"]
)
@pytest.mark.parametrize(
    "name",
    [
        "photos/7/wide-3f9a1c2e0b-640x360.webp",
        "photos/7/ünïcode fïle.jpg",
        "/photos/7/a.jpg",
        "photos//7/a.jpg",
        "photos/./7/a.jpg",
        "../photos/a.jpg",
        "photos/.hidden.jpg",
        "photos/a?b#c;d:e%f.jpg",
        "photos\\7\\a.jpg",
    ],
)
def test_rendition_urls_are_the_storage_urls(settings, media_url, name):
    settings.MEDIA_URL = media_url  # issue 6: url_maker() skips urljoin only where it adds nothing
    storage = rendition_storage()
    assert url_maker(storage)(name) == storage.url(name)


def test_picture_urls_follow_a_changed_media_url(client, make_article, make_image, settings):
    article = make_article(lead_image=make_image())
    assert 'srcset="/media/photos/' in client.get("/latest/").text
    settings.MEDIA_URL = "https://media.example.com/media/"
    text = client.get("/latest/").text
    assert 'srcset="https://media.example.com/media/photos/' in text
    assert 'srcset="/media/' not in text
    assert (
        'src="https://media.example.com/media/photos/'
        in client.get(article.get_absolute_url()).text
    )
