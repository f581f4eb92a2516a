import logging

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import FileResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag
from taggit.utils import parse_tags

from ..editing import merge, revisions, workflow
from ..models import Article, Author, Byline, CaptionedImage, Category, Correction
from ..photos import renditions, uploads
from .desk import StatusFilter, StoryDeskPages, WhoseFilter
from .photo_forms import CaptionedImageForm

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


class StoryInline(admin.TabularInline):
    """An inline edited with its story: it follows the story's workflow rules."""

    extra = 0

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_article")

    def has_add_permission(self, request, obj=None):
        if obj is None:
            return request.user.has_perm("articles.add_article")
        return workflow.can_edit(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)


class BylineInline(StoryInline):
    model = Byline
    fields = ["position", "author", "role"]
    autocomplete_fields = ["author"]
    min_num = 1
    verbose_name = "byline"
    verbose_name_plural = "Byline (in the order readers see it)"

    def get_formset(self, request, obj=None, **kwargs):
        # Every story has at least one author; the admin shows min_num but does not enforce it.
        return super().get_formset(request, obj, validate_min=True, **kwargs)


class CorrectionInline(StoryInline):
    """Dated corrections and updates, shown on the story and on /corrections/ (editors)."""

    model = Correction
    fields = ["kind", "published_at", "text"]
    verbose_name_plural = "Corrections and updates (shown to readers, oldest first)"

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_correction")

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm("articles.add_correction") and (
            obj is None or workflow.can_edit(request.user, obj)
        )


