"""Chromium under our Content Security Policy: the reader pages and the admin work, and report
no violation; the editor types and the autocomplete answers (issue 7)."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article, Author, Byline, Category
from tests.conftest import signed_in
from tests.helpers.xss import PAYLOADS
from tests.test_xss import hostile_newsroom

pytestmark = pytest.mark.browser


def watch(page):
    """Every console error and uncaught exception of `page` (CSP violations are console errors)."""
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
    return problems


@pytest.fixture
def desk(transactional_db, make_article, make_image):
    harbour = Category.objects.create(name="Harbour", slug="harbour")
    Category.objects.create(name="Weather", slug="weather")
    story = make_article(category=harbour, lead_image=make_image(), tags=["Ferries"])
    boss = User.objects.create_superuser("boss", "boss@example.com", "a-long-pass-phrase-9")
    return {"story": story, "user": boss}


def test_browser_reader_pages_run_under_the_csp_without_violations(live_server, browser, desk):
    page = browser.new_page()
    problems = watch(page)
    for path in ["/", desk["story"].get_absolute_url(), "/latest/", "/search/?q=ferry"]:
        response = page.goto(f"{live_server.url}{path}")
        assert "object-src 'none'" in response.headers["content-security-policy"]
    # JSON-LD blocks are data, not scripts: they need no nonce and raise no violation.
    page.goto(f"{live_server.url}{desk['story'].get_absolute_url()}")
    data = page.locator('script[type="application/ld+json"]').first.text_content()
    assert '"NewsArticle"' in data
    assert problems == []


def test_browser_admin_story_form_works_under_the_csp(live_server, browser, desk):
    page = signed_in(browser, live_server, desk["user"]).new_page()
    problems = watch(page)
    response = page.goto(f"{live_server.url}/admin/articles/article/add/")
    assert "'nonce-" in response.headers["content-security-policy"]

    # The rich-text editor loads and takes typing.
    editor = page.locator(".prose-editor .ProseMirror[contenteditable=true]")
    expect(editor).to_be_visible()
    editor.click()
    page.keyboard.type("The harbour  wall held.")
    expect(editor).to_contain_text("The harbour  wall held.")

    # The section autocomplete asks the server and offers the match.
    page.locator(".field-category .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Harb")
    page.locator(".select2-results__option", has_text="Harbour").click()

    page.locator("#id_headline").fill("Wall holds through the storm")
    page.locator(".field-author .select2-selection").first.click()
    page.locator(".select2-container--open .select2-search__field").fill("Author")
    page.locator(".select2-results__option").first.click()
    page.locator("input[name=_save]").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    story = Article.objects.get(slug="wall-holds-through-the-storm")  # prepopulated by script
    assert story.category.name == "Harbour"
    assert "The harbour  wall held." in story.body.replace("&nbsp;", " ").replace("\xa0", " ")
    assert problems == []


def test_browser_admin_pages_report_no_csp_violation(live_server, browser, desk, make_image):
    """The desk's other pages with scripts of their own: photos (focal point picker), the story
    list, revisions, preview links, lockouts."""
    photo, story = make_image(), desk["story"]
    page = signed_in(browser, live_server, desk["user"]).new_page()
    problems = watch(page)
    for path in [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_change", args=[story.pk]),
        reverse("admin:articles_article_revisions", args=[story.pk]),
        reverse("admin:articles_article_preview_links", args=[story.pk]),
        reverse("admin:articles_captionedimage_add"),
        reverse("admin:articles_captionedimage_change", args=[photo.pk]),
        reverse("admin:taggit_tag_changelist"),
        reverse("admin:axes_accessattempt_changelist"),
    ]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
    assert problems == []


MARKED = "[data-xss], iframe, object, embed, base, svg, math, marquee, [onerror], [onload]"


def test_browser_runs_no_payload_of_the_xss_corpus(live_server, browser):
    """No payload runs: no dialog opens, no injected element appears, and nothing is requested
    from another site (the dead proxy would stop it; the listener records the attempt).

    The browser reads each payload's story page (ten of its texts), the listings (headlines,
    standfirsts, bylines, sections of all), its search, and one author and one section whose
    bio and description hold the whole corpus at once. The test-client test covers every
    single page as HTML.
    """
    stories = hostile_newsroom(PAYLOADS)
    corpus = "\n".join(PAYLOADS)
    author = Author.objects.create(name="Kitchen Sink", slug="kitchen-sink", bio=corpus)
    section = Category.objects.create(name="Everything", slug="everything", description=corpus)
    Byline.objects.create(article=stories[0], author=author, position=1)
    page = browser.new_page()
    dialogs, foreign, violations, injected = [], [], [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on(
        "request",
        lambda request: request.url.startswith(live_server.url) or foreign.append(request.url),
    )
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    urls = ["/", "/latest/", "/latest/?page=2", "/latest/?page=3"]
    urls += [author.get_absolute_url(), section.get_absolute_url()]
    urls += [story.get_absolute_url() for story in stories]
    urls += [f"{reverse('articles:search')}?{urlencode({'q': p})}" for p in PAYLOADS]
    for url in urls:
        page.goto(f"{live_server.url}{url}")
        if count := page.locator(MARKED).count():
            injected.append(f"{url}: {count}")
    # The search box itself, as a reader types into it.
    page.locator("#search-form-q").fill(PAYLOADS[0])
    page.locator("#search-form-q").press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").text_content() == f"Search results for “{PAYLOADS[0]}”"
    assert (dialogs, injected, foreign, violations) == ([], [], [], [])
