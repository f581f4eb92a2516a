"""Issue 13 in a real Chromium: no typed word is lost on a busy editing day.

An editor's typed standfirst reaches readers through the Publish button; leaving the form with
changes asks first; Preview shows what is typed, saving nothing; a closed tab's words come
back from the autosave; two editors see each other on one story. The autosave and presence
beat is shortened to a fraction of a second (NEWSROOM_EDITING_BEAT_SECONDS in production).
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect
from taggit.models import Tag

from articles.editing import revisions, workflow
from articles.models import Article, Autosave, Presence
from tests.helpers.browser import signed_in

pytestmark = pytest.mark.browser

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


def open_story(context, live_server, story):
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    expect(page.locator(".field-body [contenteditable=true]")).to_be_visible()
    return page


def buttons(page):
    return page.locator(".submit-row").last


def pick(page, row, text):
    """Choose `text` in the author autocomplete (select2) of byline row `row`."""
    row.locator(".select2-selection").click()
    page.locator(".select2-search__field").last.fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


@pytest.fixture
def draft(make_article):
    return make_article(
        headline="Harbour lights switched to LED",
        standfirst="The old standfirst.",
        status=Article.Status.DRAFT,
        published_at=None,
    )


def test_browser_typed_words_reach_readers_preview_and_leaving(
    browser, live_server, make_user, make_author, draft
):
    Tag.objects.create(name="Harbour", slug="harbour")
    make_author(name="Bea Byline", slug="bea")
    make_author(name="Cal Credit", slug="cal")
    context = signed_in(browser, live_server, make_user("Editor", "eddie"))
    page = open_story(context, live_server, draft)

    # The byline sits with the headline; new rows go last; rows move by keyboard and by drag.
    byline = page.locator("#bylines-group")
    after, before = byline.evaluate(
        """group => [".field-headline", ".field-standfirst"].map(
            field => group.compareDocumentPosition(document.querySelector(field)))"""
    )
    assert after & 2 and before & 4  # under the headline, above the standfirst and body
    for name in ("Bea Byline", "Cal Credit"):
        byline.locator(".add-row a").click()
        pick(page, byline.locator("tr.form-row:not(.empty-form)").last, name)
    rows = byline.locator("tr.form-row:not(.empty-form)")
    rows.nth(2).get_by_role("button", name="Move up").focus()
    page.keyboard.press("Enter")  # [Author, Cal, Bea]
    rows.nth(0).drag_to(rows.nth(2))  # [Cal, Bea, Author]
    expect(rows.locator(".field-author .select2-selection__rendered")).to_have_text(
        [re.compile("Cal Credit"), re.compile("Bea Byline"), re.compile(r"Author \d")]
    )
    page.fill("#id_headline", "Harbour lights switched to LED")
    expect(page.locator("#id_headline_count")).to_contain_text("30 characters")

    # Leaving with unsaved changes asks first.
    page.fill("#id_standfirst", "Typed, not saved yet.")
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    with page.expect_event("dialog"):
        page.close(run_before_unload=True)
    assert asked == ["beforeunload"]
    assert not page.is_closed()  # dismissed: the editor stays with their words

    # Tags are one control: pick an existing tag, or type a new one.
    page.locator(".field-tags .select2-selection").click()
    page.locator(".field-tags .select2-search__field").fill("Harb")
    page.locator(".select2-results__option", has_text="Harbour").first.click()
    page.locator(".field-tags .select2-search__field").fill("Lighthouses 2026")
    expect(page.locator(".select2-results__option", has_text="Lighthouses 2026")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator(".field-tags .select2-selection__choice")).to_have_count(2)

    # Preview shows what is typed, in a new tab, and saves nothing.
    before = revisions.latest_revision_id(draft)
    page.locator(".field-body [contenteditable=true]").click()
    page.keyboard.press("End")
    page.keyboard.type(" Seen in the preview only.")
    expect(page.locator("[data-word-count]")).to_contain_text("10 words · 1 min read")
    with context.expect_page() as opened:
        buttons(page).get_by_role("button", name="Preview").click()
    preview = opened.value
    expect(preview.locator(".notice--preview")).to_contain_text("nothing is saved or published")
    expect(preview.locator("main")).to_contain_text("Typed, not saved yet.")
    expect(preview.locator("main")).to_contain_text("Seen in the preview only.")
    expect(preview.locator("main")).to_contain_text("Lighthouses 2026")
    preview.close()
    draft.refresh_from_db()
    assert draft.standfirst == "The old standfirst."
    assert revisions.latest_revision_id(draft) == before

    # The schedule dialog shows the newsroom's zone; cancelled, it changes nothing.
    buttons(page).get_by_role("button", name="Schedule…").click()
    dialog = page.locator("#schedule-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("[data-zone]")).to_have_text(workflow.zone_name())  # e.g. "…, GMT"
    dialog.locator("input[type=datetime-local]").fill("2027-07-01T09:30")
    expect(dialog.locator("[data-zone]")).to_have_text("Europe/London, BST")
    page.screenshot(path=ARTIFACTS / "editing-1-schedule-dialog.png")
    dialog.get_by_role("button", name="Cancel").click()
    page.screenshot(path=ARTIFACTS / "editing-2-story-form.png", full_page=True)

    # Publish saves the typed standfirst first: readers get it. Submitting asks nothing.
    asked.clear()
    buttons(page).get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("is published")
    assert asked == []
    draft.refresh_from_db()
    assert [b.author.name for b in draft.bylines.all()][:2] == ["Cal Credit", "Bea Byline"]
    assert sorted(draft.tags.names()) == ["Harbour", "Lighthouses 2026"]
    reader = browser.new_page()
    reader.goto(f"{live_server.url}{draft.get_absolute_url()}")
    expect(reader.locator(".notice--preview")).to_have_count(0)
    expect(reader.locator("main")).to_contain_text("Typed, not saved yet.")
    expect(reader.locator("main")).to_contain_text("Seen in the preview only.")


def test_browser_autosave_restores_a_closed_tab_and_editors_see_each_other(
    browser, live_server, make_user, draft, settings
):
    settings.EDITING_BEAT_SECONDS = 0.4
    ines = signed_in(browser, live_server, make_user("Editor", "ines"))
    tom = signed_in(browser, live_server, make_user("Editor", "tom"))

    page = open_story(ines, live_server, draft)
    other = open_story(tom, live_server, draft)
    expect(page.locator("#presence")).to_contain_text("Tom Tester has this story open too, since")
    expect(other.locator("#presence")).to_contain_text("Ines Tester has this story open too")

    # The desk says who is editing what, with a link to the story.
    desk = ines.new_page()
    desk.goto(f"{live_server.url}/admin/")
    now_editing = desk.locator("section[aria-labelledby=desk-editing-now]")
    expect(now_editing).to_contain_text(f"Tom Tester on {draft.headline}")
    expect(desk.locator("section[aria-labelledby=desk-in-review]")).to_be_visible()
    desk.screenshot(path=ARTIFACTS / "editing-4-desk.png", full_page=True)
    desk.close()

    # Ines types; the autosave keeps it (not a revision, not on the site); her tab closes.
    before = revisions.latest_revision_id(draft)
    page.fill("#id_standfirst", "Words from before the crash.")
    page.locator("#id_standfirst").dispatch_event("input")
    expect(page.locator("#autosave-status")).to_contain_text("Autosaved at")
    page.close()
    assert Autosave.objects.get().data["standfirst"] == ["Words from before the crash."]
    draft.refresh_from_db()
    assert draft.standfirst == "The old standfirst."
    assert revisions.latest_revision_id(draft) == before

    # Tom sees her leave; he is not offered her autosave.
    expect(other.locator("#presence")).to_be_hidden()
    other.reload()
    expect(other.locator(".desk-notice--autosave")).to_have_count(0)
    assert Presence.objects.filter(user__username="ines").count() == 0

    # Ines reopens the story: her words are offered back, and restored.
    page = open_story(ines, live_server, draft)
    offer = page.locator(".desk-notice--autosave")
    expect(offer).to_contain_text("Restore your unsaved changes from")
    page.screenshot(path=ARTIFACTS / "editing-3-restore-offer.png", full_page=True)
    offer.get_by_role("link", name="Restore them").click()
    expect(page.locator("#id_standfirst")).to_have_value("Words from before the crash.")
    buttons(page).locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    draft.refresh_from_db()
    assert draft.standfirst == "Words from before the crash."
    assert not Autosave.objects.exists()
