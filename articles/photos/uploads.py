"""Photo uploads: what the newsroom accepts, judged from the file's content (issue 4).

Each refusal is a ValidationError with a message an editor can act on, raised while the form is
validated, so a refused file never reaches storage or the database. Pillow reads the header
first; pixels are only decoded once the size is known to be within the limits, so a
decompression bomb is refused before it can allocate anything.
"""

import re
import warnings
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

# Pillow's names for what we accept. Its JPEG reader also opens MPO, the JPEG some cameras write.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp,image/gif"
EXIF_ORIENTATION = 0x0112
QUARTER_TURNS = {5, 6, 7, 8}  # orientations that swap width and height

# Markup a browser could run if the file were ever taken for a page: no photo contains it.
ACTIVE_MARKUP = re.compile(
    rb"<(?:script|html|svg|iframe|body|object|embed|\?php|!doctype html)[\s>/]", re.IGNORECASE
)
# Where a file starts, after an XML prolog, comments and a doctype.
PROLOG = rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
SVG_START = re.compile(PROLOG + rb"(?:<!doctype svg[^>]*>\s*)?<svg", re.IGNORECASE | re.DOTALL)
HTML_START = re.compile(
    PROLOG + rb"<(?:!doctype html|html|head|body|script)[\s>]", re.IGNORECASE | re.DOTALL
)
NOT_AN_IMAGE = "Upload a valid image (JPEG, PNG, WebP or GIF)"
# The longest side at most this many times the shortest (issue 14): a sliver (1 × 50,000) has
# no crop a page can show, and its renditions would be squashed to fit the encoders' limits.
MAX_ASPECT = 20


@dataclass(frozen=True)
class PhotoFacts:
    format: str  # "JPEG", "PNG", "WEBP" or "GIF"
    width: int  # as readers see it, after the EXIF orientation
    height: int
    size: int  # bytes


