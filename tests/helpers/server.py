"""The site served by gunicorn in its own process on 127.0.0.1, as in production (DEBUG off),
on a database the test can break and mend (issue 7: faults and load).

On SQLite the server gets a file copy of the test database (the test database lives in
memory); on PostgreSQL it shares the test database, so use `transactional_db`.
"""

import http.cookiejar
import os
import secrets
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

from tests.helpers.html import form_data


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Site:
    url: str
    process: subprocess.Popen
    db_file: Path | None  # the SQLite copy, None on PostgreSQL

    def query(self, sql: str, params=()) -> list[tuple]:
        """Rows from the server's own database (read after the server wrote them)."""
        if self.db_file is not None:
            with sqlite3.connect(self.db_file) as db:
                return db.execute(sql, params).fetchall()
        with connection.cursor() as cursor:
            cursor.execute(sql.replace("?", "%s"), params)
            return cursor.fetchall()


def _database_url(folder: Path) -> tuple[str, Path | None]:
    if connection.vendor == "sqlite":
        folder.mkdir()
        db_file = folder / "site.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(db_file) as copy:
            connection.connection.backup(copy)
        return f"sqlite:///{db_file}", db_file
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}", None


SITE_APPLICATION = "newsroom-test-site"


@contextmanager
def running_site(tmp_path: Path, threads: int = 8):
    """Start gunicorn on a free port; stop it (and wait) on the way out."""
    database_url, db_file = _database_url(tmp_path / "db")
    port = free_port()
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "NEWSROOM_"))
        and name not in ("DATABASE_URL", "REDIS_URL")
    }
    # The test's own key, so sessions it signs in are valid there; production refuses the
    # development key, so a test that needs sessions sets a real one first.
    key = settings.SECRET_KEY
    env |= {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50)
        if key.startswith("django-insecure-")
        else key,
        "DATABASE_URL": database_url,
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DJANGO_LOG_LEVEL": "CRITICAL",  # the expected database errors would flood the output
        # A cache of its own (issue 6): the content version must not be another site's.
        "NEWSROOM_CACHE_DIR": str(tmp_path / "cache"),
        # Its PostgreSQL connections carry this name (libpq's PGAPPNAME), so a test can cut
        # them and no one else's.
        "PGAPPNAME": SITE_APPLICATION,
    }
    command = [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", "1", "--threads", str(threads), "--timeout", "60"]
    process = subprocess.Popen(
        command,
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    site = Site(f"http://127.0.0.1:{port}", process, db_file)
    try:
        _wait_until_up(site)
        yield site
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(site: Site, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if site.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {site.process.returncode}")
        try:
            urllib.request.urlopen(f"{site.url}/robots.txt", timeout=2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the site did not answer within {seconds} s")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 3xx comes back as the answer, for the test to read


class Visitor:
    """A browser-like HTTP client with its own cookies; redirects are not followed."""

    def __init__(self, site: Site, session: str | None = None):
        self.site = site
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect
        )
        if session:
            self.cookies.set_cookie(_cookie(settings.SESSION_COOKIE_NAME, session))

    def get(self, path: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(self.site.url + path))

    def post(self, path: str, data: dict) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        return self._open(urllib.request.Request(self.site.url + path, data=body))

    def form(self, path: str, form_id: str) -> dict:
        """The form on a page as its Save button would send it, CSRF token included."""
        status, html = self.get(path)
        assert status == 200, (path, status)
        return form_data(html, form_id)

    def _open(self, request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")


def _cookie(name: str, value: str) -> http.cookiejar.Cookie:
    return http.cookiejar.Cookie(
        0, name, value, None, False, "127.0.0.1", False, False, "/", True, False, None, True,
        None, None, {},
    )  # fmt: skip
