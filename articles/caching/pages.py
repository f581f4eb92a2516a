"""Whole reader pages for visitors without a session (`reader_page`), each stored with the
versions of the cache tags it shows (store.py) and the time it stops being true, so a page from
before a change to anything it shows, or from before a scheduled story went live, is never
served after it; a change to anything else leaves it be (issue 12).

Django's own cache middleware keys pages by URL and a fixed prefix; it cannot tell that a page
went out of date because a story was edited, so this module keys and checks pages itself and
leaves the rest (compression, ETags, Cache-Control) to Django's utilities.

With the page cache on, each page says how it was served in an `X-Cache: hit|miss|stale`
header (issue 12): `hit` from this worker's memory or the shared cache, `miss` rendered, `stale`
the copy from before a change, while another request renders the page again (single flight:
one render per changed page, whatever the number of readers asking for it at that moment; a
change shows to every request that starts after that render has ended). `make bench`
counts the headers of the responses its load generator received. A header rather than counters
kept in the shared cache: it costs no cache write on the path being measured (a `cache.incr` per
request adds a Redis round trip to every hit; batched per N requests, up to N per worker go
uncounted or into the wrong phase), and it counts exactly the responses readers got. A CDN's
logs can count it the same way.
"""

import hashlib
import logging
import re
import secrets
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag

from ..models import Article
from .chrome import site_chrome
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

_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
_gzip = GZipMiddleware(lambda request: None)


@dataclass
class CachedPage:
    """A stored response: its bytes and headers, the versions of the tags it shows (store.py)
    and until when it stays true."""

    versions: dict[str, int]
    fresh_until: datetime
    status: int
    headers: list[tuple[str, str]]
    content: bytes
    # Tags whose moves it may show late, until `late_until` (`show_late`): the related stories.
    late_tags: frozenset[str] = frozenset()
    late_until: datetime | None = None
    # Its last check (store.py `moved_since`): while its token is the current one, checking the
    # page again reads that one key.
    checked: Check | None = None
    # The headers it went out with, through all of the middleware (hits.py): a page that has
    # them is served before the middleware; None for one served by `reader_page` only.
    final_headers: list[tuple[str, str]] | None = None
    path: str = ""  # the request's path_info, for `remembered_paths`
    serial: int = 0  # random, for `_known`: the same stored page when read again

    @classmethod
    def of(cls, response, versions, fresh_until, late_until=None) -> "CachedPage":
        headers = list(response.headers.items())
        late = frozenset(getattr(response, "late_tags", ()))
        page = cls(versions, fresh_until, response.status_code, headers, response.content)
        page.late_tags, page.late_until = late, late_until if late else None
        return page

    def state(self) -> str:
        """FRESH: still true, none of its tags moved (one cache round trip; its late tags only
        once `late_until` has passed), and nothing it shows is being changed by this
        connection's open transaction. STALE: only that tags it shows moved since, a copy that
        may stand in while another request renders it again (`reader_page`). GONE: past its
        time (a scheduled story is due), or the cache cannot tell."""
        now = timezone.now()
        if now >= self.fresh_until or shows_uncommitted(self.versions):
            return GONE
        self.checked = safely(lambda: moved_since(self.versions, self.checked), None)
        if self.checked is None:
            return GONE
        moved = self.checked.moved
        if not moved or (moved <= self.late_tags and now < self.late_until):
            return FRESH
        return STALE

    def response(self, headers=None) -> HttpResponse:
        """A new response each time: middleware adds to it, and must not add to the next."""
        return HttpResponse(self.content, status=self.status, headers=headers or self.headers)

    def hit(self, headers=None) -> HttpResponse:
        """The page served from the cache: its Cache-Control counted down, `X-Cache: hit`."""
        response = self.response(headers)
        _set_cache_control(response, self.fresh_until)
        response["X-Cache"] = "hit"  # replaces the stored copy's "miss"
        return response


FRESH, STALE, GONE = "fresh", "stale", "gone"  # CachedPage.state()
# Single flight (issue 12): when a change moved a page's tags, the first request renders it
# again; requests for it meanwhile get the copy from before (`_stand_in`), for this long at most
# if that render never ends (its worker killed): a busy page is rendered once, not by every
# worker at the same time, and no reader waits for it but the one.
RENDERING_SECONDS = 10

