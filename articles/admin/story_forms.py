"""The story form and the inlines edited with it: bylines and corrections (issues 3 and 5).

ArticleAdmin (stories.py) uses them; they live apart so the admin class reads on its own.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.utils import timezone
from taggit.models import Tag
from taggit.utils import parse_tags

from ..cleaning import CleanTextForm
from ..editing import merge, revisions, workflow
from ..models import Article, Byline, Correction
from ..photos import uploads
from ..text import without_controls


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


class BylineForm(CleanTextForm, forms.ModelForm):
    class Meta:
        model = Byline
        fields = ["position", "author", "role"]
        # Rows are ordered by dragging or with their Up/Down buttons (static/js/story-form.js),
        # which number the positions in the order shown (issue 13).
        widgets = {"position": forms.HiddenInput(attrs={"data-byline-position": ""})}


class BylineInline(StoryInline):
    model = Byline
    form = BylineForm
    fields = ["position", "author", "role"]
    autocomplete_fields = ["author"]
    min_num = 1
    verbose_name = "byline"
    verbose_name_plural = "Byline (in the order readers see it: drag a row, or use its buttons)"
    at_top = True  # shown with the headline (change_form.html)

    def get_formset(self, request, obj=None, **kwargs):
        # Every story has at least one author; the admin shows min_num but does not enforce it.
        return super().get_formset(request, obj, validate_min=True, **kwargs)


class CorrectionForm(CleanTextForm, forms.ModelForm):
    pass


class CorrectionInline(StoryInline):
    """Dated corrections and updates, shown on the story and on /corrections/ (editors)."""

    model = Correction
    form = CorrectionForm
    fields = ["kind", "published_at", "text"]
    verbose_name_plural = "Corrections and updates (shown to readers, oldest first)"

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_correction")

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm("articles.add_correction") and (
            obj is None or workflow.can_edit(request.user, obj)
        )


NEW_TAG = "new:"  # how the tags control marks a tag typed in it (static/js/story-form.js)


class TagsWidget(AutocompleteSelectMultiple):
    """The admin's tag autocomplete, where typing a name that is not there yet offers it as a
    new tag (select2's tags mode)."""

    def optgroups(self, name, value, attr=None):
        existing = [v for v in value if str(v).isdigit()]
        groups = super().optgroups(name, existing, attr)
        for typed in [str(v) for v in value if v and not str(v).isdigit()]:
            label = typed.removeprefix(NEW_TAG)
            option = self.create_option(name, typed, label, True, len(groups[0][1]))
            groups[0][1].append(option)
        return groups


class TagsField(forms.ModelMultipleChoiceField):
    """Existing tags by id, new ones by name: one control for both (issue 13). The new names
    are left in `new_names`, as they are saved (no control characters, issue 14: "Ferries\x01"
    is the tag Ferries, "\x01" none); the form saves them with the tags."""

    def clean(self, value):
        value = [str(v) for v in value or [] if str(v).strip()]
        self.new_names = [
            without_controls(v.removeprefix(NEW_TAG)).strip() for v in value if not v.isdigit()
        ]
        self.new_names = [name for name in self.new_names if name]
        if any(len(name) > 100 for name in self.new_names):
            raise forms.ValidationError("A tag can be at most 100 characters long.")
        return super().clean([v for v in value if v.isdigit()])


class ArticleAdminForm(CleanTextForm, forms.ModelForm):
    """The story form. Tags are picked from existing ones or typed as new ones, in one control.

    django-taggit has no autocomplete widget of its own; Django's admin autocomplete works on
    its Tag model, in select2's tags mode so a name typed that is not there yet is offered as a
    new tag (TagsField). `new_tags`, a comma-separated text field, still takes new names from
    hand-made posts but is no longer shown.
    The form carries the revision it was opened at, so a save after someone else's is merged
    (merge.py). Its text is checked as it will be saved, without control characters
    (articles/cleaning.py): a headline of control characters only is no headline.
    """

    new_tags = forms.CharField(
        required=False,
        help_text="New tags, separated by commas. Pick existing tags above first.",
    )
    base_revision = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # The workflow buttons (issue 13): the step made with this save, its time or its note.
    step = forms.ChoiceField(
        required=False, choices=[("", "")] + [(name, name) for name in workflow.STEPS]
    )
    schedule_at = forms.DateTimeField(
        required=False,
        label="Go live at",
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    send_back_note = forms.CharField(
        required=False,
        max_length=1000,
        label="Note to the writer",
        widget=forms.Textarea(attrs={"rows": 4, "cols": 50}),
    )
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
        self.can_publish = can_publish
        self.merged, self.conflicts = [], []
        widget = TagsWidget(Article._meta.get_field("tags"), admin_site)
        widget.attrs["data-tags"] = "true"  # select2: typing offers a new tag
        self.fields["tags"] = TagsField(
            queryset=Tag.objects.all(),
            required=False,
            widget=widget,
            help_text="Start typing: pick a tag, or press Enter to add a new one.",
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
        self.check_step(cleaned)
        typed = getattr(self.fields["tags"], "new_names", [])
        if typed and "new_tags" in cleaned:
            cleaned["new_tags"] = [*cleaned["new_tags"], *typed]
        # Merge only a form whose own fields are valid: what the user typed stays as typed.
        if self.instance.pk and cleaned.get("base_revision") and not self.errors:
            self.data = self.data.copy()
            merge.resolve_choices(self)
            merge.merge_form(self)
        return cleaned

    def check_step(self, cleaned):
        step = cleaned.get("step")
        if not step:
            return
        if step in workflow.EDITORS_STEPS and not self.can_publish:
            self.add_error(None, "Only an editor can publish, schedule, unpublish or send back.")
        elif step == "schedule":
            moment = cleaned.get("schedule_at")
            if moment is None:
                self.add_error(
                    None, "Choose the date and time the story goes live, then press Schedule."
                )
            elif moment <= timezone.now():
                self.add_error(
                    None,
                    f"{timezone.localtime(moment):%-d %b %Y, %H:%M} has passed: choose a time to "
                    "come, or press Publish to publish now.",
                )
        elif step == "send_back" and not cleaned.get("send_back_note", "").strip():
            self.add_error(None, "Write the writer a short note saying what to change.")

    def save_tags(self, article):
        article.tags.set([*self.cleaned_data.get("tags", []), *self.cleaned_data["new_tags"]])
