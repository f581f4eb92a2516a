from typing import NamedTuple

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager
from taggit.models import TaggedItem

from .photos.pictures import Pictures, find_rendition, rendition_storage
from .photos.storage import original_upload_to, originals_storage
from .reader.links import path_to
from .text import reading_minutes, sanitize_html

# First path segments the site itself uses; a section slug must not shadow them.
RESERVED_SLUGS = {"admin", "author", "category", "tag", "latest", "search", "feed", "media",
                  "static", "sitemap.xml", "robots.txt", "corrections", "preview"}  # fmt: skip


class Author(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(
        max_length=120, blank=True, help_text="Role shown with the byline, e.g. “Health editor”."
    )
    bio = models.TextField(
        blank=True, help_text="Two or three sentences, shown on the author page."
    )
    photo = models.ImageField(upload_to="authors/%Y/", blank=True)
    website = models.URLField(blank=True)
    social_url = models.URLField(
        "social profile", blank=True, help_text="A link to one public social profile."
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
        help_text="The staff account this author signs in with, if any.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return path_to("articles:author_detail", slug=self.slug)


class Category(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True, help_text="Shown under the section name.")
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Sections are listed in this order (lowest first)."
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "section"
        verbose_name_plural = "sections"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return path_to("articles:category_detail", slug=self.slug)

    def clean(self):
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": f"“{self.slug}” is used by the site itself."})


class CaptionedImage(models.Model):
    """A photo or graphic in the media library; readers only ever get its renditions (issue 4).

    Its format, size and dimensions are read from a new file, and its renditions made, by the
    receivers in articles/signals.py, whoever saves it."""

    class Format(models.TextChoices):
        JPEG = "JPEG", "JPEG"
        PNG = "PNG", "PNG"
        WEBP = "WEBP", "WebP"
        GIF = "GIF", "GIF"

    image = models.ImageField(
        "photo file",
        upload_to=original_upload_to,
        storage=originals_storage,
        max_length=255,
        help_text="JPEG, PNG, WebP or GIF. The original is kept for editors; readers get "
        "resized copies without its metadata (location, camera).",
    )
    alt_text = models.CharField(
        max_length=300,
        help_text="Describe what the photo shows for readers who cannot see it.",
    )
    caption = models.CharField(max_length=500, blank=True)
    credit = models.CharField(
        max_length=200, blank=True, help_text="Agency/Photographer, e.g. “Harbour Press/J. Okafor”."
    )
    do_not_reuse = models.BooleanField(
        "do not reuse",
        default=False,
        help_text="Tick for a one-time licence: the story form then refuses this photo for any "
        "story but the first one that uses it.",
    )
    focal_x = models.FloatField(
        "focal point across",
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="0 is the left edge, 1 the right. Click the preview to set it.",
    )
    focal_y = models.FloatField(
        "focal point down",
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="0 is the top edge, 1 the bottom.",
    )
    crop_boxes = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="Crop boxes an editor set by hand: {crop name: [x, y, width, height]}.",
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    file_format = models.CharField(
        "format", max_length=4, choices=Format, editable=False, blank=True
    )
    # Of the original, for the media library; feeds give a rendition's own size (issue 5).
    file_size = models.PositiveIntegerField(editable=False, default=0)
    renditions = models.JSONField(default=dict, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = "photo"

    def __str__(self):
        label = self.caption or self.alt_text
        return f"{label} [do not reuse]" if self.do_not_reuse else label

    @cached_property
    def pictures(self) -> Pictures:
        """The renditions as template-ready pictures: `image.pictures.wide.srcset`."""
        return Pictures(self.renditions)

    def rendition(self, crop: str, min_width: int, kind: str = "jpeg") -> dict | None:
        """The narrowest `kind` file of `crop` at least `min_width` wide (else the widest):
        `{"name", "width", "height", "bytes", "format"}`, or None before renditions exist.
        For feeds and link previews, which take one plain file rather than a srcset."""
        return find_rendition(self.renditions, crop, min_width, kind)


class SocialImage(NamedTuple):
    """The picture a link preview or a search result shows (Open Graph, JSON-LD)."""

    url: str
    width: int | None = None
    height: int | None = None
    alt: str = ""


RELATED_COUNT = 4
RELATED_CANDIDATES = 20  # per tag: see related_to(); its cost grows with this (issue 6)
# Story fields no reader page shows: an update() of only these leaves the page cache alone.
UNSEEN_FIELDS = {"search_vector"}
# Story fields the search index holds (with the names of its authors and tags).
SEARCHED_FIELDS = {"headline", "standfirst", "body"}
# Read by no reader page, and costly to load: PostgreSQL's search vector is as long as the story,
# and a photo's crop boxes are JSON to decode that only making renditions reads (issue 6).
UNREAD_FIELDS = ("search_vector", "lead_image__crop_boxes")


# Sent by ArticleQuerySet's bulk writes, which send no post_save: `ids` are the stories whose
# searched fields may have changed ([] when none did; None when they are not known). The
# receiver in articles/signals.py keeps the caches and the search index current: models call no
# service, and the caches must hear of every write (issue 11).
stories_written = Signal()


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The one answer to “can the public see this?”, decided at query time.

        Published, publish time passed (so a scheduled story goes live on the second with no job
        running) and not in the trash.
        """
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__lte=timezone.now(), trashed_at=None
        )

    def mine(self, user):
        """Stories `user` created or is an author of."""
        bylined = Byline.objects.filter(article=OuterRef("pk"), author__user=user)
        return self.filter(Q(created_by=user) | Exists(bylined))

    def on_desk_of(self, user):
        """The stories `user` may open in the newsroom: all for editors, their own for writers."""
        if user.has_perm("articles.change_any_article"):
            return self
        if user.has_perm("articles.view_article"):
            return self.mine(user).filter(trashed_at=None)
        return self.none()

    def visible_to(self, user):
        """What a story page may show `user`: published stories, plus for staff their desk's
        unpublished ones (shown under a preview banner)."""
        if user.is_staff:
            return self.published() | self.on_desk_of(user)
        return self.published()

    def scheduled(self):
        """Stories that will go live by themselves when their publish time comes; the same rule
        as Article.is_scheduled."""
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__gt=timezone.now(), trashed_at=None
        )

    # Saves and deletes send signals, which keep derived data current; the bulk writes send
    # none, so they send `stories_written` (issues 6 and 11).

    def update(self, **fields):
        searched = set(fields) & SEARCHED_FIELDS
        # Read before the update, which may move the stories out of this queryset.
        ids = list(self.values_list("pk", flat=True)) if searched else []
        count = super().update(**fields)
        if count and set(fields) - UNSEEN_FIELDS:
            stories_written.send(Article, ids=ids, using=self.db)
        return count

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            ids = [story.pk for story in created]
            ids = None if None in ids else ids  # a database that does not return them
            stories_written.send(Article, ids=ids, using=self.db)
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        count = super().bulk_update(objs, fields, *args, **kwargs)
        if count and set(fields) - UNSEEN_FIELDS:
            ids = [story.pk for story in objs] if set(fields) & SEARCHED_FIELDS else []
            stories_written.send(Article, ids=ids, using=self.db)
        return count

    def with_bylines(self):
        return self.prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("author"))
        )

    def with_card_relations(self):
        """The section, lead photo and bylines, without what no reader page reads."""
        return self.select_related("category", "lead_image").with_bylines().defer(*UNREAD_FIELDS)

    def for_cards(self):
        """Everything a story card shows, in a fixed number of queries; not the body."""
        return self.with_card_relations().defer("body")

    def for_detail(self):
        """Everything the story page shows."""
        return self.with_card_relations().prefetch_related("tags", "corrections")

    def for_feed(self):
        """Everything a feed item carries: a card's fields, the body and the tags as categories."""
        return self.with_card_relations().prefetch_related("tags")

    def pinned(self):
        """Stories an editor pinned as the home page lead, whose pin has not run out."""
        unexpired = Q(pinned_until__isnull=True) | Q(pinned_until__gt=timezone.now())
        return self.filter(unexpired, is_pinned=True)

    def breaking(self):
        """Stories marked as breaking news, whose banner has not run out."""
        unexpired = Q(breaking_until__isnull=True) | Q(breaking_until__gt=timezone.now())
        return self.filter(unexpired, is_breaking=True)

    def related_to(self, article) -> list["Article"]:
        """Up to RELATED_COUNT published stories like `article`, best first: most shared tags,
        then its section, then the newest. Each has its headline, slug, publish time and section
        (name and slug) loaded, and `shared_tags` set; nothing else is read.

        One query. The candidates are the newest RELATED_COUNT of its section and the newest
        RELATED_CANDIDATES of each of its tags, each read off the publish-time index so the query
        costs the same however large the archive (issue 6); a candidate's shared tags are
        counted on taggit's (content type, object, tag) index. Reads `article.tags.all()`:
        for_detail() prefetches them.

        SQL around the WHERE clause of published(), because the ORM cannot select from a union
        of sliced subqueries on SQLite, and its five-subquery equivalent took longer to build
        (~10 ms) than the database took to run it (issue 6).
        """
        connection = connections[self.db]
        name = connection.ops.quote_name
        stories = Article.objects.published().exclude(pk=article.pk)
        compiler = stories.query.get_compiler(connection=connection)
        visible, visible_params = compiler.compile(stories.query.where)
        table, tagged = name(Article._meta.db_table), name(TaggedItem._meta.db_table)
        story_id, object_id, tag_id = f"{table}.{name('id')}", name("object_id"), name("tag_id")
        newest = f"ORDER BY {table}.{name('published_at')} DESC, {story_id} DESC LIMIT %s"
        same_section = f"{table}.{name('category_id')} = %s"
        pools = [f"SELECT {story_id} FROM {table} WHERE {visible} AND {same_section} {newest}"]
        params = [*visible_params, article.category_id, RELATED_COUNT]
        content_type = ContentType.objects.db_manager(self.db).get_for_model(Article).pk
        tag_ids = [tag.pk for tag in article.tags.all()]
        for tag in tag_ids:
            pools.append(
                f"SELECT {story_id} FROM {table} INNER JOIN {tagged} "
                f"ON {tagged}.{object_id} = {story_id} WHERE {visible} "
                f"AND {tagged}.{name('content_type_id')} = %s AND {tagged}.{tag_id} = %s {newest}"
            )
            params += [*visible_params, content_type, tag, RELATED_CANDIDATES]
        candidates = " UNION ALL ".join(
            f"SELECT {name('id')} FROM ({pool}) {name(f'pool{n}')}" for n, pool in enumerate(pools)
        )
        shared_tags, shared_params = "0", []
        if tag_ids:
            shared_tags = (
                f"(SELECT COUNT(*) FROM {tagged} WHERE {tagged}.{object_id} = {story_id} "
                f"AND {tagged}.{name('content_type_id')} = %s "
                f"AND {tagged}.{tag_id} IN ({', '.join(['%s'] * len(tag_ids))}))"
            )
            shared_params = [content_type, *tag_ids]
        section = name(Category._meta.db_table)
        columns = ", ".join(
            f"{table}.{name(column)}" for column in ("id", "headline", "slug", "published_at")
        )
        sql = (
            f"SELECT {columns}, {table}.{name('category_id')}, "
            f"{section}.{name('name')} AS {name('section_name')}, "
            f"{section}.{name('slug')} AS {name('section_slug')}, "
            f"{shared_tags} AS {name('shared_tags')} "
            f"FROM {table} INNER JOIN {section} "
            f"ON {section}.{name('id')} = {table}.{name('category_id')} "
            f"WHERE {story_id} IN ({candidates}) "
            f"ORDER BY {name('shared_tags')} DESC, "
            f"CASE WHEN {same_section} THEN 1 ELSE 0 END DESC, "
            f"{table}.{name('published_at')} DESC, {story_id} DESC LIMIT %s"
        )
        params = [*shared_params, *params, article.category_id, RELATED_COUNT]
        related = list(Article.objects.db_manager(self.db).raw(sql, params))
        for story in related:
            values = [story.category_id, story.section_name, story.section_slug]
            story.category = Category.from_db(self.db, ["id", "name", "slug"], values)
        return related


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
        if self.status == self.Status.PUBLISHED:
            return ("published", "Published") if self.is_public else ("scheduled", "Scheduled")
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
    """One author's credit on one story, in the editor's order, with an optional role."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveSmallIntegerField(default=0)
    role = models.CharField(
        max_length=60, blank=True, help_text="Optional, e.g. “Reporting”, “Photos”, “Translation”."
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="byline_unique_author")
        ]

    def __str__(self):
        return f"{self.author} ({self.role})" if self.role else str(self.author)


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


class PreviewLink(models.Model):
    """A signed, expiring, revocable link that shows one unpublished story to someone without
    an account (see preview.py)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="preview_links")
    token = models.CharField(max_length=200, unique=True, editable=False)
    note = models.CharField(
        max_length=200, blank=True, help_text="Who it is for, e.g. “Legal, before publication”."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Preview of “{self.article}” ({self.state()})"

    def get_absolute_url(self):
        return reverse("articles:preview_link", kwargs={"token": self.token})

    def state(self) -> str:
        if self.revoked_at:
            return "revoked"
        return "expired" if self.expires_at <= timezone.now() else "active"


class PreviewOpening(models.Model):
    """One opening of a preview link: when, and which link."""

    link = models.ForeignKey(PreviewLink, on_delete=models.CASCADE, related_name="openings")
    opened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-opened_at", "-id"]

    def __str__(self):
        return f"{self.link_id} at {self.opened_at:%Y-%m-%d %H:%M}"