# Each worker keeps the pages it served last, checked against the shared tag versions on every
# request: a hit then costs one small cache read (the versions of its tags) instead of reading
# and unpickling the page (issue 6). A page is immutable for its versions, so a stale copy can
# never be served.
MEMORY_PAGES = 128
_memory: OrderedDict[str, CachedPage] = OrderedDict()
_memory_lock = threading.Lock()  # runserver and threaded workers share it


@dataclass(slots=True)  # a few hundred bytes each, up to KNOWN_PAGES
class Known:
    """A page this worker served: which one (`serial`), and its last check, so that reading it
    again from the shared cache costs a check by token (or a walk of the moves since, moves.py),
    not a read of each of its tags (a long tail of story pages does not fit `MEMORY_PAGES`)."""

    serial: int
    path: str
    checked: Check | None


# The last pages this worker served, a few hundred bytes each; and how many of them each path
# has (one per host, scheme, query and encoding): PageCacheMiddleware (hits.py) looks up only
# these paths, so any other request costs it one dict lookup.
KNOWN_PAGES = 20_000
_known: OrderedDict[str, Known] = OrderedDict()
remembered_paths: Counter[str] = Counter()


def reader_page(view=None, *, served_early=True):
    """Serve a reader page from the page cache, or render, label, compress and store it.

    Requests with a session cookie (editors, anyone signed in) and requests other than GET and
    HEAD pass straight through and get `Cache-Control: private, no-store`: what they see may be
    theirs alone. Everyone else shares one copy per URL, host and encoding. A view can bound
    its page's life with `response.fresh_until` and name what it shows with
    `response.cache_tags` (see `story_tags`).

    Compression is here, not in a site-wide GZipMiddleware, because BREACH needs a secret on a
    compressed page: reader pages have none (no CSRF token, nothing personal), the admin does.

    With PageCacheMiddleware (hits.py) in the stack, hits are served before it reaches the
    view, and it has looked the page up already (`request.page_cache`). `served_early=False`
    for a view whose checks must run on every request, hits too (the API's keys and rate
    limits): its pages are served from here, after those checks.
    """
    if view is None:
        return lambda view: reader_page(view, served_early=served_early)

    @wraps(view)
    def reader_view(request, *args, **kwargs):
        lookup = getattr(request, "page_cache", None)  # PageCacheMiddleware's (hits.py)
        key = page_key(request) if lookup is None or lookup.key is None else lookup.key
        if key is None:
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_store=True)
            return response
        moved, rendering = None, False
        if settings.PAGE_CACHE and request.method == "GET":
            looked = lookup is not None and lookup.key == key
            page, state = (lookup.page, lookup.state) if looked else cached_page(key)
            if state == FRESH:
                return page.hit()
            moved = safely(tags_moved, None)  # before the data is read: see store.py
            if state == STALE:
                rendering = start_rendering(key)
                if not rendering:
                    return _stand_in(page)
        try:
            return _render(request, view, args, kwargs, key, moved, served_early)
        finally:
            if rendering and lookup is not None and lookup.storing is not None:
                # Stored on its way out (hits.py): the turn ends there, not before. Ended here,
                # a request in the other worker found the old copy and no turn taken, and
                # rendered the page a second time: a second 10-40 ms render after a publish.
                lookup.rendering = key
            elif rendering:
                done_rendering(key)

    return reader_view


def _render(request, view, args, kwargs, key, moved, served_early):
    """The view's response, labelled, compressed and, when it may be shared, stored."""
    response = view(request, *args, **kwargs)
    if settings.PAGE_CACHE:
        response["X-Cache"] = "miss"
    if response.status_code != 200 or response.streaming or _is_private(request, response):
        return response
    if hasattr(response, "render"):  # a TemplateResponse (the sitemaps): render it now
        response.render()
    fresh_until = _fresh_until(request, response)
    _label(response, fresh_until)
    response = _gzip.process_response(request, response)
    if settings.PAGE_CACHE and request.method == "GET":
        page = _page_to_store(request.path_info, response, fresh_until, moved)
        lookup = getattr(request, "page_cache", None)
        if page is not None and served_early and lookup is not None:
            lookup.key, lookup.storing = key, page  # stored on its way out (hits.py)
        elif page is not None:
            keep(key, page)
    return response


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


