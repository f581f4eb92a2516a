"""The newsroom admin, one module per concept; importing them registers every ModelAdmin.

Django's autodiscover imports `articles.admin`, so this package imports its modules: stories
(the story form and list), desk (filters, workflow actions, revisions, preview links),
photos (the media library), people (authors) and filing (sections and tags).
"""

from . import filing, people, photos, stories  # noqa: F401
