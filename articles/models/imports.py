"""What the WordPress import keeps to find what it brought in before (issue 16)."""

from django.db import models


class WordPressItem(models.Model):
    """A WordPress post or attachment that `import_wordpress` brought in, by its WordPress id.

    A re-import finds the story or photo here and updates it instead of adding another; the
    post's old permalink (`old_path`) and `?p=ID` answer with a 301 to the story
    (articles/importing/views.py).
    """

    class Kind(models.TextChoices):
        POST = "post", "Post"
        ATTACHMENT = "attachment", "Attachment"

    site = models.CharField(
        max_length=200, help_text="The WordPress site it came from, e.g. “old.example.com”."
    )
    kind = models.CharField(max_length=20, choices=Kind)
    wordpress_id = models.PositiveBigIntegerField("WordPress id")
    article = models.ForeignKey(
        "Article", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    photo = models.ForeignKey(
        "CaptionedImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The permalink's path without the leading slash, decoded: "2019/05/harbour-reopens/".
    old_path = models.CharField(max_length=500, blank=True, db_index=True)
    # What the export said last time: an unchanged item is left alone on re-import.
    source_hash = models.CharField(max_length=64, editable=False)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "WordPress item"
        constraints = [
            models.UniqueConstraint(
                fields=["site", "kind", "wordpress_id"], name="wordpress_item_unique_id"
            )
        ]
        indexes = [models.Index(fields=["wordpress_id", "kind"], name="wordpress_item_id_idx")]

    def __str__(self):
        return f"{self.site} {self.kind} {self.wordpress_id}"
