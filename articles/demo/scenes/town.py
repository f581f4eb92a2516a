"""The town: skylines, terraced streets, the town hall, the market and the map of the wards."""

import math

from ..drawing import HEIGHT, WIDTH, building_row, gradient, hills, mix, ridge, sun


def scene_skyline(img, draw, rng, pal):
    base = rng.randint(470, 540)
    sun(draw, rng, pal, base - 120)
    far = mix(pal.ink, pal.sky_bottom, 0.55)
    building_row(draw, rng, pal, base - 30, far, (140, 300), lit=0.05)
    building_row(draw, rng, pal, base, pal.ink, (80, 240), lit=0.35)
    draw.rectangle((0, base, WIDTH, HEIGHT), fill=mix(pal.land, pal.ink, 0.6))
    for x in range(rng.randint(0, 60), WIDTH, 140):  # street lamps
        draw.line((x, base + 110, x, base + 20), fill=pal.ink, width=5)
        draw.ellipse((x - 10, base + 10, x + 10, base + 30), fill=pal.windows)


def scene_terrace(img, draw, rng, pal):
    base = rng.randint(560, 600)
    sun(draw, rng, pal, 300)
    hills(draw, rng, pal, 360, layers=2)
    draw.rectangle((0, base, WIDTH, HEIGHT), fill=mix(pal.land, pal.ink, 0.55))
    x, colours = -20, [*pal.accents, mix(pal.accents[0], (255, 255, 255), 0.5), (236, 226, 200)]
    while x < WIDTH:
        w, h = rng.randint(150, 190), rng.randint(220, 260)
        draw.rectangle((x, base - h, x + w, base), fill=rng.choice(colours))
        draw.polygon(
            [(x - 6, base - h), (x + w / 2, base - h - 60), (x + w + 6, base - h)],
            fill=mix(pal.ink, pal.land, 0.3),
        )
        draw.rectangle((x + w * 0.7, base - h - 70, x + w * 0.8, base - h - 20), fill=pal.ink)
        draw.rectangle((x + 20, base - 110, x + 60, base), fill=pal.ink)
        for wx, wy in (
            (x + w - 70, base - 120),
            (x + 20, base - h + 30),
            (x + w - 70, base - h + 30),
        ):
            draw.rectangle((wx, wy, wx + 48, wy + 56), fill=pal.windows, outline=pal.ink, width=3)
        x += w
    for x in range(rng.randint(40, 120), WIDTH, rng.randint(220, 300)):  # street trees
        draw.rectangle((x - 5, base + 10, x + 5, base + 60), fill=pal.ink)
        draw.ellipse((x - 45, base - 70, x + 45, base + 20), fill=mix(pal.land, pal.ink, 0.2))


def scene_civic(img, draw, rng, pal):
    ground = rng.randint(580, 620)
    draw.rectangle((0, ground, WIDTH, HEIGHT), fill=mix(pal.land, pal.ink, 0.5))
    cx, half = WIDTH // 2 + rng.randint(-120, 120), rng.randint(300, 380)
    stone = mix((236, 228, 210), pal.sky_bottom, 0.25)
    shadow = mix(stone, pal.ink, 0.3)
    draw.rectangle((cx - 60, 110, cx + 60, 300), fill=stone)  # clock tower
    draw.ellipse((cx - 38, 150, cx + 38, 226), fill=(250, 248, 240), outline=pal.ink, width=4)
    draw.line((cx, 188, cx, 160), fill=pal.ink, width=4)
    draw.line((cx, 188, cx + rng.randint(14, 24), 196), fill=pal.ink, width=4)
    draw.polygon([(cx - 70, 110), (cx, 40), (cx + 70, 110)], fill=pal.accents[2])
    draw.rectangle((cx - half, 330, cx + half, ground - 40), fill=stone)
    draw.polygon([(cx - half - 20, 330), (cx, 250), (cx + half + 20, 330)], fill=shadow)
    columns = rng.randint(6, 8)
    for n in range(columns):
        x = cx - half + 40 + n * (2 * half - 80) / (columns - 1)
        draw.rectangle((x - 14, 350, x + 14, ground - 60), fill=(250, 246, 236), outline=shadow)
    for step in range(4):
        draw.rectangle(
            (
                cx - half - 20 - step * 15,
                ground - 40 + step * 10,
                cx + half + 20 + step * 15,
                ground - 30 + step * 10,
            ),
            fill=shadow,
        )
    for x in (cx - half - 120, cx + half + 120):
        draw.ellipse((x - 70, ground - 200, x + 70, ground - 40), fill=mix(pal.land, pal.ink, 0.3))


def scene_market(img, draw, rng, pal):
    ground = rng.randint(560, 600)
    building_row(draw, rng, pal, ground - 150, mix(pal.ink, pal.sky_bottom, 0.4), (150, 260), 0.2)
    draw.rectangle((0, ground, WIDTH, HEIGHT), fill=mix(pal.land, pal.ink, 0.5))
    x = rng.randint(-60, 0)
    while x < WIDTH:
        w = rng.randint(200, 260)
        stripe, other = rng.sample(pal.accents, 2)
        for n in range(8):  # striped awning
            sx = x + n * w / 8
            draw.polygon(
                [
                    (sx, ground - 260),
                    (sx + w / 8, ground - 260),
                    (sx + w / 8 + 6, ground - 200),
                    (sx + 6, ground - 200),
                ],
                fill=stripe if n % 2 else (248, 244, 234),
            )
        draw.rectangle(
            (x + 10, ground - 110, x + w - 10, ground - 60), fill=mix(other, pal.ink, 0.3)
        )
        for n in range(rng.randint(6, 10)):  # produce on the counter
            px = x + 30 + n * (w - 60) / 9
            draw.ellipse(
                (px - 12, ground - 134, px + 12, ground - 110), fill=rng.choice(pal.accents)
            )
        draw.line((x + 10, ground - 200, x + 10, ground), fill=pal.ink, width=5)
        draw.line((x + w - 10, ground - 200, x + w - 10, ground), fill=pal.ink, width=5)
        x += w + rng.randint(20, 60)


def scene_map(img, draw, rng, pal):
    img.paste(gradient((WIDTH, HEIGHT), (236, 232, 218), (222, 216, 198)))
    draw.polygon([*ridge(rng, 470, 40), (WIDTH, HEIGHT), (0, HEIGHT)], fill=(160, 196, 216))
    for _ in range(rng.randint(9, 13)):  # wards
        cx, cy, r = rng.randint(60, WIDTH - 60), rng.randint(60, 440), rng.randint(80, 160)
        points = [
            (
                cx + math.cos(a) * r * rng.uniform(0.6, 1.1),
                cy + math.sin(a) * r * rng.uniform(0.6, 1.1),
            )
            for a in [n * math.tau / 7 for n in range(7)]
        ]
        draw.polygon(points, fill=(*rng.choice(pal.accents), 110), outline=(90, 80, 70), width=3)
    draw.line(ridge(rng, 260, 120, waves=2), fill=(120, 170, 200), width=10)  # the river
    draw.line(
        [(rng.randint(300, 900), 60), (rng.randint(300, 900), 500)], fill=(200, 40, 40), width=6
    )