class ArticleAdminForm(forms.ModelForm):
    """The story form. Tags are picked from existing ones (autocomplete) or typed as new ones.

    django-taggit has no autocomplete widget of its own; Django's admin autocomplete works on
    its Tag model, so picking reuses it and only new names go through a plain text field.
    The form carries the revision it was opened at, so a save after someone else's is merged
    (merge.py).
    """

    new_tags = forms.CharField(
        required=False,
        help_text="New tags, separated by commas. Pick existing tags above first.",
    )
    base_revision = forms.IntegerField(required=False, widget=forms.HiddenInput)
    substantive_update = forms.BooleanField(
        required=False,
        label="Substantive update",
        help_text="Tick when this edit changes the news (new facts, a correction): readers then "
        "see “Updated” with this time. Leave it for typo fixes.",
    )

    class Meta:
        model = Article
        fields = ["headline", "slug", "standfirst", "body", "lead_image", "category", "tags"]
        fields += ["status", "published_at", "seo_description"]
        fields += ["is_pinned", "pinned_until", "is_breaking", "breaking_until"]

    def __init__(self, *args, admin_site=None, can_publish=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.merged, self.conflicts = [], []
        self.fields["tags"] = forms.ModelMultipleChoiceField(
            queryset=Tag.objects.all(),
            required=False,
            widget=AutocompleteSelectMultiple(Article._meta.get_field("tags"), admin_site),
            help_text="Start typing to find existing tags.",
        )
        if self.instance.pk:
            self.initial["tags"] = [tag.pk for tag in self.instance.tags.all()]
            self.initial["base_revision"] = revisions.latest_revision_id(self.instance)
        if not can_publish:
            self.fields.pop("substantive_update")
            if "status" in self.fields:
                status = self.fields["status"]
                status.choices = [c for c in status.choices if c[0] != Article.Status.PUBLISHED]
                status.error_messages["invalid_choice"] = (
                    "Only an editor can publish or schedule a story: choose Draft, or In review "
                    "to send it to the editors."
                )

    def clean_lead_image(self):
        # A photo licensed for one story only is refused for another, naming that story.
        image = self.cleaned_data["lead_image"]
        uploads.check_reuse(image, self.instance)
        return image

    def clean_new_tags(self):
        names = parse_tags(self.cleaned_data["new_tags"])
        too_long = [name for name in names if len(name) > 100]
        if too_long:
            raise forms.ValidationError("A tag can be at most 100 characters long.")
        return names

    def clean(self):
        cleaned = super().clean()
        # Merge only a form whose own fields are valid: what the user typed stays as typed.
        if self.instance.pk and cleaned.get("base_revision") and not self.errors:
            merge.merge_form(self)
        return cleaned

    def save_tags(self, article):
        article.tags.set([*self.cleaned_data.get("tags", []), *self.cleaned_data["new_tags"]])


@admin.register(Article)
class ArticleAdmin(StoryDeskPages, admin.ModelAdmin):
    form = ArticleAdminForm
    inlines = [BylineInline, CorrectionInline]
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
    list_filter = [StatusFilter, WhoseFilter, "category", "authors"]
    list_select_related = ["category", "lead_image"]
    list_per_page = 50
    search_fields = ["headline", "standfirst", "slug", "authors__name", "tags__name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["category", "lead_image"]
    readonly_fields = [
        "reading_time_display",
        "first_published_at",
        "revised_at",
        "updated_at",
        "trashed_at",
    ]
    save_on_top = True
    actions = ["publish_now", "unpublish", "submit_for_review", "trash_selected", "restore"]
    actions += ["pin_as_lead", "unpin", "mark_breaking", "clear_breaking"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "body", "reading_time_display"]}),
        ("Photo", {"fields": ["lead_image"]}),
        ("Filing", {"fields": ["category", "tags", "new_tags"]}),
        (
            "Publishing",
            {
                "fields": [
                    "status",
                    "published_at",
                    "substantive_update",
                    "first_published_at",
                    "revised_at",
                    "updated_at",
                    "base_revision",
                ]
            },
        ),
        (
            "Featuring",
            {"fields": [("is_pinned", "pinned_until"), ("is_breaking", "breaking_until")]},
        ),
        ("Search engines and sharing", {"fields": ["seo_description"], "classes": ["collapse"]}),
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        can_publish = workflow.can_publish(request.user)

        class BoundForm(form):
            def __init__(inner, *args, **kw):
                super().__init__(*args, admin_site=self.admin_site, can_publish=can_publish, **kw)

        return BoundForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = self.fieldsets
        hidden = set()
        if not workflow.can_publish(request.user) or obj is None:
            hidden.add("substantive_update")
        if not workflow.can_publish(request.user):
            # Pinning the lead and raising the breaking banner are front-page decisions.
            fieldsets = [fieldset for fieldset in fieldsets if fieldset[0] != "Featuring"]
        if obj is None or not obj.trashed_at:
            hidden.add("trashed_at")
        else:
            fieldsets = [*fieldsets, ("Trash", {"fields": ["trashed_at"]})]
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in fieldsets
        ]

    def get_inlines(self, request, obj):
        # Corrections are about what readers have seen: not on a story not yet saved.
        return [BylineInline] if obj is None else self.inlines

    def get_readonly_fields(self, request, obj=None):
        if workflow.can_publish(request.user):
            return self.readonly_fields
        return [*self.readonly_fields, "published_at"]

    def get_queryset(self, request):
        bylines = Byline.objects.select_related("author")
        stories = super().get_queryset(request).on_desk_of(request.user)
        return stories.prefetch_related(Prefetch("bylines", bylines))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or workflow.can_trash(request.user, obj))

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user)

    def has_restore_permission(self, request):
        return workflow.can_restore(request.user)

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        actions.pop("delete_selected", None)  # replaced by trash_selected: nothing is destroyed
        return actions

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, BylineInline):
            if request.method == "POST" and obj.pk:
                merged = merge.byline_formset_data(request.POST, obj)
                kwargs["data"] = kwargs["data"] if merged is None else merged
            elif request.method != "POST" and obj.pk is None:
                # A new story starts with its writer's own byline.
                author = Author.objects.filter(user=request.user).first()
                kwargs["initial"] = [{"author": author.pk}] if author else []
        return kwargs

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id)) if object_id else None
        if request.method != "POST":
            if article is not None:
                revisions.record_baseline(article)
            return super().changeform_view(request, object_id, form_url, extra_context)
        saving = {"_save", "_continue", "_addanother"} & set(request.POST)
        if article and saving and not self.has_change_permission(request, article):
            # It changed hands while this form was open (submitted, published, trashed):
            # refuse, but give back what was typed.
            context = {**self.admin_site.each_context(request), "opts": self.opts}
            context |= {"original": article, "title": "Not saved", "typed": request.POST}
            template = "admin/articles/article/edit_refused.html"
            return TemplateResponse(request, template, context, status=403)
        # Every save is a revision (django-reversion): who, when, and the story as saved.
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        unsaid = {"base_revision", "substantive_update"}
        edited = [str(form[name].label).lower() for name in form.changed_data if name not in unsaid]
        notes = [f"Changed {', '.join(edited) or 'nothing'}." if change else "Created."]
        if form.cleaned_data.get("substantive_update"):
            if workflow.mark_substantive_update(obj):
                notes.append("Marked as a substantive update.")
            else:
                messages.warning(
                    request,
                    "Only a story readers can already see can be marked as updated: "
                    "its “Updated” time was left as it was.",
                )
        if form.merged:
            merged = "; ".join(f"{label} by {who}" for label, who, _when in form.merged)
            notes.append(f"Merged with changes to {merged}.")
            messages.info(
                request,
                f"Someone saved this story while you were editing it. Their changes ({merged}) "
                "and yours touched different fields, so both were kept.",
            )
        reversion.set_comment(" ".join(notes))
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.save_tags(form.instance)

    def save_formset(self, request, form, formset, change):
        items = formset.save(commit=False)
        for deleted in formset.deleted_objects:
            deleted.delete()
        for item in items:
            if isinstance(item, Correction) and item.created_by_id is None:
                item.created_by = request.user
            item.save()

    def delete_model(self, request, obj):
        workflow.move_to_trash(obj, request.user)

    def get_deleted_objects(self, objs, request):
        # Nothing is destroyed: the confirmation lists only the stories going to the trash.
        return [str(obj) for obj in objs], {}, set(), []

    def response_delete(self, request, obj_display, obj_id):
        self.message_user(
            request,
            f"“{obj_display}” is in the trash. An editor can restore it from there.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:articles_article_changelist"))

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "desk_counts": workflow.desk_counts(request.user)}
        return super().changelist_view(request, extra_context)

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_public else None

    @admin.display(description="Status", ordering="status")
    def status_badge(self, obj):
        css, label = obj.desk_status
        return format_html('<span class="status-badge status-badge--{}">{}</span>', css, label)

    @admin.display(description="Authors")
    def byline_names(self, obj):
        return ", ".join(byline.author.name for byline in obj.bylines.all())

    @admin.display(description="Photo")
    def lead_thumbnail(self, obj):
        return thumbnail(obj.lead_image)

    @admin.display(description="On site")
    def site_link(self, obj):
        if obj.is_public:
            url, label = obj.get_absolute_url(), "View on site"
        else:
            url, label = reverse("articles:article_preview", kwargs={"pk": obj.pk}), "Preview"
        return format_html('<a href="{}" target="_blank">{}</a>', url, label)

    @admin.display(description="Reading time")
    def reading_time_display(self, obj):
        return f"{obj.reading_time} min read" if obj.pk else "Worked out when you save."

    # -- Featuring (issue 5): pin the home page lead, raise and clear the breaking banner. --

    @admin.action(description="Pin as the home page lead", permissions=["publish"])
    def pin_as_lead(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Pick exactly one story to pin.", messages.ERROR)
            return
        story = queryset.get()
        Article.objects.filter(is_pinned=True).exclude(pk=story.pk).update(is_pinned=False)
        queryset.update(is_pinned=True, pinned_until=None)
        note = "" if story.is_public else " It will lead once it is published."
        self.message_user(request, f"“{story}” is now the home page lead.{note}")

    @admin.action(description="Unpin (the newest story leads)", permissions=["publish"])
    def unpin(self, request, queryset):
        count = queryset.filter(is_pinned=True).update(is_pinned=False, pinned_until=None)
        self.message_user(request, f"Unpinned {count} stor{'y' if count == 1 else 'ies'}.")

    @admin.action(description="Mark as breaking news", permissions=["publish"])
    def mark_breaking(self, request, queryset):
        count = queryset.update(is_breaking=True, breaking_until=None)
        self.message_user(
            request, f"Marked {count} stor{'y' if count == 1 else 'ies'} as breaking news."
        )

    @admin.action(description="Clear breaking news", permissions=["publish"])
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
        # A GROUP BY drops Meta.ordering: order again, or autocomplete pages come unordered.
        stories = super().get_queryset(request).annotate(story_count=Count("bylines"))
        return stories.order_by("name")

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
        stories = super().get_queryset(request).annotate(story_count=Count("stories"))
        return stories.order_by("position", "name")

    @admin.display(description="Stories", ordering="story_count")
    def story_count(self, obj):
        return obj.story_count


# Photos: the media library (issue 4) -----------------------------------------------------------


@admin.register(CaptionedImage)
class CaptionedImageAdmin(SaveFailureMixin, admin.ModelAdmin):
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
