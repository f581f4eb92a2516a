"""Tells newsroom/settings.py that it runs under test (NEWSROOM_TESTING=1).

pytest-django imports the settings while pytest loads its first conftest.py files, too late for
tests/conftest.py to say so: this plugin is loaded earlier, by `-p tests.helpers.testing` in
pyproject.toml's addopts, and the parallel workers (pytest-xdist) load it too. Servers the
tests start in other processes leave NEWSROOM_* out of their environment, so they run as in
production.
"""

import os

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config):
    os.environ["NEWSROOM_TESTING"] = "1"
