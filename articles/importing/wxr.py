"""Reading a WordPress export (WXR 1.0 to 1.2, as Tools → Export writes it), as a stream.

`read_export(file)` yields one record per author, category, tag and item, in file order, and
forgets each element once it is read: memory stays flat however large the export. The parser
is defusedxml's: a WordPress export never declares a DTD or entities, so any declaration (the
billion-laughs expansion, an external entity reading a local file) is refused outright rather
than limited. No element may hold more than MAX_ITEM_BYTES of the file, so one giant post
cannot fill the memory either.
"""

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

MAX_ITEM_BYTES = 64 * 1024 * 1024  # a post with its comments and meta; far above any real one
SUPPORTED_VERSIONS = {"1.0", "1.1", "1.2"}


class ExportError(Exception):
    """The file cannot be read as a WordPress export; the message says why, for the person."""


@dataclass
class Site:
    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    version: str = ""


@dataclass
class WPAuthor:
    login: str
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass
class WPTerm:
    """A category or a tag as the channel lists it; `parent` is the parent's nicename."""

    taxonomy: str  # "category" or "post_tag"
    nicename: str
    name: str
    parent: str = ""
    description: str = ""


@dataclass
class WPItem:
    """A post, page, attachment or any other post type."""

    wordpress_id: int
    post_type: str
    status: str = ""
    title: str = ""
    link: str = ""
    slug: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    date: str = ""
    date_gmt: str = ""
    modified_gmt: str = ""
    parent: int = 0
    attachment_url: str = ""
    # (domain, nicename, name) in file order: domain "category", "post_tag", "author", ...
    terms: list[tuple[str, str, str]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)


class LimitedReader(io.RawIOBase):
    """A binary file that refuses to let one element grow past `limit` bytes.

    The parser reads ahead in chunks; the reader counts the bytes given since the last
    `mark()` (the end of the last record) and stops the parse when they pass the limit.
    """

    def __init__(self, file, limit):
        self.file, self.limit = file, limit
        self.position = self.marked = 0

    def readable(self):
        return True

    def read(self, size=-1):
        data = self.file.read(size if size and size > 0 else 64 * 1024)
        self.position += len(data)
        if self.position - self.marked > self.limit:
            raise ExportError(
                f"One element of the export, starting near byte {self.marked:,}, is over "
                f"{filesizeformat(self.limit)}: no WordPress post is that large. The file is "
                "damaged or not a WordPress export."
            )
        return data

    def mark(self):
        self.marked = self.position


def read_export(file, limit=None) -> Iterator[Site | WPAuthor | WPTerm | WPItem]:
    """The records of the export in `file` (a binary file), then its Site once the channel ends.

    Raises ExportError for anything that is not a well-formed WordPress export.
    """
    reader = LimitedReader(file, limit or MAX_ITEM_BYTES)
    site = Site()
    channel = None
    depth = 0
    try:
        for event, element in iterparse(
            reader, events=("start", "end"), forbid_dtd=True, forbid_entities=True
        ):
            if event == "start":
                depth += 1
                if depth == 1 and local(element.tag) != "rss":
                    raise ExportError(
                        f"This is not a WordPress export: its root element is "
                        f"<{local(element.tag)}>, not <rss>."
                    )
                if depth == 2 and local(element.tag) == "channel":
                    channel = element
                continue
            depth -= 1
            if depth != 2 or channel is None:
                continue
            record = channel_record(element, site)
            if record is not None:
                yield record
            if record is not None or name_of(element) in RECORD_TAGS:
                channel.remove(element)
                reader.mark()
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        reason = str(error).split(":")[0]
        raise ExportError(
            f"The export is not well-formed XML ({reason}) at line {line}, column {column}. "
            "It may have been cut short while copying: export it again."
        ) from None
    except DefusedXmlException:
        raise ExportError(
            "The export declares a document type or entities (<!DOCTYPE …>, <!ENTITY …>). "
            "WordPress never writes them, and they are how XML bombs and file-reading attacks "
            "work, so the file is refused."
        ) from None
    if channel is None or not site.version:
        raise ExportError(
            "This is not a WordPress export: it has no <wp:wxr_version>. Export the site again "
            "with Tools → Export in WordPress."
        )
    if site.version not in SUPPORTED_VERSIONS:
        raise ExportError(
            f"WXR version {site.version} is not one this importer knows "
            f"({', '.join(sorted(SUPPORTED_VERSIONS))})."
        )
    yield site


RECORD_TAGS = {"item", "wp:author", "wp:category", "wp:tag", "wp:term"}


