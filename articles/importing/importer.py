"""The WordPress import: an export's authors, sections, tags, posts and their photos (issue 16).

Two passes over the file, both streamed (wxr.py). The first reads the whole export before
anything is written, so a broken or hostile file changes nothing; it keeps what posts refer to
(authors, the category tree, attachments) and counts the posts for the progress bar. The
second brings in each post in a transaction of its own: a post is there whole or not at all.

Re-running the same export finds each post and photo by its WordPress id (WordPressItem) and
updates only what changed; a post whose export text, photos and body are as last time is left
alone. How WordPress's fields map onto stories is in README.md ("Importing from WordPress").
"""

import hashlib
import json
import re
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from ..models import (
    RESERVED_SLUGS,
    Article,
    ArticleRedirect,
    Author,
    Byline,
    Category,
    WordPressItem,
)
from ..text import without_controls
from . import content, wxr
from .photos import Attachment, PhotoImporter

# WordPress status -> (story status, public time kept). Trashed posts keep the status they had.
STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.PUBLISHED,  # with its future time: scheduled
    "draft": Article.Status.DRAFT,
    "pending": Article.Status.IN_REVIEW,
    "private": Article.Status.DRAFT,  # members-only on WordPress: not for the public here
}
FALLBACK_SECTION = ("uncategorized", "Uncategorized")  # WordPress's own default category


@dataclass
class Summary:
    """What a run did, or (dry run) would do; the command prints it."""

    imported: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)  # by post type or status; nameless tags
    failed: list[str] = field(default_factory=list)
    missing_files: list[str] = field(default_factory=list)
    refused_files: list[str] = field(default_factory=list)
    photos_without_alt: list[str] = field(default_factory=list)
    shortcodes: Counter = field(default_factory=Counter)
    images_left: int = 0


