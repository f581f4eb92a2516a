import logging

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.db.models import Count, Prefetch
from django.http import HttpResponseRedirect
from django.utils.html import format_html
from taggit.models import Tag
from taggit.utils import parse_tags

from .models import Article, Author, Byline, CaptionedImage, Category
from .search import refresh_search_index

logger = logging.getLogger(__name__)


class SaveFailureMixin:
    """A save whose upload the storage refuses (disk full, object store down) saves nothing
    and says so on the form page, instead of a 500.

    The admin saves inside one transaction, so leaving it with the error rolls back every row
    of the save; the storage removes what it had half written (articles/storage.py).
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except OSError as error:
            logger.exception("Saving %s failed in storage", self.model._meta.verbose_name)
            self.message_user(
                request,
                f"The upload could not be stored ({error.strerror or error}), so nothing was "
                "saved. Please choose the file again and retry; if it keeps failing, tell "
                "whoever runs the site.",
                messages.ERROR,
            )
            return HttpResponseRedirect(request.get_full_path())


def thumbnail(image, width=80):
    """A small preview of a CaptionedImage for admin lists and forms ("" when missing)."""
    if not image or not image.image:
        return ""
    height = round(width * image.height / image.width) if image.width else width
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" class="admin-thumb">',
        image.image.url,
        image.alt_text,
        width,
        height,
    )


class BylineInline(admin.TabularInline):
    model = Byline
    fields = ["position", "author", "role"]
    autocomplete_fields = ["author"]
    extra = 0
    min_num = 1
    verbose_name = "byline"
    verbose_name_plural = "Byline (in the order readers see it)"

    def get_formset(self, request, obj=None, **kwargs):
        # Every story has at least one author; the admin shows min_num but does not enforce it.
        return super().get_formset(request, obj, validate_min=True, **kwargs)


class ArticleAdminForm(forms.ModelForm):
    """The story form. Tags are picked from existing ones (autocomplete) or typed as new ones.

    django-taggit has no autocomplete widget of its own; Django's admin autocomplete works on
    its Tag model, so picking reuses it and only new names go through a plain text field.
    """

    new_tags = forms.CharField(
        required=False,
        help_text="New tags, separated by commas. Pick existing tags above first.",
    )

    class Meta:
        model = Article
        fields = ["headline", "slug", "standfirst", "body", "lead_image", "category", "tags"]
        fields += ["status", "published_at", "seo_description"]
        fields += ["is_pinned", "pinned_until", "is_breaking", "breaking_until"]

    def __init__(self, *args, admin_site=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tags"] = forms.ModelMultipleChoiceField(
            queryset=Tag.objects.all(),
            required=False,
            widget=AutocompleteSelectMultiple(Article._meta.get_field("tags"), admin_site),
            help_text="Start typing to find existing tags.",
        )
        if self.instance.pk:
            self.initial["tags"] = [tag.pk for tag in self.instance.tags.all()]

    def clean_new_tags(self):
        names = parse_tags(self.cleaned_data["new_tags"])
        too_long = [name for name in names if len(name) > 100]
        if too_long:
            raise forms.ValidationError("A tag can be at most 100 characters long.")
        return names

    def save_tags(self, article):
        article.tags.set([*self.cleaned_data.get("tags", []), *self.cleaned_data["new_tags"]])


@admin.register(Article)
class ArticleAdmin(SaveFailureMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    inlines = [BylineInline]
    list_display = [
        "headline",
        "status_badge",
        "published_at",
        "category",
        "byline_names",
        "lead_thumbnail",
        "site_link",
    ]
    list_display_links = ["headline"]
    list_filter = ["status", "category", "authors", "published_at"]
    list_select_related = ["category", "lead_image"]
    list_per_page = 50
    search_fields = ["headline", "standfirst", "slug", "authors__name", "tags__name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["category", "lead_image"]
    readonly_fields = ["reading_time_display", "first_published_at", "updated_at"]
    save_on_top = True
    actions = ["pin_as_lead", "unpin", "mark_breaking", "clear_breaking"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "body", "reading_time_display"]}),
        ("Photo", {"fields": ["lead_image"]}),
        ("Filing", {"fields": ["category", "tags", "new_tags"]}),
        ("Publishing", {"fields": ["status", "published_at", "first_published_at", "updated_at"]}),
        (
            "Featuring",
            {"fields": [("is_pinned", "pinned_until"), ("is_breaking", "breaking_until")]},
        ),
        ("Search engines and sharing", {"fields": ["seo_description"], "classes": ["collapse"]}),
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)

        class BoundForm(form):
            def __init__(inner, *args, **kw):
                super().__init__(*args, admin_site=self.admin_site, **kw)

        return BoundForm

    def get_queryset(self, request):
        bylines = Byline.objects.select_related("author")
        return super().get_queryset(request).prefetch_related(Prefetch("bylines", bylines))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.save_tags(form.instance)
        # Bylines and tags are saved after the story: index them now (issue 5 search).
        refresh_search_index([form.instance.pk])

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_public else None

    @admin.display(description="Status", ordering="status")
    def status_badge(self, obj):
        if obj.is_public:
            label, css = "Published", "published"
        elif obj.status == Article.Status.PUBLISHED:
            label, css = "Scheduled", "scheduled"
        else:
            label, css = obj.get_status_display(), obj.status
        return format_html('<span class="status-badge status-badge--{}">{}</span>', css, label)

    @admin.display(description="Authors")
    def byline_names(self, obj):
        return ", ".join(byline.author.name for byline in obj.bylines.all())

    @admin.display(description="Photo")
    def lead_thumbnail(self, obj):
        return thumbnail(obj.lead_image)

    @admin.display(description="On site")
    def site_link(self, obj):
        label = "View" if obj.is_public else "Preview"
        return format_html('<a href="{}" target="_blank">{}</a>', obj.get_absolute_url(), label)

    @admin.display(description="Reading time")
    def reading_time_display(self, obj):
        return f"{obj.reading_time} min read" if obj.pk else "Worked out when you save."

    # -- Featuring (issue 5): pin the home page lead, raise and clear the breaking banner. --

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


@admin.register(Author)
class AuthorAdmin(SaveFailureMixin, admin.ModelAdmin):
    list_display = ["name", "title", "story_count", "user"]
    list_select_related = ["user"]
    search_fields = ["name", "title"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(story_count=Count("bylines"))

    @admin.display(description="Stories", ordering="story_count")
    def story_count(self, obj):
        return obj.story_count


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "story_count"]
    list_editable = ["position"]
    list_select_related = []
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(story_count=Count("stories"))

    @admin.display(description="Stories", ordering="story_count")
    def story_count(self, obj):
        return obj.story_count


@admin.register(CaptionedImage)
class CaptionedImageAdmin(SaveFailureMixin, admin.ModelAdmin):
    list_display = ["list_thumbnail", "alt_text", "caption", "credit", "uploaded_at"]
    list_display_links = ["list_thumbnail", "alt_text"]
    list_select_related = ["uploaded_by"]
    search_fields = ["alt_text", "caption", "credit"]
    readonly_fields = ["preview", "width", "height", "uploaded_by", "uploaded_at"]
    fields = ["image", "preview", "alt_text", "caption", "credit", "width", "height",
              "uploaded_by", "uploaded_at"]  # fmt: skip

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="Photo")
    def list_thumbnail(self, obj):
        return thumbnail(obj)

    @admin.display(description="Preview")
    def preview(self, obj):
        return thumbnail(obj, width=480) or "Shown here once the photo is saved."
