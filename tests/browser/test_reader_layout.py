"""The reader site as a phone, a laptop, a printer and dark-mode eyes get it (issue 17).

Real Chromium against the live server; screenshots land in test-artifacts/ for a person to
look at.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Byline, Category

pytestmark = pytest.mark.browser

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
SECTIONS = ["Harbour", "City Hall", "Eastbank", "Business", "Sport", "Culture"]
HEADLINES = [
    "Night ferry returns after a winter of repairs",
    "Council agrees a budget after a late-night vote",
    "Street trees planted along the Eastbank road",
    "Fish market auction moves to tablets",
    "Juniors win the under-14 cup on penalties",
    "Lighthouse museum reopens with a new gallery",
]


@pytest.fixture
def newsroom(make_article, make_author, make_image):
    """The demo's shape: six sections of six stories, each with a photo, two bylines (one a
    photographer's) and a standfirst."""
    photo = make_image(
        image_bytes=None,
        caption="The quay at dusk.",
        credit="Harbour Press/J. Okafor",
        alt_text="Boats moored at the quay at dusk",
    )
    writer = make_author(name="Mara Quint", slug="mara-quint")
    photographer = make_author(name="Ines Albescu", slug="ines-albescu")
    now = timezone.now()
    stories = []
    for s, name in enumerate(SECTIONS):
        section = Category.objects.create(name=name, slug=f"section-{s}", position=s)
        for n in range(6):
            story = make_article(
                category=section,
                headline=f"{HEADLINES[(s + n) % 6]} ({name} {n})",
                slug=f"story-{s}-{n}",
                standfirst="What changes for people who live and work by the harbour, and when.",
                body="<p>" + "The harbour is busy this week. " * 80 + "</p>",
                lead_image=photo,
                authors=[writer, photographer],
                published_at=now - timezone.timedelta(minutes=7 * (6 * n + s) + 1),
            )
            stories.append(story)
    Byline.objects.filter(author=photographer).update(role=Byline.Role.PHOTOS)
    return stories


def open_page(browser, url, width, scheme="light", **options):
    page = browser.new_page(
        viewport={"width": width, "height": 844}, color_scheme=scheme, **options
    )
    failed = []
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    page.goto(url)
    page.failed = failed
    return page


def box(locator):
    found = locator.bounding_box()
    assert found is not None, locator
    return found


def overlaps(a, b):
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


# The home page of this newsroom measured 11,314 px at 390 px before the compact cards.
HOME_HEIGHT_BEFORE = 11_314


def test_browser_home_page_on_a_phone_is_compact(live_server, newsroom, browser):
    page = open_page(browser, f"{live_server.url}/", 390)

    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < HOME_HEIGHT_BEFORE * 0.6, height  # 5,992 px when written
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Each latest-news card: a small thumbnail beside its headline, its credit under neither.
    cards = page.locator(".home-latest .card--image")
    assert cards.count() == 12
    for n in range(cards.count()):
        card = cards.nth(n)
        image, headline = box(card.locator(".card__image img")), box(card.locator("h3"))
        assert image["width"] <= 120
        assert image["x"] + image["width"] <= headline["x"]
        assert not overlaps(box(card.locator(".card__credit")), image)
    # The section menu is wider than the phone, scrolls sideways, and draws its edge shadows.
    menu = page.locator(".site-nav__list")
    assert menu.evaluate("el => el.scrollWidth > el.clientWidth")
    assert menu.evaluate("el => getComputedStyle(el).overflowX") == "auto"
    assert "radial-gradient" in menu.evaluate("el => getComputedStyle(el).backgroundImage")
    assert page.failed == []


def test_browser_no_photo_credit_covers_a_thumbnail(live_server, newsroom, browser):
    page = open_page(browser, f"{live_server.url}/", 1366)

    images = page.locator(".card__image img, .lead__image img")
    credits = page.locator(".card__credit")
    assert images.count() >= 13 and credits.count() >= 13
    boxes = [box(images.nth(n)) for n in range(images.count())]
    for n in range(credits.count()):
        credit = box(credits.nth(n))
        assert not any(overlaps(credit, image) for image in boxes)
    assert credits.first.inner_text() == "Photo: Harbour Press/J. Okafor"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1366])
def test_browser_home_page_screenshots(live_server, newsroom, browser, width, scheme):
    ARTIFACTS.mkdir(exist_ok=True)
    page = open_page(browser, f"{live_server.url}/", width, scheme)

    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == {"light": "rgb(253, 252, 249)", "dark": "rgb(22, 23, 26)"}[scheme]
    page.screenshot(path=ARTIFACTS / f"home-{width}-{scheme}.png", full_page=True)
    assert page.failed == []


def test_browser_story_prints_the_story_and_its_address_only(live_server, newsroom, browser):
    story = newsroom[0]
    story.is_breaking = True
    story.save()
    page = open_page(browser, f"{live_server.url}{story.get_absolute_url()}", 1366)
    for part in [".site-nav", ".breaking", ".latest-strip", ".share", ".related"]:
        assert page.locator(part).first.is_visible(), part

    page.emulate_media(media="print")

    for part in ["h1", ".story__meta .byline", ".story__times time", ".story__body"]:
        assert page.locator(part).first.is_visible(), part
    assert page.locator(".figure img").is_visible()
    assert page.locator(".figure figcaption").inner_text() == (
        "The quay at dusk. (Photo: Harbour Press/J. Okafor)"
    )
    address = page.locator(".story__url")
    assert address.is_visible()
    assert address.inner_text() == f"Read online: {live_server.url}{story.get_absolute_url()}"
    hidden = [".site-nav", ".site-search", ".breaking", ".latest-strip", ".share", ".related"]
    hidden += [".site-footer", ".story__footer"]
    for part in hidden:
        assert not page.locator(part).first.is_visible(), part
    ARTIFACTS.mkdir(exist_ok=True)
    page.pdf(path=ARTIFACTS / "story-print.pdf")
    assert page.failed == []


def test_browser_story_shows_the_latest_headlines_near_the_top(live_server, newsroom, browser):
    story = newsroom[7]
    page = open_page(browser, f"{live_server.url}{story.get_absolute_url()}", 390)

    strip = page.locator("nav.latest-strip")
    links = strip.locator("li a")
    assert links.count() == 5
    assert links.first.inner_text() == newsroom[0].headline
    assert story.headline not in strip.inner_text()
    assert box(strip)["y"] < box(page.locator("h1"))["y"]
    # On a phone the headlines scroll sideways inside the strip, not the page.
    assert strip.locator("ol").evaluate("el => el.scrollWidth > el.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "story-390-light.png")


def test_browser_copy_link_copies_the_story_address(live_server, newsroom, browser):
    story = newsroom[0]
    address = f"{live_server.url}{story.get_absolute_url()}"
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(address)

    page.get_by_role("button", name="Copy link").click()

    expect(page.locator(".share__status")).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == address
    assert errors == []  # the site's CSP lets the script run
    context.close()


def test_browser_without_javascript_copy_link_is_the_story_link(live_server, newsroom, browser):
    story = newsroom[0]
    address = f"{live_server.url}{story.get_absolute_url()}"
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(address)

    link = page.get_by_role("link", name="Copy link")
    assert link.get_attribute("href") == address
    assert page.get_by_role("button", name="Copy link").count() == 0
    context.close()
