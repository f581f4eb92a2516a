"""The site chrome every reader page shows: the sections menu and the breaking-news banner, with
the time the site next changes by itself, built in one query once per content version; and the
newest headlines, for the "Latest news" strip of story pages (issue 17), in the same query."""

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from ..models import Article, Category
from .store import cache_get, cache_set, release, request_version

log = logging.getLogger(__name__)

CHROME_SECONDS = 24 * 60 * 60


@dataclass
class Chrome:
    """What every reader page shows around its content."""

    sections: list[Category]
    breaking: Article | None
    changes_at: datetime | None  # the next scheduled publication or banner expiry
    latest: list[Article] = field(default_factory=list)  # the newest stories, newest first

    def is_fresh(self) -> bool:
        return self.changes_at is None or timezone.now() < self.changes_at


BANNER_FIELDS = ("pk", "headline", "slug", "published_at", "breaking_until")
LATEST_COUNT = 6  # a story page shows five: the newest but itself
LATEST_FIELDS = ("pk", "headline", "slug", "published_at", "category_id")


def latest_annotations() -> dict:
    """The newest stories' fields as columns of every section row: uncorrelated subqueries,
    which the database runs once each, so the chrome stays one query."""
    newest = Article.objects.published().order_by("-published_at", "-id")
    return {
        f"latest_{n}_{name}": Subquery(newest.values(name)[n : n + 1])
        for n in range(LATEST_COUNT)
        for name in LATEST_FIELDS
    }


def latest_stories(sections: list[Category]) -> list[Article]:
    """The newest stories read back from the section rows, each with its section."""
    if not sections:
        return []
    by_pk = {section.pk: section for section in sections}
    row = sections[0]
    stories = []
    for n in range(LATEST_COUNT):
        values = {name: getattr(row, f"latest_{n}_{name}") for name in LATEST_FIELDS}
        if values["pk"] is None:
            break
        stories.append(Article(category=by_pk[values.pop("category_id")], **values))
    return stories


def build_chrome() -> Chrome:
    """The sections, each with its next scheduled story and its newest breaking story (the
    banner shows the newest of those): one query, however many sections and stories."""
    scheduled = Article.objects.scheduled().filter(category=OuterRef("pk")).order_by("published_at")
    breaking = (
        Article.objects.published()
        .breaking()
        .filter(category=OuterRef("pk"))
        .order_by("-published_at", "-id")
    )
    banner = {f"banner_{name}": Subquery(breaking.values(name)[:1]) for name in BANNER_FIELDS}
    next_publication = Subquery(scheduled.values("published_at")[:1])
    sections = list(
        Category.objects.annotate(
            next_publication=next_publication, **banner, **latest_annotations()
        )
    )
    candidates = [section for section in sections if section.banner_pk is not None]
    breaking_story = None
    if candidates:
        section = max(
            candidates, key=lambda section: (section.banner_published_at, section.banner_pk)
        )
        breaking_story = Article(
            category=section,
            is_breaking=True,
            **{name: getattr(section, f"banner_{name}") for name in BANNER_FIELDS},
        )
    times = [section.next_publication for section in sections if section.next_publication]
    if breaking_story is not None and breaking_story.breaking_until:
        times.append(breaking_story.breaking_until)
    return Chrome(sections, breaking_story, min(times, default=None), latest_stories(sections))


def site_chrome(request=None) -> Chrome:
    """The chrome for this content version, built once per version; memoised on `request`."""
    if request is not None and hasattr(request, "_newsroom_chrome"):
        return request._newsroom_chrome
    key = f"newsroom:chrome:{release()}:{request_version(request)}"
    chrome = cache_get(key)
    if chrome is None or not chrome.is_fresh():
        chrome = build_chrome()
        cache_set(key, chrome, CHROME_SECONDS)
    if request is not None:
        request._newsroom_chrome = chrome
    return chrome
