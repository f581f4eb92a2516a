"""Chromium under our Content Security Policy: the reader pages and the admin work, and report
no violation; the editor types and the autocomplete answers (issue 7)."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from articles.models import Article, Category

from .conftest import signed_in

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
