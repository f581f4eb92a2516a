import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property

from axes.helpers import get_client_username
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.paginator import InvalidPage, Paginator
from django.db import connection
from django.db.models.expressions import RawSQL
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe
from django.views.static import serve
from markupsafe import Markup
from taggit.models import Tag

from ..caching import (
    cards,
    latest_news,
    reader_page,
    show_late,
    site_chrome,
    story,
    story_tags,
    tag_response,
)
from ..caching.chrome import CHROME
from ..caching.parts import keep_parts, kept_parts, part_key
from ..caching.store import EVERYTHING, safely, tags_moved
from ..editing.preview import private
from ..models import Article, ArticleRedirect, Author, Category, Correction
from ..models.related import union_of_slices
from ..search import MAX_QUERY_LENGTH, clean_query, search_engine
from .links import absolute_url

log = logging.getLogger(__name__)

PAGE_SIZE = 20
# Search results carry a snippet each: ten to a page, as search engines show them.
SEARCH_PAGE_SIZE = 10
# Listings page through the newest 1,000 stories; older ones are found by search (issue 6).
MAX_PAGES = 50
HOME_LATEST = 12
HOME_PER_SECTION = 4


class CappedPaginator(Paginator):
    """Django's paginator over the first MAX_PAGES pages: counting stops there, so it costs
    the same however large the archive (issue 6)."""

    def __init__(self, items, per_page=PAGE_SIZE, max_pages=MAX_PAGES):
        super().__init__(items, per_page, allow_empty_first_page=True)
        self.max_pages = max_pages

    @cached_property
    def count(self):
        return self.object_list.order_by().values("pk")[: self.per_page * self.max_pages].count()

    @property
    def capped(self) -> bool:
        """Whether older items may exist beyond the last page."""
        return self.count >= self.per_page * self.max_pages


class StoryPaginator(CappedPaginator):
    """Pages of `stories` (published and filtered, in the usual newest-first order) as their
    cards (caching/cards.py). A page's ids come off the index alone (page 50 costs what page 1
    does); their cards come from the cache, and only those not kept are loaded and rendered.

    The count is kept with the version of the listing's tag (`listed`: `list-tag-7`), which
    every story joining or leaving the listing moves (caching/tags.py), until the next
    scheduled story goes live (the chrome's `changes_at`): pages 2 to 50, and page 1 again,
    then run one query, the page's ids. Counting a tag's or an author's first 1,000 stories
    merges two indexes: 2-4 ms of the database's time on every page (issue 12)."""

    def __init__(self, request, stories, listed: str):
        super().__init__(stories)
        self.request, self.listed = request, listed

    @cached_property
    def count(self):
        key = part_key("listing-count", 0, self.listed)
        kept = kept_parts({key: "count"}).get("count")
        if kept is not None and timezone.now() < kept[1]["until"]:
            return kept[1]["count"]
        moved = safely(tags_moved, None)  # before the data is read: see caching/store.py
        count = super().count
        until = timezone.now() + timedelta(seconds=settings.PAGE_CACHE_SECONDS)
        if (changes_at := site_chrome(self.request).changes_at) is not None:
            until = min(until, changes_at)
        keep_parts({key: (frozenset({self.listed}), {"count": count, "until": until})}, moved)
        return count

    def page(self, number):
        number = self.validate_number(number)
        start = (number - 1) * self.per_page
        ids = list(self.object_list.values_list("pk", flat=True)[start : start + self.per_page])
        return self._get_page(cards.cards(ids), number, self)


