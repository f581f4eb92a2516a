"""Issue 13: the focal point is picked on a photo before it is uploaded, under the CSP.

The photo form previews the chosen file through a blob: URL; the photo form alone allows
blob: images, and the crops readers get are made around the point picked on that preview.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import CaptionedImage
from tests.helpers.browser import signed_in
from tests.helpers.photos import encode, halves

pytestmark = pytest.mark.browser


def test_browser_focal_point_picked_before_upload(browser, live_server, make_user, tmp_path):
    upload = tmp_path / "quay.jpg"
    upload.write_bytes(encode(halves(1600, 800), "JPEG", quality=85))
    editor = make_user("Editor", "eddie")
    page = signed_in(browser, live_server, editor).new_page()
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    response = page.goto(f"{live_server.url}{reverse('admin:articles_captionedimage_add')}")
    img_src = next(
        part for part in response.headers["content-security-policy"].split(";") if "img-src" in part
    )
    assert img_src.split() == ["img-src", "'self'", "blob:"]

    page.set_input_files("#id_image", str(upload))
    preview = page.locator("[data-focal-preview]")
    expect(preview).to_be_visible()
    assert preview.evaluate("img => img.complete && img.naturalWidth") == 1600
    box = preview.bounding_box()
    preview.click(position={"x": box["width"] * 0.8, "y": box["height"] * 0.25})
    assert abs(float(page.input_value("#id_focal_x")) - 0.8) < 0.01
    assert abs(float(page.input_value("#id_focal_y")) - 0.25) < 0.01
    expect(page.locator(".focal-marker")).to_be_visible()
    page.fill("#id_alt_text", "The quay at low tide")
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    assert problems == []

    photo = CaptionedImage.objects.get()
    x, y, width, height = photo.renditions["crops"]["square"]["box"]
    assert (x, y, width, height) == (800, 0, 800, 800)  # the right half, around x = 1280
    assert x <= 0.8 * photo.width <= x + width

    # Everywhere else the policy stays as it was.
    story_form = page.goto(f"{live_server.url}{reverse('admin:articles_article_add')}")
    assert "blob:" not in story_form.headers["content-security-policy"]
