"""Stories, sections, authors and tags as the API's JSON shapes (schemas.py), read only from
what the view loaded: no query runs here, so a page costs the same for 1 story or 100."""

from ..models import Article
from ..photos.renditions import rendition_storage, url_maker
from ..reader.links import path_to, tag_path


def section(request, category) -> dict:
    return {
        "id": category.pk,
        "slug": category.slug,
        "name": category.name,
        "description": category.description,
        "url": request.build_absolute_uri(category.get_absolute_url()),
    }


def author(request, person) -> dict:
    return {
        "id": person.pk,
        "slug": person.slug,
        "name": person.name,
        "title": person.title,
        "url": request.build_absolute_uri(person.get_absolute_url()),
    }


def author_detail(request, person) -> dict:
    # The square rendition, never the original with its metadata (issue 14).
    photo = request.build_absolute_uri(person.portrait_url) if person.portrait_url else None
    return author(request, person) | {
        "bio": person.bio,
        "website": person.website,
        "social_url": person.social_url,
        "photo_url": photo,
    }


def tag(request, label) -> dict:
    address = tag_path(label)  # None for a tag no address can name (issue 14)
    url = request.build_absolute_uri(address) if address else None
    return {"slug": label.slug, "name": label.name, "url": url}


def photo(request, image, url) -> dict | None:
    """The lead photo with every rendition the site made of it, narrowest first per crop."""
    if image is None:
        return None
    renditions = [
        {
            "crop": crop,
            "format": file["format"],
            "width": file["width"],
            "height": file["height"],
            "url": request.build_absolute_uri(url(file["name"])),
        }
        for crop, entry in sorted((image.renditions or {}).get("crops", {}).items())
        for file in sorted(entry.get("files", []), key=lambda f: (f["format"], f["width"]))
    ]
    return {
        "alt_text": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "width": image.width,
        "height": image.height,
        "renditions": renditions,
    }


def status(story: Article) -> str:
    if story.status == Article.Status.PUBLISHED and not story.is_public:
        return "scheduled"
    return story.status


def story_summary(request, story: Article, url=None) -> dict:
    """A story as list items show it: everything but the body. Reads what for_cards() loads,
    plus the tags and corrections (see views.stories_for_api)."""
    url = url or url_maker(rendition_storage())
    api_url = path_to("api:story_detail", slug=story.slug)
    return {
        "id": story.pk,
        "slug": story.slug,
        "status": status(story),
        "headline": story.headline,
        "standfirst": story.standfirst,
        "url": request.build_absolute_uri(story.get_absolute_url()),
        "api_url": request.build_absolute_uri(api_url),
        "section": section(request, story.category),
        "bylines": [
            {"author": author(request, byline.author), "role": byline.credit}
            for byline in story.bylines.all()
        ],
        "tags": [tag(request, label) for label in story.tags.all()],
        "lead_photo": photo(request, story.lead_image, url),
        "published_at": story.published_at,
        "first_published_at": story.first_published_at,
        "revised_at": story.revised_at,
        "reading_time": story.reading_time,
        "corrections": [
            {"kind": note.kind, "text": note.text, "published_at": note.published_at}
            for note in story.corrections.all()
        ],
    }


def story(request, story: Article) -> dict:
    return story_summary(request, story) | {"description": story.description, "body": story.body}
