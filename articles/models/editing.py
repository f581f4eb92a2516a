"""What the story form keeps besides the story (issue 13): a writer's note from the editor who
sent a story back, each person's autosave of an open story, and who has a story open now."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .stories import Article


class ReviewNote(models.Model):
    """An editor's note to the writer when sending a story back from review. The writer sees it
    on the story and on the desk until they submit the story again."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="review_notes")
    note = models.TextField(max_length=1000)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    # Set when the writer submits the story again: the note has been answered.
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self):
        return f"Note on “{self.article}”"


class Autosave(models.Model):
    """One person's unsaved form of one story, kept every few seconds while they type. Not a
    revision and never public: only its owner is offered it, and restoring it fills the form."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="autosaves")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(help_text="The form's fields as posted: {name: [values]}.")
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="autosave_one_per_person")
        ]

    def __str__(self):
        return f"Autosave of “{self.article}” by {self.user}"


class Presence(models.Model):
    """Someone has this story's form open: since when, and when their page last said so."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="presences")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    since = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="presence_one_per_person")
        ]

    def __str__(self):
        return f"{self.user} on “{self.article}”"