def show_late(response, seconds: int, *tags: Iterable[str] | str):
    """Name tags of what `response` shows (as `tag_response`) whose changes may show up to
    `seconds` late in the page cache: a page kept is served though they moved, until it is that
    old. The story page's related stories (issue 12): publishing a story does not re-render
    every other story of its section and tags at once. Returns `response`."""
    tag_response(response, *tags)
    late = set(getattr(response, "late_tags", set()))
    for tag in tags:
        late |= {tag} if isinstance(tag, str) else set(tag)
    response.late_tags = late
    response.late_seconds = seconds
    return response


def tag_response(response, *tags: Iterable[str] | str):
    """Add cache tags (strings or collections of them) to `response`; returns it."""
    names = getattr(response, "cache_tags", set())
    for tag in tags:
        names |= {tag} if isinstance(tag, str) else set(tag)
    response.cache_tags = names
    return response


def shown_tags(response) -> set[str]:
    """The cache tags of what a response shows: those its view named, and `chrome` (the menu
    and banner) on every HTML page."""
    tags = set(getattr(response, "cache_tags", ()))
    if response.get("Content-Type", "").startswith("text/html"):
        tags.add("chrome")
    return tags


def cached_page(key) -> tuple[CachedPage | None, str]:
    """The page stored for `key` and its state (`CachedPage.state`): from this worker's
    memory, else from the shared cache; (None, GONE) when neither has one to serve."""
    remembered = _memory.get(key)
    state = remembered.state() if remembered is not None else GONE
    if state == FRESH:
        _remember(key, remembered)
        return remembered, FRESH
    page = cache_get(key)
    if page is not None and page.versions != getattr(remembered, "versions", None):
        known = _known.get(key)
        if known is not None and known.serial == page.serial:
            page.checked = known.checked
        shared = page.state()
        if shared == FRESH:
            _remember(key, page)
        if shared != GONE:
            return page, shared
    return (remembered, state) if state == STALE else (None, GONE)


def _rendering_key(key: str) -> str:
    return key + ":rendering"


def start_rendering(key: str) -> bool:
    """Whether this request is the one to render the page at `key` again (single flight): the
    first to ask while none is rendering it. Without the cache, every request renders."""
    return safely(lambda: cache.add(_rendering_key(key), 1, RENDERING_SECONDS), True)


def done_rendering(key: str) -> None:
    safely(lambda: cache.delete(_rendering_key(key)), None)


def _stand_in(page: CachedPage) -> HttpResponse:
    """The copy from before a change, served while another request renders the page again:
    labelled `X-Cache: stale`, and `no-cache` so that no browser or CDN keeps it as current."""
    response = page.response()
    response.headers.pop("Cache-Control", None)
    patch_cache_control(response, no_cache=True)
    response["X-Cache"] = "stale"
    return response


def _page_to_store(path, response, fresh_until, moved) -> CachedPage | None:
    """A rendered page with the versions of its tags, read in one round trip with the token of
    the last move; None if it must not be kept: if tags moved while it was rendered (`moved`,
    read before), it may show data from before that commit; nor is a page showing what this
    connection's open transaction changed."""
    tags = shown_tags(response) | {EVERYTHING}
    if shows_uncommitted(tags):
        return None
    versions = safely(lambda: tag_versions(tags, with_moved=True), None)
    if versions is None or versions.pop(MOVED_KEY) != moved or None in versions.values():
        return None
    late_until = None
    if seconds := getattr(response, "late_seconds", None):
        late_until = timezone.now() + timedelta(seconds=seconds)
    page = CachedPage.of(response, versions, fresh_until, late_until)
    page.checked = Check(frozenset(), moved)  # read with the versions: none had moved
    page.path, page.serial = path, secrets.randbits(62)
    return page


