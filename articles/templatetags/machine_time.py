"""`{{ moment|iso }}` for the Django templates (the sitemaps crawlers read, the desk's times): the
same formatter as the reader pages, JSON-LD and feeds, so one moment reads the same everywhere, in
whole seconds as `<time datetime>` allows (issue 17). Not Django's `date:'c'`, which writes
microseconds."""

from django import template

from ..reader.seo import iso as iso_time

register = template.Library()


@register.filter
def iso(moment):
    return iso_time(moment)
