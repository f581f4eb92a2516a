"""Issue 15: photo renditions made by a real worker process, on the database queue (SQLite or
PostgreSQL, whichever the run uses) and on RQ with Redis (NEWSROOM_TEST_TASKS_REDIS, set by
.ci/run). Killing the worker in the middle of a task and starting it again ends with exactly
the right files and rows.

The rest of the suite runs tasks inline (ImmediateBackend); these tests enqueue into the real
queue and start `manage.py run_worker` in its own process, on the test database (a file copy
of it on SQLite, whose test database lives in memory).
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import CaptionedImage
from articles.photos.renditions import file_names
from tests.helpers import photos
from tests.helpers.server import Site, _database_url


def own_redis_database(url: str) -> str:
    """The run's Redis URL with a database of this xdist worker's own (14, 13, ... from /14).

    The RQ tests each empty the "default" queue first, and a worker one of them starts takes
    any job waiting there, so two of them at once on one database take each other's jobs.
    (`xdist_group` cannot keep them apart: pytest 9.2 ignores the node id xdist 3.8 rewrites.)
    """
    if not url:
        return url
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    base, _, database = url.rpartition("/")
    return f"{base}/{(int(database or 0) - worker) % 16}"


REDIS = own_redis_database(os.environ.get("NEWSROOM_TEST_TASKS_REDIS", ""))
QUEUE_TABLE = "django_tasks_database_dbtaskresult"
RENDITIONS = "task_path = 'articles.tasks.make_renditions'"
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

pytestmark = pytest.mark.django_db(transaction=True)


def worker_env(database_url: str, tasks_url: str, tmp_path) -> dict:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "NEWSROOM_")) and name not in ("DATABASE_URL",)
    }
    return env | {
        "DJANGO_SECRET_KEY": "a-worker-key-for-this-test-only-0123456789-abcdefghijklmnop",
        "DATABASE_URL": database_url,
        "NEWSROOM_TASKS_URL": tasks_url,
        "DJANGO_MEDIA_ROOT": str(django_settings.MEDIA_ROOT),
        "NEWSROOM_PRIVATE_MEDIA_ROOT": str(django_settings.PRIVATE_MEDIA_ROOT),
        "NEWSROOM_CACHE_DIR": str(tmp_path / "cache"),
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def start_worker(env, *args) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", *args],
        cwd=django_settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, to kill it whole like a crash
    )


def wait_for(check, seconds=120, what="the worker"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found := check():
            return found
        time.sleep(0.05)
    raise AssertionError(f"{what} did not get there within {seconds} s")


def files_of(photo_id) -> set[str]:
    folder = django_settings.MEDIA_ROOT / "photos" / str(photo_id)
    if not folder.exists():
        return set()
    return {f"photos/{photo_id}/{path.name}" for path in folder.iterdir()}


def new_photo() -> CaptionedImage:
    """A photo big enough that its renditions take the worker a few seconds."""
    upload = SimpleUploadedFile("quay.jpg", photos.noisy_jpeg(3000, 2000), "image/jpeg")
    return CaptionedImage.objects.create(image=upload, alt_text="The quay at low tide")


def photo_row(site: Site, photo_id: int):
    """(status, manifest) of the photo as the worker left it in its database."""
    import json

    [(status, manifest)] = site.query(
        "SELECT renditions_status, renditions FROM articles_captionedimage WHERE id = ?",
        (photo_id,),
    )
    return status, manifest if isinstance(manifest, dict) else json.loads(manifest)


def test_database_worker_killed_mid_task_ends_with_exactly_the_right_files(settings, tmp_path):
    settings.TASKS = DATABASE_QUEUE
    photo = new_photo()  # committed (autocommit): its task is now a row in the queue
    assert photo.renditions_status == "pending" and photo.renditions == {}
    database_url, db_file = _database_url(tmp_path / "db")
    site = Site("", None, db_file)
    [(task_id, status)] = site.query(f"SELECT id, status FROM {QUEUE_TABLE} WHERE {RENDITIONS}")
    assert status == "READY"
    env = worker_env(database_url, "database", tmp_path)

    worker = start_worker(env, "--interval", "0.05")
    try:
        wait_for(lambda: len(files_of(photo.pk)) >= 2, what="the first renditions")
    finally:
        os.killpg(worker.pid, signal.SIGKILL)  # mid-task: a crash, no clean-up
        worker.wait()
    half = files_of(photo.pk)
    assert half, "killed before it wrote anything"
    status, manifest = photo_row(site, photo.pk)
    assert status == "pending" and manifest == {}  # nothing half-made reaches readers
    [(task_status,)] = site.query(f"SELECT status FROM {QUEUE_TABLE} WHERE id = ?", (task_id,))
    assert task_status == "RUNNING"  # the dead worker's claim

    again = start_worker(env, "--batch", "--interval", "0.05")
    assert again.wait(timeout=300) == 0
    status, manifest = photo_row(site, photo.pk)
    assert status == "ready"
    made = set(file_names(manifest))
    assert {"full", "wide", "square", "social"} <= set(manifest["crops"])
    assert files_of(photo.pk) == made  # exactly: what the killed run wrote is gone
    rows = site.query(f"SELECT status FROM {QUEUE_TABLE} WHERE {RENDITIONS}")
    assert rows == [("SUCCESSFUL",)]


def test_database_worker_runs_a_task_twice_to_the_same_result(settings, tmp_path):
    """At-least-once delivery: the same rendition task twice leaves one set of files."""
    settings.TASKS = DATABASE_QUEUE
    photo = new_photo()
    from articles.tasks import make_renditions

    make_renditions.enqueue(photo.pk)  # delivered a second time
    database_url, db_file = _database_url(tmp_path / "db")
    site = Site("", None, db_file)
    worker = start_worker(worker_env(database_url, "database", tmp_path), "--batch")
    assert worker.wait(timeout=300) == 0
    status, manifest = photo_row(site, photo.pk)
    assert status == "ready"
    assert files_of(photo.pk) == set(file_names(manifest))
    done = site.query(f"SELECT status FROM {QUEUE_TABLE} WHERE {RENDITIONS}")
    assert done == [("SUCCESSFUL",), ("SUCCESSFUL",)]


on_redis = pytest.mark.skipif(
    not REDIS, reason="NEWSROOM_TEST_TASKS_REDIS names no Redis (.ci/run sets it)"
)


def children_of(pid: int) -> list[int]:
    """The processes `pid` started (from /proc: this is Linux)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # it ended meanwhile
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


