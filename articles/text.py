"""Text helpers: the body's HTML allow-list and the reading time."""

import math
import re

import nh3
from django.utils.html import strip_tags

WORDS_PER_MINUTE = 230

# What a story body may contain. Everything else (script, style, iframes, event handlers,
# inline styles, classes) is dropped; links keep only safe schemes.
ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "a",
    "ul", "ol", "li", "blockquote", "figure", "figcaption", "img", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def sanitize_html(html: str) -> str:
    """Return `html` reduced to the story-body allow-list; empty editor markup becomes ""."""
    cleaned = _cleaner.clean(html or "").strip()
    if not strip_tags(cleaned).strip() and "<img" not in cleaned:
        return ""
    return cleaned


def word_count(html: str) -> int:
    return len(re.findall(r"\w+(?:['’-]\w+)*", strip_tags(html or "")))


def reading_minutes(html: str) -> int:
    """Minutes an average reader needs for `html`: words / 230, rounded up, at least 1."""
    return max(1, math.ceil(word_count(html) / WORDS_PER_MINUTE))
