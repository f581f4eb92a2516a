"""Reader URLs that gave a 500 or told anonymous readers about unpublished topics (issue 14)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["a" * 4000, "authors/" + "b" * 300 + ".jpg", "x/" * 2100])
def test_media_with_a_name_too_long_for_the_file_system_is_404(client, name):
    assert client.get("/media/" + name).status_code == 404


def test_media_with_a_nul_is_404(client):
    assert client.get("/media/photos/a%00b.jpg").status_code == 404


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.IN_REVIEW},
        {"published_at": timezone.now() + timedelta(days=2)},  # scheduled
        {"trashed_at": timezone.now()},
    ],
    ids=["draft", "in-review", "scheduled", "trashed"],
)
@pytest.mark.parametrize("suffix", ["", "feed/", "feed/atom/"])
def test_tag_page_of_a_tag_only_unpublished_stories_carry_is_404(
    client, make_article, fields, suffix
):
    make_article(headline="Merger talks", tags=["Secret merger"], **fields)
    make_article(headline="Ferry returns", tags=["Ferries"])
    unpublished = client.get(f"/tag/secret-merger/{suffix}")
    unknown = client.get(f"/tag/no-such-topic/{suffix}")
    assert unpublished.status_code == unknown.status_code == 404
    assert client.get(f"/tag/ferries/{suffix}").status_code == 200


def test_tag_page_answers_once_a_published_story_carries_the_tag(client, make_article):
    story = make_article(headline="Merger talks", tags=["Merger"], status=Article.Status.DRAFT)
    assert client.get("/tag/merger/").status_code == 404
    story.status = Article.Status.PUBLISHED
    story.save()
    assert client.get("/tag/merger/").status_code == 200
