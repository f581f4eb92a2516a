"""RSS 2.0 and Atom feeds of the whole site and of each section, author and tag (issue 5).

Django's syndication framework builds them. The two generators add what it does not write:
every writer as an author and every other credit (photos, translation) as a contributor, the
full body (content:encoded, Atom content) and the lead photo as Media RSS (media:content with
its credit and caption).
"""

import copy
import io
from datetime import UTC
from functools import wraps
from urllib.parse import urljoin, urlsplit

import nh3
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.xmlutils import SimplerXMLGenerator
from taggit.models import Tag

from .. import text
from ..caching import story_tags, tag_response
from ..caching.parts import keep_parts, kept_parts, part_key
from ..caching.store import safely, tags_moved
from ..models import Article, Author, Category
from ..photos.renditions import rendition_storage
from .links import absolute_url, named_tags, site_origin
from .seo import iso, last_modified, machine_time

FEED_SIZE = 30
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
DCTERMS_NS = "http://purl.org/dc/terms/"
MEDIA_NS = "http://search.yahoo.com/mrss/"


def write_media_content(handler, photo):
    """The lead photo as Media RSS: <media:content> with its credit and caption."""
    attributes = {
        "url": photo["url"],
        "type": photo["type"],
        "medium": "image",
        "width": str(photo["width"]),
        "height": str(photo["height"]),
    }
    if photo["length"]:
        attributes["fileSize"] = str(photo["length"])
    handler.startElement("media:content", attributes)
    if photo["credit"]:
        handler.addQuickElement("media:credit", photo["credit"])
    if photo["caption"]:
        handler.addQuickElement("media:description", photo["caption"], {"type": "plain"})
    handler.endElement("media:content")


class WholeSeconds:
    """The channel's own time (the newest item's, or now for an empty feed) in whole seconds too."""

    def latest_post_date(self):
        return machine_time(super().latest_post_date())


class KeptXml:
    """Items written once (issue 12): an item whose XML was kept (`kept_xml`) is written as it
    is; any other is written through Django's own item writer, and its XML recorded in
    `made_xml` (by its `kept_key`) for SiteFeed to keep. The feed reaches the response in one
    write, not one per element (a 30-story feed made 1,600).

    The kept XML goes in through the SAX writer's ignorableWhitespace(), its one call that
    writes text as it is: Django's generators write the items between two elements, where no
    start tag is left open."""

    def write(self, outfile, encoding):
        buffer = io.StringIO()
        super().write(buffer, encoding)
        outfile.write(buffer.getvalue())

    def write_items(self, handler):
        self.made_xml = {}
        for item in self.items:
            xml = item.get("kept_xml")
            if xml is None:
                buffer, alone = io.StringIO(), copy.copy(self)
                alone.items = [item]
                writer = SimplerXMLGenerator(buffer, "utf-8", short_empty_elements=True)
                super(KeptXml, alone).write_items(writer)
                xml = buffer.getvalue()
                if "kept_key" in item:
                    dates = {"pubdate": item["pubdate"], "updateddate": item["updateddate"]}
                    self.made_xml[item["kept_key"]] = (item["kept_tags"], dates | {"xml": xml})
            handler.ignorableWhitespace(xml)