def keep(key: str, page: CachedPage) -> None:
    """Store `page` under `key` in the shared cache, until its `fresh_until`, and in memory."""
    seconds = (page.fresh_until - timezone.now()).total_seconds()
    cache_set(key, page, max(1, int(seconds)))
    _remember(key, page)


def _remember(key, page) -> None:
    """Keep `page` in this worker's memory, and know it and its last check (`_known`)."""
    with _memory_lock:
        _memory[key] = page
        _memory.move_to_end(key)
        while len(_memory) > MEMORY_PAGES:
            _memory.popitem(last=False)
        known = _known.get(key)
        if known is None:
            _known[key] = Known(page.serial, page.path, page.checked)
            remembered_paths[page.path] += 1
            while len(_known) > KNOWN_PAGES:
                _forget_path(_known.popitem(last=False)[1].path)
        else:  # the same key, so the same path
            known.serial, known.checked = page.serial, page.checked
            _known.move_to_end(key)


def _forget_path(path: str) -> None:
    remembered_paths[path] -= 1
    if remembered_paths[path] <= 0:
        del remembered_paths[path]


def page_key(request) -> str | None:
    """The page cache's key: exactly what decides the response, or None for a request whose
    page is not shared (issue 14).

    Not shared: methods other than GET and HEAD, a session cookie (what an editor sees may be
    theirs alone), and a script prefix other than the configured one. gunicorn takes
    SCRIPT_NAME from trusted forwarders, and `request.path` joins it to the PATH_INFO that
    routing reads: "/" under the prefix "/business/story" would be the home page, with every
    link moved under the prefix, stored under the story's path.

    Shared pages are keyed on the release, scheme, host, path, query and encoding: the query as
    the view reads it (`request.GET`, whose .get() takes the last of repeated names, so their
    values keep their order, while different names may come in any order) and the encoding as
    the compression below decides it. Other cookies and headers decide nothing on reader pages.
    """
    if request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    prefix = request.path.removesuffix(request.path_info)
    if prefix != (settings.FORCE_SCRIPT_NAME or "").rstrip("/"):
        return None
    encoding = "gzip" if _ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else ""
    query = sorted(request.GET.lists())
    raw = repr((release(), request.scheme, request.get_host(), request.path_info, query, encoding))
    return "newsroom:page:" + hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()


def _fresh_until(request, response) -> datetime:
    """Until when this page stays true: the cache lifetime, bounded by the next scheduled
    publication or banner expiry and by the view's own limit."""
    limits = [timezone.now() + timedelta(seconds=settings.PAGE_CACHE_SECONDS)]
    limits.append(site_chrome(request).changes_at)
    limits.append(getattr(response, "fresh_until", None))
    return min(limit for limit in limits if limit is not None)


def _label(response, fresh_until) -> None:
    """ETag (of the uncompressed page), Cache-Control, Vary and the cache tags."""
    set_response_etag(response)
    _set_cache_control(response, fresh_until)
    # What a reader sees depends on whether they are signed in (editors see drafts).
    patch_vary_headers(response, ["Cookie"])
    tags = shown_tags(response)
    if tags:
        response["Cache-Tag"] = ",".join(sorted(tags))  # Cloudflare, Akamai
        response["Surrogate-Key"] = " ".join(sorted(tags))  # Fastly


def _set_cache_control(response, fresh_until) -> None:
    """public, max-age, s-maxage and stale-while-revalidate, none reaching past `fresh_until`."""
    left = max(0, int((fresh_until - timezone.now()).total_seconds()))
    s_maxage = min(settings.CACHE_S_MAXAGE, left)
    response.headers.pop("Cache-Control", None)
    patch_cache_control(
        response,
        public=True,
        max_age=min(settings.CACHE_MAX_AGE, left),
        s_maxage=s_maxage,
        stale_while_revalidate=min(settings.CACHE_STALE_WHILE_REVALIDATE, left - s_maxage),
    )


def _is_private(request, response) -> bool:
    """Whether `response` is one visitor's: marked so, or setting a cookie, now or (a fresh
    CSRF cookie for a missing or malformed one) when the CSRF middleware answers (issue 14)."""
    control = response.get("Cache-Control", "")
    fresh_cookie = bool(response.cookies) or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    return "private" in control or "no-store" in control or bool(fresh_cookie)
