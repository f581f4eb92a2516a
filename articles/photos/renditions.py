"""Renditions: the resized, cropped, metadata-free copies of a photo that readers get (issue 4).

They are made once, when a photo is saved (or by `manage.py make_renditions`), never on a page
view, and stored through Django's storage API (`STORAGES["default"]`), so they work on local
disk and on an object store. A small JSON manifest on the CaptionedImage row lists them, so a
page shows any number of photos without another query.

Each crop (whole photo, 16:9, 1:1, 1200×630, and 4:3 and 1:1 at 1200 for search engines) comes
in a set of widths, never wider than the original, as AVIF (where Pillow can write it), WebP and
a JPEG fallback. Pixels are turned upright by the EXIF orientation and converted to sRGB;
nothing else of the original's metadata (GPS, camera, XMP, colour profile) is written.

Pillow does the real work (decoding, resizing, encoding); this module only decides what to make
and where it goes. It is written here because the thumbnail libraries (easy-thumbnails,
sorl-thumbnail, django-imagekit) each miss something this page needs: a focal point and
per-crop boxes, an AVIF/WebP/JPEG set per width for `srcset`, or URLs without a query or a
cache lookup per image on a page view.
"""

import hashlib
import io
import json
import math
from dataclasses import dataclass
from fractions import Fraction

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageCms, ImageOps, features

from .pictures import (  # noqa: F401 (found here by older imports)
    MIME_TYPES,
    Pictures,
    file_names,
    find_rendition,
    rendition_storage,
    url_maker,
)
from .uploads import QUARTER_TURNS, orientation

SPEC_VERSION = 1  # bump when the output changes: make_renditions then rebuilds every photo
WIDTHS = (320, 640, 960, 1280, 1600, 1920)
THUMBNAIL_WIDTHS = (160, 320, 640)
# The longest side every encoder writes: WebP's 16,383 pixels (JPEG's is 65,535, AVIF's more).
# A tall photo's renditions stop there (issue 14: a 1080 × 18000 upload was a 500).
MAX_SIDE = 16383

# name: (Pillow format, MIME type, file extension, save options)
ENCODERS = {
    # AVIF speed 8: files 5-15% larger than the default 6 (still 25-40% under WebP) for a
    # third of the encoding time, which is most of the time an editor waits on a save.
    "avif": ("AVIF", MIME_TYPES["avif"], "avif", {"quality": 55, "speed": 8}),
    "webp": ("WEBP", MIME_TYPES["webp"], "webp", {"quality": 80, "method": 4}),
    "jpeg": (
        "JPEG",
        MIME_TYPES["jpeg"],
        "jpg",
        {"quality": 82, "optimize": True, "progressive": True},
    ),
}


@dataclass(frozen=True)
class Crop:
    name: str
    label: str
    ratio: Fraction | None  # None keeps the photo's own shape
    widths: tuple[int, ...]
    jpeg_only: bool = False
    box_of: str = ""  # the crop whose hand-set box this one follows (its own name when empty)


CROPS = {
    crop.name: crop
    for crop in (
        Crop("full", "whole photo (story pages)", None, WIDTHS),
        Crop("wide", "16:9 (cards)", Fraction(16, 9), WIDTHS),
        Crop("square", "1:1 (thumbnails)", Fraction(1), THUMBNAIL_WIDTHS),
        # Link previews: every platform reads JPEG, not all read WebP or AVIF.
        Crop("social", "1200 × 630 (link previews)", Fraction(1200, 630), (1200,), jpeg_only=True),
        # Google's article rich results and Discover want the lead photo at least 1200 pixels
        # wide in 16:9 ("wide" has it), 4:3 and 1:1 (the thumbnails stop at 640): one JPEG
        # each, listed in the story's JSON-LD (issue 17). The 1:1 follows the square's box.
        Crop("four_three", "4:3 (search results)", Fraction(4, 3), (1200,), jpeg_only=True),
        Crop("square_large", "1:1 (search results)", Fraction(1), (1200,), True, box_of="square"),
    )
}
EDITABLE_CROPS = ("wide", "square", "social")

Box = tuple[int, int, int, int]  # x, y, width, height in the upright original's pixels


