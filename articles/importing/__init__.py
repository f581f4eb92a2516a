"""Importing a WordPress site (issue 16): `manage.py import_wordpress EXPORT.xml`.

wxr.py reads the export as a stream, content.py turns post content into a story body,
photos.py brings in attachments as photos, importer.py puts it together, and views.py answers
the old WordPress addresses with a 301 to the stories.
"""