class WordPressImporter:
    """`WordPressImporter(path, media_dir, dry_run, progress).run()` -> Summary.

    `progress(done, total, label)` is called as the run goes (the command draws a bar).
    Raises wxr.ExportError, before writing anything, for a file that is not a sound export.
    """

    def __init__(self, path, media_dir=None, dry_run=False, progress=None):
        self.path = Path(path)
        self.media_dir = Path(media_dir) if media_dir else None
        self.dry_run = dry_run
        self.progress = progress or (lambda done, total, label: None)
        self.summary = Summary()
        self.authors: dict[str, wxr.WPAuthor] = {}
        self.categories: dict[str, wxr.WPTerm] = {}
        self.sections: dict[str, Category] = {}
        self.people: dict[str, Author] = {}
        self.tags: dict[str, Tag] = {}  # by lower-case name: tags are case-insensitive here
        self.site = wxr.Site()
        self.site_key = ""
        self.attachments: list[Attachment] = []
        self.post_count = 0

    def run(self) -> Summary:
        self.scan()
        site = urlsplit(self.site.base_blog_url or self.site.link).netloc or self.site.title
        self.site_key = site[:200]
        self.photos = PhotoImporter(self.site_key, self.media_dir, self.dry_run, self.summary)
        for attachment in self.attachments:
            self.photos.add(attachment)
        if self.dry_run:
            with transaction.atomic():
                self.bring_in()
                transaction.set_rollback(True)  # a dry run writes nothing
        else:
            self.bring_in()
        return self.summary

    def records(self, label):
        size = max(self.path.stat().st_size, 1)
        with self.path.open("rb") as file:
            for record in wxr.read_export(file):
                yield record
                if label:
                    self.progress(file.tell(), size, label)

    def scan(self) -> None:
        """The first pass: check the whole file and keep what the posts refer to."""
        for record in self.records("Reading"):
            if isinstance(record, wxr.Site):
                self.site = record
            elif isinstance(record, wxr.WPAuthor) and record.login:
                self.authors[record.login] = record
            elif isinstance(record, wxr.WPTerm) and record.taxonomy == "category":
                self.categories[unquote(record.nicename)] = record
            elif isinstance(record, wxr.WPItem):
                if record.post_type == "attachment":
                    self.attachments.append(Attachment.of(record))
                elif record.post_type == "post":
                    self.post_count += 1

    def bring_in(self) -> None:
        """The second pass: authors first (every one the export lists), then each post."""
        for login in self.authors:
            self.author(login)
        done = 0
        for record in self.records(None):
            if not isinstance(record, wxr.WPItem) or record.post_type == "attachment":
                continue
            if record.post_type != "post":
                self.summary.skipped[record.post_type] += 1
                continue
            done += 1
            self.progress(done, self.post_count, "Importing")
            if record.status not in STATUSES and record.status != "trash":
                self.summary.skipped[f"post ({record.status or 'no status'})"] += 1
                continue
            try:
                # In a dry run everything is one transaction: a failing post must not end it.
                with transaction.atomic() if self.dry_run else nullcontext():
                    self.post(record)
            except Exception as error:  # noqa: BLE001 (reported per post; the run goes on)
                self.summary.failed.append(f"post {record.wordpress_id}: {error}")

    # People and sections

    def author(self, login: str) -> Author | None:
        if not login:
            return None
        if login in self.people:
            return self.people[login]
        known = self.authors.get(login) or wxr.WPAuthor(login)
        full_name = saved_name(f"{known.first_name} {known.last_name}", 120)
        name = saved_name(known.display_name, 120) or full_name or saved_name(login, 120)
        name = name or "Author"  # a login of control characters only
        slug = author_slug(login) or slugify(name)[:120] or "author"
        author = Author.objects.filter(slug=slug).first()
        if author is None:
            author = Author.objects.create(name=name, slug=slug)
            self.summary.imported["authors"] += 1
        self.people[login] = author
        return author

    def top_level(self, nicename: str) -> str:
        """The top-level ancestor of a category: sections are one level deep."""
        seen = set()
        while (term := self.categories.get(nicename)) and term.parent and nicename not in seen:
            seen.add(nicename)
            nicename = unquote(term.parent)
        return nicename

    def section(self, nicename: str, name: str) -> Category:
        slug = slugify(nicename)[:80] or slugify(name)[:80] or FALLBACK_SECTION[0]
        if slug in RESERVED_SLUGS:
            slug = f"{slug}-section"
        if slug in self.sections:
            return self.sections[slug]
        category = Category.objects.filter(slug=slug).first()
        if category is None:
            name = saved_name(name, 80) or saved_name(nicename, 80) or slug
            if Category.objects.filter(name=name).exists():
                name = f"{name[:70]} ({slug})"[:80]
            term = self.categories.get(nicename)
            description = content.plain(term.description, 1000) if term else ""
            category = Category.objects.create(name=name, slug=slug, description=description)
            self.summary.imported["sections"] += 1
        self.sections[slug] = category
        return category

    def placement(self, item: wxr.WPItem) -> tuple[Category, list[str]]:
        """The section (the first category's top level) and the tags: the post's tags, its
        nested categories and any other top-level one, by the names they are saved with."""
        categories = [
            (unquote(nice), name) for domain, nice, name in item.terms if domain == "category"
        ]
        tags = [name for domain, _, name in item.terms if domain == "post_tag" and name]
        if not categories:
            return self.section(*FALLBACK_SECTION), self.tag_names(tags)
        top = self.top_level(categories[0][0])
        term = self.categories.get(top)
        section = self.section(top, term.name if term else categories[0][1])
        for nicename, name in categories:
            if nicename != top and name:
                tags.append(name)
        return section, self.tag_names(tags)

    def tag_names(self, names: list[str]) -> list[str]:
        """`names` as tags are saved, each once: a name is looked up without the control
        characters saving would remove ("Ferries\x7f" is "Ferries": DEL is allowed in XML), and
        one of nothing else, which cannot be a tag, is skipped and counted."""
        saved = [saved_name(name, 100) for name in names]
        if nameless := saved.count(""):
            self.summary.skipped["tag (no name)"] += nameless
        return list(dict.fromkeys(name for name in saved if name))

    def tag_objects(self, names: list[str]) -> list[Tag]:
        """Tags by name, each looked up once per run: taggit looks up every name on every
        set(), a third of the time of an import."""
        for name in names:
            if name.lower() not in self.tags:
                tag = Tag.objects.filter(name__iexact=name).order_by("pk").first()
                if tag is None:
                    tag = Tag.objects.create(name=name)
                    self.summary.imported["tags"] += 1
                self.tags[name.lower()] = tag
        return [self.tags[name.lower()] for name in names]

    def bylines(self, item: wxr.WPItem) -> list[Author]:
        """Co-Authors Plus exports its authors as terms ("cap-login"); else the post's creator."""
        by_slug = {author_slug(login): login for login in self.authors}
        logins = [
            by_slug.get(unquote(nicename).removeprefix("cap-"), unquote(nicename)[4:])
            for domain, nicename, _ in item.terms
            if domain == "author" and nicename.startswith("cap-")
        ] or [item.creator]
        authors = [self.author(login) for login in logins]
        return list(dict.fromkeys(author for author in authors if author is not None))

    # Posts

    def post(self, item: wxr.WPItem) -> None:
        record = (
            WordPressItem.objects.filter(
                site=self.site_key, kind=WordPressItem.Kind.POST, wordpress_id=item.wordpress_id
            )
            .select_related("article")
            .first()
        )
        lead = self.photos.photo(int_or_none(item.meta.get("_thumbnail_id")))
        converted = content.convert(
            item.content,
            self.photos.image_for,
            lambda ids: self.photos.gallery(ids, item.wordpress_id),
        )
        self.summary.shortcodes.update(converted.shortcodes)
        self.summary.images_left += converted.images_left
        section, tags = self.placement(item)
        authors = self.bylines(item)
        tag_objects = self.tag_objects(tags)
        fingerprint = {
            "item": [item.title, item.slug, item.status, item.date, item.date_gmt, item.excerpt],
            "meta": [item.meta.get("_wp_trash_meta_status"), item.meta.get("_wp_trash_meta_time")],
            "body": converted.body,
            "lead": getattr(lead, "pk", None),
            "placement": [section.pk, tags, [author.pk for author in authors]],
        }
        source_hash = hashlib.sha256(json.dumps(fingerprint).encode()).hexdigest()
        if record and record.article and record.source_hash == source_hash:
            self.summary.unchanged["stories"] += 1
            return
        article = record.article if record and record.article else Article()
        kind = "updated" if article.pk else "imported"
        with transaction.atomic():
            self.fill(article, item, converted.body, section)
            article.lead_image = lead if lead is not None and lead.pk else None
            article.save()
            Byline.objects.filter(article=article).delete()
            for position, author in enumerate(authors):
                Byline.objects.create(article=article, author=author, position=position)
            article.tags.set(tag_objects)
            WordPressItem.objects.update_or_create(
                site=self.site_key,
                kind=WordPressItem.Kind.POST,
                wordpress_id=item.wordpress_id,
                defaults={
                    "article": article,
                    "old_path": self.old_path(item.link),
                    "source_hash": source_hash,
                },
            )
        getattr(self.summary, kind)["stories"] += 1

    def fill(self, article: Article, item: wxr.WPItem, body: str, section: Category) -> None:
        article.headline = content.plain(item.title, 200) or f"Untitled post {item.wordpress_id}"
        article.slug = self.unique_slug(item, article)
        article.standfirst = content.plain(item.excerpt, 400)
        article.body = body
        article.category = section
        status = item.status
        trashed_at = None
        if status == "trash":
            status = item.meta.get("_wp_trash_meta_status") or "draft"
            trashed_at = from_timestamp(item.meta.get("_wp_trash_meta_time")) or timezone.now()
        article.status = STATUSES.get(status, Article.Status.DRAFT)
        article.trashed_at = trashed_at
        if article.status == Article.Status.PUBLISHED:
            article.published_at = wxr.parse_date(item.date_gmt, gmt=True) or wxr.parse_date(
                item.date, gmt=False
            )
        else:
            article.published_at = None

    def unique_slug(self, item: wxr.WPItem, article: Article) -> str:
        """The post's slug as an ASCII address (story URLs take no other), unique among stories
        and the old addresses of others; a clash gets the WordPress id added."""
        base = slugify(unquote(item.slug))[:200] or slugify(content.plain(item.title, 200))[:200]
        base = base or f"post-{item.wordpress_id}"
        candidates = [base, f"{base[:180]}-{item.wordpress_id}"]
        candidates += [f"{base[:170]}-{item.wordpress_id}-{n}" for n in range(2, 50)]
        for slug in candidates:
            stories = Article.objects.filter(slug=slug).exclude(pk=article.pk)
            moved = ArticleRedirect.objects.filter(old_slug=slug).exclude(article_id=article.pk)
            if not stories.exists() and not moved.exists():
                return slug
        raise ValueError(f"no free address for the slug “{base}”")

    def old_path(self, link: str) -> str:
        """The permalink's path, decoded, without the leading slash or the blog's own folder;
        "" for a link with a query (a draft's `?p=ID`: that is answered by id)."""
        parts = urlsplit(link)
        if parts.query or not parts.path.strip("/"):
            return ""
        blog_folder = urlsplit(self.site.base_blog_url or self.site.link).path.strip("/")
        path = unquote(parts.path).lstrip("/")
        if blog_folder and path.startswith(blog_folder + "/"):
            path = path[len(blog_folder) + 1 :]
        return path[:500]


def author_slug(login: str) -> str:
    """WordPress's nicename for a login ("m.okafor" -> "m-okafor"): what Co-Authors Plus
    exports and what the old author pages were called."""
    return slugify(re.sub(r"[^\w\s-]", "-", login)).strip("-")[:120]


def saved_name(text: str, length: int) -> str:
    """`text` as a name is saved and looked up: no control characters, at most `length`
    characters, no spaces around; "" when nothing is left."""
    return without_controls(text or "")[:length].strip()


def int_or_none(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def from_timestamp(value):
    number = int_or_none(value)
    if number is None:
        return None
    try:
        return datetime.fromtimestamp(number, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
