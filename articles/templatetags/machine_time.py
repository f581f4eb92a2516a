"""`{{ moment|iso }}` for the Django templates crawlers read (the sitemaps): the same formatter as
the reader pages, JSON-LD and feeds, so one moment reads the same everywhere (issue 17)."""

from django import template

from ..reader.seo import iso as iso_time

register = template.Library()


@register.filter
def iso(moment):
    return iso_time(moment)
