"""The site chrome every reader page shows: the sections menu and the breaking-news banner, with
the time the site next changes by itself; and the newest headlines, for the "Latest news" strip
of story pages (issue 17). Built in one query, then cached until a section, the banner, the
schedule or the newest stories change (the tags `chrome`, `schedule`, `list-latest` and each
shown story's, store.py) or that time comes."""

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from ..models import Article, Category
from .store import (
    EVERYTHING,
    MOVED_KEY,
    Check,
    cache_get,
    cache_set,
    moved_since,
    release,
    safely,
    shows_uncommitted,
    tag_versions,
    tags_moved,
)

log = logging.getLogger(__name__)

CHROME_SECONDS = 24 * 60 * 60
# What the chrome shows: the sections and the banner (`chrome`), the next scheduled story
# (`schedule`: a story scheduled, moved or unscheduled; caching/tags.py) and the newest stories
# (`list-latest`, and each one's own tag for an edit of its headline).
CHROME_TAGS = ("chrome", "schedule", "list-latest", EVERYTHING)


@dataclass
class Chrome:
    """What every reader page shows around its content."""

    sections: list[Category]
    breaking: Article | None
    changes_at: datetime | None  # the next scheduled publication or banner expiry
    latest: list[Article] = field(default_factory=list)  # the newest stories, newest first

    def is_fresh(self) -> bool:
        return self.changes_at is None or timezone.now() < self.changes_at


BANNER_FIELDS = ("pk", "headline", "slug", "published_at", "breaking_until", "category_id")
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
    """The sections, each with its next scheduled story, and the newest breaking story (the
    banner): one query, however many sections and stories."""
    scheduled = Article.objects.scheduled().filter(category=OuterRef("pk")).order_by("published_at")
    # The newest breaking story of all, in uncorrelated subqueries (run once each). Asked per
    # section, SQLite read every story of each section through the section index to find none
    # breaking: 0.9 s at 100,000 stories, on the first request after every change (issue 12).
    breaking = Article.objects.published().breaking().order_by("-published_at", "-id")
    banner = {f"banner_{name}": Subquery(breaking.values(name)[:1]) for name in BANNER_FIELDS}
    next_publication = Subquery(scheduled.values("published_at")[:1])
    sections = list(
        Category.objects.annotate(
            next_publication=next_publication, **banner, **latest_annotations()
        )
    )
    by_pk = {section.pk: section for section in sections}
    breaking_story = None
    if sections and sections[0].banner_pk is not None:
        values = {name: getattr(sections[0], f"banner_{name}") for name in BANNER_FIELDS}
        breaking_story = Article(
            category=by_pk[values.pop("category_id")], is_breaking=True, **values
        )
    times = [section.next_publication for section in sections if section.next_publication]
    if breaking_story is not None and breaking_story.breaking_until:
        times.append(breaking_story.breaking_until)
    return Chrome(sections, breaking_story, min(times, default=None), latest_stories(sections))


def site_chrome(request=None) -> Chrome:
    """The chrome, built once until what it shows changes; memoised on `request`, and kept in
    this worker's memory while the token of its last check is current (store.py `moved_since`):
    then it costs one key read and no unpickling."""
    if request is not None and hasattr(request, "_newsroom_chrome"):
        return request._newsroom_chrome
    global _worker_copy
    key = f"newsroom:chrome:{release()}"
    copy = _worker_copy if _worker_copy is not None and _worker_copy[0] == key else None
    if copy is not None and (check := _current(*copy[1:])) is not None:
        chrome, _worker_copy = copy[2], (key, copy[1], copy[2], check)
    elif (stored := cache_get(key)) is not None and (check := _current(*stored)) is not None:
        chrome, _worker_copy = stored[1], (key, *stored, check)
    else:
        moved = safely(tags_moved, None)  # before the query: see store.py
        chrome = build_chrome()
        tags = (*CHROME_TAGS, *(f"story-{story.pk}" for story in chrome.latest))
        versions = safely(lambda: tag_versions(tags, with_moved=True), None)
        if versions is not None and versions.pop(MOVED_KEY) == moved and _may_keep(versions):
            cache_set(key, (versions, chrome), CHROME_SECONDS)
            _worker_copy = (key, versions, chrome, Check(frozenset(), moved))
    if request is not None:
        request._newsroom_chrome = chrome
    return chrome


# This worker's copy: (its cache key, the versions of its tags, the chrome, its last check).
_worker_copy = None


def _current(versions, chrome, checked=None) -> Check | None:
    """The check that found none of the chrome's tags moved, or None: it is out of date."""
    if not chrome.is_fresh() or shows_uncommitted(versions):
        return None
    check = safely(lambda: moved_since(versions, checked), None)
    return check if check is not None and not check.moved else None


def _may_keep(versions) -> bool:
    return None not in versions.values() and not shows_uncommitted(versions)
