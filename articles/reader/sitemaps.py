"""Sitemaps for search engines (issue 5): /sitemap.xml indexes paged sitemaps of the front pages,
stories, sections, authors and tags, and a Google News sitemap of the last 48 hours.

Django's sitemaps framework pages and serves them. The templates are our own: Django's give a
day without the time as lastmod and know nothing of the news: and image: namespaces.
"""

from datetime import timedelta
from functools import cached_property
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe
from taggit.models import Tag

from ..caching import tag_response
from ..models import Article, Author, Category
from ..photos.renditions import rendition_storage
from .links import absolute_url
from .seo import last_modified

URLS_PER_FILE = 50_000  # the sitemaps.org maximum
NEWS_WINDOW = timedelta(hours=48)  # Google News reads stories of the last two days
NEWS_URLS_PER_FILE = 1_000  # and at most 1,000 of them per sitemap


def changed_at():
    """A story's last change for readers in SQL; the same rule as seo.last_modified. Coalesce
    first: SQLite's MAX() of a NULL is NULL, where PostgreSQL's GREATEST skips it."""
    return Greatest(Coalesce("revised_at", "published_at"), "published_at")


def newest_change(stories):
    """The newest change among `stories`, in one aggregate query (None when there are none)."""
    return stories.aggregate(newest=Max(changed_at()))["newest"]


class OnSiteSitemap(Sitemap):
    """A sitemap whose <loc>s are on the site's one origin (issue 17), not the request's."""

    limit = URLS_PER_FILE

    def get_urls(self, page=1, site=None, protocol=None):
        if not settings.SITE_URL:
            return super().get_urls(page, site, protocol)  # the request's own origin
        origin = urlsplit(settings.SITE_URL)
        return self._urls(page, origin.scheme, origin.netloc)

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            url["image"] = self.image(url["item"], f"{protocol}://{domain}/")
        return urls

    def image(self, item, origin: str) -> str:
        """The absolute URL of the item's photo for the image sitemap, or ""."""
        return ""


class PageSitemap(OnSiteSitemap):
    """The front page and "Latest news": they change whenever any story does."""

    limit = URLS_PER_FILE

    def items(self):
        return ["articles:home", "articles:latest"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return self.get_latest_lastmod()

    @cached_property
    def newest(self):
        return newest_change(Article.objects.published())

    def get_latest_lastmod(self):
        return self.newest


class StorySitemap(OnSiteSitemap):
    limit = URLS_PER_FILE

    def items(self):
        return (
            Article.objects.published()
            .select_related("category", "lead_image")
            .only("slug", "revised_at", "published_at", "category__slug", "lead_image__renditions")
        )

    def lastmod(self, story):
        return last_modified(story)

    def image(self, story, origin):
        # Google Images and Discover find the lead photo here (issue 17): its whole picture as
        # a JPEG, at least 1200 pixels wide where the original is.
        photo = story.lead_image
        file = photo.rendition("full", 1200) if photo is not None else None
        return urljoin(origin, rendition_storage().url(file["name"])) if file else ""

    def get_latest_lastmod(self):
        return newest_change(Article.objects.published())


class ListingSitemap(OnSiteSitemap):
    """Listing pages with at least one public story; each changed when its newest story did."""

    limit = URLS_PER_FILE
    model = None
    lookup = ""  # the Article field that points at `model`

    def items(self):
        newest = (
            Article.objects.published()
            .filter(**{self.lookup: OuterRef("pk")})
            .annotate(changed_at=changed_at())
            .order_by("-changed_at")
            .values("changed_at")[:1]
        )
        return (
            self.model.objects.annotate(newest_story_at=Subquery(newest))
            .filter(newest_story_at__isnull=False)
            .order_by("pk")
        )

    def lastmod(self, listing):
        return listing.newest_story_at

    def get_latest_lastmod(self):
        return self.items().aggregate(newest=Max("newest_story_at"))["newest"]


class SectionSitemap(ListingSitemap):
    model = Category
    lookup = "category"


class AuthorSitemap(ListingSitemap):
    model = Author
    lookup = "authors"


class TagSitemap(ListingSitemap):
    model = Tag
    lookup = "tags"

    def items(self):
        # A tag no address can name has no page to list (issue 14).
        return super().items().filter(slug__regex=r"^[-\w]+$")

    def location(self, tag):
        return reverse("articles:tag_detail", kwargs={"slug": tag.slug})


class NewsSitemap(OnSiteSitemap):
    """Google News: stories published in the last 48 hours, newest first."""

    limit = NEWS_URLS_PER_FILE

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.published()
            .filter(published_at__gte=since)
            .select_related("category")
            .only("headline", "slug", "published_at", "category__slug")
        )

    def get_latest_lastmod(self):
        return self.items().aggregate(newest=Max("published_at"))["newest"]


SITEMAPS = {
    "pages": PageSitemap,
    "stories": StorySitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
    "news": NewsSitemap,
}


@require_safe
def sitemap_index(request):
    response = sitemap_views.index(
        request,
        SITEMAPS,
        template_name="articles/sitemap_index.xml",
        sitemap_url_name="articles:sitemap_section",
    )
    # Django names each sitemap on the request's host: on the site's one origin instead.
    here = f"{request.scheme}://{request.get_host()}"
    for sitemap in response.context_data["sitemaps"]:
        sitemap.location = absolute_url(request, sitemap.location.removeprefix(here))
    return tag_response(response, "sitemaps")  # the CDN's cache tag (issue 6)


@require_safe
def sitemap_section(request, section):
    """One page (?p=N) of one sitemap; an unknown section or page is a 404."""
    template = "articles/sitemap_news.xml" if section == "news" else "articles/sitemap.xml"
    response = sitemap_views.sitemap(request, SITEMAPS, section=section, template_name=template)
    response.context_data["publication"] = {
        "name": settings.SITE_NAME,
        # Google News wants an ISO 639 code ("en"), not a locale ("en-gb").
        "language": settings.LANGUAGE_CODE.split("-")[0],
    }
    return tag_response(response, "sitemaps")
