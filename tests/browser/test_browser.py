"""A real Chromium reads the site: the home page, a click through to a story, the story whole.

Screenshots land in test-artifacts/ (git-ignored) for a person to look at.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from articles.models import Byline, CaptionedImage, Category
from tests.helpers.photos import jpeg_bytes

pytestmark = pytest.mark.browser

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
HEADLINE = "Night ferry returns after a winter of repairs"


@pytest.fixture
def published_story(transactional_db, make_article, make_author):
    harbour = Category.objects.create(name="Harbour", slug="harbour")
    Category.objects.create(name="Weather", slug="weather", position=1)
    anna = make_author(name="Anna Berg", slug="anna-berg", title="Transport reporter")
    zadie = make_author(name="Zadie Quinn", slug="zadie-quinn", title="Health editor")
    # A photo the size a desk would upload, so the screenshots show the real layout.
    photo = CaptionedImage.objects.create(
        image=SimpleUploadedFile("ferry.jpg", jpeg_bytes(1600, 900), content_type="image/jpeg"),
        alt_text="The night ferry at the quay, lights on",
        caption="The ferry ties up at the island quay after its first crossing.",
        credit="Harbour Press/J. Okafor",
    )
    story = make_article(
        category=harbour,
        headline=HEADLINE,
        slug="night-ferry-returns",
        standfirst="The island service runs again from Friday, with two crossings a night.",
        body=(
            "<p>The night ferry is back. " + "The crossing takes forty minutes. " * 60 + "</p>"
            "<h2>What changes for passengers</h2>"
            "<blockquote><p>“We missed it,” said one islander.</p></blockquote>"
        ),
        lead_image=photo,
        authors=[zadie, anna],
        tags=["Ferries", "Island life"],
    )
    Byline.objects.filter(article=story, author=zadie).update(role=Byline.Role.REPORTING)
    make_article(category=harbour, headline="Harbour dues to rise in spring", lead_image=photo)
    return story


def test_browser_reader_clicks_from_home_page_to_a_whole_story(
    live_server, published_story, browser
):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    failed = []
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))

    page.goto(f"{live_server.url}/")
    # The site's stylesheet applied: the skip link waits off-screen until focused.
    skip_link = page.get_by_role("link", name="Skip to content")
    assert skip_link.evaluate("el => getComputedStyle(el).position") == "absolute"
    page.screenshot(path=ARTIFACTS / "home-page.png", full_page=True)

    page.get_by_role("link", name=HEADLINE).first.click()
    page.wait_for_url(f"{live_server.url}{published_story.get_absolute_url()}")

    expect(page.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    byline = page.locator("article .story__meta .byline")
    expect(byline).to_be_visible()
    expect(byline).to_have_text("By Zadie Quinn (Reporting) and Anna Berg")
    expect(byline.get_by_role("link", name="Zadie Quinn")).to_be_visible()
    expect(byline.get_by_role("link", name="Anna Berg")).to_be_visible()
    caption = page.locator("figure figcaption")
    expect(caption).to_be_visible()
    expect(caption).to_have_text(
        "The ferry ties up at the island quay after its first crossing. "
        "(Photo: Harbour Press/J. Okafor)"
    )
    photo = page.get_by_role("img", name="The night ferry at the quay, lights on")
    expect(photo).to_be_visible()
    assert photo.evaluate("img => img.complete && img.naturalWidth") > 0
    # A rendition that fits the slot (Chromium takes AVIF), not the 1600-pixel original.
    assert "/media/photos/" in photo.evaluate("img => img.currentSrc")
    page.screenshot(path=ARTIFACTS / "story-page.png", full_page=True)

    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=ARTIFACTS / "story-page-phone.png", full_page=True)
    assert failed == []
