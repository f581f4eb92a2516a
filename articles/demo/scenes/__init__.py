"""The lead pictures of the demo stories: one function per kind of scene, by subject.

Each `scene_*` function draws flat shapes over a sky gradient already on `img` (harbour
boats, rooftops, hills, spotlights...). The drawing is decided by a seeded `random.Random`, so
a story always gets the same picture and no two stories share one. A new scene is a new
`scene_*` function in one of the modules below; the shapes they share are in `../drawing.py`.
"""

import random

from PIL import ImageDraw

from ..drawing import HEIGHT, PALETTES, WIDTH, gradient, to_jpeg
from . import coast, country, town, venues

SCENES = {
    name.removeprefix("scene_"): fn
    for module in (coast, town, country, venues)
    for name, fn in vars(module).items()
    if name.startswith("scene_")
}


def draw_scene(kind: str, palette: str, seed: str) -> bytes:
    """A 1200x675 JPEG of `kind` in `palette`; the same seed always draws the same picture."""
    rng = random.Random(seed)
    pal = PALETTES[palette]
    img = gradient((WIDTH, HEIGHT), pal.sky_top, pal.sky_bottom)
    SCENES[kind](img, ImageDraw.Draw(img, "RGBA"), rng, pal)
    return to_jpeg(img)
