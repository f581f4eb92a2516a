"""Issue #3 in a real Chromium: the desk's day, and two editors saving one story.

A writer drafts a story and submits it; an editor previews it, schedules it, and readers get
it at its time and not a second before (the clock is the test's, so nobody waits). Then two
editors edit one story at once. Screenshots land in test-artifacts/ (git-ignored).
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, Category

pytestmark = pytest.mark.browser

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
PASSWORD = "harbour-desk-pass"
HEADLINE = "Lighthouse keepers vote to strike"


def log_in(browser, live_server, username):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/article/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#content h1")).to_have_text("Select story to change")
    return page


def pick(page, field, text):
    """Choose `text` in the admin's autocomplete (select2) widget of `field`."""
    page.locator(f".field-{field} .select2-selection").first.click()
    page.locator(".select2-search__field").last.fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_writer_drafts_and_submits_editor_previews_and_schedules(
    browser, live_server, make_user, clock
):
    Category.objects.create(name="Coast", slug="coast")
    make_user("Writer", "wren", password=PASSWORD)
    make_user("Editor", "eddie", password=PASSWORD)

    # The writer drafts: their own byline is filled in for them.
    writer = log_in(browser, live_server, "wren")
    writer.click("text=Add story")
    writer.fill("#id_headline", HEADLINE)
    writer.fill("#id_standfirst", "Keepers on all four towers walk out from Monday.")
    writer.locator(".field-body [contenteditable=true]").click()
    writer.keyboard.type("The union says the automation plan puts ships at risk.")
    pick(writer, "category", "Coast")
    expect(writer.locator(".field-author .select2-selection").first).to_contain_text("Wren Tester")
    expect(writer.locator("#id_status option")).to_have_text(["Draft", "In review"])
    writer.click("input[name=_continue]")
    expect(writer.locator(".messagelist")).to_contain_text("was added successfully")

    # ...and submits it for review, with the button under the form (issue 13).
    writer.locator(".submit-row").last.get_by_role("button", name="Submit for review").click()
    expect(writer.locator(".messagelist")).to_contain_text("is submitted for review")
    story = Article.objects.get(headline=HEADLINE)
    assert story.status == Article.Status.IN_REVIEW
    writer.screenshot(path=ARTIFACTS / "workflow-1-writer-submitted.png", full_page=True)

    # The editor sees it waiting, previews it in the site's layout.
    editor = log_in(browser, live_server, "eddie")
    expect(editor.locator(".desk-counts")).to_contain_text("1 awaiting review")
    editor.click("text=1 awaiting review")
    editor.click(f"text={HEADLINE}")
    with editor.context.expect_page() as opened:
        editor.click("ul.object-tools >> text=Preview")
    preview = opened.value
    expect(preview.locator(".notice--preview")).to_contain_text("Preview — not published.")
    expect(preview.locator("h1")).to_have_text(HEADLINE)
    preview.screenshot(path=ARTIFACTS / "workflow-2-editor-preview.png", full_page=True)
    preview.close()

    # ...and schedules it for 07:00 tomorrow.
    go_live = timezone.localtime(clock.now + timezone.timedelta(days=1)).replace(
        hour=7, minute=0, second=0
    )
    editor.select_option("#id_status", "published")
    editor.fill("#id_published_at_0", go_live.strftime("%Y-%m-%d"))
    editor.fill("#id_published_at_1", "07:00:00")
    editor.click("input[name=_save]")
    expect(editor.locator(".messagelist")).to_contain_text("was changed successfully")
    editor.click(".desk-counts >> text=1 scheduled")
    expect(editor.locator("tr", has_text=HEADLINE).locator(".status-badge")).to_have_text(
        "Scheduled"
    )
    editor.screenshot(path=ARTIFACTS / "workflow-3-editor-scheduled.png", full_page=True)

    # Readers get it at 07:00:00, not a second before.
    story.refresh_from_db()
    reader = browser.new_page()
    clock.now = go_live - timezone.timedelta(seconds=1)
    assert reader.goto(f"{live_server.url}{story.get_absolute_url()}").status == 404
    reader.goto(f"{live_server.url}/latest/")
    expect(reader.locator("main")).not_to_contain_text(HEADLINE)
    clock.now = go_live + timezone.timedelta(seconds=1)
    reader.goto(f"{live_server.url}/latest/")
    reader.click(f"text={HEADLINE}")
    expect(reader.locator("h1")).to_have_text(HEADLINE)
    expect(reader.locator(".notice--preview")).to_have_count(0)
    reader.screenshot(path=ARTIFACTS / "workflow-4-reader-story.png", full_page=True)


def test_two_editors_save_one_story(browser, live_server, make_user, make_article):
    make_user("Editor", "ines", password=PASSWORD)
    make_user("Editor", "tom", password=PASSWORD)
    story = make_article(headline="Harbour wall to be rebuilt", standfirst="Work starts in March.")
    change = f"{live_server.url}/admin/articles/article/{story.pk}/change/"
    ines, tom = log_in(browser, live_server, "ines"), log_in(browser, live_server, "tom")

    # Different fields: the second save merges and says so.
    ines.goto(change)
    tom.goto(change)
    ines.fill("#id_headline", "Harbour wall rebuild approved")
    ines.click("input[name=_continue]")
    # Her save is stored before Tom's is sent: a click only starts the request, and on a busy
    # machine Tom's could otherwise overtake hers (then hers would be the merged one).
    expect(ines.locator(".messagelist")).to_contain_text("was changed successfully")
    tom.fill("#id_standfirst", "The council found the money.")
    tom.click("input[name=_continue]")
    expect(tom.locator(".messagelist")).to_contain_text("touched different fields")
    expect(tom.locator("#id_headline")).to_have_value("Harbour wall rebuild approved")

    # The same field: refused, both versions shown, Tom's text still in the form.
    ines.goto(change)
    ines.fill("#id_standfirst", "The council found £4m.")
    tom.fill("#id_standfirst", "The council found £5m.")
    ines.click("input[name=_continue]")
    expect(ines.locator(".messagelist")).to_contain_text("was changed successfully")
    tom.click("input[name=_continue]")
    conflict = tom.locator("#article_form")
    expect(conflict).to_contain_text("Ines Tester changed the standfirst at")
    expect(conflict).to_contain_text("The council found £4m.")
    expect(conflict).to_contain_text("The council found £5m.")
    expect(tom.locator("#id_standfirst")).to_have_value("The council found £5m.")
    tom.screenshot(path=ARTIFACTS / "workflow-5-conflict.png", full_page=True)
    story.refresh_from_db()
    assert story.standfirst == "The council found £4m."

    # Tom has seen both and saves his again.
    tom.click("input[name=_continue]")
    expect(tom.locator(".messagelist")).to_contain_text("was changed successfully")
    story.refresh_from_db()
    assert story.standfirst == "The council found £5m."
