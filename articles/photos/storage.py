"""Where photo files live: private originals for editors, public renditions for readers.

Both go through Django's storage API (`STORAGES["originals"]` and `STORAGES["default"]`), so the
same code runs on local disk and on an S3-compatible object store set up with django-storages.
On local disk, neither leaves half a file behind when a write fails (issue 7).
"""

import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify


class MediaStorage(FileSystemStorage):
    """Django's file-system storage, minus the half-written file when a write fails.

    FileSystemStorage creates the file, then writes the upload chunk by chunk; a full disk or a
    failing volume stops it midway and leaves the partial file, which no row points to. This
    removes it before the error goes on (the admin then reports it and saves nothing). Object
    stores need no such care: an upload that fails there leaves no object.
    """

    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except OSError:
            # The name was free when the write began (get_available_name), so the file is ours.
            if self.exists(name):
                self.delete(name)
            raise


class PrivateFileSystemStorage(MediaStorage):
    """Local storage for photo originals, outside MEDIA_ROOT so no web server publishes them.

    Files sit in `settings.PRIVATE_MEDIA_ROOT`; their URLs start at `settings.PRIVATE_MEDIA_URL`,
    where the photo admin serves them to staff. The storage knows the URL, not who answers it.
    Django has no storage that reads its folder and URL from settings other than MEDIA_ROOT and
    MEDIA_URL (and follows them when tests change them), hence this small subclass.
    """

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @cached_property
    def base_url(self):
        url = self._value_or_setting(self._base_url, settings.PRIVATE_MEDIA_URL)
        return url if url.endswith("/") else f"{url}/"

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)
        elif setting == "PRIVATE_MEDIA_URL":
            self.__dict__.pop("base_url", None)


def originals_storage():
    """The storage of uploaded originals (a callable, so migrations do not freeze the backend)."""
    return storages["originals"]


EXTENSIONS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


def original_upload_to(instance, filename):
    """`originals/2026/11/harbour-at-dawn-3f9a1c2e.jpg`: the extension follows the content."""
    stem = slugify(filename.rsplit(".", 1)[0])[:60] or "photo"
    extension = EXTENSIONS.get(instance.file_format, "bin")
    return f"originals/{timezone.now():%Y/%m}/{stem}-{secrets.token_hex(4)}.{extension}"
