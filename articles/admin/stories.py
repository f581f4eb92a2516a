"""The story admin: the form editors write in, the story list, and the featuring actions.

The desk side (filters, workflow actions, revisions and preview-link pages) is in desk.py,
the form and its inlines in story_forms.py.
"""

import reversion
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from ..editing import live, merge, revisions, workflow
from ..models import Article, Author, Byline, Correction
from ..text import word_count
from .desk import StatusFilter, StoryDeskPages, WhoseFilter
from .photos import thumbnail
from .story_forms import ArticleAdminForm, BylineInline, CorrectionInline
from .story_live import StoryLivePages

STEP_DONE = {
    "submit": "“{story}” is submitted for review: an editor takes it from here.",
    "publish": "“{story}” is published: readers see it as you saved it.",
    "schedule": "“{story}” is scheduled: it goes live by itself at its publish time.",
    "unpublish": "“{story}” is unpublished: it is off the site, back in the drafts.",
    "send_back": "“{story}” is sent back to its writer with your note.",
}


@admin.register(Article)
class ArticleAdmin(StoryLivePages, StoryDeskPages, admin.ModelAdmin):
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
        # The byline goes between these two (change_form.html): it sits with the headline.
        (None, {"fields": ["headline"]}),
        (None, {"fields": ["slug", "standfirst", "body", "reading_time_display"]}),
        ("Photo", {"fields": ["lead_image"]}),
        ("Filing", {"fields": ["category", "tags"]}),
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

    class Media:
        css = {"all": ["css/story-form.css"]}
        js = ["js/story-form.js"]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context |= self.live_context(request, obj) if request.method == "GET" else {}
        if obj is None or not obj.trashed_at:
            # The only action left on the form is "Restore from the trash": shown where it
            # applies; the workflow steps are the buttons (issue 13).
            context["action_form"] = None
        context |= {
            "steps": workflow.form_steps(request.user, obj),
            "zone_name": workflow.zone_name(),
            "zone_id": settings.TIME_ZONE,
            "review_note": workflow.open_review_note(obj),
            "restored_from": getattr(request, "restored_from", None),
            "can_withdraw": obj is not None and workflow.can_withdraw(request.user, obj),
        }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        can_publish = workflow.can_publish(request.user)

        restore = None
        if obj is not None and request.method == "GET" and request.GET.get("restore") == "autosave":
            restore = live.offer(obj, request.user)

        class BoundForm(form):
            def __init__(inner, *args, **kw):
                super().__init__(*args, admin_site=self.admin_site, can_publish=can_publish, **kw)

        if restore is not None:
            # Reopened after a crash or a closed tab: the form shows the autosave (issue 13).
            initial = live.initial_from(BoundForm, restore, obj)
            request.restored_from = restore.saved_at
            request.restored_autosave = restore  # its byline and correction rows too

            class BoundForm(BoundForm):  # noqa: F811 - the same form, starting from the autosave
                def __init__(inner, *args, **kw):
                    super().__init__(*args, **kw)
                    inner.initial.update(initial)

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

    def get_ordering(self, request):
        # What goes live next comes first in the Scheduled list (issue 13).
        if request.GET.get("state") == "scheduled":
            return ["published_at", "id"]
        return super().get_ordering(request)

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
        restore = getattr(request, "restored_autosave", None)
        if restore is not None and f"{prefix}-TOTAL_FORMS" in restore.data:
            # The rows as they were autosaved (added, removed, reordered), shown bound to what
            # was typed, as after a submit: a half-filled row says what it lacks.
            return kwargs | {"data": live.as_query_dict(restore), "files": {}}
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
        if request.POST.get("step"):
            # A workflow button saves the form and comes back to it, like "Save and continue".
            request.POST = request.POST.copy()
            request.POST["_continue"] = "1"
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
        unsaid = {"base_revision", "substantive_update", "step", "schedule_at", "send_back_note"}
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
        step = form.cleaned_data.get("step")
        if step:
            note = form.cleaned_data.get("send_back_note", "").strip()
            notes.append(workflow.apply_step(obj, step, form.cleaned_data.get("schedule_at"), note))
        reversion.set_comment(" ".join(notes))
        super().save_model(request, obj, form, change)
        live.discard(obj, request.user)  # saved: the autosave has done its work
        if step:
            workflow.after_step(obj, step, request.user, note)
            messages.success(request, STEP_DONE[step].format(story=obj))

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

    @admin.display(description="Length")
    def reading_time_display(self, obj):
        # static/js/story-form.js keeps it current while the body is typed (issue 13).
        words = word_count(obj.body) if obj.pk else 0
        return format_html(
            '<output class="story-word-count" for="id_body" data-word-count aria-live="polite">'
            "{} word{} · {} min read</output>",
            words,
            "" if words == 1 else "s",
            obj.reading_time if obj.pk else 1,
        )

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
