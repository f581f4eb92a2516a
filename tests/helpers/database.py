"""Test helpers that act on the whole test database."""

from importlib import import_module

from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader


def empty_database():
    """What `migrate` leaves in a new database: no content, only the role groups."""
    call_command("flush", interactive=False, verbosity=0)
    # With the migrations' own registry, as `migrate` runs it: make_groups() marks each app of
    # the registry it is given as having no models module, which in the real one made every
    # later dumpdata in the process (a second backup) write nothing.
    migrated = MigrationLoader(connection).project_state().apps
    import_module("articles.migrations.0006_workflow_groups").make_groups(migrated, None)
