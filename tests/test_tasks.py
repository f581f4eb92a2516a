"""Issue 15: background work enqueued on commit (articles/tasks.py), as editors and readers see
it. Most tests keep the tasks in the database queue (django-tasks-db) so they can look at what
is waiting, then run a task the way a worker does (`Task.call`); the suite's default runs them
inline. tests/test_task_worker.py runs real worker processes.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from articles.models import Article, CaptionedImage
from articles.tasks import MAX_ATTEMPTS, make_renditions
from tests.helpers import photos

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PURGES = []  # what the recording CDN hook below was given, call by call
FAILURES_LEFT = []


def recording_purge(tags):
    """A CDN purge hook that records its calls, and fails while FAILURES_LEFT says so."""
    PURGES.append(sorted(tags))
    if FAILURES_LEFT:
        FAILURES_LEFT.pop()
        raise ConnectionError("the CDN answered 503")


@pytest.fixture
def queue(db, settings):
    """Tasks wait in the database queue instead of running inline."""
    settings.TASKS = DATABASE_QUEUE
    return DBTaskResult.objects


@pytest.fixture
def cdn(settings):
    settings.CDN_PURGE = "tests.test_tasks.recording_purge"
    PURGES.clear()
    FAILURES_LEFT.clear()
    return PURGES


def upload(name="quay.jpg"):
    return SimpleUploadedFile(name, photos.photo_bytes(width=800, height=600), "image/jpeg")


def waiting(queue, name):
    return list(queue.filter(task_path=f"articles.tasks.{name}", status="READY"))


def media_files(settings):
    return sorted(p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file())


# Renditions leave the save -----------------------------------------------------------------


def test_saving_a_photo_enqueues_its_renditions_on_commit(queue, committed, settings):
    with committed():
        photo = CaptionedImage.objects.create(image=upload(), alt_text="Boats at dawn")
        assert not waiting(queue, "make_renditions")  # not before the commit
    [task] = waiting(queue, "make_renditions")
    assert task.args_kwargs == {"args": [photo.pk], "kwargs": {}}
    assert media_files(settings) == []  # the save made no rendition
    photo.refresh_from_db()
    assert photo.renditions_status == "pending" and photo.renditions == {}


def test_a_rolled_back_photo_save_enqueues_nothing_and_leaves_no_rendition(
    queue, committed, settings
):
    with committed():
        with pytest.raises(RuntimeError), transaction.atomic():
            CaptionedImage.objects.create(image=upload(), alt_text="Boats at dawn")
            raise RuntimeError("the story form failed after the photo was saved")
    assert not queue.exists()
    assert not CaptionedImage.objects.exists()
    assert not (settings.MEDIA_ROOT / "photos").exists()


def test_reader_story_shows_no_lead_photo_until_its_renditions_are_ready(
    queue, committed, make_article, client
):
    with committed():
        photo = CaptionedImage.objects.create(
            image=upload(), alt_text="Boats at dawn", caption="The fleet waits for the tide."
        )
    story = make_article(lead_image=photo)
    page = client.get(story.get_absolute_url()).text
    assert "<figure" not in page and "/media/photos/" not in page
    assert "<figcaption" not in page  # no caption without its photo

    [task] = waiting(queue, "make_renditions")
    make_renditions.call(*task.args_kwargs["args"])  # what the worker does
    page = client.get(story.get_absolute_url()).text
    assert "<figure" in page and f"/media/photos/{photo.pk}/" in page
    assert "The fleet waits for the tide." in page


def test_new_file_takes_the_old_renditions_off_readers_pages_until_remade(
    make_image, committed, make_article, client, settings
):
    photo = make_image()  # saved earlier, with renditions made
    story = make_article(lead_image=photo)
    settings.TASKS = DATABASE_QUEUE
    queue = DBTaskResult.objects
    old_files = media_files(settings)
    assert old_files and f"/media/photos/{photo.pk}/" in client.get(story.get_absolute_url()).text
    with committed():
        photo.image = upload("another.jpg")
        photo.save()
    page = client.get(story.get_absolute_url()).text
    assert f"/media/photos/{photo.pk}/" not in page  # never the old photo, never a broken one
    assert media_files(settings) == []  # the old renditions went after the commit
    [task] = waiting(queue, "make_renditions")
    make_renditions.call(photo.pk)
    assert f"/media/photos/{photo.pk}/" in client.get(story.get_absolute_url()).text


def test_renditions_task_is_safe_to_run_twice(make_image, settings):
    photo = make_image()
    files = media_files(settings)
    make_renditions.call(photo.pk)
    make_renditions.call(photo.pk)
    photo.refresh_from_db()
    assert media_files(settings) == files and photo.renditions_status == "ready"


def test_renditions_of_a_deleted_photo_are_not_made(queue, committed, settings):
    with committed():
        photo = CaptionedImage.objects.create(image=upload(), alt_text="Boats at dawn")
    pk = photo.pk
    with committed():
        photo.delete()
    assert make_renditions.call(pk)["gone"] is True
    assert not (settings.MEDIA_ROOT / "photos").exists()


def test_renditions_that_keep_failing_are_marked_failed_after_the_last_retry(
    queue, committed, settings
):
    with committed():
        photo = CaptionedImage.objects.create(image=upload(), alt_text="Boats at dawn")
    (settings.PRIVATE_MEDIA_ROOT / photo.image.name).unlink()  # the original is gone
    with pytest.raises(FileNotFoundError):
        make_renditions.call(photo.pk)
    [retry] = [t for t in waiting(queue, "make_renditions") if t.args_kwargs["kwargs"]]
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert timezone.now() < retry.run_after < get_date_max()  # later, with a backoff
    photo.refresh_from_db()
    assert photo.renditions_status == "pending"  # still trying
    with pytest.raises(FileNotFoundError):
        make_renditions.call(photo.pk, attempt=MAX_ATTEMPTS)
    photo.refresh_from_db()
    assert photo.renditions_status == "failed"
    assert "FileNotFoundError" in photo.renditions_error


def test_photo_admin_shows_the_renditions_state(admin_client, queue, committed, settings):
    with committed():
        photo = CaptionedImage.objects.create(image=upload(), alt_text="Boats at dawn")
    change = reverse("admin:articles_captionedimage_change", args=[photo.pk])
    assert "Pending" in admin_client.get(change).text
    make_renditions.call(photo.pk)
    assert "Ready" in admin_client.get(change).text
    CaptionedImage.objects.filter(pk=photo.pk).update(
        renditions_status="failed", renditions_error="OSError: disk full"
    )
    text = admin_client.get(change).text
    assert "Failed" in text and "OSError: disk full" in text
    listing = admin_client.get(reverse("admin:articles_captionedimage_changelist")).text
    assert "failed" in listing


def test_photo_page_asks_for_the_renditions_state_while_it_is_pending(
    admin_client, client, queue, committed, make_user
):
    with committed():
        photo = CaptionedImage.objects.create(image=upload(), alt_text="Boats at dawn")
    page = admin_client.get(reverse("admin:articles_captionedimage_change", args=[photo.pk]))
    state_url = reverse("admin:articles_captionedimage_renditions", args=[photo.pk])
    assert f'data-renditions-url="{state_url}"' in page.text
    assert 'data-renditions-state="pending"' in page.text

    pending = admin_client.get(state_url)
    assert "no-store" in pending["Cache-Control"]
    assert pending.json()["state"] == "pending"
    make_renditions.call(photo.pk)
    ready = admin_client.get(state_url).json()
    assert ready["state"] == "ready"
    assert "Ready" in ready["parts"]["rendition_state"]
    assert ready["parts"]["crop_previews"].count("<img") == 3
    assert "files (" in ready["parts"]["rendition_summary"]

    assert client.get(state_url).status_code == 302  # signed out: to the sign-in page
    missing = reverse("admin:articles_captionedimage_renditions", args=[photo.pk + 1000])
    assert admin_client.get(missing).status_code == 404


# The CDN purge -----------------------------------------------------------------------------


def test_cdn_purge_is_one_call_per_transaction_with_every_tag_once(
    cdn, make_article, make_image, committed
):
    story = make_article()
    photo = make_image()
    cdn.clear()
    with committed():
        story.headline = "Ferry timetable changes"
        story.save()
        story.standfirst = "From Monday"
        story.save()
        photo.caption = "New caption"
        photo.save()
    assert len(cdn) == 1
    [tags] = cdn
    assert tags == sorted(set(tags))
    assert {f"story-{story.pk}", f"photo-{photo.pk}"} <= set(tags)


def test_cdn_purge_is_retried_when_the_cdn_fails(cdn, make_article, committed, queue):
    story = make_article()
    cdn.clear()
    queue.all().delete()  # the purge of the story's first save
    FAILURES_LEFT.append(1)
    with committed():
        story.headline = "Ferry timetable changes"
        story.save()
    assert not cdn  # after the commit, by a task: none has run yet
    [task] = waiting(queue, "purge_cdn")
    from articles.tasks import purge_cdn

    with pytest.raises(ConnectionError):
        purge_cdn.call(*task.args_kwargs["args"])
    [retry] = [t for t in waiting(queue, "purge_cdn") if t.args_kwargs["kwargs"]]
    assert retry.args_kwargs == {"args": task.args_kwargs["args"], "kwargs": {"attempt": 2}}
    purge_cdn.call(*retry.args_kwargs["args"], **retry.args_kwargs["kwargs"])
    assert cdn[0] == cdn[1] and f"story-{story.pk}" in cdn[1]


def test_a_failing_cdn_never_fails_the_editors_save(cdn, make_article, committed):
    story = make_article()
    FAILURES_LEFT.extend([1] * MAX_ATTEMPTS)  # every attempt (inline here)
    with committed():
        story.headline = "Saved whatever the CDN says"
        story.save()
    assert Article.objects.get(pk=story.pk).headline == "Saved whatever the CDN says"
    assert len(cdn) - 1 == MAX_ATTEMPTS  # the first make_article purge, then every attempt


# Failed and waiting tasks in the admin -----------------------------------------------------


@pytest.fixture
def failed_purge(queue, cdn, make_article, committed):
    story = make_article()
    queue.all().delete()  # the purge of the story's first save
    with committed():
        story.headline = "A purge that will fail"
        story.save()
    [task] = waiting(queue, "purge_cdn")
    task.set_failed(ConnectionError("the CDN answered 503"))
    return task


def test_admin_lists_failed_tasks_with_their_error(failed_purge, make_user, client):
    client.force_login(make_user("Admin"))
    changelist = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    text = client.get(changelist + "?state=attention").text
    assert "Purge the CDN" in text
    assert "ConnectionError: the CDN answered 503" in text
    assert f"1 of {MAX_ATTEMPTS}" in text


def test_admin_retries_one_failed_task(failed_purge, make_user, client, queue):
    client.force_login(make_user("Admin"))
    changelist = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    response = client.post(
        changelist, {"action": "retry", "_selected_action": [str(failed_purge.pk)]}, follow=True
    )
    assert "Enqueued 1 task(s) again." in response.text
    [again] = waiting(queue, "purge_cdn")
    assert again.args_kwargs["args"] == failed_purge.args_kwargs["args"]
    assert again.args_kwargs["kwargs"] == {"attempt": 1}


def test_editors_do_not_see_the_task_queue(failed_purge, make_user, client):
    client.force_login(make_user("Editor"))
    changelist = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    assert client.get(changelist).status_code == 403


# The search index of a big rename ----------------------------------------------------------


def test_renaming_an_author_of_many_stories_refreshes_search_in_tasks(
    make_author, make_article, committed, queue, client, monkeypatch
):
    from articles import tasks

    monkeypatch.setattr(tasks, "SEARCH_INLINE_LIMIT", 2)
    monkeypatch.setattr(tasks, "SEARCH_CHUNK", 2)
    author = make_author(name="Ingrid Vasquez", slug="ingrid")
    for n in range(3):
        make_article(headline=f"Harbour story {n}", authors=[author])
    queue.all().delete()
    with committed():
        author.name = "Ingrid Okonkwo"
        author.save()  # saved without refreshing three stories' index
    search = reverse("articles:search")
    assert "Harbour story" not in client.get(search, {"q": "Okonkwo"}).text
    chunks = waiting(queue, "refresh_search")
    assert sorted(len(task.args_kwargs["args"][0]) for task in chunks) == [1, 2]
    for task in chunks:
        tasks.refresh_search.call(*task.args_kwargs["args"])
    found = client.get(search, {"q": "Okonkwo"}).text
    assert all(f"Harbour story {n}" in found for n in range(3))


def test_make_renditions_enqueue_queues_only_the_photos_that_need_them(
    make_image, queue, committed, capsys
):
    from django.core.management import call_command

    ready = make_image()
    CaptionedImage.objects.filter(pk=ready.pk).update(renditions={})
    queue.all().delete()
    call_command("make_renditions", "--enqueue")
    out = capsys.readouterr().out
    assert f"#{ready.pk}: queued" in out
    assert "1 photos: 1 queued for the workers, 0 up to date." in out
    assert [t.args_kwargs["args"] for t in waiting(queue, "make_renditions")] == [[ready.pk]]


def test_rebuild_search_index_enqueue_queues_chunks_with_progress(
    make_article, queue, capsys, monkeypatch
):
    from django.core.management import call_command

    from articles import tasks

    monkeypatch.setattr(tasks, "SEARCH_CHUNK", 2)
    for _ in range(3):
        make_article()
    queue.all().delete()
    call_command("rebuild_search_index", "--enqueue")
    out = capsys.readouterr().out
    assert "[2/3] queued (1)" in out and "[3/3] queued (2)" in out
    assert "Queued 3 stories" in out
    assert len(waiting(queue, "refresh_search")) == 2
