"""Derived data in one place (issue 11): whoever writes a story, its search index, cached
pages and photo renditions follow once the transaction commits (articles/signals.py).

Each test writes the way the newsroom does (the admin, a command, a restore), lets the
transaction commit (`committed()`: the on-commit callbacks run at the end of the block, as
on the site), then searches as a reader: the story is found by its current words and not by
its old ones. Runs on SQLite (FTS5) and on PostgreSQL when DATABASE_URL names one.
"""

import pytest
from django.urls import reverse

from articles.editing import revisions
from tests.reader.test_search import headlines

SEARCH = reverse("articles:search")


def found(client, query) -> list[str]:
    return headlines(client.get(SEARCH, {"q": query}))


def test_restoring_a_revision_reindexes_its_bylines_and_tags(
    client, admin_user, make_article, make_author, committed
):
    ines, tom = make_author(name="Ines Harrow"), make_author(name="Tom Vale")
    story = make_article(headline="Harbour wall", authors=[ines], tags=["Storms"])
    revisions.record_baseline(story)
    original = revisions.revisions_of(story)[0]
    with committed():
        story.bylines.update(author=tom)
        story.tags.set(["Rewrite"])
        story.save()

    with committed():
        revisions.restore(story, original, admin_user)

    assert found(client, "Harrow") == ["Harbour wall"]
    assert found(client, "storms") == ["Harbour wall"]
    assert found(client, "Vale") == []
    assert found(client, "rewrite") == []
