"""The read-only content API (issue 16): `/api/v1/`, described by `/api/v1/openapi.json`.

For apps, partners and a headless front end. Anonymous requests see exactly what the public
site shows (`Article.objects.published()`); an API key (made by Admins in the admin, stored
only as a digest) raises the rate limit, and a key with the preview scope may also read
unpublished stories, one by one, for a headless preview.

Modules: views (the django-ninja operations), schemas (their JSON shapes, which the OpenAPI
document is made from), payloads (stories, sections, authors and tags as those shapes),
cursor (the opaque, signed position in a story list), http (what wraps every operation: CORS,
keys, the rate limit, the page cache and 304s), urls, admin (the keys' ModelAdmin).
"""
