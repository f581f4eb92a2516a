"""What every API request goes through around its django-ninja operation, outermost first:

1. CORS: any site may read the API from a browser (`Access-Control-Allow-Origin: *`, never
   with credentials, so no browser sends a reader's cookies with it); OPTIONS preflights are
   answered here. The content is public, so no origin list is needed: django-cors-headers
   would add a dependency and settings to say just that.
2. The API key, if the request sends one (`Authorization: Bearer <key>`): unknown and revoked
   keys are refused with a 401 rather than served as anonymous, so a client notices.
3. The rate limit per client (its key, else its address as `client_ip` finds it behind
   NEWSROOM_PROXY_COUNT proxies): a fixed-window counter in Django's cache, one atomic
   `incr` per request, counted before the page cache so cached answers count too. Written
   here because django-ninja's throttles run inside the operation (after the page cache, so
   they would count only misses) and keep a list of timestamps per client, read, changed and
   written back, which concurrent workers overwrite; django-ratelimit gives no Retry-After.
4. The page cache (`reader_page`) with its ETag, Cache-Control and cache tags, shared with
   the reader pages and purged with them; then 304 Not Modified when the client has it.
   Requests with a preview key see more than anonymous ones: they bypass the shared cache and
   are marked `private, no-store`. Other keys see what anonymous requests see, so they share.

Answers other than 200 and 304 are never stored (a CDN could not purge them by tag), and a
database outage is a JSON 503 with Retry-After, as DatabaseUnavailableMiddleware gives pages.
"""

import logging
import math
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from ..caching import reader_page, tag_response
from ..caching.store import safely
from ..models import ApiKey
from ..ops.middleware import RETRY_AFTER_SECONDS, client_ip

log = logging.getLogger(__name__)

RATE_WINDOW_SECONDS = 60
ALLOWED_METHODS = "GET, OPTIONS"


def error(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


def shows(request, *tags, fresh_until=None) -> None:
    """Name what the response shows (cache tags, as `tag_response` takes them), and optionally
    the time it stops being true, for the page cache and the CDN."""
    request._api_shows = [*getattr(request, "_api_shows", []), *tags]
    if fresh_until is not None:
        request._api_fresh_until = fresh_until


class UnknownKey(Exception):
    pass


def api_key(request) -> ApiKey | None:
    """The active key the request sends, None without one; UnknownKey for any other key."""
    header = request.headers.get("Authorization", "")
    if not header:
        return None
    scheme, _, key = header.partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise UnknownKey("Send the API key as “Authorization: Bearer <key>”.")
    found = ApiKey.objects.filter(digest=ApiKey.digest_of(key.strip()), revoked_at=None).first()
    if found is None:
        raise UnknownKey("This API key is unknown or was revoked.")
    return found


def seconds_to_wait(request, key: ApiKey | None) -> int:
    """0 if the client may have another request in this minute, else until the next one.

    The counter of the window is made with add() (which never resets a running one) and
    counted with incr(), both atomic in Redis (the file cache of a one-machine install counts
    by read and write, so concurrent requests may be undercounted a little). If the cache is
    down, requests go through: the API stays up as the pages do.
    """
    limit, client = (
        (settings.API_RATE_KEYED, f"key-{key.pk}")
        if key is not None
        else (settings.API_RATE_ANONYMOUS, f"ip-{client_ip(request)}")
    )
    now = time.time()
    window = int(now // RATE_WINDOW_SECONDS)
    name = f"newsroom:api-rate:{client}:{window}"

    def count():
        cache.add(name, 0, RATE_WINDOW_SECONDS + 1)
        try:
            return cache.incr(name)
        except ValueError:  # the counter ran out between add() and incr()
            cache.set(name, 1, RATE_WINDOW_SECONDS + 1)
            return 1

    if safely(count, 0) <= limit:
        return 0
    return max(1, math.ceil((window + 1) * RATE_WINDOW_SECONDS - now))


def too_many_requests(wait: int, key: ApiKey | None) -> JsonResponse:
    limit = settings.API_RATE_KEYED if key else settings.API_RATE_ANONYMOUS
    more = "" if key else " An API key allows more: ask the newsroom for one."
    response = error(
        429, f"Too many requests: {limit} a minute. Try again in {wait} seconds.{more}"
    )
    response["Retry-After"] = str(wait)
    return response


def _labelled(view):
    """The operation's response, labelled for the page cache: its cache tags and lifetime (from
    `shows`) and Last-Modified, the time it was made (kept with it while it is cached)."""

    @wraps(view)
    def labelled(request, *args, **kwargs):
        made = timezone.now()
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            tag_response(response, *getattr(request, "_api_shows", []))
            if fresh_until := getattr(request, "_api_fresh_until", None):
                response.fresh_until = fresh_until
            response["Last-Modified"] = http_date(made.timestamp())
        return response

    return labelled


def _not_modified(request, response):
    if request.method != "GET" or response.status_code != 200:
        return response
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    return get_conditional_response(
        request, etag=response.get("ETag"), last_modified=last_modified, response=response
    )


def _cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After"
    return response


def _preflight() -> HttpResponse:
    response = HttpResponse(status=204)
    response["Allow"] = ALLOWED_METHODS
    response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    response["Access-Control-Allow-Headers"] = "Authorization, If-None-Match, If-Modified-Since"
    response["Access-Control-Max-Age"] = "86400"
    return response


def api_endpoint(view):
    """Wrap a view of the API (a django-ninja URL pattern's callback) in all of the above."""
    plain = _labelled(view)
    shared = reader_page(plain, served_early=False)  # its checks run on every request

    @wraps(view)
    def endpoint(request, *args, **kwargs):
        try:
            response = answer(request, *args, **kwargs)
        except (OperationalError, InterfaceError) as down:
            # What DatabaseUnavailableMiddleware does for pages, in JSON for API clients.
            log.error("Database unavailable: %s", down, exc_info=down)
            response = error(503, "The newsroom is briefly unavailable; try again shortly.")
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        if response.status_code not in (200, 204, 304):
            # Not stored anywhere: a story not found now may be published in a minute, a slug
            # may move again, and a CDN would keep the answer with no cache tag to purge it by.
            patch_cache_control(response, no_store=True)
        patch_vary_headers(response, ["Authorization"])
        return _cors(response)

    def answer(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return _preflight()
        if request.method != "GET":
            response = error(405, "The content API is read-only: use GET.")
            response["Allow"] = ALLOWED_METHODS
            return response
        try:
            request.api_key = api_key(request)
        except UnknownKey as refused:
            # Counted against the client's address, so guessing keys is rate-limited too.
            if wait := seconds_to_wait(request, None):
                return too_many_requests(wait, None)
            response = error(401, str(refused))
            response["WWW-Authenticate"] = 'Bearer realm="api"'
            return response
        if wait := seconds_to_wait(request, request.api_key):
            return too_many_requests(wait, request.api_key)
        if request.api_key is not None and request.api_key.can_preview:
            response = plain(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_store=True)
            return response
        return _not_modified(request, shared(request, *args, **kwargs))

    return endpoint
