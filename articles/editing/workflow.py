"""The editorial workflow: who may do what to a story, and the status changes (issue #3).

Draft → In review → Published; Published with a future publish time is Scheduled; Unpublish
goes back to Draft with everything kept; Delete moves a story to the trash, Restore brings it
back. Roles are the groups Writer, Editor and Admin (made by a data migration); the code asks
for permissions, never group names, so a superuser or a new group behaves by what it holds:

- `articles.publish_article`: publish, schedule, unpublish, mark substantive updates;
- `articles.change_any_article`: open, edit and trash every story, not only one's own drafts;
- `articles.restore_article`: take stories out of the trash.
"""

import reversion
from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from ..models import Article, Byline, ReviewNote


def can_publish(user) -> bool:
    return user.has_perm("articles.publish_article")


def edits_any(user) -> bool:
    return user.has_perm("articles.change_any_article")


def can_restore(user) -> bool:
    return user.has_perm("articles.restore_article")


def owns(user, article) -> bool:
    """Whether `user` created `article` or is one of its authors."""
    if article.created_by_id == user.pk:
        return True
    return Byline.objects.filter(article=article, author__user=user).exists()


def can_edit(user, article) -> bool:
    """Editors edit any story outside the trash; writers only their own drafts."""
    if article.trashed_at or not user.has_perm("articles.change_article"):
        return False
    return edits_any(user) or (article.status == Article.Status.DRAFT and owns(user, article))


def can_trash(user, article) -> bool:
    """Writers may bin their own drafts that never went out; editors any story."""
    if article.trashed_at or not user.has_perm("articles.delete_article"):
        return False
    if edits_any(user):
        return True
    return article.status == Article.Status.DRAFT and not article.was_public and owns(user, article)


def save_revision(article, user, comment):
    """Save `article` as a revision of its own, by `user`, saying `comment`."""
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        article.save()


def publish_now(article, user):
    now = timezone.now()
    article.status = Article.Status.PUBLISHED
    if article.published_at is None or article.published_at > now:
        article.published_at = now
    save_revision(article, user, "Published.")


def unpublish(article, user):
    """Back to draft: off the site at once, every word and the first-published time kept."""
    article.status = Article.Status.DRAFT
    save_revision(article, user, "Unpublished (back to draft).")


def submit_for_review(article, user):
    article.status = Article.Status.IN_REVIEW
    save_revision(article, user, "Submitted for review.")


def move_to_trash(article, user):
    article.trashed_at, article.trashed_by = timezone.now(), user
    save_revision(article, user, "Moved to the trash.")


def restore_from_trash(article, user):
    article.trashed_at = article.trashed_by = None
    save_revision(article, user, "Restored from the trash.")


def withdraw_from_review(article, user):
    """The writer takes their story back from review to edit it again."""
    article.status = Article.Status.DRAFT
    save_revision(article, user, "Withdrawn from review by its writer.")


def can_withdraw(user, article) -> bool:
    return (
        article.status == Article.Status.IN_REVIEW
        and not article.trashed_at
        and user.has_perm("articles.change_article")
        and (edits_any(user) or owns(user, article))
    )


# The steps of the story form's buttons (issue 13). Each is made on the story as the form is
# saving it, in the same transaction and revision as the save: what was typed goes with it.
STEPS = {
    "submit": "Submitted for review.",
    "publish": "Published.",
    "schedule": "Scheduled for {when}.",
    "unpublish": "Unpublished (back to draft).",
    "send_back": "Sent back to the writer: {note}",
}
EDITORS_STEPS = {"publish", "schedule", "unpublish", "send_back"}


def form_steps(user, article) -> dict:
    """Which buttons the story form shows `user` for `article` (None: a story being added).

    Returns {"save": label of the plain save button, and a True for each step offered}.
    """
    status = article.status if article else Article.Status.DRAFT
    if not can_publish(user):
        return {"save": "Save draft", "submit": status == Article.Status.DRAFT}
    if article is None or status != Article.Status.PUBLISHED:
        steps = {"save": "Save", "publish": True, "schedule": True}
        steps["send_back"] = status == Article.Status.IN_REVIEW
        return steps
    if article.is_scheduled:
        return {"save": "Save", "publish": True, "schedule": True, "unpublish": True}
    return {"save": "Update", "unpublish": True}


def apply_step(article, step, schedule_at=None, note="") -> str:
    """Make `step` on `article` (not saved yet); returns what the revision says of it."""
    if step == "submit":
        article.status = Article.Status.IN_REVIEW
    elif step == "publish":
        article.status = Article.Status.PUBLISHED
        now = timezone.now()
        if article.published_at is None or article.published_at > now:
            article.published_at = now
    elif step == "schedule":
        article.status, article.published_at = Article.Status.PUBLISHED, schedule_at
    elif step in ("unpublish", "send_back"):
        article.status = Article.Status.DRAFT
    moment = timezone.localtime(schedule_at).strftime("%-d %b %Y, %H:%M") if schedule_at else ""
    return STEPS[step].format(when=f"{moment} ({zone_name(schedule_at)})", note=note)


def after_step(article, step, user, note=""):
    """What follows a step once the story is saved: the writer's note, or its answer."""
    if step == "send_back":
        ReviewNote.objects.create(article=article, note=note, sent_by=user)
    elif step == "submit":
        article.review_notes.filter(answered_at=None).update(answered_at=timezone.now())


def open_review_note(article):
    """The editor's note a writer has not answered yet (sent back, not resubmitted), or None."""
    if article is None or article.pk is None or article.status != Article.Status.DRAFT:
        return None
    notes = article.review_notes.filter(answered_at=None).select_related("sent_by")
    return notes.first()


def zone_name(moment=None) -> str:
    """The newsroom's time zone as editors read it, e.g. "Europe/London, GMT"."""
    local = timezone.localtime(moment or timezone.now())
    return f"{settings.TIME_ZONE}, {local.tzname()}"


def mark_substantive_update(article) -> bool:
    """Move the public "Updated" time to now. Only a story readers have seen, and still see,
    has news to update: a first publication is not an update."""
    if not (article.was_public and article.is_public):
        return False
    article.revised_at = timezone.now()
    return True


def desk_counts(user) -> dict:
    """The numbers at the top of the story list, in one query."""
    desk = Article.objects.on_desk_of(user).filter(trashed_at=None)
    mine = Q(pk__in=Article.objects.mine(user).values("pk"))
    # Scheduled is what Article.objects.scheduled() says, here as in the list's status filter.
    scheduled = Q(pk__in=Article.objects.scheduled().values("pk"))
    return desk.aggregate(
        my_drafts=Count("pk", filter=mine & Q(status=Article.Status.DRAFT)),
        in_review=Count("pk", filter=Q(status=Article.Status.IN_REVIEW)),
        scheduled=Count("pk", filter=scheduled),
    )
