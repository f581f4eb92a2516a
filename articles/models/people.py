"""The people and sections of the newsroom: authors and sections (Category)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from ..photos.pictures import find_rendition, rendition_storage
from ..photos.storage import originals_storage
from ..reader.links import path_to

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
    # A private original (with the library's); readers get `photo_renditions` (issue 14).
    photo = models.ImageField(
        upload_to="authors/%Y/",
        storage=originals_storage,
        max_length=255,
        blank=True,
        help_text="JPEG, PNG, WebP or GIF. Readers get a square copy without its metadata.",
    )
    photo_renditions = models.JSONField(default=dict, editable=False)
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

    def portrait(self, min_width: int = 192) -> dict | None:
        """The square JPEG rendition of the photo at least `min_width` wide (the author page
        shows it at 96 pixels, sharp on high-density screens), or None."""
        return find_rendition(self.photo_renditions, "square", min_width)

    @property
    def portrait_url(self) -> str:
        file = self.portrait()
        return rendition_storage().url(file["name"]) if file else ""


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
