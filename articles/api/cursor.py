"""The position in a story list: after the story with this (publish time, id).

Newer stories published while a client pages through land before the position, so the next
page neither repeats nor skips a story, which page numbers would. The cursor is signed with
Django's signing: opaque to clients (the format may change) and refused when altered, so a
bad cursor is a clear 400 rather than a query on made-up values.
"""

from datetime import datetime

from django.core import signing
from django.db.models import Q, QuerySet

_SALT = "articles.api.cursor"


class BadCursor(ValueError):
    pass


def make_cursor(story) -> str:
    return signing.dumps([story.published_at.isoformat(), story.pk], salt=_SALT, compress=False)


def read_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        moment, pk = signing.loads(cursor, salt=_SALT)
        return datetime.fromisoformat(moment), int(pk)
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise BadCursor("This cursor is not one the API gave out; start again without it.") from (
            error
        )


def after(stories: QuerySet, cursor: str) -> QuerySet:
    """The stories after `cursor`, in the list's order (newest first, then highest id)."""
    moment, pk = read_cursor(cursor)
    return stories.filter(Q(published_at__lt=moment) | Q(published_at=moment, pk__lt=pk))