def inspect_upload(upload) -> PhotoFacts:
    """Return the facts of an acceptable photo file, or raise ValidationError saying what is wrong.

    `upload` is any Django File (an UploadedFile on the form). Checks, cheapest first: size,
    SVG/HTML markup, the format Pillow finds in the content, the pixel count from the header,
    markup hidden in an image (polyglots), then a full decode (truncated or corrupt files).
    """
    size = upload.size
    if not size:
        raise ValidationError("The file is empty (0 bytes). Choose the photo again.", code="empty")
    if size > settings.IMAGE_MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"The file is {filesizeformat(size)}; the limit is "
            f"{filesizeformat(settings.IMAGE_MAX_UPLOAD_BYTES)}. "
            "Export a smaller JPEG (2000 to 4000 pixels wide is plenty) and upload that.",
            code="file_too_big",
        )
    upload.seek(0)
    head = upload.read(4096)
    refuse_markup(head)
    upload.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(upload, formats=ACCEPTED_FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise too_many_pixels(claimed=str(error)) from None
        except UnidentifiedImageError:
            raise not_an_image(head) from None
        except (OSError, SyntaxError, ValueError):
            raise damaged() from None
    with image:
        width, height = image.size
        if width * height > settings.IMAGE_MAX_PIXELS:
            raise too_many_pixels(width, height)
        if max(width, height) > MAX_ASPECT * min(width, height):
            raise too_narrow(width, height)
        refuse_hidden_markup(upload)
        try:
            if image.format in ("JPEG", "MPO"):
                # Decode at 1/8 scale: still reads every byte, so damage shows, in 1/64 the memory.
                image.draft(None, (max(1, width // 8), max(1, height // 8)))
            image.load()
        except Exception:  # noqa: BLE001 (Pillow's decoders raise many kinds: all mean damage)
            raise damaged() from None
        if orientation(image) in QUARTER_TURNS:
            width, height = height, width
        kind = "JPEG" if image.format == "MPO" else image.format
    upload.seek(0)
    return PhotoFacts(format=kind, width=width, height=height, size=size)


def refuse_markup(head: bytes):
    if SVG_START.match(head):
        raise ValidationError(
            "SVG drawings are not accepted: they can carry scripts that would run in readers' "
            "browsers. Export the graphic as PNG and upload that.",
            code="svg",
        )
    if HTML_START.match(head):
        raise ValidationError(
            f"{NOT_AN_IMAGE}: this file is a web page (HTML), whatever its name says.",
            code="html",
        )


def refuse_hidden_markup(upload, overlap=32):
    """Refuse an image that also carries web-page code (a polyglot), read in chunks."""
    upload.seek(0)
    tail = b""
    for chunk in upload.chunks():
        if ACTIVE_MARKUP.search(tail + chunk):
            raise ValidationError(
                "This image file also contains web-page code (such as a <script>), a known way "
                "to smuggle attacks. Open it in a photo editor, export it again and upload that.",
                code="polyglot",
            )
        tail = chunk[-overlap:]


def not_an_image(head: bytes) -> ValidationError:
    if looks_like_text(head):
        return ValidationError(
            f"{NOT_AN_IMAGE}: this file is text, not a photo, whatever its name says.",
            code="text",
        )
    return ValidationError(
        f"{NOT_AN_IMAGE}: the content of this file is not a photo in one of those formats.",
        code="format",
    )


def too_many_pixels(width=0, height=0, claimed="") -> ValidationError:
    """The refusal of an image over the pixel limit; `claimed` is Pillow's bomb message."""
    limit = settings.IMAGE_MAX_PIXELS / 1_000_000
    if width:
        found = f"The image is {width} × {height} pixels ({width * height / 1e6:,.0f} megapixels)"
    elif match := re.search(r"\((\d+) pixels\)", claimed):
        found = f"The image claims {int(match[1]) / 1e6:,.0f} megapixels"
    else:
        found = "The image claims far more pixels than any photo"
    return ValidationError(
        f"{found}; the limit is {limit:g} megapixels. Resize it and upload that.",
        code="too_many_pixels",
    )


def too_narrow(width, height) -> ValidationError:
    long, short = ("tall", "wide") if height > width else ("wide", "tall")
    times = max(width, height) / min(width, height)
    return ValidationError(
        f"The image is {width:,} × {height:,} pixels: {times:,.0f} times as {long} as it is "
        f"{short}, and the most is {MAX_ASPECT}. Crop it, or cut it into several images, and "
        "upload that.",
        code="too_narrow",
    )


def damaged() -> ValidationError:
    return ValidationError(
        "The file is damaged or incomplete: its picture data cannot be read. "
        "It may have been cut short while copying; upload it again or export it afresh.",
        code="damaged",
    )


def looks_like_text(head: bytes) -> bool:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        text = head[:-3].decode("utf-8", errors="replace")  # a character cut at the end
        if "\ufffd" in text:
            return False
    return all(char.isprintable() or char in "\t\r\n" for char in text)


def orientation(image) -> int:
    try:
        return int(image.getexif().get(EXIF_ORIENTATION) or 1)
    except Exception:  # noqa: BLE001 (a broken EXIF block means: no orientation)
        return 1


def describe(photo) -> None:
    """Fill in a CaptionedImage's format, size and upright dimensions from its new file.

    The form has already checked the file (and left its facts on it); files saved from code,
    such as the demo seed, are checked here the same way.
    """
    upload = photo.image.file
    facts = getattr(upload, "photo_facts", None) or inspect_upload(upload)
    photo.file_format = facts.format
    photo.file_size = facts.size
    photo.width, photo.height = facts.width, facts.height


class PhotoField(forms.ImageField):
    """The upload field of the photo form: `inspect_upload` decides, and says why."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        upload.photo_facts = inspect_upload(upload)
        return upload

    def widget_attrs(self, widget):
        return super().widget_attrs(widget) | {"accept": ACCEPT_ATTRIBUTE}


def check_reuse(image, article) -> None:
    """Refuse `image` as `article`'s new photo when it is marked "do not reuse" and used elsewhere.

    For the story form, in `ArticleAdminForm`:

        def clean_lead_image(self):
            image = self.cleaned_data["lead_image"]
            images.check_reuse(image, self.instance)
            return image
    """
    if image is None or not image.do_not_reuse:
        return
    if article is not None and article.lead_image_id == image.pk:
        return  # already this story's photo: an edit of something else must still save
    from ..models import Article  # models imports this module

    others = Article.objects.filter(lead_image=image)
    if article is not None and article.pk:
        others = others.exclude(pk=article.pk)
    headlines = list(others.order_by("-published_at", "-id").values_list("headline", flat=True))
    if headlines:
        shown = ", ".join(f"“{headline}”" for headline in headlines[:3])
        more = f" and {len(headlines) - 3} more" if len(headlines) > 3 else ""
        raise ValidationError(
            f"This photo is marked “do not reuse” (its licence covers one story) and is already "
            f"used in {shown}{more}. Pick another photo, or untick “do not reuse” on the photo if "
            "the licence allows it.",
            code="do_not_reuse",
        )
