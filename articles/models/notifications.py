"""Desk notifications (issue 15): who was told what about which story, and who wants email."""

from django.conf import settings
from django.db import models
from django.urls import reverse


class Notification(models.Model):
    """One person told of one workflow step of one story; made by a task after the commit."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "submitted for review"
        SENT_BACK = "sent_back", "sent back to draft"
        PUBLISHED = "published", "published"
        LIVE = "live", "now live (scheduled)"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The step it tells of, so a task run twice tells nobody twice.
    event = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "article", "kind", "event"], name="one_notification_per_step"
            )
        ]

    def __str__(self):
        return f"{self.article} {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("admin:articles_article_change", args=[self.article_id])


class DeskSettings(models.Model):
    """A person's own choices on their account page."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="desk_settings"
    )
    email_notifications = models.BooleanField(
        "email me desk notifications",
        default=True,
        help_text="Stories sent for review, sent back, published or gone live. They are always "
        "listed on the admin's front page.",
    )

    class Meta:
        verbose_name_plural = "desk settings"

    def __str__(self):
        return f"Desk settings of {self.user}"
