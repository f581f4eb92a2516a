"""Keys to the read-only content API (issue 16, articles/api/)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiKey(models.Model):
    """A key to the content API (issue 16, articles/api/) for an app, a partner or a headless
    front end: a higher rate limit and, with the preview scope, unpublished stories.

    Only the key's SHA-256 digest is stored, so a copied database or backup gives no key away;
    the admin shows the key once, when it is made. A fast digest is enough (unlike passwords):
    keys are 256 random bits, nothing to guess, and the digest lets a request find its key in
    one indexed lookup.
    """

    class Scope(models.TextChoices):
        READ = "read", "Read published content"
        PREVIEW = "preview", "Read published content and preview unpublished stories"

    name = models.CharField(
        max_length=120, help_text="Who uses it, e.g. “iOS app” or “Partner: Coastal Radio”."
    )
    scope = models.CharField(
        max_length=20,
        choices=Scope,
        default=Scope.READ,
        help_text="Preview lets the key read drafts and scheduled stories: only for a "
        "headless front end's preview, never for an app or a partner.",
    )
    prefix = models.CharField(max_length=12, editable=False, help_text="Tells keys apart.")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API key"

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def digest_of(key: str) -> str:
        import hashlib

        return hashlib.sha256(key.encode()).hexdigest()

    def set_new_key(self) -> str:
        """Give this row a new random key and return it: the only time anyone sees it."""
        import secrets

        key = "nr_" + secrets.token_urlsafe(32)
        self.prefix, self.digest = key[:10], self.digest_of(key)
        return key

    @property
    def can_preview(self) -> bool:
        return self.scope == self.Scope.PREVIEW and self.revoked_at is None
