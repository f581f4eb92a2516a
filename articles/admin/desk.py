"""The desk side of the story admin (issue #3): list filters, workflow actions, and the pages
for a story's revisions and its shareable preview links.

`ArticleAdmin` (stories.py) mixes in `StoryDeskPages`; every page and action here checks the same
rules as the form (workflow.py), so a hand-made request gets no further than a button would.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from ..caching import story as story_parts
from ..editing import preview, revisions, workflow
from ..models import Article, PreviewLink

EVERYWHERE = [admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM]
# On the story form the workflow steps are its buttons, which save what was typed first
# (issue 13); the list keeps them as bulk actions. Restore stays on both: a story in the
# trash has no form to lose.
LIST_ONLY = [admin.ActionLocation.CHANGE_LIST]


class StatusFilter(admin.SimpleListFilter):
    """Draft, In review, Scheduled, Published, or the trash (hidden unless asked for)."""

    title = "status"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        choices = [
            ("draft", "Draft"),
            ("in_review", "In review"),
            ("scheduled", "Scheduled"),
            ("published", "Published"),
        ]
        if workflow.edits_any(request.user):
            choices.append(("trash", "In the trash"))
        return choices

    def queryset(self, request, queryset):
        if self.value() == "trash":
            return queryset.exclude(trashed_at=None)
        queryset = queryset.filter(trashed_at=None)
        if self.value() == "published":
            return queryset.published()
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() in (Article.Status.DRAFT, Article.Status.IN_REVIEW):
            return queryset.filter(status=self.value())
        return queryset


class WhoseFilter(admin.SimpleListFilter):
    title = "whose"
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("1", "Mine")]

    def queryset(self, request, queryset):
        return queryset.mine(request.user) if self.value() == "1" else queryset


class _PreviewDone(Exception):
    """Leaves the preview's transaction (rolling it back) with the rendered page."""

    def __init__(self, response):
        self.response = response


class _PreviewRefused(Exception):
    def __init__(self, errors):
        self.errors = errors


