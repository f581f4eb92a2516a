"""Media storage that never leaves half a file behind (issue 7)."""

from django.core.files.storage import FileSystemStorage


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
