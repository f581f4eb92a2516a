"""The story form's background requests (issue 13): autosave, presence and leaving.

ArticleAdmin (stories.py) mixes in `StoryLivePages`. Each answers JSON to static/js/story-form.js
and checks the same rules as the form: only someone who may edit a story autosaves it, only
someone who may open it is shown as present.
"""

import json

from django.http import HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from ..editing import live


class StoryLivePages:
    def get_urls(self):
        pages = [
            path(
                "<path:object_id>/autosave/",
                self.admin_site.admin_view(self.autosave_view),
                name="articles_article_autosave",
            ),
            path(
                "<path:object_id>/autosave/discard/",
                self.admin_site.admin_view(self.autosave_discard_view),
                name="articles_article_autosave_discard",
            ),
            path(
                "<path:object_id>/presence/",
                self.admin_site.admin_view(self.presence_view),
                name="articles_article_presence",
            ),
            path(
                "<path:object_id>/presence/leave/",
                self.admin_site.admin_view(self.leave_view),
                name="articles_article_leave",
            ),
        ]
        return pages + super().get_urls()

    def live_context(self, request, article) -> dict:
        """What the story form shows and needs for its autosave and presence."""
        if article is None:
            return {}
        live.here(article, request.user)
        context = {"others_here": live.others_here(article, request.user)}
        urls = {
            name: reverse(f"admin:articles_article_{name}", args=[article.pk])
            for name in ("autosave", "presence", "leave")
        }
        context["story_live"] = {
            "interval": live.beat(),
            "autosave_url": urls["autosave"]
            if self.has_change_permission(request, article)
            else "",
            "presence_url": urls["presence"],
            "leave_url": urls["leave"],
        }
        offer = live.offer(article, request.user)
        if offer is not None and request.GET.get("restore") != "autosave":
            today = timezone.localdate() == timezone.localtime(offer.saved_at).date()
            context["autosave_offer"] = {"saved_at": offer.saved_at, "today": today}
        return context

    @method_decorator(require_POST)
    def autosave_view(self, request, object_id):
        article = self._story(request, object_id)
        if not self.has_change_permission(request, article):
            return JsonResponse({"error": "You cannot edit this story."}, status=403)
        try:
            fields = live.clean_fields(json.loads(request.body).get("fields"))
        except (ValueError, AttributeError):
            fields = None
        if fields is None:
            return JsonResponse(
                {"error": "Send the form as {fields: {name: [values]}}."}, status=400
            )
        autosave = live.keep(article, request.user, fields)
        return JsonResponse({"saved_at": f"{timezone.localtime(autosave.saved_at):%H:%M}"})

    @method_decorator(require_POST)
    def autosave_discard_view(self, request, object_id):
        article = self._story(request, object_id)
        live.discard(article, request.user)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    @method_decorator(require_POST)
    def presence_view(self, request, object_id):
        article = self._story(request, object_id)
        live.here(article, request.user)
        return JsonResponse({"others": live.others_here(article, request.user)})

    @method_decorator(require_POST)
    def leave_view(self, request, object_id):
        article = self._story(request, object_id)
        live.leave(article, request.user)
        return JsonResponse({"left": True})
