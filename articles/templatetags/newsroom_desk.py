"""`{% newsroom_desk %}`: the desk on the admin index (issue 13), in its own include so other
parts of the index (notifications, say) sit beside it."""

from django import template

from ..admin.desk_index import desk_for

register = template.Library()


@register.inclusion_tag("admin/articles/desk.html", takes_context=True)
def newsroom_desk(context):
    user = context["request"].user
    return {"desk": desk_for(user), "request": context["request"]}
