"""Everything derived from the content, kept current by receivers whoever writes it (issue 11).

Derived data, and where it lives:

- the versions of the page cache's tags and the CDN purge (caching/);
- the search index of each story: headline, standfirst, body, author and tag names (search.py);
- a photo's description (format, size, pixels; photos/uploads.py) and its renditions
  (photos/renditions.py); an author photo's square renditions (photos/portraits.py, issue 14).

Why receivers: any change readers could see must reach all of these, whoever makes it (the
admin, its inlines, the tag widget, a revision restore, a management command, a shell, a later
feature). A forgotten call would mean a stale page or a search that finds a story by words it no
longer has, so models call no service and the receivers here cover every save and delete by
construction. Writes that send no signals (bulk_create, QuerySet.update, loaddata, raw SQL) call
`stories_changed()`, which does what the receivers would; ArticleQuerySet does so for its own bulk
methods through the `stories_written` signal.

When:

- A photo's description is read inside the save: a file the storage refuses then fails the
  save, which saves nothing and says so on the form (admin's SaveFailureMixin). Its renditions
  are made by a task enqueued on commit (articles/tasks.py, issue 15); until they exist pages
  show no photo. Files a save replaces or a delete leaves behind are deleted only after the
  commit, so a rolled-back save keeps the files its row names.
- The rest waits for the commit and runs once per transaction, whatever it touched: each change
  adds its stories and cache tags to the connection's `Pending` batch; at commit the search index
  of those stories is refreshed, then each of the tags gets a new version in the page cache,
  once (caching/store.py; a page another process rendered from the data as it was before the
  commit is never kept as current), and a task asks the CDN to purge the same tags (not before:
  it could fetch the old page again), one call with every tag of the transaction, retried when
  it fails (issue 15). Outside a transaction (autocommit) that is at once, write by write.
  Inside one, the pages showing what the transaction changed are rendered for each request on
  its connection and not cached (the change may roll back); a search made before the commit
  still reads the old index: the admin redirects after a save, and the next request reads the
  new one.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from taggit.models import Tag, TaggedItem

from .caching import cards, story
from .caching.store import move_tags
from .caching.tags import NOT_SHOWN_TO_READERS, change_tags
from .models import Article, Author, Byline, CaptionedImage, stories_written
from .photos import uploads
from .photos.pictures import file_names, rendition_storage
from .photos.portraits import refresh_portrait
from .photos.renditions import delete_after_commit
from .reader.views import home_after_commit
from .tasks import purge_after_commit, refresh_search_after_commit, renditions_after_commit

# The work that waits for the commit ------------------------------------------------------------


@dataclass(eq=False)
class Pending:
    """What one transaction on one connection changed, for the work that waits for its commit."""

    story_ids: set[int] = field(default_factory=set)
    every_story: bool = False
    tags: set[str] = field(default_factory=set)
    done: bool = False
    queued_at: int | None = None  # where in the connection's on-commit list it last queued

    def __post_init__(self):
        self.trigger = self.flush  # one bound method, so it can be found again by identity

    def flush(self) -> None:
        """Refresh the search index of the stories, then move the tags in the page cache, purge
        them from the CDN and render the changed stories' cards and pages (caching/cards.py,
        caching/story.py) and choose the home page's stories again (reader/views.py).
        Registered with on_commit by each change of the batch; the first to run does the work
        for all."""
        if self.done:
            return
        self.done = True
        try:
            if self.every_story or self.story_ids:
                refresh_search_after_commit(None if self.every_story else sorted(self.story_ids))
        finally:  # a search outage must not leave cached pages stale too
            if self.tags:
                move_tags(self.tags)
                purge_after_commit(self.tags)
                # The changed stories' cards and pages, rendered now for the next reader (issue 12).
                ids = [int(tag[6:]) for tag in self.tags if tag.startswith("story-")]
                cards.render_after_commit(ids)
                story.render_after_commit(ids)
                home_after_commit(self.tags)

    def is_queued_on(self, connection) -> bool:
        """Whether this batch's last flush still waits for the connection's commit: after a
        rollback Django has dropped it, and the batch's changes never happened.

        Looked up where it was queued, not searched for: loading a large backup queues hundreds
        of thousands. When a savepoint's rollback moved it, a new batch starts and both flush
        at commit: twice, never stale."""
        hooks, at = connection.run_on_commit, self.queued_at
        return at is not None and at < len(hooks) and hooks[at][1] is self.trigger


def changed(
    stories: Iterable[int] = (),
    tags: Iterable[str] = (),
    *,
    every_story: bool = False,
    using: str = DEFAULT_DB_ALIAS,
    queue_once: bool = False,
) -> None:
    """Content changed: once the transaction commits, refresh the search index of `stories` (of
    every story with `every_story`), then move `tags` in the page cache and purge them.

    `queue_once`: join a batch already queued without queueing its flush again; for loaddata's
    rows, which may number hundreds of thousands (Django runs the queue with list.pop(0))."""
    connection = connections[using]
    batch = getattr(connection, "newsroom_pending", None)
    queued = batch is not None and not batch.done and batch.is_queued_on(connection)
    if not queued:
        batch = connection.newsroom_pending = Pending()
    batch.story_ids.update(stories)
    batch.tags.update(tags)
    batch.every_story |= every_story
    # One callback per change, each flushing the whole batch: the first to run does the work.
    # (A test's captureOnCommitCallbacks runs only the callbacks its block registered.)
    if not (queue_once and queued):
        transaction.on_commit(batch.trigger, using=using, robust=True)
        batch.queued_at = len(connection.run_on_commit) - 1


def stories_changed(
    ids: Iterable[int] | None = None, *, using: str = DEFAULT_DB_ALIAS, indexed: bool = False
) -> None:
    """Stories were written without the signals seeing it (bulk_create, QuerySet.update(),
    loaddata, raw SQL, bylines or tags made in bulk): bring what is derived from them up to date
    as the receivers would, once the transaction commits. `ids` are the stories whose words,
    bylines or tags may have changed; None means every story (a restored backup).

    Which listings a bulk write touched is not worked out: every cached page goes. `indexed`:
    the write made their search index too (demo/bulk.py's COPY); only the caches follow.
    """
    if indexed:
        changed(tags={"all"}, using=using)
    elif ids is None:
        changed(tags={"all"}, every_story=True, using=using)
    else:
        changed(ids, {"all"}, using=using)


# What a change touches in the search index -----------------------------------------------------


def indexed_stories(old, new) -> set[int]:
    """The stories whose search index a content object's change from `old` to `new` touches
    (None: created or deleted): a story's own words, its bylines and tags, and the names of
    authors and tags, which are indexed with each of their stories."""
    either = new or old
    if isinstance(either, Article):
        return {either.pk}
    if isinstance(either, Byline):
        return {byline.article_id for byline in (old, new) if byline is not None}
    if isinstance(either, TaggedItem):
        story_type = ContentType.objects.get_for_model(Article).pk
        return {
            int(item.object_id)
            for item in (old, new)
            if item is not None and item.content_type_id == story_type
        }
    if not isinstance(either, Author | Tag) or old is None or new is None or old.name == new.name:
        return set()  # sections, photos, notes are not in the index; nor are new names
    if isinstance(either, Author):
        return set(Byline.objects.filter(author=new).values_list("article_id", flat=True))
    tagged = TaggedItem.objects.filter(
        tag=new, content_type=ContentType.objects.get_for_model(Article)
    )
    return {int(pk) for pk in tagged.values_list("object_id", flat=True)}


# Receivers -------------------------------------------------------------------------------------


def _remember_old(sender, instance, raw=False, **kwargs):
    instance._newsroom_before = (
        sender._base_manager.filter(pk=instance.pk).first() if instance.pk and not raw else None
    )


def _saved(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    before = getattr(instance, "_newsroom_before", None)
    stories, tags = indexed_stories(before, instance), change_tags(before, instance)
    changed(stories, tags, using=using, queue_once=raw)


def _deleted(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    changed(indexed_stories(instance, None), change_tags(instance, None), using=using)


def _bylines_changed(sender, instance, action, reverse, pk_set, using, **kwargs):
    """article.authors.add() writes Byline rows in bulk, without saving them one by one
    (remove() and clear() delete them one by one, which _deleted sees)."""
    if not action.startswith("post_"):
        return
    if action == "post_clear" or not pk_set:
        changed([] if reverse else [instance.pk], {"all"}, using=using)
        return
    stories, authors = (pk_set, [instance.pk]) if reverse else ([instance.pk], pk_set)
    tags = {"list-search", *(f"story-{pk}" for pk in stories)}
    changed(stories, tags | {f"list-author-{pk}" for pk in authors}, using=using)


def _tags_changed(sender, instance, action, using, **kwargs):
    """article.tags.set(), add(), remove() and clear(): taggit saves and deletes TaggedItem rows
    one by one (which _saved and _deleted see), and says so once for the story here too."""
    if action.startswith("post_") and isinstance(instance, Article):
        changed([instance.pk], using=using)


def _describe_photo(sender, instance, raw=False, **kwargs):
    """A new file's format, size and upright dimensions, read (and checked) from the file before
    the row is written; files from a form were checked there already."""
    instance._newsroom_new_file = bool(instance.image) and not instance.image._committed
    if not raw and instance._newsroom_new_file:
        uploads.describe(instance)


def _photo_saved(sender, instance, raw=False, **kwargs):
    """Have the renditions readers will get made after the commit; the replaced original goes
    after the commit too. A loaded backup brings its renditions with it (raw)."""
    if raw:
        return
    renditions_after_commit(instance)
    before = getattr(instance, "_newsroom_before", None)
    if before is not None and before.image.name != instance.image.name:
        delete_after_commit(instance.image.storage, [before.image.name])


def _photo_deleted(sender, instance, **kwargs):
    delete_after_commit(instance.image.storage, [instance.image.name])
    delete_after_commit(rendition_storage(), file_names(instance.renditions))


def _check_portrait(sender, instance, raw=False, **kwargs):
    """An author's new photo is checked as the library's are (issue 14); a form did already."""
    instance._newsroom_new_file = bool(instance.photo) and not instance.photo._committed
    if not raw and instance._newsroom_new_file:
        upload = instance.photo.file
        if getattr(upload, "photo_facts", None) is None:
            upload.photo_facts = uploads.inspect_upload(upload)


def _portrait_saved(sender, instance, raw=False, **kwargs):
    """The square renditions readers get of an author's photo; the replaced original goes after
    the commit, and a save whose renditions fail removes the original it wrote."""
    if raw:
        return
    try:
        refresh_portrait(instance)
    except BaseException:
        if getattr(instance, "_newsroom_new_file", False):
            instance.photo.storage.delete(instance.photo.name)
        raise
    before = getattr(instance, "_newsroom_before", None)
    if before is not None and before.photo and before.photo.name != instance.photo.name:
        delete_after_commit(before.photo.storage, [before.photo.name])


def _portrait_deleted(sender, instance, **kwargs):
    if instance.photo:
        delete_after_commit(instance.photo.storage, [instance.photo.name])
    delete_after_commit(rendition_storage(), file_names(instance.photo_renditions))


def _stories_written(sender, ids, using=DEFAULT_DB_ALIAS, **kwargs):
    stories_changed(ids, using=using)


# The hookup ------------------------------------------------------------------------------------


def content_models() -> list:
    own = apps.get_app_config("articles").get_models()
    return [model for model in own if model.__name__ not in NOT_SHOWN_TO_READERS] + [
        Tag,
        TaggedItem,
    ]


def connect_signals() -> None:
    """Called from AppConfig.ready(). The photo's own receivers run before the cache's, so the
    pages the version change invalidates are rendered from the new renditions."""
    pre_save.connect(_describe_photo, sender=CaptionedImage, dispatch_uid="photo-describe")
    post_save.connect(_photo_saved, sender=CaptionedImage, dispatch_uid="photo-renditions")
    post_delete.connect(_photo_deleted, sender=CaptionedImage, dispatch_uid="photo-files")
    pre_save.connect(_check_portrait, sender=Author, dispatch_uid="portrait-check")
    post_save.connect(_portrait_saved, sender=Author, dispatch_uid="portrait-renditions")
    post_delete.connect(_portrait_deleted, sender=Author, dispatch_uid="portrait-files")
    for model in content_models():
        label = model._meta.label
        pre_save.connect(_remember_old, sender=model, dispatch_uid=f"derived-before-{label}")
        post_save.connect(_saved, sender=model, dispatch_uid=f"derived-saved-{label}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"derived-deleted-{label}")
    m2m_changed.connect(_bylines_changed, sender=Byline, dispatch_uid="derived-bylines")
    m2m_changed.connect(_tags_changed, sender=TaggedItem, dispatch_uid="derived-tags")
    stories_written.connect(_stories_written, sender=Article, dispatch_uid="derived-bulk")
