"""The photo admin: the media library (issue 4).

Its previews, pickers and tables are Django templates under
templates/admin/articles/captionedimage/, so autoescaping does the escaping and the markup
stays where the admin's own markup is; the focal point picker's behaviour is
static/js/focal-point.js (the CSP allows no inline script or style).
"""

import logging

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.urls import path, reverse

from ..models import Article, CaptionedImage
from ..photos import renditions
from .photo_forms import CaptionedImageForm

logger = logging.getLogger(__name__)


class SaveFailureMixin:
    """A save whose upload the storage refuses (disk full, object store down), or whose photo
    turns out unusable only while it is saved (an author photo Pillow cannot make renditions
    of, photos/portraits.py), saves nothing and says so on the form page, instead of a 500.

    The admin saves inside one transaction, so leaving it with the error rolls back every row
    of the save; the storage removes what it had half written (articles/photos/storage.py), and
    the receivers the original they stored (signals.py).
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except OSError as error:
            logger.exception("Saving %s failed in storage", self.model._meta.verbose_name)
            message = (
                f"The upload could not be stored ({error.strerror or error}), so nothing was "
                "saved. Please choose the file again and retry; if it keeps failing, tell "
                "whoever runs the site."
            )
        except ValidationError as error:
            logger.warning("Saving %s refused: %s", self.model._meta.verbose_name, error)
            message = (
                f"{' '.join(error.messages)} Nothing was saved: please choose another file, "
                "or open this one and save it again as JPEG or PNG, then retry."
            )
        self.message_user(request, message, messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())


def fragment(name, **context):
    """A piece of the photo admin's markup: templates/admin/articles/captionedimage/{name}.html."""
    return render_to_string(f"admin/articles/captionedimage/{name}.html", context)


def thumbnail(image, width=80):
    """A small preview of a CaptionedImage for admin lists and forms ("" when missing)."""
    picture = image.pictures["full"] if image else None
    if not picture:
        return ""
    return fragment(
        "thumbnail",
        src=picture.url_for(width * 2),  # sharp on high-density screens
        alt=image.alt_text,
        width=width,
        height=round(width * picture.height / picture.width),
    )


def stories_using(photo, user):
    """The stories with `photo` as their lead that `user` may open in the admin: a writer's own,
    an editor's all. Colleagues' drafts and scheduled stories are not a writer's to read, not
    even their headlines (issue 14)."""
    return Article.objects.filter(lead_image=photo).on_desk_of(user)


