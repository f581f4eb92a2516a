"""The site chrome every reader page shows: the sections menu and the breaking-news banner, with
the time the site next changes by itself; and apart from it the newest headlines, for the
"Latest news" strip of story pages (issue 17).

Each is cached until what it shows changes (the tags of store.py) or that time comes: the menu
and banner until a section, the banner or the schedule changes (`chrome`, `schedule`), the
strip also when a story is published or one it shows is edited (`list-latest`, `story-<id>`).
Kept apart, a publish rebuilds only the strip, a 1 ms query, and only when a story page asks
for it: when the strip rode on the menu's query, every publish rebuilt both, a query of 37
subqueries costing 17 ms on the first page after each save, while readers queued behind it
(issue 12). When both are out of date, one query still builds both, so a page never runs more
queries than it did."""

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
# What the menu and banner show: the sections and the banner (`chrome`) and the next scheduled
# story (`schedule`: a story scheduled, moved or unscheduled; caching/tags.py).
CHROME_TAGS = ("chrome", "schedule", EVERYTHING)
# What the strip shows besides: the newest stories (`list-latest`, and each one's own tag for
# an edit of its headline), each with its section's address (`chrome`), until the next
# scheduled story goes live (`schedule`).
LATEST_TAGS = (*CHROME_TAGS, "list-latest")


@dataclass
class Chrome:
    """What every reader page shows around its content."""

    sections: list[Category]
    breaking: Article | None
    changes_at: datetime | None  # the next scheduled publication or banner expiry

    def is_fresh(self) -> bool:
        return self.changes_at is None or timezone.now() < self.changes_at


@dataclass
class Latest:
    """The newest stories, newest first, for the "Latest news" strip."""

    stories: list[Article] = field(default_factory=list)
    changes_at: datetime | None = None  # the chrome's: a scheduled story goes live

    is_fresh = Chrome.is_fresh


BANNER_FIELDS = ("pk", "headline", "slug", "published_at", "breaking_until", "category_id")
LATEST_COUNT = 6  # a story page shows five: the newest but itself
LATEST_FIELDS = ("pk", "headline", "slug", "published_at", "category_id")


def newest():
    return Article.objects.published().order_by("-published_at", "-id")


def latest_annotations() -> dict:
    """The newest stories' fields as columns of every section row: uncorrelated subqueries,
    which the database runs once each, so the chrome and the strip stay one query."""
    return {
        f"latest_{n}_{name}": Subquery(newest().values(name)[n : n + 1])
        for n in range(LATEST_COUNT)
        for name in LATEST_FIELDS
    }


def latest_from_sections(sections: list[Category]) -> list[Article]:
    """The newest stories read back from the section rows (`latest_annotations`)."""
    if not sections:
        return []
    row = sections[0]
    rows = [
        {name: getattr(row, f"latest_{n}_{name}") for name in LATEST_FIELDS}
        for n in range(LATEST_COUNT)
    ]
    return stories_in(sections, [values for values in rows if values["pk"] is not None])


def stories_in(sections: list[Category], rows: list[dict]) -> list[Article]:
    """Stories made from `rows` of LATEST_FIELDS, each with its section from the menu."""
    by_pk = {section.pk: section for section in sections}
    stories = []
    for values in rows:
        section = by_pk.get(values.pop("category_id"))
        if section is not None:
            stories.append(Article(category=section, **values))
    return stories


