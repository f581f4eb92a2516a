"""Issue 13: the admin index is the desk, each list bounded in queries."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.editing import live
from articles.models import Article, ReviewNote
from tests.helpers.html import parse


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def section(page, heading_id):
    return page.select_one(f"section[aria-labelledby={heading_id}]")


def test_editors_desk_lists_review_schedule_today_and_who_is_editing(make_user, make_article):
    editor, writer = make_user("Editor", "eddie"), make_user("Writer", "wren")
    now = timezone.now()
    waiting = make_article(headline="Waiting story", status="in_review", published_at=None)
    make_article(headline="Late story", published_at=now + timezone.timedelta(hours=9))
    make_article(headline="Soon story", published_at=now + timezone.timedelta(hours=2))
    make_article(headline="Next week story", published_at=now + timezone.timedelta(days=7))
    make_article(headline="Fresh story", published_at=now - timezone.timedelta(minutes=1))
    live.here(waiting, writer)
    page = parse(client_of(editor).get(reverse("admin:index")).text)
    review = section(page, "desk-in-review")
    assert review.a.text == "Waiting story"
    assert review.a["href"] == reverse("admin:articles_article_change", args=[waiting.pk])
    scheduled = [a.text for a in section(page, "desk-scheduled").select("a")]
    assert scheduled == ["Soon story", "Late story"]
    assert "Fresh story" in section(page, "desk-published-today").text
    assert "Wren Tester on Waiting story" in section(page, "desk-editing-now").text
    assert section(page, "desk-sent-back") is None


def test_writers_desk_shows_their_drafts_and_what_was_sent_back(make_user, make_article):
    writer, editor = make_user("Writer", "wren"), make_user("Editor", "eddie")
    own = make_article(
        headline="Own draft", status="draft", published_at=None, authors=[writer.author]
    )
    make_article(headline="Someone else's draft", status="draft", published_at=None)
    ReviewNote.objects.create(article=own, note="Shorter, please.", sent_by=editor)
    page = parse(client_of(writer).get(reverse("admin:index")).text)
    assert [a.text for a in section(page, "desk-my-drafts").select("li a")] == ["Own draft"]
    assert "Shorter, please." in section(page, "desk-sent-back").text
    assert section(page, "desk-in-review") is None
    assert "Someone else" not in page.text


def test_desk_queries_do_not_grow_with_the_stories(make_user, make_article):
    editor = make_user("Editor", "eddie")
    client = client_of(editor)
    now = timezone.now()

    def add(n):
        make_article(headline=f"Review {n}", status=Article.Status.IN_REVIEW, published_at=None)
        story = make_article(headline=f"Soon {n}", published_at=now + timezone.timedelta(hours=1))
        make_article(headline=f"Today {n}", published_at=now - timezone.timedelta(seconds=n + 1))
        live.here(story, make_user("Writer", f"w{n}"))

    def queries():
        client.get(reverse("admin:index"))  # sessions and content types settle first
        with CaptureQueriesContext(connection) as captured:
            page = client.get(reverse("admin:index"))
        return len(captured), page

    add(0)
    few, _page = queries()
    for n in range(1, 12):
        add(n)
    many, page = queries()
    assert few == many
    shown = parse(page.text)
    assert len(section(shown, "desk-in-review").select("li")) == 8  # the list has the rest
    assert len(section(shown, "desk-editing-now").select("li")) == 12
