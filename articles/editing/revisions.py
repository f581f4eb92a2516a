"""Story revisions: what each save looked like, a readable diff between two, and restore.

Storage is django-reversion: every save in the admin runs inside `reversion.create_revision()`,
which stores the story, its bylines and its tags together with who saved and when. This module
turns a stored revision into a *snapshot* (the story's editorial fields as plain, comparable
values), which the history page, the diff, the restore and the three-way merge (merge.py) share.
"""

import difflib
import re
from dataclasses import dataclass

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from reversion.models import Revision, Version
from taggit.models import Tag, TaggedItem

from ..models import Article, Author, Byline, CaptionedImage, Category
from ..text import plain_text, sanitize_html

# The fields a revision is compared on, in form order, with the labels editors know.
FIELDS = {
    "headline": "Headline",
    "slug": "Slug",
    "standfirst": "Standfirst",
    "body": "Body",
    "lead_image": "Lead photo",
    "category": "Section",
    "tags": "Tags",
    "authors": "Byline",
    "status": "Status",
    "published_at": "Publish time",
    "seo_description": "Search description",
}
# What "restore" brings back. The address, status and publish time stay as they are now:
# restoring old words must not publish, unpublish or move a story.
RESTORED = ["headline", "standfirst", "body", "lead_image", "category", "tags", "authors"]


def register_models():
    """Tell django-reversion what a story revision holds (called from AppConfig.ready)."""
    if reversion.is_registered(Article):
        return
    reversion.register(Tag)
    reversion.register(TaggedItem, follow=["tag"])
    reversion.register(Byline)
    reversion.register(Article, exclude=["tags"], follow=["bylines", "tagged_items"])


def _second(moment):
    # Forms round times to the second; a stored microsecond must not look like an edit.
    return moment.replace(microsecond=0) if moment else None


def sorted_tags(names):
    return tuple(sorted(set(names), key=str.casefold))


def snapshot(article) -> dict:
    """The story's editorial fields as saved now (bylines and tags read fresh)."""
    bylines = Byline.objects.filter(article=article).order_by("position", "id")
    return {
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": sanitize_html(article.body),
        "lead_image": article.lead_image_id,
        "category": article.category_id,
        "tags": sorted_tags(article.tags.names()),
        "authors": tuple((b.author_id, b.role) for b in bylines),
        "status": article.status,
        "published_at": _second(article.published_at),
        "seo_description": article.seo_description,
    }


def revision_snapshot(revision, article_id) -> dict | None:
    """The story as revision `revision` stored it, or None if it holds no version of it."""
    story_type = ContentType.objects.get_for_model(Article)
    story = None
    bylines, tag_ids, tag_names = [], [], {}
    for version in revision.version_set.all():
        model, fields = version._model, version.field_dict
        if model is Article and fields["id"] == article_id:
            story = fields
        elif model is Byline and fields["article_id"] == article_id:
            bylines.append(fields)
        elif model is TaggedItem and (fields["content_type_id"], int(fields["object_id"])) == (
            story_type.pk,
            article_id,
        ):
            tag_ids.append(fields["tag_id"])
        elif model is Tag:
            tag_names[fields["id"]] = fields["name"]
    if story is None:
        return None
    missing = [pk for pk in tag_ids if pk not in tag_names]
    tag_names |= dict(Tag.objects.filter(pk__in=missing).values_list("pk", "name"))
    bylines.sort(key=lambda b: (b["position"], b["id"]))
    return {
        "headline": story["headline"],
        "slug": story["slug"],
        "standfirst": story["standfirst"],
        "body": story["body"],
        "lead_image": story["lead_image_id"],
        "category": story["category_id"],
        "tags": sorted_tags(tag_names[pk] for pk in tag_ids if pk in tag_names),
        "authors": tuple((b["author_id"], b["role"]) for b in bylines),
        "status": story["status"],
        "published_at": _second(story["published_at"]),
        "seo_description": story["seo_description"],
    }


def same(field, a, b) -> bool:
    """Whether two values of `field` count as the same edit."""
    if field == "tags":
        return {n.casefold() for n in a} == {n.casefold() for n in b}
    return a == b


def revisions_of(article):
    """The story's revisions, newest first, with who saved them."""
    versions = Version.objects.get_for_object(article)
    return Revision.objects.filter(version__in=versions).select_related("user").order_by("-pk")


def number(article, revision) -> int:
    """The revision's number in its story's history: 1, 2, 3… (issue 13), not its site-wide id."""
    return revisions_of(article).filter(pk__lte=revision.pk).count()


def numbered(article) -> list:
    """The story's revisions, newest first, each with its `number` in the story's history."""
    history = list(revisions_of(article))
    for position, revision in enumerate(history):
        revision.number = len(history) - position
    return history


def went_live(article, history) -> dict | None:
    """When a scheduled story went live by itself: no save happened then, so no revision says
    so; the history shows it from the last revision before that time (issue 13)."""
    moment = article.published_at
    if not article.is_public or moment is None:
        return None
    before = [revision for revision in history if revision.date_created < moment]
    if not before:
        return None
    saved = revision_snapshot(before[0], article.pk)
    scheduled = saved and saved["status"] == Article.Status.PUBLISHED
    if not scheduled or saved["published_at"] != _second(moment):
        return None
    return {"at": moment, "after": before[0]}


def latest_revision_id(article) -> int | None:
    return Version.objects.get_for_object(article).aggregate(latest=Max("revision_id"))["latest"]


def record_baseline(article):
    """Give a story saved outside the admin (seeding, the shell) a first revision, so its
    history and the concurrent-edit check have somewhere to start."""
    if latest_revision_id(article) is None:
        with reversion.create_revision():
            reversion.set_comment("Revision history starts here.")
            reversion.add_to_revision(article)


