from django.conf import settings
from django.utils.functional import SimpleLazyObject

from ..caching import site_chrome


def site(request):
    """The site's name and its sections, for the header and footer of every page."""
    return {
        "site_name": settings.SITE_NAME,
        "site_tagline": settings.SITE_TAGLINE,
        # Cached until a section or the banner changes (issues 6, 12): no query on most pages.
        "nav_sections": SimpleLazyObject(lambda: site_chrome(request).sections),
    }


def breaking_news(request):
    """The live breaking-news story for the banner on every page (cached with the sections)."""
    return {"breaking": SimpleLazyObject(lambda: site_chrome(request).breaking)}
