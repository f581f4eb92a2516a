"""What a change touches: the cache tags (`story-12`, `section-3`, `list-latest`, ...) of the
pages that show what changed, for the page cache (their versions move, store.py) and the CDN
purge alike."""

import logging
from collections.abc import Iterable

from ..models import (
    SEARCHED_FIELDS,
    Article,
    ArticleRedirect,
    Author,
    Byline,
    CaptionedImage,
    Category,
    Correction,
)

log = logging.getLogger(__name__)

# Models in the articles app that no reader page shows; every other one invalidates on change.
# WordPressItem: the import's bookkeeping; its 301s are never cached pages (issue 16).
# ApiKey: keys to the content API, shown to no reader.
NOT_SHOWN_TO_READERS = {"PreviewLink", "PreviewOpening", "WordPressItem", "ApiKey"}
NOT_SHOWN_TO_READERS |= {"Notification", "DeskSettings"}  # the desk's own (issue 15)
# RecentSearchEntry: the search index's copy, written in SQL by the index's refresh (issue 12).
NOT_SHOWN_TO_READERS |= {"RecentSearchEntry"}
# Story fields that decide which listings show it, or where (the order).
LISTING_FIELDS = ("status", "published_at", "category_id", "trashed_at")


def article_tags(old: Article | None, new: Article | None) -> set[str]:
    """Tags of the pages a story's change touches: its own page and wherever it is shown
    (which carry `story-<id>`); the listings it joins, leaves or moves in when its publication,
    section or time changes; search, when its text does; every page, when it is the banner.

    A story scheduled, moved in the schedule or taken off it touches the listings it will join
    and `schedule` (the chrome's next publication): pages made before then learn the time they
    must end (`fresh_until`) when they are made again."""
    story = new or old
    tags = {f"story-{story.pk}"}
    public_before = old is not None and old.is_public
    public_now = new is not None and new.is_public

    def changed(fields):
        if old is None or new is None:
            return True
        return any(getattr(old, field, None) != getattr(new, field, None) for field in fields)

    if public_before or public_now:
        tags.add("sitemaps")  # they list every public story with its last change
        if public_before != public_now or changed(LISTING_FIELDS):
            tags |= listing_tags(story, {old.category_id if old else None, story.category_id})
        elif changed(SEARCHED_FIELDS):
            tags.add("list-search")
        if changed(("is_pinned", "pinned_until")):
            tags.add("home")
    scheduled_before = old is not None and old.is_scheduled
    scheduled_now = new is not None and new.is_scheduled
    if (scheduled_before or scheduled_now) and (
        scheduled_before != scheduled_now or changed(LISTING_FIELDS)
    ):
        sections = {old.category_id if old else None, story.category_id}
        tags |= {"schedule", "sitemaps"} | listing_tags(story, sections)
    if any(version is not None and version.is_breaking for version in (old, new)):
        tags.add("chrome")  # the banner, on every page, may show it
    return tags


def listing_tags(story: Article, section_ids: Iterable[int | None]) -> set[str]:
    """The listings a public story appears in: latest news and the home page, its sections,
    its authors' and tags' pages (and their feeds), and search results."""
    from taggit.models import TaggedItem  # noqa: PLC0415 (an app model, loaded after setup)

    tags = {"list-latest", "home", "list-search"}
    tags.update(f"list-section-{pk}" for pk in section_ids if pk)
    authors = Byline.objects.filter(article_id=story.pk).values_list("author_id", flat=True)
    tags.update(f"list-author-{pk}" for pk in authors)
    items = TaggedItem.objects.filter(object_id=story.pk, content_type__model="article")
    tags.update(f"list-tag-{pk}" for pk in items.values_list("tag_id", flat=True))
    return tags


def byline_tags(old: Byline | None, new: Byline | None) -> set[str]:
    tags = {"list-search"}
    for byline in (old, new):
        if byline is not None:
            tags |= {f"story-{byline.article_id}", f"list-author-{byline.author_id}"}
    return tags


def tagged_item_tags(old, new) -> set[str]:
    tags = {"list-search"}
    for item in (old, new):
        if item is not None:
            tags |= {f"story-{item.object_id}", f"list-tag-{item.tag_id}"}
    return tags


def correction_tags(old, new) -> set[str]:
    """A note on a story: its page, the corrections page, and where the story is shown."""
    return {"list-corrections", *(f"story-{note.article_id}" for note in (old, new) if note)}


def _one(prefix, *extra):
    def tags(old, new):
        return {f"{prefix}-{(new or old).pk}", *extra}

    return tags


def change_tags(old, new) -> set[str]:
    """The cache tags touched when a content object goes from `old` to `new` (None: created or
    deleted). A model without a rule here purges everything."""
    from taggit.models import Tag, TaggedItem  # noqa: PLC0415

    rules = {
        Article: article_tags,
        Byline: byline_tags,
        TaggedItem: tagged_item_tags,
        # Names are in bylines and the search index; the sitemaps list every author, tag and
        # section (and a section's slug is in its stories' addresses).
        Author: _one("author", "list-search", "sitemaps"),
        Category: _one("section", "chrome", "sitemaps"),  # and the menu on every page
        CaptionedImage: _one("photo"),
        Tag: _one("tag", "list-search", "sitemaps"),
        Correction: correction_tags,
        ArticleRedirect: correction_tags,  # the old address answered with the story
    }
    rule = rules.get(type(new or old))
    return rule(old, new) if rule else {"all"}
