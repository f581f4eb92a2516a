"""What search engines and link previews read (issue 5): canonical URLs, social images and
JSON-LD, every URL absolute on the site's one origin (links.absolute_url, issue 17)."""

import json
from datetime import datetime

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from ..models import Article, SocialImage
from ..photos.renditions import rendition_storage
from .links import absolute_url, named_tags, path_to

# The escapes of Django's json_script: no "</script>", "<!--" or "&" survives in the element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def asset_url(request, value: str) -> str:
    """The absolute URL of a setting that names a full URL, a site path or a file in static/."""
    if "://" not in value and not value.startswith("/"):
        value = static(value)
    return absolute_url(request, value)


def canonical_url(request, page=None) -> str:
    """This page's address without its query string; a listing keeps ?page=N after page 1."""
    url = absolute_url(request, request.path)
    if getattr(page, "number", 1) > 1:
        url += f"?page={page.number}"
    return url


def social_image(request, article: Article | None = None) -> SocialImage:
    """The story's social image, or the site's default, with an absolute URL."""
    image = article.social_image if article is not None else None
    if image is None:
        url = asset_url(request, settings.DEFAULT_SOCIAL_IMAGE)
        return SocialImage(url, alt=settings.SITE_NAME)
    return image._replace(url=absolute_url(request, image.url))


def last_modified(article: Article) -> datetime | None:
    """When the story last changed for readers: its last substantive update (`revised_at`, the
    "Updated" time the page shows), or its publish time when that is later or there was none.

    Never `updated_at`: that moves on every save, a typo fix or a no-op save too, and a
    "modified" time that moves without news makes search engines and feed readers distrust
    it (issue 17). Every "modified" signal (JSON-LD, Open Graph, sitemaps, feeds) reads this.
    """
    times = [time for time in (article.revised_at, article.published_at) if time is not None]
    return max(times, default=None)


def machine_time(moment: datetime) -> datetime:
    """`moment` in the newsroom's time zone, to the whole second: what every machine-readable
    time (`<time datetime>`, JSON-LD, Open Graph, feeds, sitemaps) is written from (issue 17).

    Whole seconds because the HTML standard allows at most three fraction digits in a
    `datetime` attribute and no reader or crawler needs less than a second; one function so a
    page, its feed and its sitemap never disagree about the same moment.
    """
    return timezone.localtime(moment).replace(microsecond=0)


def iso(moment: datetime | None) -> str:
    """`moment` as ISO 8601 with its offset, e.g. 2026-12-04T04:10:07+00:00; "" for None."""
    return machine_time(moment).isoformat() if moment else ""


# The lead photo's crops in a story's JSON-LD, each at least this wide where the original is:
# what Google's article rich results and Discover ask for (issue 17).
SEARCH_IMAGE_CROPS = ("wide", "four_three", "square_large")  # 16:9, 4:3, 1:1
SEARCH_IMAGE_WIDTH = 1200


def article_images(request, article: Article) -> list[dict]:
    """schema.org ImageObjects of the story's lead photo in 16:9, 4:3 and 1:1, or the social
    image (the site's default without a photo) when it has none or no renditions yet."""
    photo = article.lead_image
    pictures = []
    for crop in SEARCH_IMAGE_CROPS if photo is not None else ():
        file = photo.rendition(crop, SEARCH_IMAGE_WIDTH)
        if file is not None:
            url = absolute_url(request, rendition_storage().url(file["name"]))
            size = {"width": file["width"], "height": file["height"]}
            pictures.append({"@type": "ImageObject", "url": url} | size)
    if not pictures:
        image = social_image(request, article)
        picture = {"@type": "ImageObject", "url": image.url}
        if image.width:
            picture |= {"width": image.width, "height": image.height}
        pictures = [picture]
    if photo is not None:
        for picture in pictures:
            if photo.caption:
                picture["caption"] = photo.caption
            if photo.credit:
                picture["creditText"] = photo.credit
    return pictures


def news_article(request, article: Article) -> dict:
    """schema.org NewsArticle of a story page, for Google's article rich results."""
    url = absolute_url(request, article.get_absolute_url())
    bylines = article.bylines.all()
    writers = [byline for byline in bylines if byline.is_writer]
    contributors = [byline for byline in bylines if not byline.is_writer]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": article.description,
        "image": article_images(request, article),
        "datePublished": iso(article.published_at),
        "dateModified": iso(last_modified(article)),
        # Writers are its authors; a photographer or translator is a contributor (issue 17).
        # A story credited to contributors only is the publication's own.
        "author": people(request, writers) or [organization(request)],
        "contributor": people(request, contributors),
        "publisher": organization(request),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "articleSection": article.category.name,
        "keywords": [tag.name for tag in named_tags(article.tags.all())],
    }
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def people(request, bylines) -> list[dict]:
    """schema.org Persons of `bylines`, each with the address of their author page."""
    return [
        {
            "@type": "Person",
            "name": byline.author.name,
            "url": absolute_url(request, byline.author.get_absolute_url()),
        }
        for byline in bylines
    ]


def organization(request) -> dict:
    """schema.org Organization: the publisher, with its logo (a story's publisher, and the home
    page's own, which Google reads for the knowledge panel and Discover)."""
    return {
        "@type": "Organization",
        "name": settings.SITE_NAME,
        "url": absolute_url(request, path_to("articles:home")),
        "logo": {"@type": "ImageObject", "url": asset_url(request, settings.SITE_LOGO_URL)},
    }


def website(request) -> dict:
    """schema.org WebSite of the home page, with the SearchAction of /search/ (the sitelinks
    search box)."""
    search = absolute_url(request, path_to("articles:search"))
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.SITE_NAME,
        "url": absolute_url(request, path_to("articles:home")),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }


def home_page(request) -> list[dict]:
    """The home page's JSON-LD: the publisher and the site."""
    return [{"@context": "https://schema.org"} | organization(request), website(request)]


def collection_page(request, name: str, description: str, page=None) -> dict:
    """schema.org CollectionPage of a section, tag or author listing, with its BreadcrumbList
    (Home > the listing)."""
    url = canonical_url(request, page)
    trail = [(settings.SITE_NAME, path_to("articles:home")), (name, request.path)]
    return {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": name,
        "description": description,
        "url": url,
        "isPartOf": {"@type": "WebSite", "url": absolute_url(request, path_to("articles:home"))},
        "breadcrumb": {
            key: value
            for key, value in breadcrumb_list(request, trail).items()
            if key != "@context"  # inside the page's own context
        },
    }


def breadcrumbs(request, article: Article) -> dict:
    """schema.org BreadcrumbList of a story page: Home > Section > Story."""
    trail = [
        (settings.SITE_NAME, path_to("articles:home")),
        (article.category.name, article.category.get_absolute_url()),
        (article.headline, article.get_absolute_url()),
    ]
    return breadcrumb_list(request, trail)


def breadcrumb_list(request, trail: list[tuple[str, str]]) -> dict:
    """schema.org BreadcrumbList of (name, path) pairs, first to last."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": absolute_url(request, path),
            }
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


def json_ld(data: dict) -> SafeString:
    """`data` as a <script type="application/ld+json"> element.

    By hand because Django's json_script filter, which escapes the same way, always says
    type="application/json", and search engines read only ld+json.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
