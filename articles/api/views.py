"""The content API's operations (django-ninja): stories, sections, authors and tags.

Each one reads what the matching reader page reads, through the same queryset methods
(`published()` decides what anonymous clients see), names what it shows with the reader
pages' cache tags (`shows`), and answers bad input with a 400 or 404 and a message.
"""

import re
from datetime import UTC, datetime

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from ninja import NinjaAPI, Query
from ninja.errors import HttpError, ValidationError

from ..caching import site_chrome, story_tags
from ..models import Article, ArticleRedirect, Author, Byline
from ..photos.renditions import rendition_storage, url_maker
from ..reader.links import path_to
from ..reader.views import public_tag, public_tags
from ..search import clean_query, search_engine
from . import cursor, payloads, schemas
from .http import shows

api = NinjaAPI(
    title=f"{settings.SITE_NAME} content API",
    version="1",
    description=(
        "Published stories, sections, authors and tags, read-only. Anonymous requests see "
        "what the public site shows. An API key (`Authorization: Bearer <key>`) allows more "
        "requests a minute; a key with the preview scope may also read unpublished stories "
        "one at a time. Story lists are newest first and page with an opaque `cursor`."
    ),
    urls_namespace="api",
    docs_url=None,  # the docs page loads scripts from a CDN, which the site's CSP refuses
    openapi_extra={
        "components": {
            "securitySchemes": {"apiKey": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{}, {"apiKey": []}],  # optional: no key is anonymous
    },
)

# What any operation may answer besides its own: a refused key, the rate limit, an outage.
ALWAYS = {401: schemas.Error, 429: schemas.Error, 503: schemas.Error}
_SLUG = re.compile(r"[-\w]+")
_UNKNOWN = "No {kind} “{slug}”."


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc):
    """Wrong types and out-of-range values: a 400 naming the parameter (django-ninja says 422)."""
    first = exc.errors[0] if exc.errors else {}
    where = str(first.get("loc", ["parameter"])[-1])
    return api.create_response(request, {"detail": f"{where}: {first.get('msg')}"}, status=400)


def allow_only(request, *names) -> None:
    """Unknown or repeated query parameters are a 400: a typo (`?sectoin=`) must not silently
    list everything, and junk parameters must not each fill a page-cache entry."""
    for name in request.GET:
        if name not in names:
            known = ", ".join(names) or "none"
            raise HttpError(400, f"Unknown parameter “{name}”; this address takes: {known}.")
        if len(request.GET.getlist(name)) > 1:
            raise HttpError(400, f"Give “{name}” once.")


def find(queryset, slug: str, kind: str, status=404):
    """The row with `slug`, else a `status` error; a slug with characters no slug has is
    refused before the database sees it (PostgreSQL rejects NUL bytes with an error)."""
    found = queryset.filter(slug=slug).first() if _SLUG.fullmatch(slug) else None
    if found is None:
        raise HttpError(status, _UNKNOWN.format(kind=kind, slug=slug[:80]))
    return found


def find_tag(slug: str, status=404):
    """A tag a published story carries, as the site's tag pages find it (`public_tag`); any
    other is unknown (issue 14)."""
    found = public_tag(slug) if _SLUG.fullmatch(slug) else None
    if found is None:
        raise HttpError(status, _UNKNOWN.format(kind="tag", slug=slug[:80]))
    return found


def find_section(request, slug: str, status=404):
    """A section by slug, from the sections the menu already loaded: no query."""
    for section in site_chrome(request).sections:
        if section.slug == slug:
            return section
    raise HttpError(status, _UNKNOWN.format(kind="section", slug=slug[:80]))


def moment(value: datetime | None, name: str) -> datetime | None:
    """An aware time the database can store; a time without a zone is in the site's zone."""
    if value is None:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    try:
        value.astimezone(UTC)
    except (OverflowError, ValueError):
        raise HttpError(400, f"{name}: out of range.") from None
    return value


def stories_for_api(stories):
    """Everything a story list item shows, in four queries: the stories with their section and
    photo, then bylines with authors, tags and corrections, however many stories."""
    return stories.with_card_relations().defer("body").prefetch_related("tags", "corrections")


@api.get(
    "/", response={200: schemas.Index, **ALWAYS}, url_name="index", summary="Where everything is"
)
def index(request):
    allow_only(request)

    def at(name):
        return request.build_absolute_uri(reverse(f"api:{name}"))

    return {
        "stories": at("story_list"),
        "sections": at("section_list"),
        "authors": at("author_list"),
        "tags": at("tag_list"),
        "openapi": at("openapi-json"),
    }


