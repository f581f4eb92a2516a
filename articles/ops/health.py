"""Health checks for load balancers and orchestrators (issue 15), never cached.

- /healthz (liveness): the process answers; it touches nothing else.
- /readyz (readiness): the database, the cache and the task queue can be reached, with the
  queue's backlog (tasks due and not started) and the age of its oldest one; 503 when any of
  them is down. The answer names what is checked, never a host, URL or password.
"""

import time
import uuid
from datetime import UTC

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    checks = {"database": _database(), "cache": _cache(), "queue": _queue()}
    up = all(check["status"] == "ok" for check in checks.values())
    return JsonResponse({"status": "ok" if up else "down", **checks}, status=200 if up else 503)


def _timed(check):
    started = time.monotonic()
    try:
        found = check() or {}
    except Exception as error:  # whatever the driver raises: down, with the kind of failure
        return {"status": "down", "error": type(error).__name__}
    return {"status": "ok", "ms": round((time.monotonic() - started) * 1000, 1), **found}


def _database():
    def check():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()

    return _timed(check)


def _cache():
    def check():
        key, value = "newsroom-readyz", uuid.uuid4().hex
        cache.set(key, value, 10)
        if cache.get(key) != value:
            raise ConnectionError("the cache did not keep a value")

    return _timed(check)


def _queue():
    backend = settings.TASKS["default"]["BACKEND"]
    if backend.startswith("django_tasks_db."):
        return _timed(_database_queue) | {"backend": "database"}
    if backend.startswith("django_tasks_rq."):
        return _timed(_redis_queue) | {"backend": "redis"}
    return {"status": "ok", "backend": "inline", "backlog": 0, "oldest_pending_seconds": None}


def _age(moment) -> float | None:
    return round((timezone.now() - moment).total_seconds(), 1) if moment else None


def _database_queue():
    from django_tasks_db.models import DBTaskResult

    due = DBTaskResult.objects.ready()  # due now: not the retries waiting for their time
    oldest = due.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    return {"backlog": due.count(), "oldest_pending_seconds": _age(oldest)}


def _redis_queue():
    import django_rq

    queue = django_rq.get_queue("default")
    queue.connection.ping()
    ids = queue.get_job_ids(0, 0)
    job = queue.fetch_job(ids[0]) if ids else None
    oldest = job.enqueued_at if job else None
    if oldest is not None and timezone.is_naive(oldest):
        oldest = timezone.make_aware(oldest, UTC)
    return {"backlog": queue.count, "oldest_pending_seconds": _age(oldest)}
