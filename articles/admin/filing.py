"""How stories are filed: sections (categories) and tags."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from ..cleaning import CleanTextForm, without_controls_in
from ..models import Category


class CategoryForm(CleanTextForm, forms.ModelForm):
    """Checked as saved (articles/cleaning.py): "Sport\x01" beside "Sport" already exists."""


class TagForm(CleanTextForm, forms.ModelForm):
    """Checked as saved (articles/cleaning.py): "Ferries\x01" beside "Ferries" already
    exists, and a name of control characters only is no name."""


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    form = CategoryForm
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
    the change permission: taggit checks none, so a writer, who may only look, could merge.
    Names are checked as they are saved, in the form and in the merge (articles/cleaning.py)."""

    form = TagForm

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if not self.has_change_permission(request):
            actions.pop("render_tag_form", None)
        return actions

    def merge_tags_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            # taggit's merge form is not ours to change: its data is. "Ferries\x01" merges into
            # "Ferries" (it was a 500), "\x01" alone is an empty name, which the form refuses.
            request.POST = without_controls_in(request.POST, ["new_tag_name"])
            # taggit moves each selected tag's stories to the new one, and drops a story's tag
            # when the story already has the new one: for the new tag itself, when it is among
            # those selected, that is every story of it. It is where they go, not a tag to
            # merge away: leave it out of the selection.
            target = Tag.objects.filter(name=request.POST.get("new_tag_name", "")).first()
            if target is not None:
                selected = request.session.get("selected_tag_ids", "").split(",")
                kept = [pk for pk in selected if pk and pk != str(target.pk)]
                request.session["selected_tag_ids"] = ",".join(kept)
        return super().merge_tags_view(request)