class StoryDeskPages:
    """Workflow actions and extra pages for ArticleAdmin."""

    def _apply(self, request, stories, change, allowed, done, skipped_reason):
        changed = [story for story in stories if allowed(story)]
        for story in changed:
            change(story, request.user)
        if changed:
            self.message_user(request, f"{done}: {len(changed)}.", messages.SUCCESS)
        if len(changed) < len(stories):
            skipped = len(stories) - len(changed)
            self.message_user(request, f"Left as they were: {skipped} ({skipped_reason}).")

    @admin.action(description="Publish now", permissions=["publish"], location=LIST_ONLY)
    def publish_now(self, request, queryset):
        self._apply(
            request,
            list(queryset),
            workflow.publish_now,
            lambda story: not story.trashed_at and not story.is_public,
            "Published",
            "already published, or in the trash",
        )

    @admin.action(
        description="Unpublish (back to draft)", permissions=["publish"], location=LIST_ONLY
    )
    def unpublish(self, request, queryset):
        self._apply(
            request,
            list(queryset),
            workflow.unpublish,
            lambda story: not story.trashed_at and story.status != Article.Status.DRAFT,
            "Back to draft",
            "already drafts, or in the trash",
        )

    @admin.action(description="Submit for review", permissions=["change"], location=LIST_ONLY)
    def submit_for_review(self, request, queryset):
        self._apply(
            request,
            list(queryset),
            workflow.submit_for_review,
            lambda story: (
                story.status == Article.Status.DRAFT and workflow.can_edit(request.user, story)
            ),
            "Submitted for review",
            "not drafts you can edit",
        )

    @admin.action(
        description="Restore from the trash", permissions=["restore"], location=EVERYWHERE
    )
    def restore(self, request, queryset):
        self._apply(
            request,
            list(queryset),
            workflow.restore_from_trash,
            lambda story: story.trashed_at is not None,
            "Restored from the trash",
            "not in the trash",
        )

    @admin.action(description="Move to the trash", permissions=["delete"])
    def trash_selected(self, request, queryset):
        """Like Django's "delete selected", with a confirmation page, but into the trash."""
        stories = list(queryset)
        allowed = [story for story in stories if workflow.can_trash(request.user, story)]
        if request.POST.get("post") == "yes":
            self._apply(
                request,
                stories,
                workflow.move_to_trash,
                lambda story: story in allowed,
                "Moved to the trash (an editor can restore them)",
                "not yours to delete, or already in the trash",
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Move stories to the trash?",
            "opts": self.opts,
            "stories": allowed,
            "refused": [story for story in stories if story not in allowed],
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        template = "admin/articles/article/trash_selected_confirmation.html"
        return TemplateResponse(request, template, context)

    def get_urls(self):
        pages = [
            path(
                "<path:object_id>/revisions/",
                self.admin_site.admin_view(self.revisions_view),
                name="articles_article_revisions",
            ),
            path(
                "<path:object_id>/revisions/<int:revision_id>/restore/",
                self.admin_site.admin_view(self.restore_revision_view),
                name="articles_article_restore_revision",
            ),
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_form_view),
                name="articles_article_preview_form",
            ),
            path(
                "<path:object_id>/withdraw/",
                self.admin_site.admin_view(self.withdraw_view),
                name="articles_article_withdraw",
            ),
            path(
                "<path:object_id>/preview-links/",
                self.admin_site.admin_view(self.preview_links_view),
                name="articles_article_preview_links",
            ),
        ]
        return pages + super().get_urls()

    def _story(self, request, object_id):
        """The story, if it is on this user's desk; 404 otherwise, as for a missing one."""
        article = self.get_object(request, object_id)
        if article is None or not self.has_view_permission(request, article):
            raise Http404("No such story on your desk.")
        return article

    def _page(self, request, article, template, title, **context):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": title,
            "subtitle": str(article),
            **context,
        }
        return TemplateResponse(request, f"admin/articles/article/{template}", context)

    def revisions_view(self, request, object_id):
        """The story's history: every revision, a diff between any two, restore buttons."""
        article = self._story(request, object_id)
        history = revisions.numbered(article)
        by_id = {revision.pk: revision for revision in history}
        try:
            older = by_id.get(int(request.GET["a"]))
            newer = by_id.get(int(request.GET["b"]))
        except (KeyError, ValueError):
            newer = history[0] if history else None
            older = history[1] if len(history) > 1 else None
        if older and newer and older.pk > newer.pk:
            older, newer = newer, older
        changes = None
        if older and newer:
            changes = revisions.diff(
                revisions.revision_snapshot(older, article.pk),
                revisions.revision_snapshot(newer, article.pk),
            )
        return self._page(
            request,
            article,
            "revisions.html",
            "Revisions",
            history=history,
            went_live=revisions.went_live(article, history),
            older=older,
            newer=newer,
            changes=changes,
            can_restore=self.has_change_permission(request, article),
        )

    @method_decorator(require_POST)
    def restore_revision_view(self, request, object_id, revision_id):
        article = self._story(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        revision = get_object_or_404(revisions.revisions_of(article), pk=revision_id)
        for note in revisions.restore(article, revision, request.user):
            messages.warning(request, note)
        messages.success(
            request,
            f"Revision {revisions.number(article, revision)} of "
            f"{revisions.when(revision.date_created)} is restored, "
            "as a new revision. Status and publish time are as they were.",
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    @method_decorator(require_POST)
    def preview_form_view(self, request, object_id):
        """The story page as the form now holds it, typed words, photo, byline and tags
        included, saved nowhere (issue 13).

        The form is saved inside a transaction that is rolled back once the page is rendered,
        so the page is the real story template reading real rows, and nothing is kept: no
        revision (none is asked for), no cache purge or search index (those run on commit).
        """
        article = None if object_id == "add" else self._story(request, object_id)
        allowed = (
            self.has_add_permission(request)
            if article is None
            else self.has_change_permission(request, article)
        )
        if not allowed:
            raise PermissionDenied
        data = request.POST.copy()
        # Not checked against others' saves (nothing is saved), and never public: as a draft,
        # no reader page, banner or menu can pick it up while the page is rendered.
        for name in ("base_revision", "step", "is_pinned", "is_breaking"):
            data.pop(name, None)
        data["status"] = Article.Status.DRAFT
        form_class = self.get_form(request, article, change=article is not None)
        try:
            with transaction.atomic():
                form = form_class(data, request.FILES, instance=article)
                if not form.is_valid():
                    raise _PreviewRefused(form.errors)
                story = form.save(commit=False)
                if article is None:
                    story.created_by = request.user  # as the save would: the byline is theirs
                story.save()
                form.save_m2m()
                form.save_tags(story)
                request.POST = data
                formsets, _inlines = self._create_formsets(request, story, change=True)
                for formset in formsets:
                    if f"{formset.prefix}-TOTAL_FORMS" not in data:
                        continue  # not on this form (corrections, before the first save)
                    if not formset.is_valid():
                        problems = [*formset.errors, {"__all__": formset.non_form_errors()}]
                        raise _PreviewRefused(problems)
                    self.save_formset(request, form, formset, change=True)
                story = Article.objects.for_detail().get(pk=story.pk)
                context = {"article": story, "parts": story_parts.render(request, story)}
                context |= {"preview": True, "unsaved_preview": True}
                page = render(request, "articles/article_detail.html", context)
                raise _PreviewDone(page)
        except _PreviewDone as done:
            return preview.private(done.response)
        except _PreviewRefused as refused:
            errors = refused.errors if isinstance(refused.errors, list) else [refused.errors]
            context = {"errors": [e for e in errors if e]}
            page = self._page(request, article, "preview_refused.html", "No preview", **context)
            page.status_code = 400
            return page

    @method_decorator(require_POST)
    def withdraw_view(self, request, object_id):
        """A writer takes their story back from review, to edit it again (issue 13)."""
        article = self._story(request, object_id)
        if not workflow.can_withdraw(request.user, article):
            raise PermissionDenied
        workflow.withdraw_from_review(article, request.user)
        messages.success(request, f"“{article}” is back in your drafts: edit it and submit again.")
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def preview_links_view(self, request, object_id):
        """Shareable preview links of one story: make one, see its openings, revoke it."""
        article = self._story(request, object_id)
        if not request.user.has_perm("articles.view_previewlink"):
            raise PermissionDenied
        here = reverse("admin:articles_article_preview_links", args=[article.pk])
        if request.method == "POST":
            if "revoke" in request.POST:
                if not request.user.has_perm("articles.change_previewlink"):
                    raise PermissionDenied
                revoke = request.POST["revoke"]
                link = get_object_or_404(
                    article.preview_links, pk=revoke if revoke.isdigit() else 0
                )
                preview.revoke_link(link)
                messages.success(request, "The link is revoked: it no longer opens the story.")
                return HttpResponseRedirect(here)
            if not request.user.has_perm("articles.add_previewlink"):
                raise PermissionDenied
            try:
                hours = int(request.POST.get("hours") or preview.DEFAULT_HOURS)
            except ValueError:
                hours = 0
            if not 1 <= hours <= preview.MAX_HOURS:
                messages.error(request, f"A link lasts from 1 to {preview.MAX_HOURS} hours.")
                return HttpResponseRedirect(here)
            note = request.POST.get("note", "")[:200]
            link = preview.create_link(article, request.user, hours=hours, note=note)
            url = request.build_absolute_uri(link.get_absolute_url())
            messages.success(request, f"New preview link, valid for {hours} hours: {url}")
            return HttpResponseRedirect(here)
        links = PreviewLink.objects.filter(article=article).prefetch_related("openings")
        return self._page(
            request,
            article,
            "preview_links.html",
            "Preview links",
            links=[(link, request.build_absolute_uri(link.get_absolute_url())) for link in links],
            default_hours=preview.DEFAULT_HOURS,
            max_hours=preview.MAX_HOURS,
        )
