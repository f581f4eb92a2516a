"""A WordPress post's content as a story body: the same HTML the story editor writes.

`convert()` takes the raw `content:encoded` of an export and:

- removes the Gutenberg block comments (`<!-- wp:paragraph -->`);
- gives classic-editor posts their paragraphs (WordPress stores them as blank lines and adds
  the `<p>` only when it shows the post, in `wpautop`);
- turns `[caption]` shortcodes, `wp-block-image` figures and galleries (`[gallery ids=…]` and
  the gallery block) into the body's `<figure><img><figcaption>`, one figure per photo;
- turns `[embed]URL[/embed]` into a link to URL;
- removes every other shortcode's brackets, keeping the words it wraps, and counts it by name
  for the summary: left in, `[contact-form-7 id="5"]` would show to readers as it is, and a
  removed tag loses nothing the site could run. Only what looks like a shortcode counts:
  `[name attr=…]`, `[name/]`, `[name]…[/name]`, names with `_` or `-`, and well-known names;
  a bare `[sic]` or `[Updated]` in the text stays as written;
- lets the importer point each image at the photo it imported (`image_for`);
- and ends with the body's allow-list (articles/text.py sanitize_html), which drops scripts,
  styles, iframes, classes and event handlers as it does for the story form.
"""

import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..text import plain_text, sanitize_html

# Shortcodes common enough to count even without attributes or a closing tag.
WELL_KNOWN_SHORTCODES = {
    "audio", "video", "playlist", "embed", "gallery", "caption", "wp_caption", "youtube",
    "vimeo", "soundcloud", "tweet", "twitter", "instagram", "googlemaps", "contact-form",
    "gravityform", "more", "toc", "ad", "adsense", "code", "sourcecode", "pullquote",
}  # fmt: skip
BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.S)
# Each after (?<!\[): "[[gallery]]" is WordPress's way of writing "[gallery]" as text.
CAPTION = re.compile(r"(?<!\[)\[(caption|wp_caption)\b([^\]]*)\](.*?)\[/\1\]", re.S | re.I)
CAPTION_IMAGE = re.compile(r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.S | re.I)
GALLERY = re.compile(r"(?<!\[)\[gallery\b([^\]]*)\]", re.I)
EMBED = re.compile(r"(?<!\[)\[embed\b[^\]]*\](.*?)\[/embed\]", re.S | re.I)
SHORTCODE = re.compile(r"\[(\[?)(/?)([A-Za-z][\w-]*)((?:\s[^\[\]]*?)?)\s*(/?)\](\]?)")
ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")
# A link around an image that goes to the image file or its attachment page: the old site's.
LINKED_IMAGE = re.compile(
    r"<a\b[^>]*href=[\"'][^\"']*(?:\.(?:jpe?g|png|gif|webp)|attachment_id=\d+|/attachment/[^\"']*)"
    r"[\"'][^>]*>\s*(<img\b[^>]*>)\s*</a>",
    re.I,
)
WP_IMAGE_CLASS = re.compile(r"\bwp-image-(\d+)\b")
# Wrappers of the gallery block and of old galleries: their photos become figures of their own.
GALLERY_WRAPPER = re.compile(r"\b(?:wp-block-gallery|blocks-gallery-grid|blocks-gallery-item)\b")
# Blocks whose content is more blocks: paragraphs are found inside them too.
# A figure counts as text: its image is not a paragraph of its own.
CONTAINERS = "div|blockquote|ul|ol|section|article|aside|table|tbody|thead|tr|dl|details"
TEXT_BLOCKS = "p|h[1-6]|li|figure|figcaption|dt|dd|td|th|pre|address|caption|summary"
_AROUND_CONTAINER = re.compile(rf"(</?(?:{CONTAINERS})\b[^>]*>)", re.I)
_AROUND_TEXT_BLOCK = re.compile(
    rf"(<(?P<tag>{TEXT_BLOCKS})\b[^>]*>.*?</(?P=tag)>|<hr\b[^>]*>)", re.I | re.S
)
_STARTS_WITH_BLOCK = re.compile(rf"^</?(?:{CONTAINERS}|{TEXT_BLOCKS}|hr)\b", re.I)
EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>")
IMPORTED = "data-imported"  # on images the importer already placed: the rewriter leaves them
VOID_TAGS = {"img", "br", "hr", "input", "meta", "link", "source", "wbr", "area", "col", "embed"}


