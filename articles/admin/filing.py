"""How stories are filed: sections (categories) and tags."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from ..models import Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "story_count"]
    list_editable = ["position"]
    list_select_related = []
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        stories = super().get_queryset(request).annotate(story_count=Count("stories"))
        return stories.order_by("position", "name")

    @admin.display(description="Stories", ordering="story_count")
    def story_count(self, obj):
        return obj.story_count


# Tags: django-taggit's admin lets anyone who may see the tag list merge tags (issue 7) ---------


admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(TaggitTagAdmin):
    """django-taggit's tag admin, whose merge (which rewrites every story's tags) also needs
    the change permission: taggit checks none, so a writer, who may only look, could merge."""

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if not self.has_change_permission(request):
            actions.pop("render_tag_form", None)
        return actions

    def merge_tags_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        return super().merge_tags_view(request)
