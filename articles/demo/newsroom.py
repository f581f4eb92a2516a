"""The demo newsroom: “The Harbour Ledger”, built through the ORM for `manage.py seed_demo`.

`seed_newsroom()` creates the sections, authors, tags and the 40 hand-written stories of
`catalogue.py`, each with a drawn lead picture; it keys everything on slugs, so it only ever
adds what is missing. Generated stories for benchmarks are in `bulk.py`.
"""

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from ..models import Article, Author, Byline, CaptionedImage, Category
from ..signals import stories_changed
from .catalogue import STORIES, DemoStory
from .drawing import draw_portrait
from .scenes import draw_scene
from .text import AUTHORS, FILLER, FILLER_HEADINGS, SECTIONS, TAGS, render

Log = Callable[[str], object]

STORY_SLUGS = [story.slug for story in STORIES]


@dataclass
class SeedResult:
    sections: int = 0
    authors: int = 0
    tags: int = 0
    published: int = 0
    drafts: int = 0
    scheduled: int = 0

    @property
    def stories(self) -> int:
        return self.published + self.drafts + self.scheduled


def demo_exists() -> bool:
    return Article.objects.filter(slug__in=STORY_SLUGS).count() == len(STORY_SLUGS)


def story_body(story: DemoStory) -> str:
    """The story's own text, then the shared paragraphs it borrows, under a subheading."""
    parts = [render(story.body)]
    borrowed = {key: text for paragraphs in FILLER.values() for key, text in paragraphs.items()}
    if len(story.extra) > 1:
        headings = FILLER_HEADINGS[story.section]
        parts.append(f"<h2>{headings[steady_number(story.slug, len(headings))]}</h2>")
    for key in story.extra:
        parts.append(render(borrowed[key].format(topic=story.topic, place=story.place)))
    return "\n".join(parts)


@transaction.atomic
def seed_newsroom(log: Log) -> SeedResult:
    """Create whatever part of the demo newsroom is missing, story by story."""
    result = SeedResult()
    sections = ensure_sections(result)
    authors = ensure_authors(result)
    tags = ensure_tags(result)
    log(f"Sections: {len(sections)}, authors: {len(authors)}, tags: {len(tags)}.")
    existing = set(Article.objects.filter(slug__in=STORY_SLUGS).values_list("slug", flat=True))
    now = timezone.now()
    created = []
    for story in STORIES:
        if story.slug in existing:
            continue
        created.append(create_story(story, sections, authors, tags, now).pk)
        if story.hours_ago is None:
            result.drafts += 1
        elif story.hours_ago < 0:
            result.scheduled += 1
        else:
            result.published += 1
        if result.stories % 10 == 0:
            log(f"  {result.stories} stories drawn and written...")
    # The bylines went in with bulk_create, which sends no signals.
    stories_changed(created)
    return result


def ensure_sections(result: SeedResult) -> dict[str, Category]:
    sections = {}
    for position, (name, description) in enumerate(SECTIONS, start=1):
        slug = slugify(name)
        section = Category.objects.filter(Q(slug=slug) | Q(name=name)).first()
        if section is None:
            section = Category.objects.create(
                name=name, slug=slug, description=description, position=position
            )
            result.sections += 1
        sections[slug] = section
    return sections


def ensure_authors(result: SeedResult) -> dict[str, Author]:
    authors = demo_authors()
    for fields in AUTHORS:
        if fields["slug"] in authors:
            continue
        fields = dict(fields)
        colour = fields.pop("colour")
        portrait = draw_portrait(fields["name"], colour)
        author = Author.objects.create(
            photo=ContentFile(portrait, name=f"{fields['slug']}.jpg"), **fields
        )
        authors[author.slug] = author
        result.authors += 1
    return authors


def ensure_tags(result: SeedResult) -> dict[str, Tag]:
    tags = {}
    for name in TAGS:
        tag = Tag.objects.filter(Q(slug=slugify(name)) | Q(name__iexact=name)).first()
        if tag is None:
            tag = Tag.objects.create(name=name, slug=slugify(name))
            result.tags += 1
        tags[name] = tag
    return tags


def create_story(story: DemoStory, sections, authors, tags, now) -> Article:
    scene, palette = story.picture
    picture = CaptionedImage.objects.create(
        image=ContentFile(draw_scene(scene, palette, story.slug), name=f"{story.slug}.jpg"),
        alt_text=story.alt,
        caption=story.caption,
        credit=story.credit,
    )
    if story.hours_ago is None:
        status, published_at = Article.Status.DRAFT, None
    else:
        # A few minutes off the hour, the same on every run, so the times look typed in.
        minutes = steady_number(story.slug, 50)
        status = Article.Status.PUBLISHED
        published_at = now - timedelta(hours=story.hours_ago, minutes=minutes)
    article = Article.objects.create(
        headline=story.headline,
        slug=story.slug,
        standfirst=story.standfirst,
        body=story_body(story),
        category=sections[story.section],
        lead_image=picture,
        status=status,
        published_at=published_at,
    )
    bylines = []
    for position, credit in enumerate(story.authors):
        slug, _, role = credit.partition(":")
        role = Byline.Role.from_text(role)
        bylines.append(Byline(article=article, author=authors[slug], position=position, role=role))
    Byline.objects.bulk_create(bylines)
    article.tags.add(*(tags[name] for name in story.tags))
    return article


def demo_authors() -> dict[str, Author]:
    """The demo's authors that are in the database, by slug."""
    slugs = [author["slug"] for author in AUTHORS]
    return {author.slug: author for author in Author.objects.filter(slug__in=slugs)}


def steady_number(slug: str, below: int) -> int:
    """A number under `below` picked by the slug: varied across stories, the same on every run."""
    return zlib.crc32(slug.encode()) % below
