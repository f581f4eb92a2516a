"""Caching that is never stale (issue 6).

Everything lives in Django's cache (Redis in production, see settings.CACHES):

1. The content version, a token that every change readers could see replaces:
   `content_changed()`, which the signal hookup at the bottom calls for each save and delete of
   every content model, whatever saves it (the admin, a command, a shell, another app).
2. The site chrome every page shows, the sections menu and the breaking-news banner, with the
   time the site next changes by itself (a scheduled story goes live, a banner runs out):
   built in one query once per content version instead of two on every page.
3. Whole reader pages for visitors without a session (`reader_page`), each stored with the
   content version it was rendered under and the time it stops being true, so a page from
   before a change, or from before a scheduled story went live, is never served after it.

A CDN in front gets `Cache-Control` bounded the same way and `Cache-Tag`/`Surrogate-Key`
headers naming what each response shows (`story-12`, `section-3`, `author-4`, `tag-7`,
`photo-9`, the listings `list-latest`, `list-section-3`, ..., `sitemaps`, `chrome` for the
menu and banner on every page); each change works out the tags it touches and hands them,
once its transaction has committed, to the purge hook named by settings.CDN_PURGE. The special
tag `all` asks to purge everything.

Django's own cache middleware keys pages by URL and a fixed prefix; it cannot tell that a page
went out of date because a story was edited, so this module keys and checks pages itself and
leaves the rest (compression, ETags, Cache-Control) to Django's utilities.
"""

import hashlib
import logging
import os
import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache as memoize
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.module_loading import import_string

from . import clock
from .models import Article, ArticleRedirect, Author, Byline, CaptionedImage, Category, Correction

log = logging.getLogger(__name__)

VERSION_KEY = "newsroom:content-version"
CHROME_SECONDS = 24 * 60 * 60
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
_gzip = GZipMiddleware(lambda request: None)


# The content version ---------------------------------------------------------------------------


