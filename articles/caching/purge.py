"""The CDN purge: the hook named by settings.CDN_PURGE, given the cache tags a change touched.

articles/signals.py calls it once a transaction has committed, with every tag the transaction
touched, after moving the versions of the same tags in the page cache (store.py)."""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


def purge(tags: Iterable[str]) -> None:
    import_string(settings.CDN_PURGE)(frozenset(tags))


def log_purge(tags: frozenset[str]) -> None:
    """The default purge hook: no CDN, so say what a CDN would have been told."""
    log.info("CDN purge: %s", " ".join(sorted(tags)))
