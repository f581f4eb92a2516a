"""Faults (issue 7): the database going away, a storage failing mid-upload, many readers and
editors at once. The site answers each calmly and loses nothing."""

import errno
import random
import re
import secrets
import threading
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from articles.models import Author, CaptionedImage, Category
from articles.photos.storage import MediaStorage
from tests.helpers.photos import jpeg_bytes
from tests.helpers.server import SITE_APPLICATION, Visitor, running_site

# -- The database goes away and comes back -------------------------------------------------


@contextmanager
def database_down(site):
    """Make the server's database unreachable, as an outage would, then bring it back.

    SQLite: the database's folder disappears. PostgreSQL: the database refuses new connections
    and the server's open ones are cut.
    """
    if site.db_file is not None:
        folder = site.db_file.parent
        folder.rename(folder.with_name("db-away"))
        try:
            yield
        finally:
            folder.with_name("db-away").rename(folder)
        return
    name = connection.settings_dict["NAME"]
    own = connection.connection.info.backend_pid
    with psycopg.connect(
        host=connection.settings_dict["HOST"] or "127.0.0.1",
        port=connection.settings_dict["PORT"] or 5432,
        user=connection.settings_dict["USER"],
        dbname="postgres",
        autocommit=True,
    ) as admin:
        admin.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false')
        admin.execute(  # the site's connections only (helpers/server.py names them)
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> %s AND application_name = %s",
            [name, own, SITE_APPLICATION],
        )
        try:
            yield
        finally:
            admin.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true')


def test_database_down_reader_pages_answer_503_and_recover(
    transactional_db, django_db_serialized_rollback, tmp_path, make_article
):
    story = make_article(tags=["Ferries"])
    pages = ["/", story.get_absolute_url(), "/latest/", "/category/news/", "/search/?q=harbour"]
    unseen = ["/tag/ferries/", "/author/author-0/", "/search/?q=ferry"]
    with running_site(tmp_path) as site:
        reader = Visitor(site)
        assert [reader.get(page)[0] for page in pages] == [200] * len(pages)
        with database_down(site):
            for page in unseen:
                status, html = reader.get(page)
                assert status == 503, page
                assert "We’ll be back in a moment" in html
                assert "Traceback" not in html and "Error" not in html
            # Pages read before the outage are still in the page cache (issue 6).
            for page in pages:
                status, html = reader.get(page)
                assert status == 200, page
                assert story.headline in html
        # Back without a restart: the same server process answers normally again.
        assert [reader.get(page)[0] for page in pages + unseen] == [200] * len(pages + unseen)
        assert site.process.poll() is None


def test_database_down_unknown_address_answers_503_not_500(
    transactional_db, django_db_serialized_rollback, tmp_path, make_article
):
    """The 404 page looks the address up among imported posts' old permalinks: with the
    database away that is a 503 like every other page, and a 404 again once it is back."""
    make_article()
    unknown = ["/no-such-page/", "/archives/123/", "/a/b/c/", "/tag/ferries/feed/atom/x"]
    with running_site(tmp_path) as site:
        reader = Visitor(site)
        with database_down(site):
            for page in unknown:
                status, html = reader.get(page)
                assert status == 503, page
                assert "We’ll be back in a moment" in html
        assert [reader.get(page)[0] for page in unknown] == [404] * len(unknown)


# -- Storage fails during an upload -------------------------------------------------------------


_media_save = MediaStorage._save


class FullDiskStorage(MediaStorage):
    """The site's media storage on a disk that fills up halfway through every upload."""

    def _save(self, name, content):
        return _media_save(self, name, _HalfThenFull(content))


class _HalfThenFull:
    def __init__(self, content):
        self.content = content

    def chunks(self, chunk_size=None):
        data = self.content.read()
        yield data[: len(data) // 2]
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def full_disk(settings, monkeypatch):
    """The disk under every media storage, photo originals and renditions, fills up halfway
    through each write; the folders of both are returned."""
    monkeypatch.setattr(MediaStorage, "_save", FullDiskStorage._save)
    return [Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)]


def stored_files(*roots: Path) -> list[Path]:
    return [path for root in roots if root.exists() for path in root.rglob("*") if path.is_file()]


def test_storage_failure_during_a_photo_upload_saves_nothing_and_says_so(admin_client, full_disk):
    url = reverse("admin:articles_captionedimage_add")
    upload = SimpleUploadedFile("quay.jpg", jpeg_bytes(640, 360), content_type="image/jpeg")
    data = {"image": upload, "alt_text": "Cranes on the quay", "caption": "", "credit": ""}
    response = admin_client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "The upload could not be stored (No space left on device)" in response.text
    assert "nothing was saved" in response.text
    assert not CaptionedImage.objects.exists()
    assert stored_files(*full_disk) == []  # not even the half-written file