def build_chrome(with_latest: bool = False) -> tuple[Chrome, Latest | None]:
    """The sections, each with its next scheduled story, and the newest breaking story (the
    banner): one query, however many sections and stories; with `with_latest`, the strip's
    stories in the same query."""
    scheduled = Article.objects.scheduled().filter(category=OuterRef("pk")).order_by("published_at")
    # The newest breaking story of all, in uncorrelated subqueries (run once each). Asked per
    # section, SQLite read every story of each section through the section index to find none
    # breaking: 0.9 s at 100,000 stories, on the first request after every change (issue 12).
    breaking = newest().breaking()
    banner = {f"banner_{name}": Subquery(breaking.values(name)[:1]) for name in BANNER_FIELDS}
    next_publication = Subquery(scheduled.values("published_at")[:1])
    latest = latest_annotations() if with_latest else {}
    sections = list(
        Category.objects.annotate(next_publication=next_publication, **banner, **latest)
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
    chrome = Chrome(sections, breaking_story, min(times, default=None))
    if not with_latest:
        return chrome, None
    return chrome, Latest(latest_from_sections(sections), chrome.changes_at)


def build_latest(chrome: Chrome) -> Latest:
    """The strip alone, under a menu still current: one query of six rows."""
    rows = list(newest().values(*LATEST_FIELDS)[:LATEST_COUNT])
    return Latest(stories_in(chrome.sections, rows), chrome.changes_at)


class Kept:
    """One thing built once for every worker: kept in the shared cache with the versions of its
    tags, and in this worker's memory while the token of its last check is current (store.py
    `moved_since`): then it costs one key read and no unpickling."""

    def __init__(self, name: str):
        self.name = name
        self.copy = None  # (its cache key, the versions of its tags, the value, its last check)

    def key(self) -> str:
        return f"newsroom:{self.name}:{release()}"

    def current(self):
        """The kept value if none of its tags moved and its time has not come, else None."""
        key = self.key()
        copy = self.copy if self.copy is not None and self.copy[0] == key else None
        if copy is not None and (check := _current(*copy[1:])) is not None:
            self.copy = (key, copy[1], copy[2], check)
            return copy[2]
        if (stored := cache_get(key)) is not None and (check := _current(*stored)) is not None:
            self.copy = (key, *stored, check)
            return stored[1]
        return None

    def keep(self, value, tags, moved) -> None:
        """Keep `value`, built from the data as it was when the token was `moved`: not if a
        move came since (store.py), nor while this transaction changes what it shows."""
        versions = safely(lambda: tag_versions(tags, with_moved=True), None)
        if versions is not None and versions.pop(MOVED_KEY) == moved and _may_keep(versions):
            cache_set(self.key(), (versions, value), CHROME_SECONDS)
            self.copy = (self.key(), versions, value, Check(frozenset(), moved))


CHROME = Kept("chrome")
LATEST = Kept("latest")


def site_chrome(request=None) -> Chrome:
    """The menu and banner, built once until what they show changes; memoised on `request`."""
    if request is not None and hasattr(request, "_newsroom_chrome"):
        return request._newsroom_chrome
    chrome = CHROME.current()
    if chrome is None:
        moved = safely(tags_moved, None)  # before the query: see store.py
        chrome = build_chrome()[0]
        CHROME.keep(chrome, CHROME_TAGS, moved)
    if request is not None:
        request._newsroom_chrome = chrome
    return chrome


def latest_news(request=None) -> list[Article]:
    """The newest stories, newest first, for the "Latest news" strip: built once until one is
    published or one shown changes; with the menu in the same query when it is out of date too,
    so the page runs one query for both, as it did when the strip was part of the chrome."""
    if request is not None and hasattr(request, "_newsroom_latest"):
        return request._newsroom_latest
    latest = LATEST.current()
    if latest is None:
        moved = safely(tags_moved, None)  # before the query: see store.py
        chrome = request._newsroom_chrome if hasattr(request, "_newsroom_chrome") else None
        chrome = chrome or CHROME.current()
        if chrome is None:
            chrome, latest = build_chrome(with_latest=True)
            CHROME.keep(chrome, CHROME_TAGS, moved)
        else:
            latest = build_latest(chrome)
        tags = (*LATEST_TAGS, *(f"story-{story.pk}" for story in latest.stories))
        LATEST.keep(latest, tags, moved)
        if request is not None:
            request._newsroom_chrome = chrome
    if request is not None:
        request._newsroom_latest = latest.stories
    return latest.stories


def _current(versions, value, checked=None) -> Check | None:
    """The check that found none of the value's tags moved, or None: it is out of date."""
    if not value.is_fresh() or shows_uncommitted(versions):
        return None
    check = safely(lambda: moved_since(versions, checked), None)
    return check if check is not None and not check.moved else None


def _may_keep(versions) -> bool:
    return None not in versions.values() and not shows_uncommitted(versions)
