"""Desk notifications (issue 15): a story's workflow step tells the people who should know.

- submitted for review → the desk's editors (who may publish);
- sent back to draft from review, or published → its writers (its authors' accounts and
  whoever created it);
- a scheduled story goes live → its writers, by a task enqueued for that moment.

Whoever makes the step (the admin form, a list action, a shell) a receiver sees the status
change and enqueues `notify_desk` once the save commits (articles/tasks.py); the task lists the
notification for each person (the "for you" list on the admin's front page) and emails those
who have not turned email off on their account page. Nobody is told of a story they may not
open (`Article.objects.on_desk_of`), nor of their own step.
"""

import reversion
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone

from ..models import Article, DeskSettings, Notification

Kind = Notification.Kind
Status = Article.Status


def step(before, after) -> str | None:
    """The workflow step from `before` to `after` that someone should hear of, if any."""
    if before is None or before.status == after.status:
        return None
    if after.status == Status.IN_REVIEW:
        return Kind.SUBMITTED
    if after.status == Status.DRAFT and before.status == Status.IN_REVIEW:
        return Kind.SENT_BACK
    if after.status == Status.PUBLISHED:
        return Kind.PUBLISHED
    return None


def _story_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from ..tasks import after_commit, notify_desk

    kind = step(getattr(instance, "_newsroom_before", None), instance)
    if kind is None:
        return
    actor = reversion.get_user() if reversion.is_active() else None
    event = timezone.now().isoformat()
    actor_id = actor.pk if actor else None
    after_commit(notify_desk, instance.pk, kind, event, actor_id)
    waits = instance.is_scheduled and notify_desk.get_backend().supports_defer
    if kind == Kind.PUBLISHED and waits:
        # Its writers hear when it goes live (the inline backend of tests cannot wait).
        later = notify_desk.using(run_after=instance.published_at)
        after_commit(later, instance.pk, Kind.LIVE, instance.published_at.isoformat(), actor_id)


def connect() -> None:
    post_save.connect(_story_saved, sender=Article, dispatch_uid="desk-notifications")


def recipients(article, kind, actor_id=None) -> list:
    User = get_user_model()
    people = User.objects.filter(is_active=True, is_staff=True)
    if kind == Kind.SUBMITTED:
        people = [user for user in people if user.has_perm("articles.publish_article")]
    else:
        writers = article.bylines.filter(author__user__isnull=False).values("author__user")
        people = people.filter(pk__in=writers) | people.filter(pk=article.created_by_id)
    return [
        user
        for user in people
        if user.pk != actor_id and Article.objects.on_desk_of(user).filter(pk=article.pk).exists()
    ]


def subject_and_body(article, kind, link) -> tuple[str, str]:
    what = Kind(kind).label
    subject = f"[{settings.SITE_NAME}] {what.capitalize()}: {article.headline}"
    body = f"“{article.headline}” was {what}.\n\nOpen it on the desk: {link}\n"
    if kind == Kind.LIVE:
        body = f"“{article.headline}” is now live on the site.\n\nOn the desk: {link}\n"
    body += "\nYou can turn these emails off on your account page.\n"
    return subject, body


def change_link(article) -> str:
    origin = settings.SITE_URL or "http://127.0.0.1:8000"  # `make run`'s, without a site URL
    return origin + reverse("admin:articles_article_change", args=[article.pk])


def notify(article_id: int, kind: str, event: str, actor_id: int | None = None) -> dict:
    """List the step for each recipient and email those who want it; safe to run twice."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return {"told": 0, "gone": True}
    if kind == Kind.LIVE and not (
        article.status == Status.PUBLISHED
        and article.published_at
        and article.published_at.isoformat() == event
        and article.published_at <= timezone.now()
    ):
        return {"told": 0, "not_live": True}  # unpublished or moved meanwhile
    told = 0
    link = change_link(article)
    subject, body = subject_and_body(article, kind, link)
    for user in recipients(article, kind, actor_id):
        note, _ = Notification.objects.get_or_create(
            recipient=user, article=article, kind=kind, event=event, defaults={"actor_id": actor_id}
        )
        told += 1
        wants = DeskSettings.objects.filter(user=user, email_notifications=False).exists() is False
        if note.emailed_at is None and wants and user.email:
            send_mail(subject, body, None, [user.email])
            Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())
    return {"told": told}
