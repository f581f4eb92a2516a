"""Admin forms posted as a browser posts them, shared by tests of several folders."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse


def upload_photo(admin_client, name, content, content_type="image/jpeg", **fields):
    """POST the photo add form as a browser does (multipart), with a real file."""
    data = {
        "image": SimpleUploadedFile(name, content, content_type=content_type),
        "alt_text": "Cranes on the container quay",
        "caption": "The new cranes arrived on Monday.",
        "credit": "Harbour Press/J. Okafor",
        "focal_x": "0.5",
        "focal_y": "0.5",
        "wide_box": "",
        "square_box": "",
        "social_box": "",
    }
    return admin_client.post(reverse("admin:articles_captionedimage_add"), data | fields)
