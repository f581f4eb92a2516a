"""Page cache hits served before the rest of the middleware and the URL routing (issue 12).

A stored reader page is the same bytes for every visitor without a session, yet a hit that
went through the whole stack ran the session, CSRF, authentication, messages, clickjacking and
conditional-GET middleware and resolved its URL through every pattern, only to hand back the
stored copy: `make bench` measured a cached page at 1.2 to 1.8 times the CPU of the bench's
baseline page, most of it that stack (an in-process profile: URL resolution alone was a fifth
of a hit).

`PageCacheMiddleware` sits after WhiteNoise (static files never reach it) and before the
session middleware. For a GET that may share a page (`page_key`), it looks the page up once:

- a fresh page stored with the headers the full stack gave it (`CachedPage.final_headers`) is
  answered here, with those headers, its own Cache-Control and `X-Cache: hit`, and a 304 when
  the reader already has it, as ConditionalGetMiddleware would; the middleware outside it (the
  security headers, the Content Security Policy, the canonical host) still runs;
- anything else goes on down the stack with what was found (`Lookup`), so `reader_page` does
  not look again; a page `reader_page` renders there is stored on the way back up, with the
  headers the inner middleware added, unless that response went out setting a cookie.

It looks up only the paths of the pages this worker served last (`remembered_paths`, up to
20,000): any other request (the admin, the health checks, a page only another worker served so
far) costs it one dict lookup, not a read from the shared cache; `reader_page` reads that as
before, and the next request for the page is answered here.

Pages of views that must run before the cache (the API's keys and rate limits) are stored
without final headers, so they are served by `reader_page` after those checks, as before.

Written here because Django's own cache middleware (`FetchFromCacheMiddleware`) keys pages by
URL alone and cannot check cache tags, and it runs last in the stack, after what it would skip.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.middleware.http import ConditionalGetMiddleware

from .pages import (
    FRESH,
    GONE,
    CachedPage,
    cached_page,
    done_rendering,
    keep,
    page_key,
    remembered_paths,
)


@dataclass
class Lookup:
    """What the middleware found for a request (`request.page_cache`), for `reader_page`: no
    `key` when it did not look; and the page `reader_page` rendered, for the middleware to
    store (`storing`)."""

    key: str | None = None
    page: CachedPage | None = None
    state: str = GONE
    storing: CachedPage | None = None
    rendering: str | None = None  # the key whose rendering turn ends once it is stored


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.conditional = ConditionalGetMiddleware(get_response)

    def __call__(self, request):
        if not settings.PAGE_CACHE or request.method != "GET":
            return self.get_response(request)
        request.page_cache = lookup = Lookup()
        if request.path_info in remembered_paths:
            try:
                key = page_key(request)
            except DisallowedHost:  # answered 400 further down, as any other request
                key = None
            if key is not None:
                page, state = cached_page(key)
                if state == FRESH and page.final_headers is not None:
                    response = page.hit(page.final_headers)
                    return self.conditional.process_response(request, response)
                lookup.key, lookup.page, lookup.state = key, page, state
        response = self.get_response(request)
        try:
            if lookup.storing is not None:
                _store_final(lookup.key, lookup.storing, response)
        finally:
            if lookup.rendering is not None:  # single flight (pages.py): the turn ends now
                done_rendering(lookup.rendering)
        return response


# Set for each request, never stored: the hit sets its own.
PER_REQUEST_HEADERS = frozenset({"cache-control", "x-cache"})


def _store_final(key: str, page: CachedPage, response) -> None:
    """Store the page `reader_page` rendered, with the headers the response went out with.

    Not stored when the response sets a cookie or went private on its way out (a fresh CSRF
    cookie, issue 14). A response other than the rendered page (a 304 for a reader who had it)
    stores the page without final headers: it is served by `reader_page` until rendered again.
    """
    control = response.get("Cache-Control", "")
    if response.cookies or "private" in control or "no-store" in control or response.streaming:
        return
    if response.status_code == page.status and response.content == page.content:
        headers = response.headers.items()
        page.final_headers = [(n, v) for n, v in headers if n.lower() not in PER_REQUEST_HEADERS]
    keep(key, page)
