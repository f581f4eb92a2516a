"""Import shim: migration 0007 names `articles.storage`; the code lives in articles/photos/."""

from .photos.storage import original_upload_to, originals_storage  # noqa: F401
