"""Background work on Django's own tasks framework (issue 15).

Every task here is enqueued once the transaction that asked for it commits (`after_commit`), so
a rolled-back save enqueues nothing, and is safe to run twice: delivery is at least once (a
worker killed mid-task runs it again when it comes back, `manage.py run_worker`). Which queue
runs them is a setting (`TASKS`, from NEWSROOM_TASKS_URL): the database by default, RQ on Redis
at scale, inline under test.

A task that raises is recorded as failed with its error and, while it has attempts left, is
enqueued again with a growing delay (`retry_later`): 30 s, 2 min, 8 min. The admin lists the
failed and waiting ones (articles/admin/tasks.py) and retries one on request.
"""

import logging
from datetime import timedelta

from django.db import DEFAULT_DB_ALIAS, transaction
from django.tasks import task
from django.utils import timezone

from .caching.purge import purge
from .models import CaptionedImage
from .photos.pictures import file_names, rendition_storage
from .photos.renditions import delete_after_commit, refresh_renditions, stale_crops
from .search import refresh_search_index

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 4
BACKOFF_SECONDS = 30  # then ×4 each attempt


def after_commit(work, *args, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Enqueue `work(*args, **kwargs)` once the current transaction commits (at once outside
    one). A queue that cannot be reached then is logged, never raised into the editor's save."""
    transaction.on_commit(lambda: work.enqueue(*args, **kwargs), using=using, robust=True)


def retry_later(work, attempt: int, *args, **kwargs) -> bool:
    """Enqueue `work` again, later, unless it has had MAX_ATTEMPTS; say whether it was."""
    if attempt >= MAX_ATTEMPTS:
        return False
    if work.get_backend().supports_defer:
        delay = timedelta(seconds=BACKOFF_SECONDS * 4 ** (attempt - 1))
        work = work.using(run_after=timezone.now() + delay)
    work.enqueue(*args, attempt=attempt + 1, **kwargs)
    return True


def describe_error(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:1000]


# Photo renditions ------------------------------------------------------------------------------


def renditions_after_commit(photo: CaptionedImage) -> None:
    """A photo was saved: if its renditions are out of date, mark them pending and have a task
    make them once the save commits.

    Readers never get a broken image: a new file (its whole-photo crop is stale) takes the old
    renditions off the row at once, so pages show no photo until the task has made the new
    ones (the old files go after the commit; a rolled-back save keeps them). A new focal point
    or crop keeps the old renditions, pictures of the same photo, until the new ones replace
    them."""
    stale = stale_crops(photo)
    if not stale:
        return
    Renditions = CaptionedImage.Renditions
    update = {"renditions_status": Renditions.PENDING, "renditions_error": ""}
    if "full" in stale and photo.renditions:
        delete_after_commit(rendition_storage(), file_names(photo.renditions))
        update["renditions"] = {}
    CaptionedImage.objects.filter(pk=photo.pk).update(**update)
    for name, value in update.items():
        setattr(photo, name, value)
    photo.__dict__.pop("pictures", None)
    after_commit(make_renditions, photo.pk)


@task
def make_renditions(photo_id: int, attempt: int = 1) -> dict:
    """Make the photo's missing or outdated renditions; then readers' pages show them."""
    try:
        return build_renditions(photo_id)
    except Exception as error:
        if not retry_later(make_renditions, attempt, photo_id):
            CaptionedImage.objects.filter(pk=photo_id).update(
                renditions_status=CaptionedImage.Renditions.FAILED,
                renditions_error=describe_error(error),
            )
        raise


def build_renditions(photo_id: int, force: bool = False) -> dict:
    """The work of `make_renditions`, in autocommit: no transaction is held open while Pillow
    renders (on SQLite that would stop every other writer)."""
    from .signals import changed  # signals imports this module

    photo = CaptionedImage.objects.filter(pk=photo_id).first()
    if photo is None:
        return {"photo": photo_id, "made": [], "gone": True}
    made = refresh_renditions(photo, force=force)
    current = CaptionedImage.objects.get(pk=photo_id)
    if stale_crops(current):
        # Saved again meanwhile: a later task makes those (or this one again, if its own
        # manifest was written over a newer one by a slower run).
        after_commit(make_renditions, photo_id)
        return {"photo": photo_id, "made": made, "superseded": True}
    CaptionedImage.objects.filter(pk=photo_id).update(
        renditions_status=CaptionedImage.Renditions.READY, renditions_error=""
    )
    removed = sweep_renditions(current)
    changed(tags={f"photo-{photo_id}"})  # pages showing it are rendered again, the CDN purged
    return {"photo": photo_id, "made": made, "removed": len(removed)}


def sweep_renditions(photo: CaptionedImage) -> list[str]:
    """Delete the files in the photo's folder that its manifest does not name: what a run
    killed halfway wrote (the run again saves under new names), or a slower run replaced."""
    storage = rendition_storage()
    folder = f"photos/{photo.pk}"
    try:
        _, names = storage.listdir(folder)
    except FileNotFoundError:
        return []
    keep = set(file_names(photo.renditions))
    orphans = [f"{folder}/{name}" for name in names if f"{folder}/{name}" not in keep]
    for name in orphans:
        storage.delete(name)
    return orphans


# The CDN purge ---------------------------------------------------------------------------------


def purge_after_commit(tags) -> None:
    """Called by articles/signals.py once per committed transaction, with all its tags."""
    if tags:
        purge_cdn.enqueue(sorted(set(tags)))


@task
def purge_cdn(tags: list[str], attempt: int = 1) -> int:
    """One call of the NEWSROOM_CDN_PURGE hook with every tag of a transaction."""
    try:
        purge(tags)
    except Exception:
        retry_later(purge_cdn, attempt, tags)
        raise
    return len(tags)


# The search index of many stories -------------------------------------------------------------

# An author or tag renamed on more stories than this has their index refreshed by tasks, in
# chunks, so the rename saves at once; fewer are refreshed at the commit, as before.
SEARCH_INLINE_LIMIT = 500
SEARCH_CHUNK = 1000


def refresh_search_after_commit(ids) -> None:
    """Called by articles/signals.py once per committed transaction with the stories whose
    search index it touched (None: every story, e.g. a restore: done here, in bulk)."""
    if ids is None or len(ids) <= SEARCH_INLINE_LIMIT:
        refresh_search_index(ids)
        return
    ids = sorted(ids)
    for start in range(0, len(ids), SEARCH_CHUNK):
        refresh_search.enqueue(ids[start : start + SEARCH_CHUNK])


@task
def refresh_search(ids: list[int], attempt: int = 1) -> int:
    """Refresh the search index of these stories, then let search pages be made again."""
    from .signals import changed

    try:
        refresh_search_index(ids)
    except Exception:
        retry_later(refresh_search, attempt, ids)
        raise
    changed(tags={"list-search"})
    return len(ids)


# Desk notifications ----------------------------------------------------------------------------


@task
def notify_desk(
    article_id: int, kind: str, event: str, actor_id: int | None = None, attempt: int = 1
) -> dict:
    """Tell the desk of a story's workflow step (articles/editing/notifications.py)."""
    from .editing.notifications import notify

    try:
        return notify(article_id, kind, event, actor_id)
    except Exception:
        retry_later(notify_desk, attempt, article_id, kind, event, actor_id)
        raise
