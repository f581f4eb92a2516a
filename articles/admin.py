from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from taggit.models import Tag
from taggit.utils import parse_tags

from . import renditions
from .forms import CaptionedImageForm
from .models import Article, Author, Byline, CaptionedImage, Category
from .search import refresh_search_index


def thumbnail(image, width=80):
    """A small preview of a CaptionedImage for admin lists and forms ("" when missing)."""
    picture = image.pictures["full"] if image else None
    if not picture:
        return ""
    height = round(width * picture.height / picture.width)
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" class="admin-thumb">',
        picture.url_for(width * 2),  # sharp on high-density screens
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
class ArticleAdmin(admin.ModelAdmin):
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
class AuthorAdmin(admin.ModelAdmin):
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


# Photos: the media library (issue 4) -----------------------------------------------------------


@admin.register(CaptionedImage)
class CaptionedImageAdmin(admin.ModelAdmin):
    form = CaptionedImageForm
    list_display = ["list_thumbnail", "alt_text", "credit", "file_format", "dimensions",
                    "usage", "rights", "uploaded_by", "uploaded_at"]  # fmt: skip
    list_display_links = ["list_thumbnail", "alt_text"]
    list_filter = [("uploaded_by", admin.RelatedOnlyFieldListFilter), "uploaded_at",
                   "file_format", "do_not_reuse"]  # fmt: skip
    list_select_related = ["uploaded_by"]
    list_per_page = 50
    search_fields = ["alt_text", "caption", "credit"]
    readonly_fields = ["focal_point_picker", "crop_previews", "original_link", "dimensions",
                       "rendition_summary", "uploaded_by", "uploaded_at", "used_in"]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["image", "alt_text", "caption", "credit", "do_not_reuse"]}),
        ("Focal point", {"fields": ["focal_point_picker", ("focal_x", "focal_y")]}),
        ("Crops", {"fields": ["crop_previews", "wide_box", "square_box", "social_box"]}),
        (
            "File",
            {
                "fields": [
                    "original_link",
                    "dimensions",
                    "rendition_summary",
                    "uploaded_by",
                    "uploaded_at",
                ]
            },
        ),  # fmt: skip
        ("Where it is used", {"fields": ["used_in"]}),
    ]

    class Media:
        css = {"all": ["css/admin-images.css"]}
        js = ["js/focal-point.js"]

    def get_queryset(self, request):
        uses = (
            Article.objects.filter(lead_image=OuterRef("pk"))
            .order_by()
            .values("lead_image")
            .annotate(count=Count("pk"))
            .values("count")
        )
        queryset = super().get_queryset(request)
        return queryset.annotate(story_count=Coalesce(Subquery(uses), 0))

    def get_urls(self):
        original = self.admin_site.admin_view(self.original_view)
        url = path("original/<path:name>", original, name="articles_captionedimage_original")
        return [url, *super().get_urls()]

    def original_view(self, request, name):
        """The uploaded original, metadata and all, for editors only."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        photo = get_object_or_404(CaptionedImage, image=name)
        return FileResponse(photo.image.open("rb"), filename=name.rsplit("/", 1)[-1])

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def delete_view(self, request, object_id, extra_context=None):
        photo = self.get_object(request, unquote(object_id))
        stories = list(Article.objects.filter(lead_image=photo)) if photo else []
        if stories:
            self.message_user(
                request,
                format_html(
                    "“{}” cannot be deleted: it is the photo of {}. Pick another photo for {} "
                    "first.",
                    photo,
                    format_html_join(
                        ", ", "“{}” ({})", ((story, desk_status(story)) for story in stories)
                    ),
                    "that story" if len(stories) == 1 else "those stories",
                ),
                messages.ERROR,
            )
            return redirect("admin:articles_captionedimage_change", photo.pk)
        return super().delete_view(request, object_id, extra_context)

    def delete_queryset(self, request, queryset):
        for photo in queryset:
            photo.delete()  # also removes its files once the deletion commits

    @admin.display(description="Photo")
    def list_thumbnail(self, obj):
        return thumbnail(obj) or "No renditions yet"

    @admin.display(description="Size")
    def dimensions(self, obj):
        return f"{obj.width}\u00a0×\u00a0{obj.height}" if obj.width else "-"

    @admin.display(description="Used in", ordering="story_count")
    def usage(self, obj):
        if not obj.story_count:
            return "Not used"
        url = reverse("admin:articles_article_changelist") + f"?lead_image__id__exact={obj.pk}"
        label = "1 story" if obj.story_count == 1 else f"{obj.story_count} stories"
        return format_html('<a href="{}">{}</a>', url, label)

    @admin.display(description="Rights", ordering="do_not_reuse")
    def rights(self, obj):
        if obj.do_not_reuse:
            return mark_safe('<span class="rights-badge">Do not reuse</span>')
        return ""

    @admin.display(description="Focal point")
    def focal_point_picker(self, obj):
        picture = obj.pictures["full"] if obj.pk else None
        image = (
            format_html(
                '<img src="{}" alt="" width="{}" height="{}" data-focal-preview>',
                picture.url_for(960),
                picture.width,
                picture.height,
            )
            if picture
            else mark_safe('<img alt="" data-focal-preview hidden>')
        )
        return format_html(
            '<div class="focal-picker">{}<span class="focal-marker" hidden></span></div>'
            '<p class="help">Click the subject of the photo: every crop keeps that point in '
            "frame. Or type the point below.</p>",
            image,
        )

    @admin.display(description="Crops readers get")
    def crop_previews(self, obj):
        if not obj.pk or not obj.pictures:
            return "Shown here once the photo is saved."
        items = []
        for name in renditions.EDITABLE_CROPS:
            picture = obj.pictures[name]
            box = obj.renditions["crops"][name]["box"]
            how = "set by hand" if name in obj.crop_boxes else "around the focal point"
            items.append(
                (
                    picture.url_for(320),
                    round(160 * picture.height / picture.width),
                    renditions.CROPS[name].label,
                    f"x {box[0]}, y {box[1]}, {box[2]} × {box[3]} ({how})",
                )
            )
        return format_html(
            '<ul class="crop-previews">{}</ul>',
            format_html_join(
                "",
                '<li><img src="{}" alt="" width="160" height="{}" class="admin-thumb">'
                "<strong>{}</strong><br>{}</li>",
                items,
            ),
        )

    @admin.display(description="Original")
    def original_link(self, obj):
        if not obj.pk:
            return "-"
        return format_html(
            '<a href="{}">Download the original</a> ({}, {}): it keeps its metadata (such as '
            "location) and is never shown to readers.",
            obj.image.url,
            obj.get_file_format_display(),
            filesizeformat(obj.file_size),
        )

    @admin.display(description="Renditions")
    def rendition_summary(self, obj):
        if not obj.pk:
            return "Made when you save."
        crops = obj.renditions.get("crops", {})
        files = {file["name"]: file for entry in crops.values() for file in entry["files"]}
        files = list(files.values())  # once each: a 16:9 photo's two crops share their files
        if not files:
            return "None yet: run “manage.py make_renditions”."
        kinds = ", ".join(sorted({file["format"].upper() for file in files}))
        total = filesizeformat(sum(file["bytes"] for file in files))
        full = crops["full"]["files"]
        phone = next((file for file in full if file["width"] >= 640), full[-1])
        return (
            f"{len(files)} files ({kinds}), {total} in all. A phone reader gets "
            f"{filesizeformat(phone['bytes'])} ({phone['width']} px {phone['format'].upper()}) "
            f"instead of the {filesizeformat(obj.file_size)} original."
        )

    @admin.display(description="Stories")
    def used_in(self, obj):
        stories = list(Article.objects.filter(lead_image=obj)) if obj.pk else []
        if not stories:
            return "Not used in any story yet."
        return format_html(
            '<ul class="used-in">{}</ul>',
            format_html_join(
                "",
                '<li><a href="{}">{}</a> ({})</li>',
                (
                    (reverse("admin:articles_article_change", args=[s.pk]), s, desk_status(s))
                    for s in stories
                ),
            ),
        )


def desk_status(story):
    """“published”, “scheduled” or “draft”, as the desk says it."""
    if story.is_public:
        return "published"
    return (
        "scheduled"
        if story.status == Article.Status.PUBLISHED
        else story.get_status_display().lower()
    )