def content_version() -> str:
    """The current content version; the first caller after a cache flush makes a new one."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, secrets.token_hex(8), timeout=None)
        version = cache.get(VERSION_KEY) or "unversioned"
    return version


def bump_version() -> None:
    cache.set(VERSION_KEY, secrets.token_hex(8), timeout=None)


def content_changed(tags: Iterable[str] = ("all",)) -> None:
    """Something readers can see changed: cached pages and chrome become invalid, and the CDN
    is told to purge `tags` (everything by default).

    The version moves now, so the rest of this request and transaction (and a test) sees the
    change, and again after the commit: a page rendered by another process from the data as it
    was before the commit may have been stored under the first new version, never the second.
    The purge waits for the commit too, so the CDN cannot fetch the old page again.
    """
    tags = frozenset(tags)
    bump_version()

    def after_commit():
        bump_version()
        purge(tags)

    transaction.on_commit(after_commit, robust=True)


def purge(tags: Iterable[str]) -> None:
    import_string(settings.CDN_PURGE)(frozenset(tags))


def log_purge(tags: frozenset[str]) -> None:
    """The default purge hook: no CDN, so say what a CDN would have been told."""
    log.info("CDN purge: %s", " ".join(sorted(tags)))


@memoize
def release() -> str:
    """The code a page was rendered by: pages and chrome cached by another release (other
    templates, CSS file names, fields) are not served by this one. NEWSROOM_RELEASE (e.g. the
    git commit) names it; otherwise a digest of the templates, the code and the static manifest.
    """
    if name := os.environ.get("NEWSROOM_RELEASE"):
        return name
    digest = hashlib.md5(usedforsecurity=False)
    base = settings.BASE_DIR
    files = [*(base / "templates").rglob("*"), *(base / "articles").rglob("*.py")]
    files += [base / "newsroom" / "settings.py", settings.STATIC_ROOT / "staticfiles.json"]
    for path in sorted(files):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


# The site chrome -------------------------------------------------------------------------------


@dataclass
class Chrome:
    """What every reader page shows around its content."""

    sections: list[Category]
    breaking: Article | None
    changes_at: datetime | None  # the next scheduled publication or banner expiry

    def is_fresh(self) -> bool:
        return self.changes_at is None or clock.now() < self.changes_at


BANNER_FIELDS = ("pk", "headline", "slug", "published_at", "breaking_until")


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
    sections = list(Category.objects.annotate(next_publication=next_publication, **banner))
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
    return Chrome(sections, breaking_story, min(times, default=None))


def site_chrome(request=None) -> Chrome:
    """The chrome for this content version, built once per version; memoised on `request`."""
    if request is not None and hasattr(request, "_newsroom_chrome"):
        return request._newsroom_chrome
    key = f"newsroom:chrome:{release()}:{_version(request)}"
    chrome = _cache_get(key)
    if chrome is None or not chrome.is_fresh():
        chrome = build_chrome()
        _cache_set(key, chrome, CHROME_SECONDS)
    if request is not None:
        request._newsroom_chrome = chrome
    return chrome


# Reader pages ----------------------------------------------------------------------------------


@dataclass
class CachedPage:
    """A stored response: its bytes and headers, the content version it shows and until when."""

    version: str
    fresh_until: datetime
    status: int
    headers: list[tuple[str, str]]
    content: bytes

    @classmethod
    def of(cls, response, version, fresh_until) -> "CachedPage":
        headers = list(response.headers.items())
        return cls(version, fresh_until, response.status_code, headers, response.content)

    def response(self) -> HttpResponse:
        """A new response each time: middleware adds to it, and must not add to the next."""
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response.headers[name] = value
        return response


# Each worker keeps the pages it served last, checked against the shared content version on
# every request: a hit then costs one small cache read instead of reading and unpickling the
# page (issue 6). Pages are immutable for a version, so a stale copy can never be served.
MEMORY_PAGES = 128
_memory: OrderedDict[str, CachedPage] = OrderedDict()
_memory_lock = threading.Lock()  # runserver and threaded workers share it


def reader_page(view):
    """Serve a reader page from the page cache, or render, label, compress and store it.

    Requests with a session cookie (editors, anyone signed in) and requests other than GET and
    HEAD pass straight through and get `Cache-Control: private, no-store`: what they see may be
    theirs alone. Everyone else shares one copy per URL, host and encoding. A view can bound
    its page's life with `response.fresh_until` and name what it shows with
    `response.cache_tags` (see `story_tags`).

    Compression is here, not in a site-wide GZipMiddleware, because BREACH needs a secret on a
    compressed page: reader pages have none (no CSRF token, nothing personal), the admin does.
    """

    @wraps(view)
    def reader_view(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES:
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_store=True)
            return response
        key = _page_key(request)
        if settings.PAGE_CACHE and request.method == "GET":
            page = _cached_page(request, key)
            if page is not None:
                response = page.response()
                _set_cache_control(response, page.fresh_until)
                return response
        response = view(request, *args, **kwargs)
        if response.status_code != 200 or response.streaming or _is_private(response):
            return response
        if hasattr(response, "render"):  # a TemplateResponse (the sitemaps): render it now
            response.render()
        fresh_until = _fresh_until(request, response)
        _label(response, fresh_until)
        response = _gzip.process_response(request, response)
        if settings.PAGE_CACHE and request.method == "GET":
            page = CachedPage.of(response, _version(request), fresh_until)
            seconds = (fresh_until - clock.now()).total_seconds()
            _cache_set(key, page, max(1, int(seconds)))
            _remember(key, page)
        return response

    return reader_view


def story_tags(stories: Iterable[Article], bylines=True, photos=True) -> set[str]:
    """Cache tags of stories shown as cards or feed items: each story, its section and, when
    shown, its photo and its authors (`bylines`, prefetched by for_cards())."""
    tags = set()
    for story in stories:
        tags |= {f"story-{story.pk}", f"section-{story.category_id}"}
        if photos and story.lead_image_id:
            tags.add(f"photo-{story.lead_image_id}")
        if bylines:
            tags.update(f"author-{byline.author_id}" for byline in story.bylines.all())
    return tags


def tag_response(response, *tags: Iterable[str] | str):
    """Add cache tags (strings or collections of them) to `response`; returns it."""
    names = getattr(response, "cache_tags", set())
    for tag in tags:
        names |= {tag} if isinstance(tag, str) else set(tag)
    response.cache_tags = names
    return response


def _version(request) -> str:
    if request is None:
        return content_version()
    if not hasattr(request, "_newsroom_version"):
        request._newsroom_version = _safely(content_version, "unversioned")
    return request._newsroom_version


def _cached_page(request, key) -> CachedPage | None:
    """The page stored for `key` if it shows the current content version and is still true:
    from this worker's memory, else from the shared cache."""
    version = _version(request)
    for read in (lambda: _memory.get(key), lambda: _cache_get(key)):
        page = read()
        if page is not None and page.version == version and clock.now() < page.fresh_until:
            _remember(key, page)
            return page
    return None


def _remember(key, page) -> None:
    with _memory_lock:
        _memory[key] = page
        _memory.move_to_end(key)
        while len(_memory) > MEMORY_PAGES:
            _memory.popitem(last=False)


def _page_key(request) -> str:
    encoding = "gzip" if _ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else ""
    query = "&".join(sorted(request.META.get("QUERY_STRING", "").split("&")))
    raw = f"{release()}|{request.scheme}|{request.get_host()}|{request.path}|{query}|{encoding}"
    return "newsroom:page:" + hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()


def _fresh_until(request, response) -> datetime:
    """Until when this page stays true: the cache lifetime, bounded by the next scheduled
    publication or banner expiry and by the view's own limit."""
    limits = [clock.now() + timedelta(seconds=settings.PAGE_CACHE_SECONDS)]
    limits.append(site_chrome(request).changes_at)
    limits.append(getattr(response, "fresh_until", None))
    return min(limit for limit in limits if limit is not None)


