"""Driving Debian's Chromium against the live server (the `browser` fixture in conftest.py)."""

import threading
from pathlib import Path

from django.core.servers.basehttp import ThreadedWSGIServer
from django.test import Client

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
                response = application(environ, start_response)
                try:
                    return list(response)
                finally:
                    # Ends the request as Django's server would (request_finished): the
                    # list handed back has no close() for the server to call.
                    response.close()

        super().set_app(serial)


def signed_in(browser, live_server, user):
    """A browser context whose session is signed in as `user` (no login form, no lockout)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context()
    session = client.cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    return context