class SearchPaginator(CappedPaginator):
    """Pages of search results, ten to a page, in rank order.

    One query reads the ids of the first 1,000 results (as far as the listings page, whose
    count stops at the same number) in rank order: it is the count and every page's ids. The
    engine ranks every match whatever the page (articles/search.py), so counting them apart
    would read the matches twice (issue 12: 10 ms of 168 at 1,000,000 stories)."""

    def __init__(self, stories, engine, query):
        """`stories`: the public ones, which the engine searches for `query`."""
        super().__init__(
            stories, SEARCH_PAGE_SIZE, max_pages=PAGE_SIZE * MAX_PAGES // SEARCH_PAGE_SIZE
        )
        self.engine, self.query = engine, query

    @cached_property
    def ranked(self) -> list[int]:
        return self.engine.ranked_ids(self.object_list, self.query, self.per_page * self.max_pages)

    @cached_property
    def count(self):
        return len(self.ranked)

    def page(self, number):
        """The page's results, best first: their kept cards (caching/cards.py; two parts each)
        and their snippets (one query)."""
        number = self.validate_number(number)
        start = (number - 1) * self.per_page
        ids = self.ranked[start : start + self.per_page]
        wanted = [(pk, part) for pk in ids for part in (cards.SEARCH_HEAD, cards.SEARCH_TAIL)]
        found = cards.cards_of(wanted)
        snippets = self.engine.snippets(ids, self.query) if ids else {}
        results = [
            SearchResult(
                found[pk, cards.SEARCH_HEAD].html,
                snippets.get(pk, ""),
                found[pk, cards.SEARCH_TAIL].html,
                found[pk, cards.SEARCH_HEAD].tags,
            )
            for pk in ids
            if (pk, cards.SEARCH_HEAD) in found and (pk, cards.SEARCH_TAIL) in found
        ]
        return self._get_page(results, number, self)


@dataclass(frozen=True)
class SearchResult:
    """A story found, as the results page shows it: its card around the snippet of its text
    that matched (empty when only its headline, standfirst or names did)."""

    head: Markup
    snippet: str
    tail: Markup
    tags: frozenset[str]


def paginate(request, paginator):
    """The requested page of `paginator`; a page that is not a number or out of range is a 404."""
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404(f"No such page: {error}") from None


def kept_by_slug(model, prefix: str, slug: str):
    """The `model` row with `slug` (a tag, an author: what its listing page is about), kept
    with the version of its own cache tag (`tag-7`), which a rename, a new slug or its deletion
    moves (caching/tags.py); 404 if there is none. A kept row saves the page its query."""
    key = part_key(f"{prefix}-by-slug", 0, slug)
    kept = kept_parts({key: "row"}).get("row")
    if kept is not None:
        return kept[1]
    moved = safely(tags_moved, None)  # before the data is read: see caching/store.py
    row = get_object_or_404(model, slug=slug)
    keep_parts({key: (frozenset({f"{prefix}-{row.pk}"}), row)}, moved)
    return row


def listing(request, template, context, stories: StoryPaginator, *tags):
    """A listing page: the requested page of `stories`, labelled with what it shows."""
    page = paginate(request, stories)
    response = render(request, template, context | {"page": page})
    return tag_response(response, *(card.tags for card in page.object_list), *tags)


def ids_of(*querysets) -> RawSQL:
    """The ids of each of `querysets` (sliced and ordered), as one subquery for `pk__in`."""
    parts = [queryset.values("pk").query.sql_with_params() for queryset in querysets]
    return RawSQL(*union_of_slices(parts, connection))


@require_safe
@reader_page
def home(request):
    """The lead (the pinned story, else the newest), the latest and each section's newest:
    which stories (`home_stories`), then their kept cards (caching/cards.py; those out of date
    rendered, in two queries)."""
    chrome = site_chrome(request)
    sections = chrome.sections
    stories = home_stories(sections, chrome.changes_at)
    pinned = [story for story in stories if story.is_pinned_now]
    lead = pinned[0] if pinned else next(iter(stories), None)
    others = [story for story in stories if story != lead]
    latest = others[:HOME_LATEST]
    blocks = section_blocks(sections, others[HOME_LATEST:])
    shown = [(lead.pk, cards.LEAD)] if lead else []
    shown += [(story.pk, cards.HOME_LATEST) for story in latest]
    for _, block in blocks:
        shown += block_cards(block)
    found = cards.cards_of(shown)
    context = {
        "lead": found.get(shown[0]) if lead else None,
        "latest": [found[pair] for pair in shown if pair[1] == cards.HOME_LATEST and pair in found],
        "blocks": [
            (section, [found[pair] for pair in block_cards(block) if pair in found])
            for section, block in blocks
            if block
        ],
    }
    response = render(request, "articles/home.html", context)
    if lead is not None and lead.is_pinned_now and lead.pinned_until:
        response.fresh_until = lead.pinned_until  # the pin runs out: the newest story leads
    listed = {f"list-section-{section.pk}" for section, _ in blocks}
    shows = (card.tags for card in found.values())
    return tag_response(response, *shows, listed, "home", "list-latest")


