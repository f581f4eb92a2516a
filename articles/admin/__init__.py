"""The newsroom admin, one module per concept; importing them registers every ModelAdmin.

Django's autodiscover imports `articles.admin`, so this package imports its modules: stories
(the story form and list), desk (filters, workflow actions, revisions, preview links),
photos (the media library), people (authors), filing (sections and tags), accounts (users:
no way up past one's own role) and tasks (the background queue's waiting and failed tasks,
issue 15); the content API's keys have their admin beside the API (articles/api/admin.py).
"""

from ..api import admin as api_admin  # noqa: F401
from . import accounts, filing, people, photos, stories, tasks  # noqa: F401
