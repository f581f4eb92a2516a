"""The admin index as the desk (issue 13): what needs this person now, each list a link to its
stories and each a fixed number of queries, however many stories the newsroom holds."""

from datetime import datetime, timedelta

from django.utils import timezone

from ..editing import live, workflow
from ..models import Article, ReviewNote

SHOWN = 8  # stories per list; the story list has the rest


def desk_for(user) -> dict:
    now = timezone.now()
    desk = Article.objects.on_desk_of(user).filter(trashed_at=None).select_related("category")
    mine = Article.objects.mine(user).filter(trashed_at=None)
    local_midnight = timezone.make_aware(
        datetime.combine(timezone.localdate(now), datetime.min.time())
    )
    lists = {
        "my_drafts": list(mine.filter(status=Article.Status.DRAFT).order_by("-updated_at")[:SHOWN]),
        "scheduled": list(
            desk.scheduled()
            .filter(published_at__lte=now + timedelta(hours=24))
            .order_by("published_at", "id")[:SHOWN]
        ),
        "published_today": list(
            desk.published()
            .filter(published_at__gte=local_midnight)
            .order_by("-published_at", "-id")[:SHOWN]
        ),
        "editing_now": list(live.editing_now(Article.objects.on_desk_of(user))),
    }
    if workflow.can_publish(user):
        lists["in_review"] = list(
            desk.filter(status=Article.Status.IN_REVIEW).order_by("updated_at", "id")[:SHOWN]
        )
    else:
        lists["sent_back"] = list(
            ReviewNote.objects.filter(
                answered_at=None,
                article__in=mine.filter(status=Article.Status.DRAFT).values("pk"),
            )
            .select_related("article", "sent_by")
            .order_by("-sent_at")[:SHOWN]
        )
    return lists
