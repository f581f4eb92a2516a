from django.conf import settings

from .models import Category


def site(request):
    """The site's name and its sections, for the header and footer of every page."""
    return {
        "site_name": settings.SITE_NAME,
        "site_tagline": settings.SITE_TAGLINE,
        "nav_sections": Category.objects.all(),
    }
