"""WordPress export files (WXR) written by the tests, in the shape Tools → Export gives them."""

import io
from datetime import datetime
from xml.sax.saxutils import escape, quoteattr

from PIL import Image

SITE = "https://old.example.com"
NAMESPACES = {
    "1.1": ("http://wordpress.org/export/1.1/", "http://wordpress.org/export/1.1/excerpt/"),
    "1.2": ("http://wordpress.org/export/1.2/", "http://wordpress.org/export/1.2/excerpt/"),
    # WordPress.com's exports
    "1.2-https": ("https://wordpress.org/export/1.2/", "https://wordpress.org/export/1.2/excerpt/"),
}
AUTHORS = [
    ("jlee", "Jo Lee", "Jo", "Lee"),
    ("m.okafor", "Mina Okafor", "Mina", "Okafor"),
    ("pvdb", "", "Pieter", "van den Berg"),
]
# (nicename, name, parent nicename)
CATEGORIES = [
    ("local", "Local", ""),
    ("harbour", "Harbour", "local"),
    ("ferries", "Ferries", "harbour"),
    ("sport", "Sport", ""),
]


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def wp_date(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def item(
    wordpress_id,
    title,
    *,
    slug=None,
    post_type="post",
    status="publish",
    date_gmt="2024-05-12 09:30:00",
    date=None,
    content="<p>Words about the harbour.</p>",
    excerpt="",
    creator="jlee",
    categories=(("local", "Local"),),
    tags=(),
    meta=(),
    link=None,
    parent=0,
    attachment_url="",
    extra_terms=(),
) -> str:
    slug = slug if slug is not None else f"post-{wordpress_id}"
    if link is None:
        year, month = date_gmt[:4], date_gmt[5:7]
        link = (
            f"{SITE}/{year}/{month}/{slug}/" if status == "publish" else f"{SITE}/?p={wordpress_id}"
        )
    terms = [("category", nice, name) for nice, name in categories]
    terms += [("post_tag", nice, name) for nice, name in tags] + list(extra_terms)
    parts = [
        f"<title>{escape(title)}</title>",
        f"<link>{escape(link)}</link>",
        f"<dc:creator>{cdata(creator)}</dc:creator>",
        f'<guid isPermaLink="false">{SITE}/?p={wordpress_id}</guid>',
        "<description></description>",
        f"<content:encoded>{cdata(content)}</content:encoded>",
        f"<excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>",
        f"<wp:post_id>{wordpress_id}</wp:post_id>",
        f"<wp:post_date>{cdata(date or date_gmt)}</wp:post_date>",  # the site's time zone
        f"<wp:post_date_gmt>{cdata(date_gmt if status != 'draft' else '0000-00-00 00:00:00')}"
        "</wp:post_date_gmt>",
        f"<wp:post_name>{cdata(slug)}</wp:post_name>",
        f"<wp:status>{cdata(status)}</wp:status>",
        f"<wp:post_parent>{parent}</wp:post_parent>",
        f"<wp:post_type>{cdata(post_type)}</wp:post_type>",
    ]
    if attachment_url:
        parts.append(f"<wp:attachment_url>{cdata(attachment_url)}</wp:attachment_url>")
    for domain, nice, name in terms:
        attributes = f"domain={quoteattr(domain)} nicename={quoteattr(nice)}"
        parts.append(f"<category {attributes}>{cdata(name)}</category>")
    for key, value in meta:
        parts.append(
            f"<wp:postmeta><wp:meta_key>{cdata(key)}</wp:meta_key>"
            f"<wp:meta_value>{cdata(str(value))}</wp:meta_value></wp:postmeta>"
        )
    return "<item>\n" + "\n".join(parts) + "\n</item>"


def attachment(wordpress_id, path, *, alt="", caption="", credit="", title=None, parent=0):
    meta = [("_wp_attached_file", path)]
    if alt:
        meta.append(("_wp_attachment_image_alt", alt))
    if credit:
        encoded = credit.encode()
        meta.append(
            ("_wp_attachment_metadata",
             f'a:1:{{s:10:"image_meta";a:1:{{s:6:"credit";s:{len(encoded)}:"{credit}";}}}}')
        )  # fmt: skip
    return item(
        wordpress_id,
        title or path.rsplit("/", 1)[-1],
        slug=f"attachment-{wordpress_id}",
        post_type="attachment",
        status="inherit",
        excerpt=caption,
        categories=(),
        meta=meta,
        link=f"{SITE}/?attachment_id={wordpress_id}",
        parent=parent,
        attachment_url=f"{SITE}/wp-content/uploads/{path}",
    )


def export(items=(), *, version="1.2", authors=AUTHORS, categories=CATEGORIES, tags=()) -> bytes:
    wp, excerpt = NAMESPACES[version]
    head = [
        '<?xml version="1.0" encoding="UTF-8" ?>',
        f'<rss version="2.0" xmlns:excerpt="{excerpt}" xmlns:wp="{wp}" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
        "<channel>",
        "<title>The Old Harbour Gazette</title>",
        f"<link>{SITE}</link>",
        f"<wp:wxr_version>{version[:3]}</wp:wxr_version>",
        f"<wp:base_site_url>{SITE}</wp:base_site_url>",
        f"<wp:base_blog_url>{SITE}</wp:base_blog_url>",
    ]
    for number, (login, display, first, last) in enumerate(authors, start=1):
        head.append(
            f"<wp:author><wp:author_id>{number}</wp:author_id>"
            f"<wp:author_login>{cdata(login)}</wp:author_login>"
            f"<wp:author_email>{cdata(login + '@old.example.com')}</wp:author_email>"
            f"<wp:author_display_name>{cdata(display)}</wp:author_display_name>"
            f"<wp:author_first_name>{cdata(first)}</wp:author_first_name>"
            f"<wp:author_last_name>{cdata(last)}</wp:author_last_name></wp:author>"
        )
    for number, (nice, name, parent) in enumerate(categories, start=1):
        head.append(
            f"<wp:category><wp:term_id>{number}</wp:term_id>"
            f"<wp:category_nicename>{cdata(nice)}</wp:category_nicename>"
            f"<wp:category_parent>{cdata(parent)}</wp:category_parent>"
            f"<wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>"
        )
    for number, (nice, name) in enumerate(tags, start=100):
        head.append(
            f"<wp:tag><wp:term_id>{number}</wp:term_id><wp:tag_slug>{cdata(nice)}</wp:tag_slug>"
            f"<wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>"
        )
    return "\n".join([*head, *items, "</channel>", "</rss>", ""]).encode()


def jpeg_file(path, width=640, height=400, color=(30, 110, 150)) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "JPEG", quality=85)
    path.write_bytes(buffer.getvalue())
