"""Issue 15: /healthz and /readyz for load balancers: never cached, no secrets, 503 when down."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import CaptionedImage
from tests.helpers import photos
from tests.helpers.server import free_port

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def closed_port_url(scheme="redis") -> str:
    return f"{scheme}://127.0.0.1:{free_port()}/4"  # nothing listens there


def test_healthz_answers_and_is_never_cached(client):
    response = client.get(reverse("articles:healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_readyz_reports_the_queue_backlog_and_its_oldest_task(
    db, client, settings, clock, committed
):
    settings.TASKS = DATABASE_QUEUE
    upload = SimpleUploadedFile("quay.jpg", photos.photo_bytes(), "image/jpeg")
    with committed():
        CaptionedImage.objects.create(image=upload, alt_text="Boats")  # its renditions wait
    clock.advance(seconds=90)
    response = client.get(reverse("articles:readyz"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["status"] == body["cache"]["status"] == "ok"
    assert body["queue"]["backend"] == "database"
    assert body["queue"]["backlog"] >= 1
    assert body["queue"]["oldest_pending_seconds"] == pytest.approx(90, abs=1)


def test_readyz_is_503_when_the_cache_is_down(db, client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": closed_port_url()}
    }
    response = client.get(reverse("articles:readyz"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down" and body["cache"]["status"] == "down"
    assert body["database"]["status"] == "ok"
    assert "127.0.0.1" not in json.dumps(body)  # no address, URL or password


def test_readyz_is_503_when_the_queue_is_down(db, client, settings):
    url = closed_port_url()
    settings.RQ_QUEUES = {"default": {"URL": url}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    response = client.get(reverse("articles:readyz"))
    assert response.status_code == 503
    body = response.json()
    assert body["queue"] == {"status": "down", "error": "ConnectionError", "backend": "redis"}
    assert url not in response.text