@dataclass
class ImageFacts:
    """What the importer knows of a photo it brought in: where readers get it, and its alt."""

    src: str
    width: int = 0
    height: int = 0
    alt: str = ""
    caption: str = ""


@dataclass
class Converted:
    body: str
    shortcodes: Counter = field(default_factory=Counter)  # removed unknown ones, by name
    images_left: int = 0  # images still pointing at the old site
    images_moved: int = 0


# (src as written, WordPress attachment id or None) -> the imported photo, or None.
ImageLookup = Callable[[str, int | None], ImageFacts | None]


def convert(content: str, image_for: ImageLookup, gallery_of: Callable[[list[int]], list]):
    """The story body for `content`; see the module docstring. `gallery_of(ids)` gives the
    ImageFacts of a gallery's photos (the post's own attachments when `ids` is empty)."""
    result = Converted("")
    had_blocks = "<!-- wp:" in content
    text = BLOCK_COMMENT.sub("", content.replace("\r\n", "\n"))
    text = CAPTION.sub(lambda match: caption_figure(match, image_for), text)
    text = GALLERY.sub(lambda match: gallery_figures(match, gallery_of), text)
    text = EMBED.sub(embed_link, text)
    text = remove_shortcodes(text, result.shortcodes)
    if not had_blocks:
        text = autop(text)
    text = LINKED_IMAGE.sub(r"\1", text)
    rewriter = Rewriter(image_for, result)
    rewriter.feed(text)
    rewriter.close()
    result.body = EMPTY_PARAGRAPH.sub("", sanitize_html("".join(rewriter.out)))
    return result


def attributes(text: str) -> dict[str, str]:
    found = {}
    for name, double, single, bare in ATTRIBUTE.findall(text or ""):
        found[name.lower()] = html.unescape(double or single or bare)
    return found


def caption_figure(match, image_for) -> str:
    """`[caption …]<img …> Words[/caption]` as `<figure><img …><figcaption>Words…`."""
    options, inner = attributes(match[2]), match[3]
    found = CAPTION_IMAGE.match(inner)
    if not found:
        return inner  # a caption around no image: keep its words
    image, words = found[1], found[2].strip()
    caption = words or html.escape(options.get("caption", ""))
    image = LINKED_IMAGE.sub(r"\1", image)
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"\n\n<figure>{image}{figcaption}</figure>\n\n"


def gallery_figures(match, gallery_of) -> str:
    ids = [int(number) for number in re.findall(r"\d+", attributes(match[1]).get("ids", ""))]
    figures = []
    for image in gallery_of(ids):
        tag = image_tag(image, placed=True)
        caption = f"<figcaption>{html.escape(image.caption)}</figcaption>" if image.caption else ""
        figures.append(f"<figure>{tag}{caption}</figure>")
    return "\n\n" + "\n\n".join(figures) + "\n\n" if figures else ""


def image_tag(image: ImageFacts, placed=False) -> str:
    size = f' width="{image.width}" height="{image.height}"' if image.width else ""
    mark = f' {IMPORTED}="1"' if placed else ""
    return f'<img src="{html.escape(image.src)}" alt="{html.escape(image.alt)}"{size}{mark}>'


def embed_link(match) -> str:
    url = html.unescape(match[1].strip())
    if not re.match(r"https?://", url):
        return ""
    address = html.escape(url)
    return f'\n\n<p><a href="{address}">{address}</a></p>\n\n'