@dataclass(frozen=True, slots=True)
class HomeStory:
    """What the home page needs to place a story, before its kept card: a plain record, since
    building 40-odd model instances (each field's default set) was a third of the page's CPU."""

    pk: int
    category_id: int
    is_pinned: bool
    pinned_until: datetime | None

    is_pinned_now = Article.is_pinned_now  # the story's own rule, on these fields


def home_stories(sections, changes_at) -> list[HomeStory]:
    """Which stories the home page may show, newest first (with their section and pin): one
    query, whatever the size of the archive, kept with the versions of the lists it reads
    (`home` for pins, latest news, each section's, the menu) until the next scheduled
    publication or the lead's pin runs out, so the home page usually needs no query at all."""
    tags = frozenset({"home", "list-latest", "chrome", *(f"list-section-{s.pk}" for s in sections)})
    key = part_key("home-stories", 0, tuple(section.pk for section in sections))
    kept = kept_parts({key: "home"}).get("home")
    if kept is not None and timezone.now() < kept[1]["until"]:
        rows = kept[1]["rows"]
    else:
        moved = safely(tags_moved, None)  # before the data is read: see caching/store.py
        published = Article.objects.published()
        wanted = [published.pinned()[:1], published[: HOME_LATEST + 1]]
        # Each section's newest stories that "Latest news" does not show, so its block fills
        # even when the latest are all its own (issue 17); one spare each, in case the lead is
        # among them.
        in_latest = published.values("pk")[: HOME_LATEST + 1]
        for section in sections:
            unseen = published.filter(category=section).exclude(pk__in=in_latest)
            wanted.append(unseen[: HOME_PER_SECTION + 1])
        chosen = Article.objects.filter(pk__in=ids_of(*wanted))
        rows = list(chosen.values_list("pk", "category_id", "is_pinned", "pinned_until"))
        until = timezone.now() + timedelta(seconds=settings.PAGE_CACHE_SECONDS)
        pins = [pin for _, _, pinned, pin in rows if pinned and pin and pin > timezone.now()]
        until = min([until, *pins, *([changes_at] if changes_at else [])])
        keep_parts({key: (tags, {"rows": rows, "until": until})}, moved)
    return [HomeStory(*row) for row in rows]


def home_after_commit(tags: set[str]) -> None:
    """Choose the home page's stories again once a change to them committed (articles/signals.py),
    as cards and story pages are rendered then: the first reader after a publish then renders
    the home page from kept parts, without waiting for the query and its building, the costliest
    part of that render (issue 12). A failure is logged: the page chooses them instead."""
    if not tags & {"home", "list-latest", EVERYTHING}:
        return
    try:
        chrome = CHROME.current()  # the sections it is read with; while no reader has asked, none
        if chrome is not None:
            home_stories(chrome.sections, chrome.changes_at)
    except Exception:  # derived data: never fail the commit's other work for it
        log.warning("Could not choose the home page's stories", exc_info=True)


def block_cards(block) -> list[tuple[int, tuple]]:
    """A section block's cards on the home page: the first with its photo, the others without."""
    return [(story.pk, cards.BLOCK if n else cards.BLOCK_FIRST) for n, story in enumerate(block)]


def section_blocks(sections, unseen) -> list:
    """(section, its newest stories) for each section, from `unseen`: the stories the lead
    and "Latest news" do not show, so the home page shows each story once (issue 17)."""
    return [
        (section, [story for story in unseen if story.category_id == section.pk][:HOME_PER_SECTION])
        for section in sections
    ]


