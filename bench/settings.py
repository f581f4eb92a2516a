"""`make bench` only: the project's settings, served through the bench's URLconf (bench/urls.py),
which adds the baseline page. The project itself never imports the bench."""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
