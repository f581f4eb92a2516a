"""The shared cache as the page cache uses it: the content version, the release a page was
rendered by, and reads and writes that survive the cache server being down (issue 6)."""

import hashlib
import logging
import os
import secrets
from functools import cache as memoize

from django.conf import settings
from django.core.cache import cache

log = logging.getLogger(__name__)

VERSION_KEY = "newsroom:content-version"


def content_version() -> str:
    """The current content version; the first caller after a cache flush makes a new one."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, secrets.token_hex(8), timeout=None)
        version = cache.get(VERSION_KEY) or "unversioned"
    return version


def bump_version() -> None:
    cache.set(VERSION_KEY, secrets.token_hex(8), timeout=None)


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


def request_version(request) -> str:
    if request is None:
        return content_version()
    if not hasattr(request, "_newsroom_version"):
        request._newsroom_version = safely(content_version, "unversioned")
    return request._newsroom_version


def safely(read, default):
    """A cache read that degrades to `default` when the cache server is down: pages are then
    rendered for every request, slower but never wrong."""
    try:
        return read()
    except Exception:  # Redis's ConnectionError and friends; the backend is configurable
        log.warning("Cache unavailable; serving without it", exc_info=True)
        return default


def cache_get(key):
    return safely(lambda: cache.get(key), None)


def cache_set(key, value, timeout) -> None:
    safely(lambda: cache.set(key, value, timeout), None)