@api.get(
    "/stories/",
    response={200: schemas.StoryPage, 400: schemas.Error, **ALWAYS},
    url_name="story_list",
    summary="Published stories, newest first",
)
def story_list(request, filters: Query[schemas.StoryFilters]):
    allow_only(request, *schemas.StoryFilters.model_fields)
    stories = Article.objects.published()
    listings = set()
    if filters.section:
        section = find_section(request, filters.section, 400)
        stories = stories.filter(category=section)
        listings |= {f"section-{section.pk}", f"list-section-{section.pk}"}
    if filters.tag:
        tag = find_tag(filters.tag, 400)
        stories = stories.tagged(tag)
        listings |= {f"tag-{tag.pk}", f"list-tag-{tag.pk}"}
    if filters.author:
        author = find(Author.objects.all(), filters.author, "author", 400)
        stories = stories.filter(bylines__author=author)
        listings |= {f"author-{author.pk}", f"list-author-{author.pk}"}
    if since := moment(filters.since, "since"):
        stories = stories.filter(published_at__gte=since)
    if until := moment(filters.until, "until"):
        stories = stories.filter(published_at__lte=until)
    query, _ = clean_query(filters.q or "")
    if query:
        stories = search_engine().search(stories, query)
        listings.add("list-search")
    # Every listing change also moves these: a list without a section, tag or author filter is
    # the latest news, narrowed at most by time.
    listings |= set() if listings else {"list-latest"}
    stories = stories.order_by("-published_at", "-id")  # the cursor's order, not search rank
    if filters.cursor:
        try:
            stories = cursor.after(stories, filters.cursor)
        except cursor.BadCursor as bad:
            raise HttpError(400, str(bad)) from None
    page = list(stories_for_api(stories)[: filters.limit + 1])
    page, more = page[: filters.limit], len(page) > filters.limit
    next_cursor = cursor.make_cursor(page[-1]) if more else None
    next_url = None
    if next_cursor:
        query_string = request.GET.copy()
        query_string["cursor"] = next_cursor
        next_url = request.build_absolute_uri(f"{request.path}?{query_string.urlencode()}")
    tags = {f"tag-{label.pk}" for story in page for label in story.tags.all()}
    shows(request, story_tags(page), tags, listings)
    url = url_maker(rendition_storage())
    return {
        "items": [payloads.story_summary(request, story, url) for story in page],
        "next": next_url,
        "next_cursor": next_cursor,
    }


@api.get(
    "/stories/{slug}/",
    response={200: schemas.Story, 301: None, 404: schemas.Error, **ALWAYS},
    url_name="story_detail",
    summary="One story, with its body",
    description="A preview key may also read drafts, stories in review and scheduled ones. "
    "A story's old slug answers with a permanent redirect to its address, as on the site.",
)
def story_detail(request, slug: str):
    allow_only(request)
    key = getattr(request, "api_key", None)
    visible = Article.objects.filter(trashed_at=None)
    visible = visible if key and key.can_preview else Article.objects.published()
    try:
        story = find(visible.for_detail(), slug, "story")
    except HttpError:
        moved = ArticleRedirect.objects.filter(old_slug=slug, article__in=visible)
        moved = _SLUG.fullmatch(slug) and moved.values_list("article__slug", flat=True).first()
        if not moved:
            raise
        return redirect(path_to("api:story_detail", slug=moved), permanent=True)
    shows(request, story_tags([story]), {f"tag-{label.pk}" for label in story.tags.all()})
    return payloads.story(request, story)


@api.get("/sections/", response={200: list[schemas.Section], **ALWAYS}, url_name="section_list")
def section_list(request):
    allow_only(request)
    sections = site_chrome(request).sections  # cached with the menu until a section changes
    shows(request, "chrome", {f"section-{section.pk}" for section in sections})
    return [payloads.section(request, section) for section in sections]


@api.get(
    "/sections/{slug}/",
    response={200: schemas.Section, 404: schemas.Error, **ALWAYS},
    url_name="section_detail",
)
def section_detail(request, slug: str):
    allow_only(request)
    section = find_section(request, slug)
    shows(request, f"section-{section.pk}")
    return payloads.section(request, section)


@api.get(
    "/authors/",
    response={200: list[schemas.Author], **ALWAYS},
    url_name="author_list",
    summary="Authors with at least one published story",
)
def author_list(request):
    allow_only(request)
    bylined = Byline.objects.filter(author=OuterRef("pk"), article__in=Article.objects.published())
    authors = list(Author.objects.filter(Exists(bylined)))
    # Bylines, publications and names all move `list-search` (articles/caching/tags.py).
    shows(request, "list-search", {f"author-{person.pk}" for person in authors})
    return [payloads.author(request, person) for person in authors]


@api.get(
    "/authors/{slug}/",
    response={200: schemas.AuthorDetail, 404: schemas.Error, **ALWAYS},
    url_name="author_detail",
)
def author_detail(request, slug: str):
    allow_only(request)
    person = find(Author.objects.all(), slug, "author")
    shows(request, f"author-{person.pk}")
    return payloads.author_detail(request, person)


@api.get(
    "/tags/",
    response={200: list[schemas.Tag], **ALWAYS},
    url_name="tag_list",
    summary="Tags of at least one published story",
)
def tag_list(request):
    allow_only(request)
    labels = list(public_tags().order_by("name"))
    shows(request, "list-search", {f"tag-{label.pk}" for label in labels})
    return [payloads.tag(request, label) for label in labels]


@api.get(
    "/tags/{slug}/",
    response={200: schemas.Tag, 404: schemas.Error, **ALWAYS},
    url_name="tag_detail",
)
def tag_detail(request, slug: str):
    allow_only(request)
    # A tag no published story carries is unknown, as its page on the site is (issue 14); the
    # answer goes when its last published story does (`list-tag-`), as that page does.
    label = find_tag(slug)
    shows(request, f"tag-{label.pk}", f"list-tag-{label.pk}")
    return payloads.tag(request, label)
