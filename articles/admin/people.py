"""The authors admin: the people readers see in bylines, each with a public page."""

from django.contrib import admin
from django.db.models import Count

from ..models import Author
from .photos import SaveFailureMixin


@admin.register(Author)
class AuthorAdmin(SaveFailureMixin, admin.ModelAdmin):
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
