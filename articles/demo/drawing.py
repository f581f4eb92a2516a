"""Drawing kit for the demo newsroom's pictures, made with Pillow (no network, no stock photos).

Palettes, gradients and the shapes scenes are built from (boats, rows of buildings, hills),
plus the authors' placeholder portraits: initials on a coloured circle. The scenes themselves
are in `scenes/`.
"""

import io
import math
from dataclasses import dataclass

from PIL import Image, ImageColor, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 675
PORTRAIT_SIZE = 480

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    sky_top: RGB
    sky_bottom: RGB
    water: RGB
    land: RGB
    sun: RGB
    ink: RGB  # the darkest silhouettes
    windows: RGB
    accents: tuple[RGB, ...]


# One palette a line: sky top and bottom, water, land, sun, ink (silhouettes), lit windows,
# then three accent colours.
PALETTE_TABLE = """
dawn      f7c4b2  ffecce  6896b0  567060  ffe2a0  2e384a  ffe9aa  d65c48 eeaa50 467896
morning   84bee6  def0fa  3c82aa  68965c  fff4c8  344050  eef4fa  e25e4a f6c452 3a6ea0
bright    4696dc  bee2f8  1e6eaa  5aa050  fffad2  243042  e6f0fa  f06e3c fad246 dc3c5a
golden    eea060  fddea0  56788c  96804a  ffeeaa  463028  ffe296  b44632 e6963c 506e78
dusk      3a346e  ec846e  2c3e64  3a3c52  ffc482  1a1a2c  ffd678  f0785a fabe6e 825aa0
night     0c122c  2c3a66  14223e  1e2434  ececd2  080a14  ffd26e  fac85a 78aaf0 f06e96
storm     56606c  aab2b8  465a64  505a54  d6d8d2  24282e  e8e2be  c85a3c dcc878 6e8c96
spring    96ceec  e8f6ec  5096aa  6eb060  fff6c4  32503c  f0f6f0  f48ca0 fadc64 785ab4
autumn    a8bcce  eedec4  5a7882  aa7846  fae0aa  463228  fae6b4  c85a28 dca032 8c3c32
"""


def parse_palettes(table: str) -> dict[str, Palette]:
    palettes = {}
    for line in table.strip().splitlines():
        name, *colours = line.split()
        rgb = [ImageColor.getrgb(f"#{colour}") for colour in colours]
        palettes[name] = Palette(*rgb[:7], accents=tuple(rgb[7:]))
    return palettes


