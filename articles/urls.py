from django.urls import path, re_path, register_converter

from .caching import reader_page
from .editing import preview
from .importing import views as wordpress
from .ops import health
from .reader import feeds, sitemaps, views


class UnicodeSlugConverter:
    """Tag slugs keep non-ASCII letters (django-taggit slugifies with allow_unicode)."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(UnicodeSlugConverter, "uslug")

app_name = "articles"

urlpatterns = [
    # WordPress addresses of imported posts (issue 16): `/?p=ID` and `/2019/05/slug/`.
    re_path(r"^(?P<path>(?:\d{4}/[^/]+/.+)?)$", wordpress.old_address, name="wordpress_address"),
    path("", views.home, name="home"),
    # Liveness and readiness for load balancers (issue 15).
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("latest/", views.latest, name="latest"),
    path("category/<slug:slug>/", views.category_detail, name="category_detail"),
    path("tag/<uslug:slug>/", views.tag_detail, name="tag_detail"),
    path("author/<slug:slug>/", views.author_detail, name="author_detail"),
    # Feeds, sitemaps and robots.txt (issue 5).
    path("feed/", reader_page(feeds.SiteFeed()), name="feed"),
    path("feed/atom/", reader_page(feeds.SiteAtomFeed()), name="feed_atom"),
    path("category/<slug:slug>/feed/", reader_page(feeds.SectionFeed()), name="category_feed"),
    path(
        "category/<slug:slug>/feed/atom/",
        reader_page(feeds.SectionAtomFeed()),
        name="category_feed_atom",
    ),
    path("author/<slug:slug>/feed/", reader_page(feeds.AuthorFeed()), name="author_feed"),
    path(
        "author/<slug:slug>/feed/atom/",
        reader_page(feeds.AuthorAtomFeed()),
        name="author_feed_atom",
    ),
    path("tag/<uslug:slug>/feed/", reader_page(feeds.TagFeed()), name="tag_feed"),
    path("tag/<uslug:slug>/feed/atom/", reader_page(feeds.TagAtomFeed()), name="tag_feed_atom"),
    path("sitemap.xml", reader_page(sitemaps.sitemap_index), name="sitemap"),
    path(
        "sitemap-<slug:section>.xml",
        reader_page(sitemaps.sitemap_section),
        name="sitemap_section",
    ),
    path("search/", views.search, name="search"),
    path("corrections/", views.corrections, name="corrections"),
    path("preview/<int:pk>/", preview.article_preview, name="article_preview"),
    path("preview/link/<str:token>/", preview.preview_link, name="preview_link"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.icon, {"name": "favicon.ico"}, name="favicon"),
    path(
        "apple-touch-icon.png",
        views.icon,
        {"name": "apple-touch-icon.png"},
        name="apple_touch_icon",
    ),
    path("<slug:slug>/", views.section_redirect, name="section_redirect"),
    path("<slug:category>/<slug:slug>/", views.article_detail, name="article_detail"),
]
