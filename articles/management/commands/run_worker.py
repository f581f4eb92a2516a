"""Run a background task worker for whichever queue settings.TASKS names (issue 15).

- The database queue (django-tasks-db, the default): first the tasks a dead worker left
  running go back to the queue (at-least-once delivery: every task is safe to run twice), then
  django-tasks-db's `db_worker` runs them, one at a time. Start as many as you like.
- RQ on Redis (NEWSROOM_TASKS_URL=redis://...): first the jobs a dead worker left started go
  back to the queue (`requeue_abandoned_rq`: RQ on its own would count them failed once their
  heartbeat runs out), then django-rq's `rqworker` with its scheduler, which runs the retries
  enqueued for later.
- Inline (tests): nothing to run.
"""

import os
import socket

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone


def worker_id() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}"


def is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def requeue_abandoned(stale_seconds: int) -> int:
    """Put back the tasks whose worker died mid-task: on this machine, those whose worker
    process is gone; anywhere, those running for longer than `stale_seconds`."""
    from django_tasks_db.models import DBTaskResult

    host = socket.gethostname()[:40]
    abandoned = []
    too_old = timezone.now() - timezone.timedelta(seconds=stale_seconds)
    for row in DBTaskResult.objects.filter(status="RUNNING").only("id", "worker_ids", "started_at"):
        last = (row.worker_ids or [""])[-1]
        name, _, pid = last.rpartition(":")
        dead_here = name == host and pid.isdigit() and not is_alive(int(pid))
        if dead_here or (row.started_at and row.started_at < too_old):
            abandoned.append(row.id)
    if abandoned:
        DBTaskResult.objects.filter(Q(id__in=abandoned), status="RUNNING").update(
            status="READY", started_at=None
        )
    return len(abandoned)


def requeue_abandoned_rq() -> int:
    """Put back the RQ jobs whose worker died mid-job: on this machine, those whose worker
    process is gone; anywhere, those whose worker no longer keeps its key alive in Redis.

    RQ's own clean-up moves such a job to the failed jobs once its heartbeat has run out (and
    retries it only if it was enqueued with a retry count, which django-tasks-rq does not
    give): at-least-once delivery needs it queued again, as the database queue does above.
    """
    import django_rq
    from django_tasks_rq.backend import Job
    from rq.job import JobStatus
    from rq.worker import Worker

    host = socket.gethostname()
    back = 0
    for name in settings.TASKS["default"].get("QUEUES", ["default"]):
        queue = django_rq.get_queue(name, job_class=Job)
        registry = queue.started_job_registry
        for job_id, execution_id in registry.get_job_and_execution_ids(cleanup=False):
            job = queue.fetch_job(job_id)
            if job is None or job.get_status() != JobStatus.STARTED:
                continue
            worker = None
            if job.worker_name:
                key = Worker.redis_worker_namespace_prefix + job.worker_name
                worker = Worker.find_by_key(key, connection=queue.connection)
            alive = worker is not None and (worker.hostname != host or is_alive(worker.pid))
            if alive:
                continue
            queue.connection.zrem(registry.key, f"{job_id}:{execution_id}")
            queue.enqueue_job(job)
            back += 1
    return back


class Command(BaseCommand):
    help = "Run a worker for the background task queue (the database's, or RQ's on Redis)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between looks (database)."
        )
        parser.add_argument("--batch", action="store_true", help="Stop once the queue is empty.")

    def handle(self, *args, interval, batch, **options):
        backend = settings.TASKS["default"]["BACKEND"]
        if backend.startswith("django_tasks_rq."):
            if back := requeue_abandoned_rq():
                self.stdout.write(
                    f"{back} job(s) a stopped worker left unfinished are queued again."
                )
            # django-tasks-rq's job class runs the Task objects (and records their results).
            job = "django_tasks_rq.backend.Job"
            call_command("rqworker", "default", job_class=job, with_scheduler=True, burst=batch)
            return
        if not backend.startswith("django_tasks_db."):
            raise CommandError(f"{backend} runs tasks without a worker: nothing to start.")
        back = requeue_abandoned(settings.TASK_STALE_SECONDS)
        if back:
            self.stdout.write(f"{back} task(s) a stopped worker left unfinished are queued again.")
        worker_options = {"interval": interval, "worker_id": worker_id(), "batch": batch}
        call_command("db_worker", **worker_options, startup_delay=False)