def remove_shortcodes(text: str, counted: Counter) -> str:
    closed = {name.lower() for name in re.findall(r"\[/([A-Za-z][\w-]*)\]", text)}

    def replace(match):
        escaped_open, closing, name, options, self_closing, escaped_close = match.groups()
        if escaped_open and escaped_close:  # [[name]]: WordPress shows "[name]" as text
            return match[0][1:-1]
        lowered = name.lower()
        looks_like_one = (
            closing
            or options.strip()
            or self_closing
            or "_" in name
            or "-" in name
            or lowered in closed
            or lowered in WELL_KNOWN_SHORTCODES
        )
        if not looks_like_one:
            return match[0]
        if not closing:
            counted[lowered] += 1
        return escaped_open + escaped_close

    return SHORTCODE.sub(replace, text)


def autop(text: str) -> str:
    """Paragraphs from blank lines and line breaks from single newlines, around the blocks the
    text already has: what WordPress's wpautop does to classic-editor posts when it shows them."""
    text = _AROUND_CONTAINER.sub(r"\n\n\1\n\n", text)
    text = _AROUND_TEXT_BLOCK.sub(lambda match: f"\n\n{match[1]}\n\n", text)
    paragraphs = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if _STARTS_WITH_BLOCK.match(chunk):
            paragraphs.append(chunk)
        else:
            paragraphs.append("<p>" + re.sub(r"\s*\n\s*", "<br>\n", chunk) + "</p>")
    return "\n".join(paragraphs)


class Rewriter(HTMLParser):
    """Copies the markup through, dropping gallery wrappers and pointing images at the photos
    the importer brought in. Entities stay as written; sanitize_html has the last word."""

    def __init__(self, image_for: ImageLookup, result: Converted):
        super().__init__(convert_charrefs=False)
        self.image_for, self.result = image_for, result
        self.out: list[str] = []
        self.open: list[tuple[str, str | None]] = []  # (tag, what its end tag becomes)

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "img":
            self.out.append(self.image(attrs))
            return
        if tag in VOID_TAGS:
            self.out.append(start_tag(tag, attrs))
            return
        if GALLERY_WRAPPER.search(classes):
            self.open.append((tag, ""))
            return
        if tag == "figcaption" and "blocks-gallery-caption" in classes:
            self.open.append((tag, "p"))  # the gallery's own caption: a paragraph under it
            self.out.append("<p>")
            return
        self.open.append((tag, tag))
        self.out.append(start_tag(tag, attrs))

    def handle_startendtag(self, tag, attrs):
        if tag == "img":
            self.out.append(self.image(attrs))
        else:
            self.out.append(start_tag(tag, attrs))

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                end = self.open[index][1]
                del self.open[index:]
                if end:
                    self.out.append(f"</{end}>")
                return
        # An end tag that was never opened: drop it, as a browser would.

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def image(self, attrs) -> str:
        values = dict(attrs)
        if IMPORTED in values:
            self.result.images_moved += 1
            return start_tag("img", [(name, value) for name, value in attrs if name != IMPORTED])
        number = WP_IMAGE_CLASS.search(values.get("class") or "")
        found = self.image_for(values.get("src") or "", int(number[1]) if number else None)
        if found is None:
            self.result.images_left += 1
            return start_tag("img", attrs)
        self.result.images_moved += 1
        alt = values.get("alt") or found.alt
        return image_tag(ImageFacts(found.src, found.width, found.height, alt))


def start_tag(tag: str, attrs) -> str:
    parts = "".join(
        f' {name}="{html.escape(value, quote=True)}"' if value is not None else f" {name}"
        for name, value in attrs
    )
    return f"<{tag}{parts}>"


def plain(markup: str, limit: int) -> str:
    """`markup` as one line of plain text, cut at a word to at most `limit` characters."""
    text = " ".join(plain_text(BLOCK_COMMENT.sub("", markup or "")).split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
