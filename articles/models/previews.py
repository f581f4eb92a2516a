"""Preview links: an unpublished story shown to someone without an account."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from .stories import Article


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
