"""Background tasks in the admin (issue 15): what is waiting, running or failed, and a retry.

The database queue (django-tasks-db, the embedded default) keeps every task as a row; this
replaces the package's own list with one that says what each task is about (which photo or
story), how far its retries got, its error, and offers "Retry" for a failed one. The Admin role
may look and retry (migration 0014 gives it the view permission). With RQ on Redis the rows
live in Redis: see django-rq's own pages (README, Deploying).
"""

from django.contrib import admin, messages
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from .. import tasks as newsroom_tasks

# task name -> (what it does, the admin page of the object its first argument names)
WHAT = {
    "make_renditions": ("Make photo renditions", "admin:articles_captionedimage_change"),
    "purge_cdn": ("Purge the CDN", None),
    "refresh_search": ("Refresh the search index", None),
    "notify_desk": ("Tell the desk", "admin:articles_article_change"),
}


class WaitingOrFailed(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("attention", "Waiting or failed"), ("failed", "Failed"), ("done", "Done")]

    def queryset(self, request, queryset):
        if self.value() == "attention":
            return queryset.filter(Q(status="READY") | Q(status="RUNNING") | Q(status="FAILED"))
        if self.value() == "failed":
            return queryset.filter(status="FAILED")
        if self.value() == "done":
            return queryset.filter(status="SUCCESSFUL")
        return queryset


admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskAdmin(DBTaskResultAdmin):
    list_display = ["what", "about", "status", "attempt", "error", "enqueued_at", "finished_at"]
    list_filter = [WaitingOrFailed, "status"]
    search_fields = ["task_path", "exception_class_path"]
    list_select_related = []
    ordering = ["-enqueued_at"]
    actions = ["retry"]
    list_per_page = 50

    def has_retry_permission(self, request):
        return self.has_view_permission(request)

    @admin.display(description="Task")
    def what(self, obj):
        name = obj.task_path.rpartition(".")[2]
        return WHAT.get(name, (name, None))[0]

    @admin.display(description="About")
    def about(self, obj):
        name = obj.task_path.rpartition(".")[2]
        args = obj.args_kwargs.get("args") or []
        route = WHAT.get(name, (None, None))[1]
        if route and args:
            label = "photo" if "captionedimage" in route else "story"
            url = reverse(route, args=[args[0]])
            return format_html('<a href="{}">{} {}</a>', url, label, args[0])
        if name == "purge_cdn" and args:
            return ", ".join(args[0])[:120]
        return "-"

    @admin.display(description="Attempt")
    def attempt(self, obj):
        number = obj.args_kwargs.get("kwargs", {}).get("attempt", 1)
        return f"{number} of {newsroom_tasks.MAX_ATTEMPTS}"

    @admin.display(description="Error")
    def error(self, obj):
        if obj.status != "FAILED":
            return ""
        lines = [line for line in obj.traceback.strip().splitlines() if line.strip()]
        return (lines[-1] if lines else obj.exception_class_path)[:200]

    @admin.action(description="Retry the selected failed tasks", permissions=["retry"])
    def retry(self, request, queryset):
        retried = 0
        for row in queryset.filter(status="FAILED"):
            kwargs = {**row.args_kwargs.get("kwargs", {}), "attempt": 1}
            try:
                row.task.using(run_after=None).enqueue(*row.args_kwargs.get("args", []), **kwargs)
            except ImportError:
                self.message_user(request, f"{row.task_path} no longer exists.", messages.ERROR)
                continue
            retried += 1
        if retried:
            self.message_user(request, f"Enqueued {retried} task(s) again.", messages.SUCCESS)
        else:
            self.message_user(request, "Only failed tasks can be retried.", messages.WARNING)
