"""Story cards rendered once and kept (issue 12): a listing page fetches its stories' cards
from the shared cache instead of loading 20 stories with their sections, bylines and photos
and rendering each.

A card (templates/site/articles/_card.html) shows a story, its section, its authors and its
photo, so it is kept with the versions of those cache tags (store.py), as a page is, and used
while none of them moved: an edited headline, a renamed author or section, new renditions of a
photo each make the cards that show it be rendered again, and nothing else. A story's cards are
rendered when its change commits (`render_after_commit`, from articles/signals.py), so the
next reader of a listing finds them ready; a card nobody rendered yet, or one whose tags moved
since, is rendered by the first page that shows it and kept for the others.

Cards are kept per release, script prefix, time zone and media address (what their markup
depends on besides the story), and never used or kept while the connection's own transaction
changes what they show, as pages (store.py `shows_uncommitted`).

Rendering and keeping fragments this way is written here because Django's own fragment cache
(`{% cache %}`) expires by time and keys on variables, and cannot tell that what a fragment
shows changed.
"""

import hashlib
import logging
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.template import engines
from django.urls import get_script_prefix
from markupsafe import Markup

from ..models import Article
from .pages import story_tags
from .store import (
    EVERYTHING,
    MOVED_KEY,
    TAG_KEY,
    release,
    safely,
    shows_uncommitted,
    tag_versions,
    tags_moved,
)

log = logging.getLogger(__name__)

# The cards the pages show, as _card.html's macros take them: (macro, its arguments after the
# story).
LISTING = ("card", "h2", True, True)  # latest news, a section's, tag's or author's stories
LEAD = ("lead",)  # the home page's top story
HOME_LATEST = ("card", "h3", True, True)  # the home page's latest news
BLOCK_FIRST = ("card", "h3", True, False)  # the first story of a section's block on the home page
BLOCK = ("card", "h3", False, False)  # the others
VARIANTS = (LISTING, LEAD, HOME_LATEST, BLOCK_FIRST, BLOCK)
# Rendering on commit covers a transaction that changed this many stories at most; a bigger
# one (an import, a bulk action) leaves its cards to the pages that show them next.
RENDER_ON_COMMIT = 100


@dataclass(frozen=True)
class Card:
    """A story's card as a page shows it: its markup and the cache tags of what it shows."""

    pk: int
    html: Markup
    tags: frozenset[str]


def cards(ids: Sequence[int], variant=LISTING) -> list[Card]:
    """The cards of the stories `ids`, in that order (see `cards_of`). A story gone between the
    query that listed it and this one is left out."""
    found = cards_of([(pk, variant) for pk in ids])
    return [found[pk, variant] for pk in ids if (pk, variant) in found]


def cards_of(wanted: Iterable[tuple[int, tuple]]) -> dict[tuple[int, tuple], Card]:
    """The cards of (story id, variant) pairs: kept ones whose tags did not move (two round
    trips to the cache), the rest rendered (one query for all their stories, with their
    relations) and kept."""
    wanted = list(dict.fromkeys(wanted))
    keys = {part_key("card", pk, variant): (pk, variant) for pk, variant in wanted}
    found = {
        pair: Card(pair[0], Markup(html), tags) for pair, (tags, html) in kept_parts(keys).items()
    }
    missing = [pair for pair in wanted if pair not in found]
    if missing:
        ids = {pk for pk, _ in missing}
        found |= render(Article.objects.filter(pk__in=ids), [variant for _, variant in missing])
    return found


def render(stories, variants: Iterable[tuple] = VARIANTS) -> dict[tuple[int, tuple], Card]:
    """Render the cards of `stories` (a queryset) in `variants` and keep them, unless tags moved
    while they were rendered (the data may be from before that commit) or this connection's
    transaction changes what they show."""
    moved = safely(tags_moved, None)  # before the data is read: see store.py
    module = engines["jinja2"].env.get_template("articles/_card.html").module
    variants = list(dict.fromkeys(variants))
    made = {}
    for story in stories.for_cards():
        tags = frozenset(story_tags([story]))
        for variant in variants:
            name, *arguments = variant
            html = getattr(module, name)(story, *arguments)
            made[story.pk, variant] = Card(story.pk, html, tags)
    parts = {
        part_key("card", pk, variant): (card.tags, str(card.html))
        for (pk, variant), card in made.items()
    }
    keep_parts(parts, moved)
    return made


def render_after_commit(story_ids: Iterable[int]) -> None:
    """Render and keep the cards of the published stories among `story_ids`: called once a
    transaction that changed them committed and moved their tags (articles/signals.py), so the
    next reader finds them ready. A failure is logged: the pages render them instead."""
    ids = sorted(set(story_ids))
    if not ids or len(ids) > RENDER_ON_COMMIT:
        return
    try:
        render(Article.objects.published().filter(pk__in=ids))
    except Exception:  # a card is derived data: never fail the commit's other work for it
        log.warning("Could not render the cards of stories %s", ids, exc_info=True)


def part_key(kind: str, pk: int, *context) -> str:
    """The cache key of a kept part of story `pk`: its kind, and what its markup depends on
    besides the story (the release, script prefix, time zone, media address, and `context`)."""
    more = (release(), get_script_prefix(), settings.TIME_ZONE, settings.MEDIA_URL, context)
    digest = hashlib.md5(repr(more).encode(), usedforsecurity=False).hexdigest()[:16]
    return f"newsroom:{kind}:{digest}:{pk}"


def kept_parts(keys: dict[str, Hashable]) -> dict[Hashable, tuple[frozenset[str], object]]:
    """The kept parts under `keys` (key: what the caller calls it) whose tags did not move, as
    (their tags, what was kept): two round trips to the cache. None while this connection's
    open transaction changes anything they show."""
    entries = safely(lambda: cache.get_many(list(keys)), {})
    shown = {tag for versions, _ in entries.values() for tag in versions}
    if not entries or shows_uncommitted(shown):
        return {}
    current = safely(lambda: cache.get_many([TAG_KEY + tag for tag in shown]), None)
    if current is None:
        return {}
    found = {}
    for key, (versions, payload) in entries.items():
        if all(current.get(TAG_KEY + tag) == version for tag, version in versions.items()):
            found[keys[key]] = (frozenset(versions) - {EVERYTHING}, payload)
    return found


def keep_parts(parts: dict[str, tuple[frozenset[str], object]], moved) -> None:
    """Keep parts (key: (the tags of what it shows, what to keep)) with the current versions
    of their tags, unless tags moved since `moved` (`tags_moved()`, read before their data
    was) or this connection's open transaction changes what they show."""
    shown = {EVERYTHING}.union(*(tags for tags, _ in parts.values()))
    if not parts or shows_uncommitted(shown):
        return
    versions = safely(lambda: tag_versions(shown, with_moved=True), None)
    if versions is None or versions.pop(MOVED_KEY) != moved or None in versions.values():
        return
    entries = {
        key: ({tag: versions[tag] for tag in tags | {EVERYTHING}}, payload)
        for key, (tags, payload) in parts.items()
    }
    safely(lambda: cache.set_many(entries, timeout=settings.PAGE_CACHE_SECONDS * 24), None)