PALETTES = parse_palettes(PALETTE_TABLE)


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """The colour a fraction `t` of the way from `a` to `b`."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def gradient(size, top: RGB, bottom: RGB) -> Image.Image:
    """A vertical gradient, computed on a one-pixel column and stretched (fast)."""
    width, height = size
    column = Image.new("RGB", (1, height))
    column.putdata([mix(top, bottom, y / max(1, height - 1)) for y in range(height)])
    return column.resize((width, height))


def ridge(rng, y, amplitude, waves=3, step=20):
    """Points along a wavy line across the picture, for hills, water and skylines."""
    phases = [rng.uniform(0, math.tau) for _ in range(waves)]
    points = []
    for x in range(0, WIDTH + step, step):
        offset = sum(
            math.sin(x / WIDTH * math.tau * (n + 1) * 0.7 + phase) / (n + 1)
            for n, phase in enumerate(phases)
        )
        points.append((x, y + offset * amplitude))
    return points


def hills(draw, rng, pal, horizon, layers=3):
    for layer in range(layers):
        shade = mix(mix(pal.land, pal.sky_bottom, 0.55), pal.land, layer / max(1, layers - 1))
        top = ridge(rng, horizon + layer * 45 - 40, 30 - layer * 6)
        draw.polygon([*top, (WIDTH, HEIGHT), (0, HEIGHT)], fill=shade)


def sun(draw, rng, pal, horizon, radius=None):
    radius = radius or rng.randint(40, 70)
    x, y = rng.randint(150, WIDTH - 150), horizon - rng.randint(90, 220)
    draw.ellipse(
        (x - radius * 2, y - radius * 2, x + radius * 2, y + radius * 2), fill=(*pal.sun, 40)
    )
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=pal.sun)


def water(draw, rng, pal, horizon):
    draw.rectangle((0, horizon, WIDTH, HEIGHT), fill=pal.water)
    light = mix(pal.water, pal.sky_bottom, 0.35)
    for _ in range(40):
        x, y = rng.randint(0, WIDTH), rng.randint(horizon + 8, HEIGHT)
        length = rng.randint(20, 30 + (y - horizon) // 2)
        draw.line((x, y, x + length, y), fill=(*light, 150), width=2 + (y - horizon) // 120)


def sailboat(draw, x, y, scale, hull, sail):
    w = 60 * scale
    draw.polygon(
        [(x - w, y), (x + w, y), (x + w * 0.7, y + 18 * scale), (x - w * 0.7, y + 18 * scale)],
        fill=hull,
    )
    draw.line((x, y, x, y - 110 * scale), fill=hull, width=max(2, round(3 * scale)))
    draw.polygon([(x + 4, y - 105 * scale), (x + 4, y - 8), (x + w * 0.9, y - 8)], fill=sail)
    draw.polygon([(x - 4, y - 90 * scale), (x - 4, y - 8), (x - w * 0.6, y - 8)], fill=sail)


def ferry(draw, x, y, scale, pal, accent):
    w = 170 * scale
    draw.polygon(
        [
            (x - w, y - 30 * scale),
            (x + w, y - 30 * scale),
            (x + w * 0.85, y + 20 * scale),
            (x - w * 0.9, y + 20 * scale),
        ],
        fill=pal.ink,
    )
    draw.rectangle((x - w * 0.7, y - 75 * scale, x + w * 0.6, y - 30 * scale), fill=(236, 236, 230))
    draw.rectangle((x - w * 0.7, y - 40 * scale, x + w * 0.6, y - 30 * scale), fill=accent)
    for n in range(9):
        wx = x - w * 0.62 + n * w * 0.135
        draw.rectangle((wx, y - 66 * scale, wx + w * 0.08, y - 50 * scale), fill=pal.windows)
    draw.rectangle((x + w * 0.1, y - 110 * scale, x + w * 0.3, y - 75 * scale), fill=accent)


def building_row(draw, rng, pal, base, colour, height_range, lit=0.3):
    x = -rng.randint(0, 40)
    while x < WIDTH:
        w, h = rng.randint(60, 140), rng.randint(*height_range)
        draw.rectangle((x, base - h, x + w, base), fill=colour)
        if rng.random() < 0.3:  # a pitched roof now and then
            draw.polygon(
                [(x, base - h), (x + w / 2, base - h - w * 0.35), (x + w, base - h)], fill=colour
            )
        for wy in range(base - h + 14, base - 20, 28):
            for wx in range(x + 10, x + w - 18, 24):
                if rng.random() < lit:
                    draw.rectangle((wx, wy, wx + 10, wy + 14), fill=pal.windows)
        x += w + rng.randint(2, 14)


def draw_portrait(name: str, colour: RGB) -> bytes:
    """Initials on a coloured circle: a placeholder head shot for a demo author."""
    size = PORTRAIT_SIZE
    img = Image.new("RGB", (size, size), mix(colour, (255, 255, 255), 0.8))
    draw = ImageDraw.Draw(img)
    draw.ellipse((24, 24, size - 24, size - 24), fill=colour)
    initials = "".join(word[0] for word in name.split()[:2]).upper()
    font = ImageFont.load_default(size=size // 3)
    draw.text((size / 2, size / 2), initials, fill=(255, 255, 255), font=font, anchor="mm")
    return to_jpeg(img)


def to_jpeg(img: Image.Image) -> bytes:
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=84)
    return buffer.getvalue()