@require_safe
@reader_page
def latest(request):
    stories = StoryPaginator(request, Article.objects.published(), "list-latest")
    return listing(request, "articles/latest.html", {}, stories, "list-latest")


@require_safe
@reader_page
def category_detail(request, slug):
    # The sections menu holds every section, kept with the chrome (caching/chrome.py): no query.
    menu = (section for section in site_chrome(request).sections if section.slug == slug)
    category = next(menu, None) or get_object_or_404(Category, slug=slug)
    tags = (f"section-{category.pk}", f"list-section-{category.pk}")
    stories = StoryPaginator(request, category.stories.published(), tags[1])
    return listing(request, "articles/category_detail.html", {"category": category}, stories, tags)


@require_safe
@reader_page
def tag_detail(request, slug):
    tag = kept_by_slug(Tag, "tag", slug)
    tags = (f"tag-{tag.pk}", f"list-tag-{tag.pk}")
    stories = StoryPaginator(request, Article.objects.published().tagged(tag), tags[1])
    if not stories.count:  # as public_tag(): the count the page needs anyway says it
        raise Http404("No published story carries this tag.")
    return listing(request, "articles/tag_detail.html", {"tag": tag}, stories, tags)


def public_tags():
    """Tags a published story carries: any other tag's page is a 404 like an unknown one's, so
    nobody learns the topics of drafts, scheduled or trashed stories (issue 14)."""
    return Tag.objects.filter(article__in=Article.objects.published()).distinct()


def public_tag(slug: str) -> Tag | None:
    """The tag with `slug` if a published story carries it (`public_tags`), else None.

    Two queries, each on an index with the tag's id known: asked in one (`public_tags()` by
    slug), PostgreSQL planned for a tag of average size without knowing which, and joined every
    tagged story with every public one: 0.8 s at 1,000,000 stories (issue 12)."""
    tag = Tag.objects.filter(slug=slug).first()
    if tag is None or not Article.objects.published().tagged(tag).exists():
        return None
    return tag


@require_safe
@reader_page
def author_detail(request, slug):
    author = kept_by_slug(Author, "author", slug)
    tags = (f"author-{author.pk}", f"list-author-{author.pk}")
    stories = StoryPaginator(request, author.stories.published(), tags[1])
    return listing(request, "articles/author_detail.html", {"author": author}, stories, tags)


@require_safe
@reader_page
def article_detail(request, category, slug):
    """A story page: its parts and related stories kept (caching/story.py) make it without a
    query; otherwise the story is loaded and its parts rendered and kept."""
    parts, article = story.kept(request, category, slug), None
    if parts is None:
        moved = safely(tags_moved, None)  # before the data is read: see caching/store.py
        stories = Article.objects.for_detail().visible_to(request.user)
        try:
            article = stories.get(slug=slug)
        except Article.DoesNotExist:
            # A story whose slug changed keeps its old addresses, with a permanent redirect.
            old = get_object_or_404(
                ArticleRedirect.objects.select_related("article__category"),
                old_slug=slug,
                article__in=Article.objects.visible_to(request.user),
            )
            return redirect(old.article, permanent=True)
        if article.category.slug != category:
            # The section is part of the address: an old or mistyped one moves to the real one.
            return redirect(article, permanent=True)
        parts = story.render(request, article)
        story.keep(request, article, parts, moved)
    # Headline links without bylines: one query, whether there are four related stories or none.
    related = story.related(parts)
    # The "Latest news" strip (issue 17): cached apart from the menu (caching/chrome.py), and
    # built in the menu's query when both are out of date.
    latest = [shown for shown in latest_news(request) if shown.pk != parts.pk][:5]
    context = {"parts": parts, "related": related.html, "latest": latest}
    context["article"] = article  # for the banner of a story that is not public (its editors')
    response = render(request, "articles/article_detail.html", context)
    tag_response(response, parts.tags, related.shown)
    # Related stories come from its section's and tags' newest, and the "Latest news" strip
    # from the newest of all: a story published there joins them, and an edited headline of the
    # strip shows, up to RELATED_STORIES_SECONDS late, so that publishing or editing a story
    # re-renders its listings and not every story page (issue 12). A related story's own change
    # (an edit, unpublishing) shows at once: `story-<id>` above.
    listings = [f"list-tag-{pk}" for pk in parts.tag_ids]
    listings += [f"list-section-{parts.category_id}", "list-latest"]
    strip = story_tags(latest, bylines=False, photos=False) - parts.tags - related.shown
    show_late(response, settings.RELATED_STORIES_SECONDS, listings, strip)
    return response if parts.is_public else private(response)


