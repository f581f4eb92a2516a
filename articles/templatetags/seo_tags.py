"""Template access to articles/seo.py: absolute URLs, canonical links, social images, JSON-LD."""

from django import template
from django.utils.html import format_html_join

from .. import seo

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    # base.html uses it: a page rendered without a request still renders, with a relative URL.
    request = context.get("request")
    return request.build_absolute_uri(path) if request else path


@register.simple_tag(takes_context=True)
def canonical_url(context, page=None):
    return seo.canonical_url(context["request"], page)


@register.simple_tag(takes_context=True)
def social_image(context, article=None):
    return seo.social_image(context["request"], article)


@register.simple_tag
def last_modified(article):
    return seo.last_modified(article)


@register.simple_tag(takes_context=True)
def article_json_ld(context, article):
    """The story's NewsArticle and BreadcrumbList, as two ld+json scripts."""
    request = context["request"]
    data = [seo.news_article(request, article), seo.breadcrumbs(request, article)]
    return format_html_join("\n", "{}", ((seo.json_ld(item),) for item in data))
