from django.contrib import admin, messages

from .models import Article, Author, Byline, CaptionedImage, Category
from .search import refresh_search_index

admin.site.register([Author, Category, CaptionedImage])


class BylineInline(admin.TabularInline):
    model = Byline


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    inlines = [BylineInline]
    actions = ["pin_as_lead", "unpin", "mark_breaking", "clear_breaking"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Bylines and tags are saved after the story: index them now (issue 5 search).
        refresh_search_index([form.instance.pk])

    # -- Featuring (issue 5): pin the home page lead, raise and clear the breaking banner. --
    # The form's fields: is_pinned, pinned_until, is_breaking, breaking_until. With explicit
    # fieldsets add: ("Featuring", {"fields": [("is_pinned", "pinned_until"),
    #                                          ("is_breaking", "breaking_until")]}).

    @admin.action(description="Pin as the home page lead")
    def pin_as_lead(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Pick exactly one story to pin.", messages.ERROR)
            return
        story = queryset.get()
        Article.objects.filter(is_pinned=True).exclude(pk=story.pk).update(is_pinned=False)
        queryset.update(is_pinned=True, pinned_until=None)
        note = "" if story.is_public else " It will lead once it is published."
        self.message_user(request, f"“{story}” is now the home page lead.{note}")

    @admin.action(description="Unpin (the newest story leads)")
    def unpin(self, request, queryset):
        count = queryset.filter(is_pinned=True).update(is_pinned=False, pinned_until=None)
        self.message_user(request, f"Unpinned {count} stor{'y' if count == 1 else 'ies'}.")

    @admin.action(description="Mark as breaking news")
    def mark_breaking(self, request, queryset):
        count = queryset.update(is_breaking=True, breaking_until=None)
        self.message_user(
            request, f"Marked {count} stor{'y' if count == 1 else 'ies'} as breaking news."
        )

    @admin.action(description="Clear breaking news")
    def clear_breaking(self, request, queryset):
        count = queryset.filter(is_breaking=True).update(is_breaking=False, breaking_until=None)
        self.message_user(
            request, f"Cleared the breaking banner of {count} stor{'y' if count == 1 else 'ies'}."
        )
