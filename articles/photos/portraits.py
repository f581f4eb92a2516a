"""Author photos (portraits) through the photo pipeline (issue 14).

An author's photo was served as uploaded, from MEDIA_ROOT: camera make, model and GPS position
included, and unchecked (a JPEG with a script appended was accepted). Now the upload is checked
as the photo library's are (photos/uploads.py: format from content, size and pixel limits,
hidden markup), the original is kept with the library's private originals, and readers get only
square renditions (photos/renditions.py: upright, sRGB, no metadata) at the thumbnail widths,
listed in `Author.photo_renditions` as a photo's are in `CaptionedImage.renditions`.
"""

import hashlib
import json

from django.core.exceptions import ValidationError
from PIL import Image

from .pictures import file_names, rendition_storage
from .renditions import (
    CROPS,
    SPEC_VERSION,
    crop_box,
    delete_after_commit,
    output_formats,
    render,
    upright_size,
)

CROP = "square"


def portrait_key(author) -> str:
    spec = [SPEC_VERSION, author.photo.name, CROP, CROPS[CROP].widths, output_formats(CROPS[CROP])]
    return hashlib.sha256(json.dumps(spec).encode()).hexdigest()[:10]


def refresh_portrait(author) -> None:
    """Make the renditions of `author`'s photo unless they are current (none without a photo);
    the replaced files go once the transaction commits.

    A file Pillow cannot decode or encode (it raises ValueError, SyntaxError, struct.error and
    more, not only OSError) raises ValidationError, which the author admin shows as a message;
    an OSError (a full disk, storage down) goes on as it is."""
    if author.photo:
        key = portrait_key(author)
        made = author.photo_renditions.get("crops", {}).get(CROP, {})
        if made.get("key") == key:
            return
        try:
            entries = render_portrait(author, key)
        except OSError:
            raise
        except Exception as error:
            raise ValidationError(
                f"The photo could not be read to make the renditions readers get ({error}).",
                code="unreadable_photo",
            ) from error
        manifest = {"version": SPEC_VERSION, "crops": {CROP: {"key": key, **entries[CROP]}}}
    else:
        manifest = {}
    replaced = set(file_names(author.photo_renditions)) - set(file_names(manifest))
    type(author).objects.filter(pk=author.pk).update(photo_renditions=manifest)
    author.photo_renditions = manifest
    delete_after_commit(rendition_storage(), replaced)


def render_portrait(author, key: str) -> dict:
    with author.photo.open("rb") as source, Image.open(source) as image:
        box = crop_box(*upright_size(image), CROPS[CROP].ratio)
    with author.photo.open("rb") as source:
        storage = rendition_storage()
        return render(source, {CROP: box}, storage, f"authors/{author.pk}", {CROP: key})
