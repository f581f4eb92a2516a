"""The reader site's template language: Jinja2 through Django's own Jinja2 backend (issue 6).

Reader pages (templates/site/) are Jinja2 because an uncached page spent most of its time in
Django's template engine: it resolves every `{{ story.headline }}` by trying a dict, an
attribute and a list index at run time and builds a new context for each `{% include %}`,
where Jinja2 compiles a template to Python once and calls macros as functions. The admin, the
sitemaps and the two static error pages stay Django templates (templates/).

What a reader template may call is here: Django's URL reversing, static files and date formats,
so a page reads as it did, and the filters of Django's that the pages use.
"""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaultfilters import pluralize, truncatechars, urlencode
from django.templatetags.static import static
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.dates import MONTHS, MONTHS_3
from jinja2 import ChainableUndefined, Environment

from . import seo
from .links import absolute_url, named_tags, path_to, tag_path


def url(name: str, *args, **kwargs) -> str:
    """`{{ url("articles:tag_detail", slug=tag.slug) }}`: Django's reverse(), by way of
    links.path_to for names and keywords (every page's header and footer call it 6 times)."""
    if args:
        return reverse(name, args=args)
    return path_to(name, **kwargs)


# The formats the reader pages use, spelled out: Django's DateFormat reads the format string
# character by character for every date, a tenth of a listing page's time (issue 6).
# tests/test_templating.py checks each against dateformat.format. Machine-readable times use the
# `iso` filter (seo.iso), not Django's "c", which writes microseconds (issue 17).
FORMATS = {
    "j M Y, H:i": lambda m: f"{m.day} {str(MONTHS_3[m.month]).title()} {m.year}, {m:%H:%M}",
    "j F Y, H:i": lambda m: f"{m.day} {MONTHS[m.month]} {m.year}, {m:%H:%M}",
    "j M Y": lambda m: f"{m.day} {str(MONTHS_3[m.month]).title()} {m.year}",
}


def date(value, format_string: str) -> str:
    """Django's `date` filter: `value` in the site's time zone, in Django's date format
    characters ("j M Y, H:i"; a final " T" adds the zone). An empty value gives an empty
    string."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    if fast := FORMATS.get(format_string):
        return fast(value)
    if format_string.endswith(" T") and (fast := FORMATS.get(format_string[:-2])):
        # A time of day says its zone ("10:35 GMT", "10:35 BST"): readers abroad cannot tell
        # otherwise (issue 17). Unlike Django's "T", which prints nothing in the hour the
        # clocks go back, it names the zone then too: that is the hour it is needed most.
        return f"{fast(value)} {value.tzname()}" if timezone.is_aware(value) else fast(value)
    return dateformat.format(value, format_string)


def environment(**options) -> Environment:
    # As in Django's templates, a missing variable or attribute prints nothing, in DEBUG too.
    env = Environment(**options | {"undefined": ChainableUndefined})
    env.globals.update(
        url=url,
        absolute_url=absolute_url,
        tag_path=tag_path,
        named_tags=named_tags,
        static=static,
        now=timezone.localtime,
        json_ld=seo.json_ld,
        seo=seo,
    )
    env.filters.update(
        date=date,
        iso=seo.iso,
        intcomma=intcomma,
        pluralize=pluralize,
        truncatechars=truncatechars,
        urlencode=urlencode,
    )
    return env
