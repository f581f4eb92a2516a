import functools
import io
import os
import threading
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread
from django.utils import timezone
from PIL import Image
from playwright.sync_api import sync_playwright

from articles.models import Article, Author, Byline, CaptionedImage, Category


@pytest.fixture(scope="session", autouse=True)
def _collected_static(django_test_environment):
    """Pages render through whitenoise's manifest storage, as in production: collect first."""
    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):  # noqa: F811 (pytest-django's settings fixture)
    """Every test writes uploads (and the private photo originals) to its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


def jpeg_bytes(width=320, height=180, color=(40, 90, 160)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(): ...` lets what the block writes commit, as far as the code can tell:
    the on-commit work it queued (search index, CDN purge, file deletions) runs at the end of
    the block. Tests run in a transaction that is rolled back, where nothing commits."""
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def make_image(db, committed):
    def make(image_bytes=None, **fields):
        fields.setdefault("alt_text", "Boats moored in the harbour at dawn")
        fields.setdefault("caption", "Fishing boats wait for the tide.")
        fields.setdefault("credit", "Harbour Press/A. Lindqvist")
        upload = SimpleUploadedFile("photo.jpg", image_bytes or jpeg_bytes(), "image/jpeg")
        with committed():  # as a photo the newsroom saved earlier: cached pages know of it
            return CaptionedImage.objects.create(image=upload, **fields)

    return make


@pytest.fixture
def make_author(db):
    def make(**fields):
        n = Author.objects.count()
        fields.setdefault("name", f"Author {n}")
        fields.setdefault("slug", f"author-{n}")
        return Author.objects.create(**fields)

    return make


@pytest.fixture
def make_article(db, make_author, committed):
    """A story as the newsroom saved it earlier, committed: in the search index, purged."""

    def make(authors=None, tags=(), **fields):
        n = Article.objects.count()
        if "category" not in fields:
            fields["category"] = Category.objects.get_or_create(slug="news", name="News")[0]
        fields.setdefault("headline", f"Headline {n}")
        fields.setdefault("slug", f"headline-{n}")
        fields.setdefault("standfirst", f"Standfirst {n}")
        fields.setdefault("body", "<p>Some words about the harbour.</p>")
        fields.setdefault("status", Article.Status.PUBLISHED)
        fields.setdefault("published_at", timezone.now() - timezone.timedelta(minutes=n + 1))
        authors = authors or [make_author()]
        with committed():
            article = Article.objects.create(**fields)
            for position, author in enumerate(authors):
                Byline.objects.create(article=article, author=author, position=position)
            if tags:
                article.tags.add(*tags)
        return article

    return make


# Issue #3, the editorial workflow: a movable clock and newsroom staff in their roles.


@pytest.fixture
def clock(time_machine):
    """Time stopped for the whole process (time-machine): `clock.now` reads it, `clock.now = t`
    or `clock.advance(hours=1)` moves it. Code under test just calls `timezone.now()`."""

    class Clock:
        @property
        def now(self):
            return timezone.now()

        @now.setter
        def now(self, moment):
            time_machine.move_to(moment, tick=False)

        def advance(self, **delta):
            time_machine.shift(timezone.timedelta(**delta))

    time_machine.move_to(timezone.now().replace(microsecond=0), tick=False)
    return Clock()


@pytest.fixture
def make_user(db, make_author):
    """A staff account in one of the groups the migrations create (Writer, Editor, Admin),
    with an author profile unless `author=False`. Log it in with `client.force_login(user)`."""

    def make(role, username=None, author=True, password=None):
        username = username or {"Admin": "chief"}.get(role, role.lower())
        # No password unless a test logs in through the form: hashing one is slow on purpose.
        user = User.objects.create_user(username, password=password, is_staff=True)
        user.first_name, user.last_name = username.capitalize(), "Tester"
        user.save()
        user.groups.add(Group.objects.get(name=role))
        if author:
            make_author(name=f"{user.first_name} Tester", slug=username, user=user)
        return user

    return make


CHROMIUM = Path("/usr/bin/chromium")
# The dead proxy keeps the browser off the internet; Chromium never proxies localhost.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--proxy-server=http://127.0.0.1:9",
]


class OneRequestAtATime(ThreadedWSGIServer):
    """The live server: a thread per connection, as Django's, but one request at a time.

    On SQLite the live server's threads share the test's in-memory database connection, and a
    browser asks for several things at once (a page, an autocomplete, a photo): two queries
    interleaved on one sqlite3 connection fail with "bad parameter or other API misuse".
    """

    lock = threading.Lock()

    def set_app(self, application):
        def serial(environ, start_response):
            with self.lock:
                return list(application(environ, start_response))

        super().set_app(serial)


LiveServerThread.server_class = OneRequestAtATime


@pytest.fixture
def browser(transactional_db, django_db_serialized_rollback, live_server, monkeypatch, settings):
    """Debian's Chromium, driven by Playwright, against the live server (skips without it).

    serialized_rollback: rows made by data migrations (the role groups) survive the test's
    flush, and no other test finds them missing or duplicated.
    """
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium package to run this test"
        if os.environ.get("NEWSROOM_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    # Playwright's sync API runs an asyncio event loop in this thread while the browser is open,
    # and Django refuses any ORM call made then with SynchronousOnlyOperation. Such calls really
    # are synchronous (the loop is idle while they run), so allow them for this fixture's span.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    # The live server serves /static/ from the source folders (staticfiles finders), which do not
    # know the hashed names of the production manifest storage: use plain names here.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
        # Close the connections this test's queries opened: one left open makes PostgreSQL
        # refuse to drop the test database at the end of the run.
        connections.close_all()


def signed_in(browser, live_server, user):
    """A browser context whose session is signed in as `user` (no login form, no lockout)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    context = browser.new_context()
    session = client.cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    return context


@pytest.fixture(autouse=True)
def _fresh_content_types(request):
    """Django caches content type ids per process. A test on a flushed database (the backup
    tests empty it) may cache ids that the rows put back after it no longer have: forget them
    once it is torn down. (Set up first, this fixture is torn down after the database.)"""
    yield
    if "transactional_db" in request.fixturenames:
        ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Tests share one process and its cache, but each has its own database: start empty."""
    cache.clear()
    yield
    cache.clear()
