"""Stories (Article; its queryset is in querysets.py), bylines, correction notes and old
addresses."""

from typing import NamedTuple

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager

from ..photos.pictures import rendition_storage
from ..reader.links import path_to
from ..text import reading_minutes, sanitize_html
from .people import Author, Category
from .photos import CaptionedImage
from .querysets import ArticleQuerySet


class SocialImage(NamedTuple):
    """The picture a link preview or a search result shows (Open Graph, JSON-LD)."""

    url: str
    width: int | None = None
    height: int | None = None
    alt: str = ""


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"  # submitted by its writer, waiting for an editor
        PUBLISHED = "published", "Published"  # live once published_at has passed; before: scheduled

    headline = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, help_text="The story's web address.")
    standfirst = models.TextField(
        blank=True, max_length=400, help_text="One or two sentences under the headline."
    )
    body = ProseEditorField(
        extensions={
            "Bold": True,
            "Italic": True,
            "Heading": {"levels": [2, 3, 4]},
            "BulletList": True,
            "OrderedList": True,
            "ListItem": True,
            "Blockquote": True,
            "Link": {"enableTarget": False},
            "HardBreak": True,
            "HorizontalRule": True,
            "Figure": True,
            "Caption": True,
            "Image": True,
            # The browser's spell checker stays on in the body (issue 13).
            "NoSpellCheck": False,
        },
        sanitize=sanitize_html,
        blank=True,
    )
    lead_image = models.ForeignKey(
        CaptionedImage,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Shown at the top of the story and on cards.",
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="stories", verbose_name="section"
    )
    authors = models.ManyToManyField(Author, through="Byline", related_name="stories")
    tags = TaggableManager(blank=True)  # also adds `tagged_items`, which revisions follow
    status = models.CharField(
        max_length=20,
        choices=Status,
        default=Status.DRAFT,
        help_text="Published with a future publish time means scheduled.",
    )
    published_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        help_text="A future time schedules the story. Left empty, publishing sets it to now.",
    )
    first_published_at = models.DateTimeField(
        "first published", null=True, blank=True, editable=False
    )
    revised_at = models.DateTimeField(
        "updated (shown to readers)",
        null=True,
        blank=True,
        editable=False,
        help_text="The last substantive update readers were told about; typo fixes leave it.",
    )
    reading_time = models.PositiveSmallIntegerField(default=1, editable=False)
    seo_description = models.CharField(
        "search description",
        max_length=300,
        blank=True,
        help_text="For search engines and link previews. Empty: the standfirst is used.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Any save at all (typo fixes too): for the desk, never shown to readers as news.
    updated_at = models.DateTimeField("last saved", auto_now=True)
    # The trash: a deleted story keeps everything and an editor can restore it.
    trashed_at = models.DateTimeField("moved to trash", null=True, blank=True, editable=False)
    trashed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Featuring (issue 5): the home page lead and the breaking-news banner.
    is_pinned = models.BooleanField(
        "pinned as lead",
        default=False,
        help_text="Show this story as the home page lead, above newer stories.",
    )
    pinned_until = models.DateTimeField(
        null=True, blank=True, help_text="Optional. After this time the newest story leads again."
    )
    is_breaking = models.BooleanField(
        "breaking news",
        default=False,
        help_text="Show a breaking-news banner linking to this story on every page.",
    )
    breaking_until = models.DateTimeField(
        null=True, blank=True, help_text="Optional. The banner disappears at this time."
    )
    # PostgreSQL's full-text index of the story (issue 5, articles/search.py); empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = "story"
        verbose_name_plural = "stories"
        # Every reader query asks for stories outside the trash by status and publish time, in
        # (publish time, id) order: with the id in the index the database reads a page straight
        # off it, forwards or backwards, without sorting; partial on the trash, so a count or a
        # page of ids never reads the table (issue 6). The last two serve the banner and lead.
        indexes = [
            models.Index(
                fields=["status", "published_at", "id"],
                condition=Q(trashed_at=None),
                name="article_published_idx",
            ),
            models.Index(
                fields=["category", "status", "published_at", "id"],
                condition=Q(trashed_at=None),
                name="article_section_idx",
            ),
            models.Index(
                fields=["status", "published_at", "id"],
                condition=Q(is_breaking=True, trashed_at=None),
                name="article_breaking_idx",
            ),
            models.Index(
                fields=["status", "published_at", "id"],
                condition=Q(is_pinned=True, trashed_at=None),
                name="article_pinned_idx",
            ),
            # The GIN index on search_vector is made by the article_search migration, on
            # PostgreSQL only: in Meta.indexes SQLite would try to build it on table rebuilds.
            # So is article_public_id_idx (the id, with the status and publish time), which tag
            # and author listings count their stories from (0017_article_public_id_index).
        ]
        permissions = [
            ("publish_article", "Can publish, schedule and unpublish stories"),
            ("change_any_article", "Can edit others' stories and published ones"),
            ("restore_article", "Can restore stories from the trash"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.prepare_for_save()
        super().save(*args, **kwargs)
        stored_slug, self._stored_slug = getattr(self, "_stored_slug", None), self.slug
        if stored_slug and stored_slug != self.slug:
            self.remember_old_slug(stored_slug)

    def get_absolute_url(self):
        return path_to("articles:article_detail", category=self.category.slug, slug=self.slug)

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        article = super().from_db(db, field_names, values, **kwargs)
        # The slug as stored, so save() can tell when a story's address changes.
        article._stored_slug = article.__dict__.get("slug")
        return article

    def clean(self):
        taken = ArticleRedirect.objects.filter(old_slug=self.slug).exclude(article_id=self.pk)
        if self.slug and taken.exists():
            raise ValidationError(
                {
                    "slug": "This address used to belong to another story and old links still go "
                    "there. Choose another slug."
                }  # fmt: skip
            )

    def prepare_for_save(self):
        """Sanitise the body, compute the reading time and stamp publication times.

        Called by `save()` and by bulk seeding, which skips `save()`.
        """
        self.body = sanitize_html(self.body)
        self.reading_time = reading_minutes(self.body)
        now = timezone.now()
        if self.status == self.Status.PUBLISHED:
            if self.published_at is None:
                self.published_at = now
            if self.first_published_at is None or self.first_published_at > now:
                # Not live yet: the first publication follows the schedule.
                self.first_published_at = self.published_at
        elif self.first_published_at and self.first_published_at > now:
            # Unscheduled before its time: it never went out.
            self.first_published_at = None

    def remember_old_slug(self, old_slug):
        """Keep `old_slug` answering with a 301 to this story, once readers may have seen it."""
        if self.was_public:
            ArticleRedirect.objects.update_or_create(old_slug=old_slug, defaults={"article": self})
        ArticleRedirect.objects.filter(old_slug=self.slug, article=self).delete()

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.trashed_at is None
            and (self.published_at is not None and self.published_at <= timezone.now())
        )

    @property
    def is_scheduled(self) -> bool:
        """Published with a publish time still to come: it goes live by itself then. The same
        rule as ArticleQuerySet.scheduled()."""
        return (
            self.status == self.Status.PUBLISHED
            and self.trashed_at is None
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def was_public(self) -> bool:
        """Whether readers have ever been able to see this story."""
        return self.first_published_at is not None and self.first_published_at <= timezone.now()

    @property
    def desk_status(self) -> tuple[str, str]:
        """The status as the desk says it: (css key, label), with Scheduled and In the trash."""
        if self.trashed_at:
            return "trash", "In the trash"
        if self.is_scheduled:
            return "scheduled", "Scheduled"
        if self.status == self.Status.PUBLISHED:
            return "published", "Published"
        return self.status, self.get_status_display()

    @property
    def description(self) -> str:
        return self.seo_description or self.standfirst

    @property
    def social_image(self) -> SocialImage | None:
        """The lead photo as link previews show it: its 1200×630 JPEG crop, without metadata."""
        image = self.lead_image
        file = image.rendition("social", 1200) if image is not None else None
        if file is None:
            return None
        url = rendition_storage().url(file["name"])
        return SocialImage(url, file["width"], file["height"], image.alt_text)

    @property
    def is_pinned_now(self) -> bool:
        return self.is_pinned and (self.pinned_until is None or self.pinned_until > timezone.now())


class Byline(models.Model):
    """One person's credit on one story, in the editor's order, with their role in it."""

    class Role(models.TextChoices):
        """A small fixed vocabulary (issue 17): the first four wrote the story (its authors in
        JSON-LD and feeds), the others contributed to it (contributors, never authors)."""

        BY = "by", "By"
        REPORTING = "reporting", "Reporting"
        ANALYSIS = "analysis", "Analysis"
        ADDITIONAL_REPORTING = "additional_reporting", "Additional reporting"
        PHOTOS = "photos", "Photos"
        VIDEO = "video", "Video"
        GRAPHICS = "graphics", "Graphics"
        TRANSLATION = "translation", "Translation"

        @classmethod
        def from_text(cls, text: str) -> "Byline.Role | None":
            """The role a free-text credit ("Photos", "photography", "Additional reporting")
            names; "" is a plain byline; None when it names none of them."""
            words = " ".join(text.replace("_", " ").replace("-", " ").casefold().split())
            words = words.removeprefix("by ").removesuffix(" by").strip(" :.()")
            return ROLE_WORDS.get(words)

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveSmallIntegerField(default=0)
    role = models.CharField(
        max_length=60,
        choices=Role,
        default=Role.BY,
        help_text="Writers (by, reporting, analysis, additional reporting) are the story's "
        "authors for search engines and feeds; photos, video, graphics and translation are "
        "credited as contributors.",
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="byline_unique_author")
        ]

    def __str__(self):
        return f"{self.author} ({self.credit})" if self.credit else str(self.author)

    @property
    def is_writer(self) -> bool:
        """Whether this person wrote the story: an author, not a contributor."""
        return self.role not in CONTRIBUTOR_ROLES

    @property
    def credit(self) -> str:
        """The role as readers see it after the name: "" for a plain byline, else "Photos"."""
        if self.role == self.Role.BY:
            return ""
        # A role written behind the form's back (raw SQL, an older backup) shows as it was.
        return self.Role(self.role).label if self.role in self.Role.values else self.role


CONTRIBUTOR_ROLES = frozenset(
    {Byline.Role.PHOTOS, Byline.Role.VIDEO, Byline.Role.GRAPHICS, Byline.Role.TRANSLATION}
)
# Free-text credits and the role each names (casefolded, single spaces): the data migration's
# mapping (0013), the demo's "slug:Photos" credits and revisions saved before the vocabulary.
ROLE_WORDS = {
    "": Byline.Role.BY,
    "by": Byline.Role.BY,
    "words": Byline.Role.BY,
    "text": Byline.Role.BY,
    "author": Byline.Role.BY,
    "writer": Byline.Role.BY,
    "reporting": Byline.Role.REPORTING,
    "reporter": Byline.Role.REPORTING,
    "reported": Byline.Role.REPORTING,
    "analysis": Byline.Role.ANALYSIS,
    "additional reporting": Byline.Role.ADDITIONAL_REPORTING,
    "with additional reporting": Byline.Role.ADDITIONAL_REPORTING,
    "photos": Byline.Role.PHOTOS,
    "photo": Byline.Role.PHOTOS,
    "photographs": Byline.Role.PHOTOS,
    "photography": Byline.Role.PHOTOS,
    "photographer": Byline.Role.PHOTOS,
    "pictures": Byline.Role.PHOTOS,
    "video": Byline.Role.VIDEO,
    "videos": Byline.Role.VIDEO,
    "graphics": Byline.Role.GRAPHICS,
    "graphic": Byline.Role.GRAPHICS,
    "illustration": Byline.Role.GRAPHICS,
    "illustrations": Byline.Role.GRAPHICS,
    "translation": Byline.Role.TRANSLATION,
    "translated": Byline.Role.TRANSLATION,
    "translator": Byline.Role.TRANSLATION,
}


class Correction(models.Model):
    """A dated correction or update note, shown on the story and on the corrections page."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.CORRECTION)
    text = models.TextField(
        help_text="What changed, for readers, e.g. “An earlier version gave the wrong date.”"
    )
    published_at = models.DateTimeField("date", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["published_at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"


class ArticleRedirect(models.Model):
    """An old address of a story: `/<any section>/<old_slug>/` answers 301 to it, forever."""

    old_slug = models.SlugField(max_length=200, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "old address"

    def __str__(self):
        return f"{self.old_slug} → {self.article.slug}"
