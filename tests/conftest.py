import fcntl
import functools
import os
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connections
from django.test import override_settings
from django.test.testcases import LiveServerThread
from django.utils import timezone
from playwright.sync_api import sync_playwright

from articles.models import Article, Author, Byline, CaptionedImage, Category
from tests.helpers.browser import CHROMIUM, CHROMIUM_ARGS, OneRequestAtATime
from tests.helpers.photos import jpeg_bytes

LiveServerThread.server_class = OneRequestAtATime


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items):
    """Browser tests run one at a time, on one worker (`make test` runs `--dist loadgroup`):
    each starts its own Chromium, the heaviest thing the suite runs."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group("browser"))
        _restore_migrated_data(item)


def _restore_migrated_data(item):
    """Every test that commits gets its database back by serialized rollback: the rows the
    migrations made (content types, permissions, the role groups) are loaded at its start.

    A transactional test ends with a flush. Without serialized rollback the flush makes content
    types and permissions again with new ids (post_migrate) but not the groups; a later test
    with serialized rollback then cannot load the originals over them (a duplicate key on
    PostgreSQL). Which tests follow which depends on how pytest-xdist shares them out, so all
    of them restore the same way."""
    marker = item.get_closest_marker("django_db")
    transactional = {"transactional_db", "live_server"} & set(item.fixturenames) or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if transactional and "django_db_serialized_rollback" not in item.fixturenames:
        kwargs = {**(marker.kwargs if marker else {}), "transaction": True}
        item.add_marker(pytest.mark.django_db(**kwargs, serialized_rollback=True), append=False)


@pytest.fixture(scope="session", autouse=True)
def _collected_static(django_test_environment, tmp_path_factory, worker_id):
    """Pages render through whitenoise's manifest storage, as in production: collect first.

    Once per run: parallel workers (pytest-xdist) share STATIC_ROOT, and the servers the tests
    start in other processes read it too, so the first worker collects while the others wait.
    """
    if worker_id == "master":
        call_command("collectstatic", interactive=False, verbosity=0)
        return
    run_folder = tmp_path_factory.getbasetemp().parent  # shared by this run's workers
    with open(run_folder / "collectstatic.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (run_folder / "collectstatic.done").exists():
            call_command("collectstatic", interactive=False, verbosity=0)
            (run_folder / "collectstatic.done").touch()


@pytest.fixture(scope="session", autouse=True)
def _cache_of_this_worker(worker_id):
    """Parallel workers share one Redis server (REDIS_URL): each gets a database of its own, so
    one worker's `cache.clear()` (a FLUSHDB) cannot empty another's cache mid-test (a CI flake:
    a page stored by one worker vanished between its two requests), and keys of its own."""
    caches = {name: {**cache_settings} for name, cache_settings in django_settings.CACHES.items()}
    caches["default"]["KEY_PREFIX"] = f"test-{worker_id}"
    location = caches["default"].get("LOCATION")
    if worker_id.startswith("gw") and isinstance(location, str) and location.startswith("redis"):
        url = urlsplit(location)
        database = (int(url.path.strip("/") or 0) - int(worker_id[2:])) % 16
        caches["default"]["LOCATION"] = url._replace(path=f"/{database}").geturl()
    with override_settings(CACHES=caches):
        yield


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test writes uploads (and the private photo originals) to its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


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
            photo = CaptionedImage.objects.create(image=upload, **fields)
        photo.refresh_from_db()  # with the renditions its task made after the commit (issue 15)
        photo.__dict__.pop("pictures", None)
        return photo

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


def _clear_cache():
    if hasattr(cache, "delete_pattern"):  # django-redis: this worker's keys only, not the database
        cache.delete_pattern("*")
    else:
        cache.clear()


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
    _clear_cache()
    yield
    _clear_cache()
