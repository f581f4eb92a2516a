"""The open story form (issue 13): each person's autosave, and who else has the story open.

An autosave is one row per person and story, overwritten while they type: not a revision (the
history stays readable) and never public (nothing reads it but its owner's form). Presence is
one row per person and story, touched by the form every beat (NEWSROOM_EDITING_BEAT_SECONDS);
a row not touched for two beats is someone who has left.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import timezone

from ..models import Autosave, Presence

FIELDS_LIMIT = 2000  # form fields in one autosave; a story form has about fifty


def beat() -> float:
    return settings.EDITING_BEAT_SECONDS


def left_before():
    """Presence not touched since this moment is someone who has left."""
    return timezone.now() - timedelta(seconds=2 * beat())


def person(user) -> str:
    return user.get_full_name() or user.get_username()


def here(article, user):
    """`user` has the story open now."""
    now = timezone.now()
    presence, created = Presence.objects.get_or_create(
        article=article, user=user, defaults={"since": now, "seen_at": now}
    )
    if not created:
        if presence.seen_at < left_before():
            presence.since = now  # they had left: a new visit
        presence.seen_at = now
        presence.save(update_fields=["since", "seen_at"])


def leave(article, user):
    Presence.objects.filter(article=article, user=user).delete()


def others_here(article, user) -> list[dict]:
    """Who else has the story open, since when (HH:MM in the newsroom's zone)."""
    present = (
        Presence.objects.filter(article=article, seen_at__gte=left_before())
        .exclude(user=user)
        .select_related("user")
        .order_by("since")
    )
    return [
        {"name": person(p.user), "since": f"{timezone.localtime(p.since):%H:%M}"} for p in present
    ]


def editing_now(stories, limit=20):
    """Who has which of `stories` open now, for the desk: one query."""
    fresh = Presence.objects.filter(
        seen_at__gte=left_before(), article__in=stories.values("pk"), article__trashed_at=None
    )
    return fresh.select_related("user", "article").order_by("article_id", "since")[:limit]


def clean_fields(fields) -> dict | None:
    """The posted form as {name: [values]}, or None if it is not one."""
    if not isinstance(fields, dict) or len(fields) > FIELDS_LIMIT:
        return None
    for values in fields.values():
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            return None
    return fields


def keep(article, user, fields) -> Autosave:
    autosave, _created = Autosave.objects.update_or_create(
        article=article, user=user, defaults={"data": fields, "saved_at": timezone.now()}
    )
    return autosave


def offer(article, user) -> Autosave | None:
    """`user`'s autosave of `article`, if it is newer than the story's last save."""
    autosave = Autosave.objects.filter(article=article, user=user).first()
    if autosave is None or autosave.saved_at <= article.updated_at:
        return None
    return autosave


def discard(article, user):
    Autosave.objects.filter(article=article, user=user).delete()


def as_query_dict(autosave) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, values in autosave.data.items():
        data.setlist(name, values)
    return data


def initial_from(form_class, autosave, instance) -> dict:
    """The story form's initial values as the autosave holds them (fields that read cleanly)."""
    bound = form_class(as_query_dict(autosave), instance=instance)
    initial = {}
    for name, field in bound.fields.items():
        if name in ("step", "schedule_at", "send_back_note", "substantive_update"):
            continue
        raw = bound[name].data
        try:
            initial[name] = field.clean(raw)
        except ValidationError:  # a field that does not read keeps the saved value
            continue
    if "tags" in initial:
        initial["tags"] = [tag.pk for tag in initial["tags"]]
    return initial