@require_safe
@reader_page
def search(request):
    query, shortened = clean_query(request.GET.get("q", ""))
    page = None
    if query:
        engine = search_engine()
        page = paginate(request, SearchPaginator(Article.objects.published(), engine, query))
    context = {"query": query, "shortened": shortened, "page": page, "max_length": MAX_QUERY_LENGTH}
    response = render(request, "articles/search.html", context)
    shown = (result.tags for result in page.object_list) if page else ()
    return tag_response(response, *shown, "list-search")


@require_safe
@reader_page
def corrections(request):
    notes = (
        Correction.objects.filter(article__in=Article.objects.published())
        .select_related("article__category")
        .order_by("-published_at", "-id")
    )
    page = paginate(request, CappedPaginator(notes))
    response = render(request, "articles/corrections.html", {"page": page})
    shown = {f"story-{note.article_id}" for note in page.object_list}
    return tag_response(response, shown, "list-corrections")


@require_safe
def robots_txt(request):
    sitemaps = [reverse("articles:sitemap"), reverse("articles:sitemap_section", args=["news"])]
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        "Disallow: /search/",  # result pages are endless and thin (issue 5)
        "",
        *(f"Sitemap: {absolute_url(request, path)}" for path in sitemaps),
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


# A rendition's name changes whenever its inputs do (photos/<id>/<crop>-<key>-<w>x<h>.<ext>,
# renditions.render; the storage may add "_<7 characters>" to a name already taken).
RENDITION_NAME = re.compile(r"photos/\d+/[a-z_]+-[0-9a-f]{10}-\d+x\d+(_[A-Za-z0-9]{7})?\.\w+")


@require_safe
def media(request, path):
    # MEDIA_ROOT is read per request, not once when the URLconf loads: a changed setting (each
    # test has its own media folder) must serve its own files, not a stale folder's.
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except (OSError, ValueError):
        # A name no file can have (too long for the file system, a NUL): none here (issue 14).
        raise Http404("No such file") from None
    if response.status_code == 200 and RENDITION_NAME.fullmatch(path):
        # Never changes under its name: browsers and CDNs may keep it a year without asking
        # (issue 17). Other files (an author's photo) keep their name when replaced.
        response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


# Browsers ask for these at the site's root whatever the page says (issue 17).
ICONS = {"favicon.ico": "image/x-icon", "apple-touch-icon.png": "image/png"}


@require_safe
def icon(request, name):
    """/favicon.ico and /apple-touch-icon.png, from static/img/ (a day in caches: unlike the
    hashed static files, their address never changes)."""
    found = finders.find(f"img/{name}")
    if found is None:
        raise Http404(name)
    response = FileResponse(open(found, "rb"), content_type=ICONS[name])
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def section_redirect(request, slug):
    """/<section-slug>/ moves (301) to the section's page; no query once the menu is cached."""
    for section in site_chrome(request).sections:
        if section.slug == slug:
            return redirect(section, permanent=True)
    raise Http404("No such section")


def locked_out(request, response=None, credentials=None):
    """django-axes answers a locked-out sign-in with this page (AXES_LOCKOUT_CALLABLE)."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "username": get_client_username(request, credentials) or "",
        "minutes": round(settings.AXES_COOLOFF_TIME.total_seconds() / 60),
    }
    return render(request, "locked_out.html", context, status=429)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors: the database may be what failed.
    template = loader.get_template("500.html")
    return HttpResponse(template.render({}), status=500)
