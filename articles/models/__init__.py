"""The newsroom's models, a module per concept; `from articles.models import X` finds them all.

Models hold data and rules about one row and call no service: what is derived from them (page
cache, CDN tags, search index, renditions) follows the receivers in articles/signals.py.
"""

from .api import ApiKey
from .editing import Autosave, Presence, ReviewNote
from .imports import WordPressItem
from .notifications import DeskSettings, Notification
from .people import RESERVED_SLUGS, Author, Category
from .photos import CaptionedImage
from .previews import PreviewLink, PreviewOpening
from .querysets import (
    RELATED_CANDIDATES,
    RELATED_COUNT,
    SEARCHED_FIELDS,
    UNREAD_FIELDS,
    UNSEEN_FIELDS,
    ArticleQuerySet,
    stories_written,
)
from .search import RecentSearchEntry
from .stories import (
    Article,
    ArticleRedirect,
    Byline,
    Correction,
    SocialImage,
)

__all__ = [
    "ApiKey",
    "Autosave",
    "Presence",
    "ReviewNote",
    "WordPressItem",
    "DeskSettings",
    "Notification",
    "RELATED_CANDIDATES",
    "RELATED_COUNT",
    "RESERVED_SLUGS",
    "SEARCHED_FIELDS",
    "UNREAD_FIELDS",
    "UNSEEN_FIELDS",
    "Article",
    "RecentSearchEntry",
    "ArticleQuerySet",
    "ArticleRedirect",
    "Author",
    "Byline",
    "CaptionedImage",
    "Category",
    "Correction",
    "PreviewLink",
    "PreviewOpening",
    "SocialImage",
    "stories_written",
]
