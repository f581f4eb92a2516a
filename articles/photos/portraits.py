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
    the replaced files go once the transaction commits."""
    if author.photo:
        key = portrait_key(author)
        made = author.photo_renditions.get("crops", {}).get(CROP, {})
        if made.get("key") == key:
            return
        with author.photo.open("rb") as source, Image.open(source) as image:
            box = crop_box(*upright_size(image), CROPS[CROP].ratio)
        storage = rendition_storage()
        with author.photo.open("rb") as source:
            entries = render(source, {CROP: box}, storage, f"authors/{author.pk}", {CROP: key})
        manifest = {"version": SPEC_VERSION, "crops": {CROP: {"key": key, **entries[CROP]}}}
    else:
        manifest = {}
    replaced = set(file_names(author.photo_renditions)) - set(file_names(manifest))
    type(author).objects.filter(pk=author.pk).update(photo_renditions=manifest)
    author.photo_renditions = manifest
    delete_after_commit(rendition_storage(), replaced)