def channel_record(element, site: Site):
    """The record for one child of <channel>; the channel's own facts go into `site`."""
    tag = name_of(element)
    if tag == "item":
        return item_record(element)
    if tag == "wp:author":
        values = texts(element)
        return WPAuthor(
            login=values.get("wp:author_login", "").strip(),
            display_name=values.get("wp:author_display_name", "").strip(),
            first_name=values.get("wp:author_first_name", "").strip(),
            last_name=values.get("wp:author_last_name", "").strip(),
        )
    if tag == "wp:category":
        values = texts(element)
        return WPTerm(
            "category",
            values.get("wp:category_nicename", "").strip(),
            values.get("wp:cat_name", "").strip(),
            values.get("wp:category_parent", "").strip(),
            values.get("wp:category_description", "").strip(),
        )
    if tag == "wp:tag":
        values = texts(element)
        return WPTerm(
            "post_tag", values.get("wp:tag_slug", "").strip(), values.get("wp:tag_name", "").strip()
        )
    if tag == "wp:term":
        values = texts(element)
        return WPTerm(
            values.get("wp:term_taxonomy", "").strip(),
            values.get("wp:term_slug", "").strip(),
            values.get("wp:term_name", "").strip(),
            values.get("wp:term_parent", "").strip(),
        )
    text = (element.text or "").strip()
    if tag == "title":
        site.title = text
    elif tag == "link":
        site.link = text
    elif tag == "wp:base_site_url":
        site.base_site_url = text
    elif tag == "wp:base_blog_url":
        site.base_blog_url = text
    elif tag == "wp:wxr_version":
        site.version = text
    return None


def item_record(element) -> WPItem | None:
    """A WPItem, or None for an item without a usable post id (nothing could key it)."""
    values: dict[str, str] = {}
    terms, meta = [], {}
    for child in element:
        tag = name_of(child)
        if tag == "category":
            domain = child.get("domain", "")
            terms.append((domain, child.get("nicename", ""), (child.text or "").strip()))
        elif tag == "wp:postmeta":
            pair = texts(child)
            meta.setdefault(pair.get("wp:meta_key", ""), pair.get("wp:meta_value", ""))
        elif tag not in values:
            values[tag] = child.text or ""
    try:
        wordpress_id = int(values.get("wp:post_id", "").strip())
    except ValueError:
        return None
    try:
        parent = int(values.get("wp:post_parent", "0").strip() or 0)
    except ValueError:
        parent = 0
    return WPItem(
        wordpress_id=wordpress_id,
        post_type=values.get("wp:post_type", "post").strip(),
        status=values.get("wp:status", "").strip(),
        title=values.get("title", "").strip(),
        link=values.get("link", "").strip(),
        slug=values.get("wp:post_name", "").strip(),
        creator=values.get("dc:creator", "").strip(),
        content=values.get("content:encoded", ""),
        excerpt=values.get("excerpt:encoded", ""),
        date=values.get("wp:post_date", "").strip(),
        date_gmt=values.get("wp:post_date_gmt", "").strip(),
        modified_gmt=values.get("wp:post_modified_gmt", "").strip(),
        parent=parent,
        attachment_url=values.get("wp:attachment_url", "").strip(),
        terms=terms,
        meta=meta,
    )


def texts(element) -> dict[str, str]:
    return {name_of(child): child.text or "" for child in element}


def local(tag: str) -> str:
    return tag.rpartition("}")[2]


# Namespaces by what they are, whichever WXR version (1.0, 1.1, 1.2) wrote them.
_PREFIXES: dict[str, str] = {}


def name_of(element) -> str:
    """`wp:post_id`, `content:encoded`, `excerpt:encoded`, `dc:creator` or a plain name."""
    namespace, _, name = element.tag[1:].rpartition("}") if element.tag[0] == "{" else ("", "", "")
    if not namespace:
        return element.tag
    prefix = _PREFIXES.get(namespace)
    if prefix is None:
        # WordPress.com writes https:// namespaces, self-hosted WordPress http://.
        if namespace.split("://", 1)[-1].startswith("wordpress.org/export/"):
            prefix = "excerpt" if namespace.rstrip("/").endswith("excerpt") else "wp"
        elif namespace == "http://purl.org/rss/1.0/modules/content/":
            prefix = "content"
        elif namespace == "http://purl.org/dc/elements/1.1/":
            prefix = "dc"
        else:
            prefix = namespace
        _PREFIXES[namespace] = prefix
    return f"{prefix}:{name}"


def parse_date(text: str, gmt: bool):
    """A WXR date ("2019-05-12 09:30:00") as an aware datetime; None for WordPress's zero date.

    Local dates are in the site's time zone, which the export does not state: they are read in
    the newsroom's (settings.TIME_ZONE), and used only when the GMT date is missing.
    """
    if not text or text.startswith("0000"):
        return None
    try:
        moment = datetime.strptime(text.strip(), "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    if gmt:
        return moment.replace(tzinfo=UTC)
    return timezone.make_aware(moment)
