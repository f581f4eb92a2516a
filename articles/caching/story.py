"""A story page's parts rendered once and kept (issue 12): a reader asking for a story whose
parts are kept gets the page without a query, and without rendering the story.

The parts (templates/site/articles/_story.html) are what the page shows of the story: its title
and description, its head (canonical link, Open Graph, JSON-LD) and its article (header,
bylines, lead figure, body, corrections, topics). They show the story, its section, its authors,
its photo and its tags, so they are kept with the versions of those cache tags (parts.py) and
used while none of them moved. Kept by the story's address (section and slug) and the site's
origin, which its absolute links name: a kept story page is found from its URL alone.

Its related stories are a part of their own, kept with the tags of the stories they show and
of the lists they are chosen from (the story's section's and tags' newest), so a story published
in its section or tags, or a related story edited, makes them be chosen again, and nothing else.

Only public stories are kept: a draft, a scheduled story and a preview are rendered on every
request, as they are seen by their editors only.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.template import engines
from markupsafe import Markup

from ..models import Article
from ..reader.links import site_origin
from .pages import story_tags
from .parts import keep_parts, kept_parts, part_key
from .store import safely, tags_moved

log = logging.getLogger(__name__)

# As for cards (cards.py RENDER_ON_COMMIT): a bigger transaction leaves them to the readers.
RENDER_ON_COMMIT = 20


@dataclass(frozen=True)
class StoryParts:
    """What a story page shows of the story, rendered (article_detail.html), and what it needs
    to be put together without the story: its related stories' inputs and its cache tags."""

    pk: int
    is_public: bool
    title: Markup
    description: Markup
    meta: Markup
    article: Markup
    category_id: int
    tag_ids: tuple[int, ...]
    tags: frozenset[str]  # of what the parts show

    def kept(self) -> dict:
        return {name: str(value) for name, value in vars(self).items() if isinstance(value, str)}


def render(request, article: Article) -> StoryParts:
    """The parts of `article` (from for_detail()), rendered for `request`; nothing kept."""
    module = engines["jinja2"].env.get_template("articles/_story.html").module
    tag_ids = tuple(tag.pk for tag in article.tags.all())
    return StoryParts(
        pk=article.pk,
        is_public=article.is_public,
        title=module.story_title(article),
        description=module.story_description(article),
        meta=module.story_meta(request, article),
        article=module.story_article(request, article),
        category_id=article.category_id,
        tag_ids=tag_ids,
        tags=frozenset(story_tags([article]) | {f"tag-{pk}" for pk in tag_ids}),
    )


def _key(request, category: str, slug: str) -> str:
    return part_key("story", "page", category, slug, site_origin(request))


def kept(request, category: str, slug: str) -> StoryParts | None:
    """The kept parts of the public story at /<category>/<slug>/, if none of what they show
    changed since they were rendered: one or two round trips to the cache, no query."""
    found = kept_parts({_key(request, category, slug): "story"}).get("story")
    if found is None:
        return None
    tags, values = found
    markup = {name: Markup(values[name]) for name in ("title", "description", "meta", "article")}
    return StoryParts(
        pk=values["pk"],
        is_public=True,
        category_id=values["category_id"],
        tag_ids=tuple(values["tag_ids"]),
        tags=tags,
        **markup,
    )


def keep(request, article: Article, parts: StoryParts, moved) -> None:
    """Keep the parts of `article` if it is public (`moved`: tags_moved(), read before the
    story was)."""
    if not parts.is_public:
        return
    values = parts.kept() | {"pk": parts.pk, "category_id": parts.category_id}
    values["tag_ids"] = list(parts.tag_ids)
    key = _key(request, article.category.slug, article.slug)
    keep_parts({key: (parts.tags, values)}, moved)


@dataclass(frozen=True)
class Related:
    """A story's related stories as the page shows them, and the cache tags of those stories."""

    html: Markup
    shown: frozenset[str]


def related(parts: StoryParts) -> Related:
    """The related stories of the story of `parts`: kept while none of them, the story itself
    or the lists they are chosen from changed; otherwise chosen (one query), rendered and kept.
    """
    key = part_key("related", parts.pk)
    found = kept_parts({key: "related"}).get("related") if parts.is_public else None
    if found is not None:
        return Related(Markup(found[1]["html"]), frozenset(found[1]["shown"]))
    moved = safely(tags_moved, None)  # before the data is read: see store.py
    stories = Article.objects.related_to(parts.pk, parts.category_id, parts.tag_ids)
    module = engines["jinja2"].env.get_template("articles/_related.html").module
    html = module.related_stories(stories) if stories else Markup("")
    shown = frozenset(story_tags(stories, bylines=False, photos=False))
    if parts.is_public:
        lists = {f"list-section-{parts.category_id}", *(f"list-tag-{pk}" for pk in parts.tag_ids)}
        tags = shown | lists | {f"story-{parts.pk}"}
        keep_parts({key: (tags, {"html": str(html), "shown": sorted(shown)})}, moved)
    return Related(html, shown)


def render_after_commit(story_ids: Iterable[int]) -> None:
    """Render and keep the parts and related stories of the public stories among `story_ids`
    once their change committed (articles/signals.py), for the next reader. Only with
    NEWSROOM_SITE_URL set: without it the parts name the origin of the request that asks for
    them, which a commit does not know. A failure is logged: the page renders them instead."""
    ids = sorted(set(story_ids))
    if not settings.SITE_URL or not ids or len(ids) > RENDER_ON_COMMIT:
        return
    request = HttpRequest()  # absolute links come from SITE_URL (reader/links.py)
    try:
        moved = safely(tags_moved, None)
        for article in Article.objects.published().for_detail().filter(pk__in=ids):
            parts = render(request, article)
            keep(request, article, parts, moved)
            related(parts)  # chosen again: the story's own change moved their tags
    except Exception:  # derived data: never fail the commit's other work for it
        log.warning("Could not render the pages of stories %s", ids, exc_info=True)