def last_change(article_id, since_revision_id, field):
    """(who, when) of the newest revision after `since_revision_id` that changed `field`."""
    article = Article(pk=article_id)
    newer = list(revisions_of(article).filter(pk__gte=since_revision_id).order_by("pk"))
    found = (None, None)
    previous = None
    for revision in newer:
        current = revision_snapshot(revision, article_id)
        if previous is not None and current and not same(field, previous[field], current[field]):
            found = (revision.user, revision.date_created)
        previous = current or previous
    return found


def person(user) -> str:
    if user is None:
        return "someone (not recorded)"
    return user.get_full_name() or user.get_username()


def when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "j M Y, H:i") if moment else ""


class Names:
    """Readable names for the ids in some snapshots, looked up in three queries."""

    def __init__(self, *snapshots):
        def ids(field):
            return {s[field] for s in snapshots if s and s[field]}

        authors = {pk for s in snapshots if s for pk, _role in s["authors"]}
        images = CaptionedImage.objects.filter(pk__in=ids("lead_image"))
        sections = Category.objects.filter(pk__in=ids("category"))
        self.images = {image.pk: str(image) for image in images}
        self.sections = dict(sections.values_list("pk", "name"))
        self.authors = dict(Author.objects.filter(pk__in=authors).values_list("pk", "name"))

    def show(self, field, value) -> str:
        """`value` of `field` as an editor reads it."""
        if field == "body":
            return plain_text(value, paragraphs=True)
        if field == "lead_image":
            return self.images.get(value, "(deleted photo)") if value else "(none)"
        if field == "category":
            return self.sections.get(value, "(deleted section)")
        if field == "tags":
            return ", ".join(value) or "(none)"
        if field == "authors":
            names = [
                self.authors.get(pk, "(deleted author)") + (f" ({shown})" if shown else "")
                for pk, role in value
                for shown in [role_credit(role)]
            ]
            return ", ".join(names) or "(none)"
        if field == "status":
            return Article.Status(value).label
        if field == "published_at":
            return when(value) or "(not set)"
        return value


_TOKEN = re.compile(r"\s+|[\w'’-]+|[^\w\s]")


def text_diff(old: str, new: str) -> str:
    """Word-level diff as HTML: removed words in <del>, added in <ins>."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
    return mark_safe("".join(parts))  # every piece escaped above


@dataclass
class FieldDiff:
    label: str
    html: str


def diff(old: dict, new: dict) -> list[FieldDiff]:
    """What changed from snapshot `old` to `new`, field by field, readable."""
    names = Names(old, new)
    changes = []
    for field, label in FIELDS.items():
        if same(field, old[field], new[field]):
            continue
        before, after = names.show(field, old[field]), names.show(field, new[field])
        if field in ("headline", "standfirst", "body", "seo_description"):
            shown = text_diff(before, after)
        elif field == "tags":
            kept = {t.casefold() for t in old["tags"]} & {t.casefold() for t in new["tags"]}
            removed = [t for t in old["tags"] if t.casefold() not in kept]
            added = [t for t in new["tags"] if t.casefold() not in kept]
            shown = format_html(
                "{}{}",
                format_html("<del>{}</del> ", ", ".join(removed)) if removed else "",
                format_html("<ins>{}</ins>", ", ".join(added)) if added else "",
            )
        else:
            shown = format_html("<del>{}</del> → <ins>{}</ins>", before, after)
        changes.append(FieldDiff(label, shown))
    return changes


def role_credit(role: str) -> str:
    """A byline role as readers see it ("Photos"; "" for a plain byline); a revision saved
    before roles had a vocabulary (issue 17) shows its free text as it was."""
    return Byline(role=role).credit if role in Byline.Role.values else role


def set_bylines(article, authors):
    """Make the story's bylines exactly `authors` [(author_id, role)], in that order."""
    existing = {b.author_id: b for b in Byline.objects.filter(article=article)}
    for position, (author_id, role) in enumerate(authors):
        byline = existing.pop(author_id, None) or Byline(article=article, author_id=author_id)
        # A revision saved before roles had a vocabulary holds free text (issue 17).
        if role not in Byline.Role.values:
            role = Byline.Role.from_text(role) or Byline.Role.BY
        byline.position, byline.role = position, role
        byline.save()
    for byline in existing.values():
        byline.delete()


def restore(article, revision, user) -> list[str]:
    """Bring back the words, photo, section, tags and byline of `revision` as a new revision.

    Returns notes about anything that could not come back (a photo deleted since, say).
    """
    old = revision_snapshot(revision, article.pk)
    notes = []
    article.headline, article.standfirst, article.body = (
        old["headline"],
        old["standfirst"],
        old["body"],
    )
    if old["lead_image"] is None or CaptionedImage.objects.filter(pk=old["lead_image"]).exists():
        article.lead_image_id = old["lead_image"]
    else:
        notes.append("The photo of that revision has been deleted since; the current one stays.")
    if Category.objects.filter(pk=old["category"]).exists():
        article.category_id = old["category"]
    else:
        notes.append("The section of that revision has been deleted since; the current one stays.")
    wanted = [pk for pk, _role in old["authors"]]
    living = set(Author.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    authors = [(pk, role) for pk, role in old["authors"] if pk in living]
    if len(authors) < len(old["authors"]):
        notes.append("An author of that revision has been deleted since and is left out.")
    with reversion.create_revision():
        reversion.set_user(user)
        shown = number(article, revision)
        reversion.set_comment(f"Restored revision {shown} of {when(revision.date_created)}.")
        article.save()
        if authors:
            set_bylines(article, authors)
        article.tags.set(list(old["tags"]))
        reversion.add_to_revision(article)
    return notes