def _label(response, fresh_until) -> None:
    """ETag (of the uncompressed page), Cache-Control, Vary and the cache tags."""
    set_response_etag(response)
    _set_cache_control(response, fresh_until)
    # What a reader sees depends on whether they are signed in (editors see drafts).
    patch_vary_headers(response, ["Cookie"])
    tags = set(getattr(response, "cache_tags", ()))
    if response.get("Content-Type", "").startswith("text/html"):
        tags.add("chrome")
    if tags:
        response["Cache-Tag"] = ",".join(sorted(tags))  # Cloudflare, Akamai
        response["Surrogate-Key"] = " ".join(sorted(tags))  # Fastly


def _set_cache_control(response, fresh_until) -> None:
    """public, max-age, s-maxage and stale-while-revalidate, none reaching past `fresh_until`."""
    left = max(0, int((fresh_until - clock.now()).total_seconds()))
    s_maxage = min(settings.CACHE_S_MAXAGE, left)
    response.headers.pop("Cache-Control", None)
    patch_cache_control(
        response,
        public=True,
        max_age=min(settings.CACHE_MAX_AGE, left),
        s_maxage=s_maxage,
        stale_while_revalidate=min(settings.CACHE_STALE_WHILE_REVALIDATE, left - s_maxage),
    )


def _is_private(response) -> bool:
    control = response.get("Cache-Control", "")
    return "private" in control or "no-store" in control or bool(response.cookies)


def _safely(read, default):
    """A cache read that degrades to `default` when the cache server is down: pages are then
    rendered for every request, slower but never wrong."""
    try:
        return read()
    except Exception:  # Redis's ConnectionError and friends; the backend is configurable
        log.warning("Cache unavailable; serving without it", exc_info=True)
        return default


def _cache_get(key):
    return _safely(lambda: cache.get(key), None)


def _cache_set(key, value, timeout) -> None:
    _safely(lambda: cache.set(key, value, timeout), None)


# What a change touches -------------------------------------------------------------------------

# Models in the articles app that no reader page shows; every other one invalidates on change.
NOT_SHOWN_TO_READERS = {"PreviewLink", "PreviewOpening"}
# Story fields that decide which listings show it, or where (the order).
LISTING_FIELDS = ("status", "published_at", "category_id", "trashed_at")
# Story fields the search index holds.
SEARCHED_FIELDS = ("headline", "standfirst", "body")


def article_tags(old: Article | None, new: Article | None) -> set[str]:
    """Tags of the pages a story's change touches: its own page and wherever it is shown
    (which carry `story-<id>`); the listings it joins, leaves or moves in when its publication,
    section or time changes; search, when its text does; every page, when it is the banner."""
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
        Author: _one("author", "list-search"),  # names are in bylines and the search index
        Category: _one("section", "chrome"),  # and the menu on every page
        CaptionedImage: _one("photo"),
        Tag: _one("tag", "list-search"),
        Correction: correction_tags,
        ArticleRedirect: correction_tags,  # the old address answered with the story
    }
    rule = rules.get(type(new or old))
    return rule(old, new) if rule else {"all"}


# The signal hookup -----------------------------------------------------------------------------
#
# STYLE.md has publishing side effects called as plain functions where the action happens. The
# cache is the exception: *any* change to what readers see must invalidate it, whoever makes it
# (the admin, its inlines, the tag widget, a management command, a shell, a later feature), so
# a forgotten call would mean stale pages. Signals on every content model cover them all by
# construction; QuerySet.update() and bulk_create() send none, so ArticleQuerySet reports those.


def _remember_old(sender, instance, raw=False, **kwargs):
    instance._newsroom_before = (
        sender._base_manager.filter(pk=instance.pk).first() if instance.pk and not raw else None
    )


def _saved(sender, instance, raw=False, **kwargs):
    content_changed(change_tags(getattr(instance, "_newsroom_before", None), instance))


def _deleted(sender, instance, **kwargs):
    content_changed(change_tags(instance, None))


def _bylines_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """article.authors.add() and friends write Byline rows without saving them one by one."""
    if not action.startswith("post_"):
        return
    if action == "post_clear" or not pk_set:
        content_changed()
        return
    stories, authors = (pk_set, [instance.pk]) if reverse else ([instance.pk], pk_set)
    tags = {"list-search", *(f"story-{pk}" for pk in stories)}
    content_changed(tags | {f"list-author-{pk}" for pk in authors})


def content_models() -> list:
    from taggit.models import Tag, TaggedItem  # noqa: PLC0415

    own = apps.get_app_config("articles").get_models()
    return [model for model in own if model.__name__ not in NOT_SHOWN_TO_READERS] + [
        Tag,
        TaggedItem,
    ]


def connect_signals() -> None:
    for model in content_models():
        label = model._meta.label
        pre_save.connect(_remember_old, sender=model, dispatch_uid=f"caching-before-{label}")
        post_save.connect(_saved, sender=model, dispatch_uid=f"caching-saved-{label}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"caching-deleted-{label}")
    m2m_changed.connect(_bylines_changed, sender=Byline, dispatch_uid="caching-bylines")
