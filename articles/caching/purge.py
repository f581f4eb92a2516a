"""Telling caches that something readers see changed: the content version moves and the CDN is
asked to purge the cache tags the change touched, once its transaction has committed."""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

from .store import bump_version

log = logging.getLogger(__name__)


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