def output_formats(crop: Crop) -> tuple[str, ...]:
    """Best first; AVIF where the installed Pillow can write it and settings.IMAGE_AVIF is on."""
    if crop.jpeg_only:
        return ("jpeg",)
    avif = settings.IMAGE_AVIF and features.check("avif")
    return ("avif", "webp", "jpeg") if avif else ("webp", "jpeg")


# Geometry


def crop_box(width: int, height: int, ratio, focal=(0.5, 0.5), override=None) -> Box:
    """The largest box of `ratio` centred on the focal point, moved back inside the edges."""
    if override:
        return tuple(override)
    if ratio is None:
        return (0, 0, width, height)
    if width / height > ratio:
        box_width, box_height = max(1, round(height * ratio)), height
    else:
        box_width, box_height = width, max(1, round(width / ratio))
    x = min(max(round(focal[0] * width - box_width / 2), 0), width - box_width)
    y = min(max(round(focal[1] * height - box_height / 2), 0), height - box_height)
    return (x, y, box_width, box_height)


def output_sizes(box_width: int, box_height: int, widths) -> list[tuple[int, int]]:
    """Each listed width the box can fill, plus the box's own width if smaller: never upscaled,
    and never past MAX_SIDE: widths whose height would be cut back to the widest that fits."""
    fitting = max(1, min(box_width, MAX_SIDE * box_width // box_height))
    chosen = [width for width in widths if width <= fitting]
    if fitting < max(widths) and fitting not in chosen:
        chosen.append(fitting)
    return [(width, max(1, round(width * box_height / box_width))) for width in chosen]


def photo_boxes(photo) -> dict[str, Box]:
    focal = (photo.focal_x, photo.focal_y)
    return {
        name: crop_box(
            photo.width, photo.height, crop.ratio, focal, photo.crop_boxes.get(crop.box_of or name)
        )
        for name, crop in CROPS.items()
    }


# Making them


def render(source, boxes: dict[str, Box], storage, prefix: str, keys=None) -> dict:
    """Write the renditions of each crop in `boxes` for the image file `source`.

    Files are named `{prefix}/{crop}-{key}-{width}x{height}.{extension}`: a crop whose inputs
    change gets new names, so a CDN may cache every rendition URL for ever.

    Returns the manifest entries, `{crop name: {"box": [...], "files": [...]}}`. If anything
    fails, the files written so far are deleted before the error goes on.
    """
    written = []
    try:
        with Image.open(source) as original:
            full_width = upright_size(original)[0]  # before the JPEG draft shrinks it
            image = upright(original, boxes)
            scale = image.width / full_width
            entries, made = {}, {}
            for name, box in boxes.items():
                crop = CROPS[name]
                # A 16:9 photo's 16:9 crop is the whole photo: make those files once, list twice.
                recipe = (tuple(box), crop.widths, output_formats(crop))
                if recipe not in made:
                    stem = f"{prefix}/{name}-{keys[name]}" if keys else f"{prefix}/{name}"
                    made[recipe] = render_crop(image, scale, crop, box, storage, stem, written)
                entries[name] = {"box": list(box), "files": made[recipe]}
            return entries
    except BaseException:
        for saved in written:
            storage.delete(saved)
        raise


def render_crop(image, scale, crop, box, storage, stem, written) -> list[dict]:
    """Resize and encode one crop of the decoded `image` (`scale` × the original's size)."""
    x, y, width, height = box
    edges = [round(x * scale), round(y * scale)]
    edges += [round((x + width) * scale), round((y + height) * scale)]
    # The whole photo needs no copy: a 24-megapixel JPEG decodes to ~50 MB.
    region = image if edges == [0, 0, *image.size] else image.crop(edges)
    files = []
    for size in output_sizes(width, height, crop.widths):
        resized = region.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        for kind in output_formats(crop):
            data = encode(resized, kind)
            name = f"{stem}-{size[0]}x{size[1]}.{ENCODERS[kind][2]}"
            saved = storage.save(name, ContentFile(data))
            written.append(saved)
            files.append(
                {
                    "format": kind,
                    "width": size[0],
                    "height": size[1],
                    "name": saved,
                    "bytes": len(data),
                }  # fmt: skip
            )
    return files


def upright_size(original) -> tuple[int, int]:
    width, height = original.size
    return (height, width) if orientation(original) in QUARTER_TURNS else (width, height)


def upright(original, boxes) -> Image.Image:
    """Decode `original` (JPEG at the smallest scale the boxes allow), upright, in sRGB, bare.

    The result keeps no `info`: no EXIF, GPS, XMP, comment or colour profile reaches a rendition.
    """
    full_width, full_height = original.size
    # The share of the full size the widest rendition of any crop needs (the same on both axes).
    needed = max(
        max(size[0] for size in output_sizes(box[2], box[3], CROPS[name].widths)) / box[2]
        for name, box in boxes.items()
    )
    if original.format in ("JPEG", "MPO") and needed < 1:
        # JPEG decodes at 1/2, 1/4 or 1/8 scale for far less time and memory.
        original.draft(None, (math.ceil(full_width * needed), math.ceil(full_height * needed)))
    icc_profile = original.info.get("icc_profile")
    ImageOps.exif_transpose(original, in_place=True)  # no copy when already upright
    image = to_srgb(original, icc_profile)
    image.info = {}
    return image


SRGB = ImageCms.createProfile("sRGB")


def to_srgb(image, icc_profile) -> Image.Image:
    """RGB, or RGBA when the image has transparency, with colours moved into sRGB."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    mode = "RGBA" if has_alpha else "RGB"
    if icc_profile and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            output = "RGBA" if image.mode == "RGBA" else "RGB"
            image = ImageCms.profileToProfile(image, source, SRGB, outputMode=output)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unusable profile: plain conversion below, as browsers would show it
    if image.mode.startswith("I") or image.mode == "F":  # 16-bit or float greyscale
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    return image.convert(mode) if image.mode != mode else image


def encode(image, kind: str) -> bytes:
    pillow_format, _, _, options = ENCODERS[kind]
    if kind == "jpeg" and image.mode == "RGBA":
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    buffer = io.BytesIO()
    image.save(buffer, pillow_format, **options)
    return buffer.getvalue()


# Keeping them up to date


def crop_keys(photo) -> dict[str, str]:
    """A short hash per crop of everything its files depend on; a changed key means rebuild."""
    keys = {}
    for name, crop in CROPS.items():
        spec = [SPEC_VERSION, photo.image.name, name, crop.widths, output_formats(crop)]
        if crop.ratio is not None:
            spec += [round(photo.focal_x, 4), round(photo.focal_y, 4)]
            spec += [photo.crop_boxes.get(crop.box_of or name)]
        keys[name] = hashlib.sha256(json.dumps(spec).encode()).hexdigest()[:10]
    return keys


def stale_crops(photo) -> list[str]:
    keys = crop_keys(photo)
    made = photo.renditions.get("crops", {})
    return [name for name, key in keys.items() if made.get(name, {}).get("key") != key]


def refresh_renditions(photo, force=False) -> list[str]:
    """Build the renditions of `photo` whose inputs changed (all with `force`); return their names.

    The manifest is saved with a query of its own; replaced files are deleted once the
    transaction commits, so a rolled-back edit still has the files its manifest names.
    """
    names = list(CROPS) if force else stale_crops(photo)
    if not names:
        return []
    keys = crop_keys(photo)
    boxes = {name: box for name, box in photo_boxes(photo).items() if name in names}
    storage = rendition_storage()
    with photo.image.open("rb") as source:
        entries = render(source, boxes, storage, prefix=f"photos/{photo.pk}", keys=keys)
    crops = dict(photo.renditions.get("crops", {}))
    rebuilt = file_names({"crops": {name: crops[name] for name in names if name in crops}})
    for name, entry in entries.items():
        crops[name] = {"key": keys[name], **entry}
    manifest = {"version": SPEC_VERSION, "crops": {name: crops[name] for name in CROPS}}
    replaced = set(rebuilt) - set(file_names(manifest))  # a file two crops share may stay
    type(photo).objects.filter(pk=photo.pk).update(renditions=manifest)
    photo.renditions = manifest
    photo.__dict__.pop("pictures", None)
    delete_after_commit(storage, replaced)
    return names


def delete_after_commit(storage, names):
    """Delete `names` from `storage` once the current transaction (if any) has committed."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: [storage.delete(name) for name in names])
