"""The authors admin: the people readers see in bylines, each with a public page."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.db.models import Count

from ..cleaning import CleanTextForm
from ..models import Author
from ..photos import uploads
from .photos import SaveFailureMixin


class AuthorForm(CleanTextForm, forms.ModelForm):
    # Checked as the photo library's uploads are (issue 14): format from content, limits,
    # hidden markup; readers get square renditions without its metadata.
    photo = uploads.PhotoField(
        required=False,
        widget=AdminFileWidget,
        help_text=Author._meta.get_field("photo").help_text,
    )

    class Meta:
        model = Author
        fields = ["name", "slug", "title", "bio", "photo", "website", "social_url", "user"]


@admin.register(Author)
class AuthorAdmin(SaveFailureMixin, admin.ModelAdmin):
    form = AuthorForm
    list_display = ["name", "title", "story_count", "user"]
    list_select_related = ["user"]
    search_fields = ["name", "title"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]

    def get_queryset(self, request):
        # A GROUP BY drops Meta.ordering: order again, or autocomplete pages come unordered.
        stories = super().get_queryset(request).annotate(story_count=Count("bylines"))
        return stories.order_by("name")

    @admin.display(description="Stories", ordering="story_count")
    def story_count(self, obj):
        return obj.story_count
