"""The media library: photos and graphics with their alt text, caption and credit."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property

from ..photos.pictures import Pictures, find_rendition
from ..photos.storage import original_upload_to, originals_storage


class CaptionedImage(models.Model):
    """A photo or graphic in the media library; readers only ever get its renditions (issue 4).

    Its format, size and dimensions are read from a new file, and its renditions made, by the
    receivers in articles/signals.py, whoever saves it."""

    class Renditions(models.TextChoices):
        """Where the renditions are: made by a task after the save commits (issue 15)."""

        PENDING = "pending", "being made"
        READY = "ready", "ready"
        FAILED = "failed", "failed"

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
    renditions_status = models.CharField(
        max_length=10, choices=Renditions, default=Renditions.PENDING, editable=False
    )
    renditions_error = models.TextField(blank=True, editable=False)
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