def rq_queue(settings):
    """Tasks go to RQ on the Redis database the run gave these tests, emptied first."""
    import django_rq

    settings.RQ_QUEUES = {"default": {"URL": REDIS, "DEFAULT_TIMEOUT": 900}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    queue = django_rq.get_queue("default")
    queue.connection.flushdb()
    return queue


@on_redis
def test_rq_worker_killed_mid_task_ends_with_exactly_the_right_files(settings, tmp_path):
    queue = rq_queue(settings)
    photo = new_photo()  # committed (autocommit): its job is now waiting in Redis
    assert photo.renditions_status == "pending"
    database_url, db_file = _database_url(tmp_path / "db")
    site = Site("", None, db_file)
    env = worker_env(database_url, REDIS, tmp_path)

    worker = start_worker(env)
    try:
        wait_for(lambda: len(files_of(photo.pk)) >= 2, what="the first renditions")
    finally:
        # A crash of the worker's machine: the worker and the work horse it forked for the job
        # (RQ puts the horse in a session of its own, so killing the group is not enough).
        for pid in [*children_of(worker.pid), worker.pid]:
            os.kill(pid, signal.SIGKILL)
        worker.wait()
    assert files_of(photo.pk), "killed before it wrote anything"
    status, manifest = photo_row(site, photo.pk)
    assert status == "pending" and manifest == {}  # nothing half-made reaches readers
    assert len(queue.started_job_registry) == 1  # the dead worker's job, still "started"

    again = subprocess.run(
        [sys.executable, "manage.py", "run_worker", "--batch"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        timeout=300,
    )
    assert again.returncode == 0, again.stderr.decode()[-2000:]
    assert b"1 job(s) a stopped worker left unfinished are queued again." in again.stdout
    status, manifest = photo_row(site, photo.pk)
    assert status == "ready"
    assert {"full", "wide", "square", "social"} <= set(manifest["crops"])
    assert files_of(photo.pk) == set(file_names(manifest))  # exactly: the killed run's are gone
    assert queue.count == 0 and len(queue.started_job_registry) == 0
    assert len(queue.failed_job_registry) == 0


@on_redis
def test_rq_worker_on_redis_makes_the_renditions(settings, tmp_path):
    queue = rq_queue(settings)
    photo = new_photo()
    from articles.tasks import make_renditions

    make_renditions.enqueue(photo.pk)  # delivered twice: the same files either way
    waiting = [job.func_name for job in queue.jobs]
    assert waiting.count("articles.tasks.make_renditions") == 2  # and the CDN purge
    database_url, db_file = _database_url(tmp_path / "db")
    site = Site("", None, db_file)
    env = worker_env(database_url, REDIS, tmp_path)
    worker = subprocess.run(
        [sys.executable, "manage.py", "run_worker", "--batch"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        timeout=300,
    )
    assert worker.returncode == 0, worker.stderr.decode()[-2000:]
    status, manifest = photo_row(site, photo.pk)
    assert status == "ready"
    assert files_of(photo.pk) == set(file_names(manifest))
    assert queue.count == 0
    assert len(queue.failed_job_registry) == 0
    assert len(queue.finished_job_registry) >= len(waiting)