@admin.register(CaptionedImage)
class CaptionedImageAdmin(SaveFailureMixin, admin.ModelAdmin):
    form = CaptionedImageForm
    list_display = ["list_thumbnail", "alt_text", "credit", "file_format", "dimensions",
                    "renditions_status", "usage", "rights", "uploaded_by",
                    "uploaded_at"]  # fmt: skip
    list_display_links = ["list_thumbnail", "alt_text"]
    list_filter = [("uploaded_by", admin.RelatedOnlyFieldListFilter), "uploaded_at",
                   "file_format", "do_not_reuse"]  # fmt: skip
    list_select_related = ["uploaded_by"]
    list_per_page = 50
    search_fields = ["alt_text", "caption", "credit"]
    readonly_fields = ["focal_point_picker", "crop_previews", "original_link", "dimensions",
                       "rendition_state", "rendition_summary", "uploaded_by", "uploaded_at",
                       "used_in"]  # fmt: skip
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
                    "rendition_state",
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
        js = ["js/focal-point.js", "js/rendition-state.js"]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        # The focal point picker previews a file before it is uploaded through a blob: URL
        # (focal-point.js): this form alone may show blob: images (issue 13).
        policy = settings.SECURE_CSP
        response._csp_config = {**policy, "img-src": [*policy.get("img-src", []), "blob:"]}
        return response

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
        # The originals' storage gives out URLs under settings.PRIVATE_MEDIA_URL: this one.
        original = self.admin_site.admin_view(self.original_view)
        url = path("original/<path:name>", original, name="articles_captionedimage_original")
        state = path(
            "<int:object_id>/renditions/",
            self.admin_site.admin_view(self.renditions_state_view),
            name="articles_captionedimage_renditions",
        )
        return [url, state, *super().get_urls()]

    def renditions_state_view(self, request, object_id):
        """The photo's renditions state and the parts of its page that show them, as JSON:
        the open page asks while they are pending and swaps them in (rendition-state.js)."""
        photo = self.get_object(request, str(object_id))
        if photo is None:
            raise Http404
        if not self.has_view_permission(request, photo):
            raise PermissionDenied
        parts = ("rendition_state", "rendition_summary", "crop_previews")
        return JsonResponse(  # never cached: admin_view marks it so
            {
                "state": photo.renditions_status,
                "parts": {name: str(getattr(self, name)(photo)) for name in parts},
            }
        )

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

    def get_object(self, request, object_id, from_field=None):
        photo = super().get_object(request, object_id, from_field)
        if photo is not None:
            photo.viewer = request.user  # for `used_in`, which is given the photo alone
        return photo

    def delete_view(self, request, object_id, extra_context=None):
        photo = self.get_object(request, unquote(object_id))
        # Permission first: the refusal below names the stories using the photo (issue 14).
        if not self.has_delete_permission(request, photo):
            raise PermissionDenied
        stories = list(stories_using(photo, request.user)) if photo else []
        if stories:
            message = fragment("delete_refused", photo=photo, stories=stories)
            self.message_user(request, message, messages.ERROR)
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
        return fragment("usage", photo=obj) if obj.story_count else "Not used"

    @admin.display(description="Rights", ordering="do_not_reuse")
    def rights(self, obj):
        return fragment("rights") if obj.do_not_reuse else ""

    @admin.display(description="Focal point")
    def focal_point_picker(self, obj):
        # A new photo gets the picker without an image: focal-point.js previews the chosen file.
        picture = obj.pictures["full"] if obj.pk else None
        src = picture.url_for(960) if picture else ""
        return fragment("focal_point_picker", picture=picture, src=src)

    @admin.display(description="Crops readers get")
    def crop_previews(self, obj):
        if not obj.pk or not obj.pictures:
            return "Shown here once the photo is saved."
        crops = []
        for name in renditions.EDITABLE_CROPS:
            picture = obj.pictures[name]
            crops.append(
                {
                    "src": picture.url_for(320),
                    "height": round(160 * picture.height / picture.width),
                    "label": renditions.CROPS[name].label,
                    "box": obj.renditions["crops"][name]["box"],
                    "how": "set by hand" if name in obj.crop_boxes else "around the focal point",
                }
            )
        return fragment("crop_previews", crops=crops)

    @admin.display(description="Original")
    def original_link(self, obj):
        return fragment("original_link", photo=obj) if obj.pk else "-"

    @admin.display(description="Renditions state")
    def rendition_state(self, obj):
        """Renditions are made by a background task after the save (issue 15)."""
        if not obj.pk:
            return "Made in the background once you save."
        url = reverse("admin:articles_captionedimage_renditions", args=[obj.pk])
        return fragment("rendition_state", photo=obj, states=CaptionedImage.Renditions, url=url)

    @admin.display(description="Renditions")
    def rendition_summary(self, obj):
        if not obj.pk:
            return "Made when you save."
        crops = obj.renditions.get("crops", {})
        files = {file["name"]: file for entry in crops.values() for file in entry["files"]}
        files = list(files.values())  # once each: a 16:9 photo's two crops share their files
        if not files:
            return "None yet."
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
        if not obj.pk:
            return "Not used in any story yet."
        stories = list(stories_using(obj, obj.viewer))
        others = Article.objects.filter(lead_image=obj).count() - len(stories)
        if not stories and not others:
            return "Not used in any story yet."
        return fragment("used_in", stories=stories, others=others)
