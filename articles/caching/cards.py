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

How parts are kept, and why by hand: parts.py.
"""

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.template import engines
from markupsafe import Markup

from ..models import Article
from .pages import story_tags
from .parts import keep_parts, kept_parts, part_key
from .store import safely, tags_moved

log = logging.getLogger(__name__)

# The cards the pages show, as _card.html's macros take them: (macro, its arguments after the
# story).
LISTING = ("card", "h2", True, True)  # latest news, a section's, tag's or author's stories
LEAD = ("lead",)  # the home page's top story
HOME_LATEST = ("card", "h3", True, True)  # the home page's latest news
BLOCK_FIRST = ("card", "h3", True, False)  # the first story of a section's block on the home page
BLOCK = ("card", "h3", False, False)  # the others
VARIANTS = (LISTING, LEAD, HOME_LATEST, BLOCK_FIRST, BLOCK)
# A search result, in two parts around its snippet: rendered by the first search that finds the
# story, not at each commit (most stories are never searched for).
SEARCH_HEAD, SEARCH_TAIL = ("search_head",), ("search_tail",)
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