class StoryRss(KeptXml, WholeSeconds, Rss201rev2Feed):
    def rss_attributes(self):
        return super().rss_attributes() | {
            "xmlns:content": CONTENT_NS,
            "xmlns:dc": DC_NS,
            "xmlns:dcterms": DCTERMS_NS,
            "xmlns:media": MEDIA_NS,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        # RSS has no updated time and its <author> must be an e-mail address: Dublin Core has both.
        handler.addQuickElement("dcterms:modified", iso(item["updateddate"]))
        # Only the writers are its creators (issue 17): a photographer contributed.
        for author in item["authors"]:
            handler.addQuickElement("dc:creator", author["name"])
        for contributor in item["contributors"]:
            handler.addQuickElement("dc:contributor", contributor["name"])
        handler.addQuickElement("content:encoded", item["content"])
        if item["photo"]:
            write_media_content(handler, item["photo"])


class StoryAtom(KeptXml, WholeSeconds, Atom1Feed):
    def root_attributes(self):
        return super().root_attributes() | {"xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        # The enclosure is written below: Atom's length is optional, so an unknown one is left
        # out rather than written as 0.
        super().add_item_elements(handler, item | {"enclosures": ()})
        for element, people in (("author", item["authors"]), ("contributor", item["contributors"])):
            for person in people:
                handler.startElement(element, {})
                handler.addQuickElement("name", person["name"])
                handler.addQuickElement("uri", person["url"])
                handler.endElement(element)
        handler.addQuickElement("content", item["content"], {"type": "html"})
        if photo := item["photo"]:
            link = {"rel": "enclosure", "href": photo["url"], "type": photo["type"]}
            if photo["length"]:
                link["length"] = str(photo["length"])
            handler.addQuickElement("link", "", link)
            write_media_content(handler, photo)


def absolute_links(html: str, base: str) -> str:
    """A sanitised body with its links and images made absolute: a feed reader shows it away
    from the site, where "/media/…" leads nowhere."""

    def absolute(tag, attribute, value):
        return urljoin(base, value) if attribute in ("href", "src") else value

    return nh3.clean(
        html,
        tags=text.ALLOWED_TAGS,
        attributes=text.ALLOWED_ATTRIBUTES,
        url_schemes=text.URL_SCHEMES,
        link_rel="noopener noreferrer",
        attribute_filter=absolute,
    )


def xml_safe_values(value):
    """`value` (a feed's or item's dict, as Django's feed generator holds them) with every
    string in it, however nested, stripped of the characters XML 1.0 forbids."""
    if isinstance(value, str):
        return text.xml_safe(value)
    if isinstance(value, dict):
        return {key: xml_safe_values(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(xml_safe_values(item) for item in value)
    return value


def guid_domain() -> str:
    """The domain of every feed GUID: NEWSROOM_SITE_URL's host name, else the first name in
    DJANGO_ALLOWED_HOSTS that is not a pattern ("*", ".example.com"), else localhost.

    Never the request's Host header: the same story fetched under localhost and 127.0.0.1, or
    www. and the bare domain, would get two GUIDs and show twice in feed readers (issue 17).
    """
    if settings.SITE_URL:
        return urlsplit(settings.SITE_URL).hostname
    for host in settings.ALLOWED_HOSTS:
        host = host.strip().lower()
        if host and not host.startswith(".") and "*" not in host:
            return host
    return "localhost"


class KeptItem:
    """A feed item as kept in the cache (caching/cards.py's parts, issue 12): what each of the
    feed's item methods returned for the story, its address and the cache tags of what it
    shows. A feed then reads which stories it lists (one query) and their kept items, instead
    of loading 30 stories with their bylines, tags and photos and reworking 30 bodies."""

    def __init__(self, pk: int, values: dict, tags: frozenset[str]):
        self.pk, self.values, self.tags = pk, values, tags

    def get_absolute_url(self) -> str:  # Django's default item_link
        return self.values["link"]


# The item methods whose results are kept (each marked @kept).
ITEM_METHODS = (
    "item_title",
    "item_description",
    "item_guid",
    "item_pubdate",
    "item_updateddate",
    "item_categories",
    "item_enclosures",
    "item_extra_kwargs",
)


def kept(method):
    """An item method that returns what it returned when the item was kept."""

    @wraps(method)
    def value(self, item):
        if isinstance(item, KeptItem):
            return item.values[method.__name__]
        return method(self, item)

    return value


class SiteFeed(Feed):
    """The newest published stories of the whole site, as RSS 2.0."""

    feed_type = StoryRss

    def __call__(self, request, *args, **kwargs):
        # urls.py builds one instance for every request: the request goes on a copy, so item
        # methods can build absolute URLs without one request seeing another's.
        feed = copy.copy(self)
        feed.request = request
        response = super(SiteFeed, feed).__call__(request, *args, **kwargs)
        if made := feed.generator.made_xml:  # the items written for the first time
            keep_parts(made, feed.moved)
        # What the feed shows, for the CDN's cache tags (issue 6).
        shown = [tags for _, tags in feed.shown]
        return tag_response(response, *shown, feed.cache_tags(feed.scope))

    def get_feed(self, obj, request):
        self.scope = obj
        self.list_items(obj)
        feed = super().get_feed(obj, request)  # with the items whose XML is not kept
        # Django puts the request's host on the channel's and items' links: move them to the
        # site's one origin (issue 17), as every other absolute URL of the feed.
        here = f"{'https' if request.is_secure() else 'http'}://{request.get_host()}"
        there = site_origin(request)
        for item in (feed.feed, *feed.items):
            for key in ("link", "feed_url"):
                if (item.get(key) or "").startswith(here + "/"):
                    item[key] = there + item[key].removeprefix(here)
        # No character XML forbids reaches the writer, whatever the database holds (issue 14).
        feed.feed = xml_safe_values(feed.feed)
        made = iter(xml_safe_values(item) for item in feed.items)
        feed.items = []
        for pk, tags in self.shown:
            if (kept := self.kept_xml.get(pk)) is not None:
                feed.items.append({"kept_xml": kept["xml"]} | kept)
            else:
                feed.items.append(next(made) | {"kept_key": self.xml_key(pk), "kept_tags": tags})
        self.generator = feed
        return feed

    def cache_tags(self, obj):
        return ["list-latest"]

    # The channel: each scope (section, author, tag) overrides these four.
    def title(self, obj):
        return settings.SITE_NAME

    def link(self, obj):
        return reverse("articles:home")

    def description(self, obj):
        return settings.SITE_TAGLINE

    def stories(self, obj):
        return Article.objects.all()

    def subtitle(self, obj):
        return self.description(obj)

    def author_name(self, obj):
        # Atom wants an author for a story without a byline: the publication.
        return settings.SITE_NAME

    def xml_key(self, pk: int) -> str:
        """The key of a story's item as this feed writes it: RSS or Atom, for this origin."""
        return part_key("feed-xml", pk, absolute_url(self.request, "/"), self.feed_type.__name__)

    def list_items(self, obj):
        """The newest stories of the scope: `shown`, (id, cache tags) of each; `kept_xml`, the
        items kept as this feed writes them; `to_make`, the others as kept items, those not
        kept, or out of date, made from their stories (one query, with their relations) and
        kept. The feed then asks the database one query when every item is kept."""
        self.ids = ids = list(
            self.stories(obj).published().values_list("pk", flat=True)[:FEED_SIZE]
        )
        xml = kept_parts({self.xml_key(pk): pk for pk in ids})
        self.kept_xml = {pk: payload for pk, (_, payload) in xml.items()}
        missing = [pk for pk in ids if pk not in xml]
        self.moved = safely(tags_moved, None) if missing else None  # before the data is read
        origin = absolute_url(self.request, "/")  # the items' absolute addresses start so
        keys = {part_key("feed-item", pk, origin): pk for pk in missing}
        found = {pk: KeptItem(pk, values, tags) for pk, (tags, values) in kept_parts(keys).items()}
        made, unkept = {}, set(missing) - set(found)
        for story in Article.objects.filter(pk__in=unkept).for_feed() if unkept else ():
            values = {name: getattr(self, name)(story) for name in ITEM_METHODS}
            values["link"] = story.get_absolute_url()
            labels = {f"tag-{tag.pk}" for tag in story.tags.all()}
            tags = frozenset(story_tags([story]) | labels)
            found[story.pk] = KeptItem(story.pk, values, tags)
            made[part_key("feed-item", story.pk, origin)] = (tags, values)
        if made:
            keep_parts(made, self.moved)
        tags_of = {pk: tags for pk, (tags, _) in xml.items()} | {
            pk: item.tags for pk, item in found.items()
        }
        self.shown = [(pk, tags_of[pk]) for pk in ids if pk in tags_of]
        self.to_make = [found[pk] for pk in missing if pk in found]

    def items(self, obj):
        """The items Django's feed builds: those whose XML is not kept (`list_items`)."""
        return self.to_make

    # The items.
    @kept
    def item_title(self, story):
        # Plain text, escaped once, by the XML writer: escaping it here too made readers show
        # "Pellow&#x27;s" (issue 17). RSS 2.0's title is text; descriptions are HTML.
        return story.headline

    @kept
    def item_description(self, story):
        summary = story.standfirst or story.seo_description
        return escape(summary or Truncator(text.plain_text(story.body)).words(50))

    @kept
    def item_guid(self, story):
        """A tag URI (RFC 4151) of the site's domain, the first-publication date and the id:
        it survives a new headline, slug or section, so no reader shows a story twice."""
        first = story.first_published_at or story.created_at
        return f"tag:{guid_domain()},{first.astimezone(UTC):%Y-%m-%d}:story/{story.pk}"

    item_guid_is_permalink = False

    # Django writes these with isoformat() (Atom) and as RFC 2822 (RSS): given whole seconds in
    # the newsroom's zone, its Atom times read exactly as the pages' and sitemaps' (issue 17).
    @kept
    def item_pubdate(self, story):
        return machine_time(story.published_at)

    @kept
    def item_updateddate(self, story):
        return machine_time(last_modified(story))

    @kept
    def item_categories(self, story):
        return [story.category.name, *(tag.name for tag in named_tags(story.tags.all()))]

    @kept
    def item_enclosures(self, story):
        photo = self.lead_photo(story)
        if photo is None:
            return []
        # RSS requires a length; the RSS Advisory Board's profile says 0 when it is unknown.
        return [Enclosure(photo["url"], str(photo["length"]), photo["type"])]

    @kept
    def item_extra_kwargs(self, story):
        def absolute(location):
            return absolute_url(self.request, location)

        def person(byline):
            return {"name": byline.author.name, "url": absolute(byline.author.get_absolute_url())}

        bylines = story.bylines.all()
        return {
            # Writers are the story's authors; photos, video, graphics and translation are
            # contributions (issue 17).
            "authors": [person(byline) for byline in bylines if byline.is_writer],
            "contributors": [person(byline) for byline in bylines if not byline.is_writer],
            "content": absolute_links(story.body, absolute("/")),
            "photo": self.lead_photo(story),
        }

    def lead_photo(self, story):
        # A JPEG rendition (every feed reader shows JPEG), never the original with its metadata.
        image = story.lead_image
        file = image.rendition("full", 960) if image is not None else None
        if file is None:
            return None
        return {
            "url": absolute_url(self.request, rendition_storage().url(file["name"])),
            "type": "image/jpeg",
            "length": file["bytes"],
            "width": file["width"],
            "height": file["height"],
            "credit": image.credit,
            "caption": image.caption,
        }


class SectionFeed(SiteFeed):
    def cache_tags(self, section):
        return [f"section-{section.pk}", f"list-section-{section.pk}"]

    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, section):
        return f"{section.name} | {settings.SITE_NAME}"

    def link(self, section):
        return section.get_absolute_url()

    def description(self, section):
        return section.description or f"The latest {section.name} stories."

    def stories(self, section):
        return section.stories.all()


class AuthorFeed(SiteFeed):
    def cache_tags(self, author):
        return [f"author-{author.pk}", f"list-author-{author.pk}"]

    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def title(self, author):
        return f"{author.name} | {settings.SITE_NAME}"

    def link(self, author):
        return author.get_absolute_url()

    def description(self, author):
        return author.bio or f"The latest stories by {author.name}."

    def stories(self, author):
        return author.stories.all()


class TagFeed(SiteFeed):
    def cache_tags(self, tag):
        return [f"tag-{tag.pk}", f"list-tag-{tag.pk}"]

    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def list_items(self, tag):
        """As the tag's page, a 404 when no published story carries it (`public_tag`): the
        feed's own query of its newest stories says so."""
        super().list_items(tag)
        if not self.ids:
            raise Http404("No published story carries this tag.")

    def title(self, tag):
        return f"{tag.name} | {settings.SITE_NAME}"

    def link(self, tag):
        return reverse("articles:tag_detail", kwargs={"slug": tag.slug})

    def description(self, tag):
        return f"The latest stories about {tag.name}."

    def stories(self, tag):
        return Article.objects.tagged(tag)


class SiteAtomFeed(SiteFeed):
    feed_type = StoryAtom


class SectionAtomFeed(SectionFeed):
    feed_type = StoryAtom


class AuthorAtomFeed(AuthorFeed):
    feed_type = StoryAtom


class TagAtomFeed(TagFeed):
    feed_type = StoryAtom
