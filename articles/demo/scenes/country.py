"""The country around the town: hills, the river and the salt marsh."""

import math

from ..drawing import HEIGHT, WIDTH, hills, mix, ridge, sun


def scene_hills(img, draw, rng, pal):
    horizon = rng.randint(330, 400)
    sun(draw, rng, pal, horizon)
    hills(draw, rng, pal, horizon, layers=4)
    for _ in range(rng.randint(8, 16)):
        x, y = rng.randint(0, WIDTH), rng.randint(horizon + 60, HEIGHT - 40)
        h = rng.randint(40, 90)
        draw.polygon([(x, y - h), (x - h / 3, y), (x + h / 3, y)], fill=mix(pal.land, pal.ink, 0.5))
    path = ridge(rng, HEIGHT - 70, 25, waves=2)
    draw.line(path, fill=mix(pal.sun, pal.land, 0.3), width=18)


def scene_river(img, draw, rng, pal):
    horizon = rng.randint(300, 350)
    sun(draw, rng, pal, horizon)
    hills(draw, rng, pal, horizon, layers=3)
    left, right = [], []
    for y in range(horizon + 40, HEIGHT + 40, 20):
        t = (y - horizon) / (HEIGHT - horizon)
        centre = WIDTH / 2 + math.sin(t * 5 + rng.random()) * 220
        half = 10 + t * 160
        left.append((centre - half, y))
        right.append((centre + half, y))
    draw.polygon(left + right[::-1], fill=mix(pal.water, pal.sky_bottom, 0.3))
    for _ in range(6):  # willows along the banks
        x, y = rng.choice(left + right)
        draw.rectangle((x - 4, y - 40, x + 4, y), fill=pal.ink)
        draw.ellipse((x - 36, y - 110, x + 36, y - 30), fill=mix(pal.land, pal.ink, 0.35))


def scene_marsh(img, draw, rng, pal):
    horizon = rng.randint(380, 420)
    sun(draw, rng, pal, horizon)
    draw.rectangle((0, horizon, WIDTH, HEIGHT), fill=pal.land)
    for _ in range(6):
        x = rng.randint(0, WIDTH)
        draw.rectangle((x, horizon - 28, x + 60, horizon), fill=pal.ink)
        draw.polygon(
            [(x - 4, horizon - 28), (x + 30, horizon - 50), (x + 64, horizon - 28)], fill=pal.ink
        )
    creek = ridge(rng, horizon + 120, 40, waves=2)
    draw.polygon([*creek, *[(x, y + 90) for x, y in reversed(creek)]], fill=pal.water)
    for _ in range(160):  # reeds
        x, y = rng.randint(0, WIDTH), rng.randint(horizon + 20, HEIGHT)
        draw.line(
            (x, y, x + rng.randint(-6, 6), y - rng.randint(20, 50)),
            fill=mix(pal.land, pal.ink, 0.4),
            width=3,
        )