def test_storage_failure_during_an_author_save_keeps_no_half_record(admin_client, full_disk):
    upload = SimpleUploadedFile("face.jpg", jpeg_bytes(96, 96), content_type="image/jpeg")
    data = {"name": "Ines Harrow", "slug": "ines-harrow", "photo": upload, "title": "", "bio": ""}
    response = admin_client.post(reverse("admin:articles_author_add"), data, follow=True)
    assert "The upload could not be stored" in response.text
    assert not Author.objects.exists()
    assert stored_files(*full_disk) == []


def test_media_storage_removes_a_half_written_file(tmp_path):
    storage = FullDiskStorage(location=tmp_path)
    with pytest.raises(OSError):
        storage.save("photo.jpg", SimpleUploadedFile("photo.jpg", jpeg_bytes()))
    assert stored_files(tmp_path) == []


# -- Readers and editors at once --------------------------------------------------------------

READS_PER_READER, READERS = 50, 4  # 200 page views
SAVES_PER_EDITOR, EDITORS = 10, 4  # 40 saves: each editor edits a story and adds new ones


def test_load_readers_and_editors_at_once_no_5xx_and_no_lost_save(
    transactional_db, django_db_serialized_rollback, tmp_path, settings, make_article
):
    settings.SECRET_KEY = secrets.token_urlsafe(50)  # shared with the server: sessions hold
    section = Category.objects.create(name="Harbour", slug="harbour")
    stories = [make_article(category=section, tags=["Ferries"]) for _ in range(8)]
    editors = []
    for n, story in enumerate(stories[:EDITORS]):
        user = User.objects.create_superuser(f"editor{n}", f"e{n}@example.com", "x")
        client = Client()
        client.force_login(user)
        editors.append((client.cookies["sessionid"].value, story, story.bylines.get().author))
    reader_urls = ["/", "/latest/", "/category/harbour/", "/tag/ferries/", "/search/?q=harbour"]
    reader_urls += [story.get_absolute_url() for story in stories]

    with running_site(tmp_path, threads=8) as site:
        statuses, errors, saved = [], [], {}
        lock = threading.Lock()

        def read(seed):
            visitor, rng = Visitor(site), random.Random(seed)
            for _ in range(READS_PER_READER):
                try:
                    status, _ = visitor.get(rng.choice(reader_urls))
                except OSError as error:  # a refused or dropped connection counts too
                    status = f"{type(error).__name__}: {error}"
                with lock:
                    statuses.append(status)

        def edit(n, session, story, author):
            editor = Visitor(site, session)
            change = reverse("admin:articles_article_change", args=[story.pk])
            add = reverse("admin:articles_article_add")
            for i in range(SAVES_PER_EDITOR):
                adding = i % 2 == 1
                headline = f"Editor {n} save {i}"
                try:
                    # The form as the editor's browser got it, with the edits typed in.
                    url = add if adding else change
                    form = editor.form(url, "article_form") | {"headline": headline}
                    if adding:
                        form |= {"slug": f"editor-{n}-story-{i}", "category": section.pk}
                        form |= {"bylines-0-author": author.pk}
                    status, html = editor.post(url, form)
                except (OSError, AssertionError) as error:
                    status, html = f"{type(error).__name__}: {error}", ""
                with lock:
                    statuses.append(status)
                    if status == 302:
                        saved.setdefault(n, []).append(headline)
                    else:
                        problems = re.findall(r'class="errorlist[^"]*"[^>]*><li>(.*?)</li>', html)
                        errors.append((n, i, status, problems or html[:300]))

        threads = [threading.Thread(target=read, args=(seed,)) for seed in range(READERS)]
        threads += [threading.Thread(target=edit, args=(n, *e)) for n, e in enumerate(editors)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

        assert not any(thread.is_alive() for thread in threads)
        assert errors == []
        assert len(statuses) == READS_PER_READER * READERS + SAVES_PER_EDITOR * EDITORS
        assert set(statuses) <= {200, 302}, sorted(set(map(str, statuses)))
        # No lost save: every edited story holds its editor's last save, every added one exists.
        for n, (_, story, _) in enumerate(editors):
            (headline,) = site.query(
                "SELECT headline FROM articles_article WHERE id = ?", [story.pk]
            )[0]
            assert headline == f"Editor {n} save {SAVES_PER_EDITOR - 2}"
            added = site.query(
                "SELECT COUNT(*) FROM articles_article WHERE slug LIKE ?", [f"editor-{n}-story-%"]
            )
            assert added == [(SAVES_PER_EDITOR // 2,)]
            bylines = site.query(
                "SELECT COUNT(*) FROM articles_byline WHERE article_id = ?", [story.pk]
            )
            assert bylines == [(1,)]
