"""The JSON shapes of the content API: what the OpenAPI document describes and what each
response is checked against before it is sent."""

from datetime import datetime

from ninja import Field, Schema

# Stories per page of a story list: the default and the most a client may ask for.
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class Error(Schema):
    detail: str = Field(description="What was wrong, for the developer reading it.")


class Section(Schema):
    id: int
    slug: str
    name: str
    description: str
    url: str = Field(description="The section page on the site.")


class Author(Schema):
    id: int
    slug: str
    name: str
    title: str = Field(description="Role shown with the byline, e.g. “Health editor”.")
    url: str = Field(description="The author page on the site.")


class AuthorDetail(Author):
    bio: str
    website: str
    social_url: str
    photo_url: str | None


class Tag(Schema):
    slug: str
    name: str
    url: str | None = Field(
        description="The tag page on the site; null for a tag no address can name."
    )


class Byline(Schema):
    author: Author
    role: str = Field(description="Optional, e.g. “Reporting”, “Photos”.")


class Rendition(Schema):
    crop: str = Field(description="The crop, e.g. “wide”, “square”, “social”.")
    format: str = Field(description="jpeg, webp or avif.")
    width: int
    height: int
    url: str


class Photo(Schema):
    alt_text: str
    caption: str
    credit: str = Field(description="Agency/Photographer.")
    width: int = Field(description="Of the original.")
    height: int
    renditions: list[Rendition] = Field(
        description="Resized files without the original's metadata."
    )


class Correction(Schema):
    kind: str = Field(description="correction or update.")
    text: str
    published_at: datetime


class StorySummary(Schema):
    id: int
    slug: str
    status: str = Field(
        description="published; for a preview key also draft, in_review or scheduled."
    )
    headline: str
    standfirst: str
    url: str = Field(description="The canonical address of the story page.")
    api_url: str
    section: Section
    bylines: list[Byline] = Field(description="In the editor's order.")
    tags: list[Tag]
    lead_photo: Photo | None
    published_at: datetime | None
    first_published_at: datetime | None
    revised_at: datetime | None = Field(
        description="The last substantive update readers were told about; typo fixes leave it."
    )
    reading_time: int = Field(description="Minutes.")
    corrections: list[Correction]


class Story(StorySummary):
    description: str = Field(description="For link previews: the search description or standfirst.")
    body: str = Field(description="Sanitised HTML.")


class StoryPage(Schema):
    items: list[StorySummary] = Field(description="Newest first: publish time, then id.")
    next: str | None = Field(description="The next page's address, or null on the last page.")
    next_cursor: str | None


class Index(Schema):
    stories: str
    sections: str
    authors: str
    tags: str
    openapi: str


class StoryFilters(Schema):
    """The query parameters of the story list; all optional, all combined with AND."""

    section: str | None = Field(None, description="A section's slug.")
    tag: str | None = Field(None, description="A tag's slug.")
    author: str | None = Field(None, description="An author's slug.")
    since: datetime | None = Field(None, description="Published at or after (ISO 8601).")
    until: datetime | None = Field(None, description="Published at or before (ISO 8601).")
    q: str | None = Field(
        None, description="Words to search for, as the site's search page takes them."
    )
    cursor: str | None = Field(None, description="From the previous page's `next_cursor`.")
    limit: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Stories per page.")
