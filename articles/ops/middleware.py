"""Request-level safety nets (issue 7): a friendly 503 while the database is down, and the
client address that login lockouts count; and the site's one host name (issue 17)."""

import logging
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.template import loader

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    """Answer 503 "back soon" when a view cannot reach the database, instead of a 500.

    The page is a static template rendered without context processors, so it needs no
    database. Nothing is kept between requests: Django drops a broken connection when the
    request ends and the next request connects afresh, so the site recovers on its own as
    soon as the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        return database_unavailable(exception)


DATABASE_ERRORS = (OperationalError, InterfaceError)


def database_unavailable(exception) -> HttpResponse:
    """The calm 503 page; still an error in the log for whoever is on call."""
    logger.error("Database unavailable: %s", exception, exc_info=exception)
    html = loader.get_template("503.html").render({})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def answers_503_without_database(handler):
    """For error handlers (handler404): Django calls them outside the middleware's reach, so
    a database error there would become a 500 (issue 14: the 404 page looks up old permalinks)."""

    @wraps(handler)
    def wrapped(request, *args, **kwargs):
        try:
            return handler(request, *args, **kwargs)
        except DATABASE_ERRORS as error:
            return database_unavailable(error)

    return wrapped


def client_ip(request) -> str:
    """The address a login attempt came from, for django-axes.

    With NEWSROOM_PROXY_COUNT = N reverse proxies in front, each appending the address it saw
    to X-Forwarded-For, the client is the N-th entry from the right: entries further left
    are whatever the client chose to send. Written here because axes on its own counts
    REMOTE_ADDR, which behind a proxy is the proxy's address for everyone (one editor's typos
    would lock the whole newsroom out), and django-ipware, the library axes can use instead,
    counts proxies differently from the servers that append the header and falls back to the
    proxy's address when the header is not the length it expects.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if settings.PROXY_COUNT <= 0:
        return remote
    chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [part for part in chain if part]
    return chain[-settings.PROXY_COUNT] if len(chain) >= settings.PROXY_COUNT else remote


class CanonicalHostMiddleware:
    """With NEWSROOM_SITE_URL set, move a request under any other host name there, 301.

    DJANGO_ALLOWED_HOSTS may list several names (www and bare, an old domain, the load
    balancer's): each would otherwise serve the same pages as a second site, splitting links
    and ranking. Without the setting (a laptop, the tests) it does nothing (issue 17).

    The health checks answer under any allowed host: a load balancer calls them under its own
    name, and takes a redirect for a failure.
    """

    EXEMPT = frozenset({"/healthz", "/readyz"})  # articles/urls.py: healthz, readyz

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        site = settings.SITE_URL
        if (
            site
            and request.path_info not in self.EXEMPT
            and request.get_host().lower() != urlsplit(site).netloc.lower()
        ):
            return HttpResponsePermanentRedirect(site + request.get_full_path())
        return self.get_response(request)


class CookiesArePrivateMiddleware:
    """A response that sets a cookie is one visitor's: never `public`, never kept by a CDN.

    Listed before the session and CSRF middleware, so it sees the cookies they add on the way
    out too: a fresh `csrftoken` for a malformed one would otherwise go out on a reader page
    marked `public, s-maxage=300`, and a CDN would hand it to everyone (issue 14).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.cookies:
            response.headers["Cache-Control"] = "private, no-store"
        return response
