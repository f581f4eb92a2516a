"""Reader addresses (story, section, author) without a full reverse() for each link (issue 6).

A listing links ~100 stories, sections and authors, and reverse() redoes the whole URLconf
lookup each time (namespaces, every pattern of the name, a regex check): an eighth of the
page. `path_to()` reverses a name once with marker values, then fills in each link's quoted
values, checked against the same converters, so the address still comes from the URLconf.
"""

import re
from urllib.parse import quote, urljoin
from weakref import WeakKeyDictionary

from django.conf import settings
from django.urls import (
    NoReverseMatch,
    get_resolver,
    get_script_prefix,
    get_urlconf,
    resolve,
    reverse,
)
from django.urls.converters import get_converters

# What reverse() leaves unquoted in an address (RFC 3986 sub-delimiters and "/~:@").
SAFE = "!$&'()*+,;=/~:@"
_UNRESERVED = re.compile(r"[-A-Za-z0-9_.~]*")  # what quote() leaves as it is
_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")
# Built templates by URL resolver: Django makes a new resolver when ROOT_URLCONF changes (or a
# request sets its own urlconf), so an old template is never used for a new URLconf.
_templates: WeakKeyDictionary = WeakKeyDictionary()


def path_to(viewname: str, **kwargs: str) -> str:
    """`reverse(viewname, kwargs=kwargs)`, in a fraction of the time for routes of path()
    converters; anything else (a value its converter refuses, a regex route) goes to reverse().

    Hand-written because Django offers only the full reverse() and no URL library builds from
    Django's URLconf; memoizing whole addresses would only move the cost to a cache lookup.
    """
    resolver = get_resolver(get_urlconf())
    key = (get_script_prefix(), viewname, tuple(kwargs))
    templates = _templates.setdefault(resolver, {})
    if key not in templates:
        templates[key] = _template(viewname, tuple(kwargs))
    template = templates[key]
    if template is None:
        return reverse(viewname, kwargs=kwargs)
    parts, converters = template
    address = parts[0]
    for (name, value), part in zip(kwargs.items(), parts[1:], strict=True):
        converter, regex = converters[name]
        text = str(converter.to_url(value))
        if not regex.fullmatch(text):
            return reverse(viewname, kwargs=kwargs)  # raises NoReverseMatch as it always did
        address += (text if _UNRESERVED.fullmatch(text) else quote(text, safe=SAFE)) + part
    return address


def _template(viewname: str, names: tuple[str, ...]):
    """(the address split around each value, each value's converter), or None."""
    markers = {name: f"zq{n}marker{n}qz" for n, name in enumerate(names)}
    address = reverse(viewname, kwargs=markers)
    prefix = get_script_prefix()
    route = resolve("/" + address.removeprefix(prefix)).route if address.startswith(prefix) else ""
    if "(?" in route:  # a regex route (re_path): reverse() it is
        return None
    found = {
        match["parameter"]: match["converter"] or "str" for match in _PARAMETER.finditer(route)
    }
    known = get_converters()
    if set(found) != set(names) or any(found[name] not in known for name in names):
        return None
    if any(address.count(marker) != 1 for marker in markers.values()):
        return None
    converters = {
        name: (known[found[name]], re.compile(known[found[name]].regex)) for name in names
    }
    pattern = "|".join(re.escape(marker) for marker in markers.values())
    parts = re.split(pattern, address)
    order = re.findall(pattern, address)
    if order != [markers[name] for name in names]:
        return None
    return parts, converters


def named_tags(tags) -> list:
    """`tags` but those without a name: such a tag (its name was control characters only, saved
    before issue 14 refused it) is shown nowhere, neither as an empty link nor as empty text."""
    return [tag for tag in tags if tag.name.strip()]


def tag_path(tag) -> str | None:
    """The address of `tag`'s page, or None for a tag no address can name (an empty slug, as
    django-taggit gave emoji-only tags before issue 14): shown as text, never as a link. A tag
    without a name has none either: its link would be empty."""
    if not tag.name.strip():
        return None
    try:
        return path_to("articles:tag_detail", slug=tag.slug)
    except NoReverseMatch:
        return None


def site_origin(request) -> str:
    """The origin every absolute URL readers, crawlers and feeds see starts with (issue 17):
    NEWSROOM_SITE_URL when set, else this request's own scheme and host (a laptop, a test)."""
    return settings.SITE_URL or f"{request.scheme}://{request.get_host()}"


def absolute_url(request, location: str) -> str:
    """`location` (a path, or a full URL left as it is) made absolute on the site's origin.

    Instead of `request.build_absolute_uri()`, which takes the host from the request: a page
    fetched under another host name (a load balancer's, an old domain) must still name the
    one canonical address in its canonical link, og:url, sitemaps and feeds.
    """
    if not settings.SITE_URL:
        return request.build_absolute_uri(location)
    return urljoin(settings.SITE_URL + "/", location)
