"""System checks of the deployment's settings, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

W001 = "newsroom.W001"


@register(Tags.security, deploy=True)
def site_url_is_set(app_configs, **kwargs):
    """Production without NEWSROOM_SITE_URL has as many sites as allowed host names (issue 17)."""
    if settings.DEBUG or settings.SITE_URL:
        return []
    return [
        Warning(
            "NEWSROOM_SITE_URL is not set: canonical links, og:url, sitemaps and feed links "
            "follow each request's Host header, so every allowed host name serves a second copy "
            "of the site, and none is redirected to the other.",
            hint="Set NEWSROOM_SITE_URL to the public origin readers should see, e.g. "
            "https://news.example.com (no path, no trailing slash).",
            id=W001,
        )
    ]
