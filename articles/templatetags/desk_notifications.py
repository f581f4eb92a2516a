"""The "for you" list of desk notifications on the admin's front page (issue 15)."""

from django import template

from ..models import Notification

register = template.Library()


@register.inclusion_tag("admin/articles/notifications/for_you.html", takes_context=True)
def for_you(context, count=10, hide_when_empty=False):
    user = context["request"].user
    notes = (
        Notification.objects.filter(recipient=user)
        .select_related("article", "actor")
        .order_by("-created_at", "-id")[:count]
        if user.is_authenticated
        else []
    )
    notes = list(notes)
    return {"notifications": notes, "hidden": hide_when_empty and not notes}
