"""Everything derived from the content, kept current by signals whoever writes it."""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from .caching.purge import content_changed
from .caching.tags import NOT_SHOWN_TO_READERS, change_tags
from .models import Byline

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
