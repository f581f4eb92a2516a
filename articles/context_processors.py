from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .models import Article, Category


def site(request):
    """The site's name and its sections, for the header and footer of every page."""
    return {
        "site_name": settings.SITE_NAME,
        "site_tagline": settings.SITE_TAGLINE,
        "nav_sections": Category.objects.all(),
    }


def breaking_news(request):
    """The live breaking-news story for the banner on every page (one query, when shown)."""
    live = Article.objects.published().breaking().select_related("category")
    return {"breaking": SimpleLazyObject(live.first)}
