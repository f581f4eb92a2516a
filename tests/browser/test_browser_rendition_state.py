"""Issue 15: the photo's page shows its renditions' state change without a reload.

Renditions are made by a background task after the save. The page of a photo whose renditions
are pending asks the admin now and then (rendition-state.js) and shows them once they are made.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import CaptionedImage
from articles.tasks import make_renditions
from tests.helpers.browser import OneRequestAtATime, signed_in
from tests.helpers.photos import photo_bytes

pytestmark = pytest.mark.browser


def test_browser_photo_page_shows_renditions_ready_without_a_reload(
    browser, live_server, make_user, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # a worker's
    upload = SimpleUploadedFile("quay.jpg", photo_bytes(width=800, height=600), "image/jpeg")
    photo = CaptionedImage.objects.create(image=upload, alt_text="Boats at dawn")
    assert photo.renditions_status == "pending"
    page = signed_in(browser, live_server, make_user("Editor", "eddie")).new_page()
    page.goto(live_server.url + reverse("admin:articles_captionedimage_change", args=[photo.pk]))
    state = page.locator(".field-rendition_state")
    expect(state).to_contain_text("Pending")
    expect(page.locator(".field-crop_previews img")).to_have_count(0)
    page.fill("#id_caption", "Typed while the renditions are made.")
    page.evaluate("window.stillTheSamePage = true")

    with OneRequestAtATime.lock:  # as a worker would, between two of the page's requests
        make_renditions.call(photo.pk)

    expect(state).to_contain_text("Ready", timeout=20_000)
    expect(page.locator(".field-crop_previews img")).to_have_count(3)
    assert page.evaluate("window.stillTheSamePage") is True  # no reload
    assert page.input_value("#id_caption") == "Typed while the renditions are made."
