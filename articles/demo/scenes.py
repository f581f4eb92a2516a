"""The lead pictures of the demo stories: one function per kind of scene.

Each draws flat shapes over a sky gradient already on `img` (harbour boats, rooftops, hills,
spotlights...). The drawing is decided by a seeded `random.Random`, so a story always gets
the same picture and no two stories share one.
"""

import math
import random

from PIL import ImageDraw

from .drawing import (
    HEIGHT,
    PALETTES,
    WIDTH,
    building_row,
    ferry,
    gradient,
    hills,
    mix,
    ridge,
    sailboat,
    sun,
    to_jpeg,
    water,
)


def scene_harbour(img, draw, rng, pal):
    horizon = rng.randint(380, 430)
    sun(draw, rng, pal, horizon)
    hills(draw, rng, pal, horizon - 10, layers=1)
    water(draw, rng, pal, horizon)
    for n in range(rng.randint(2, 4)):
        scale = rng.uniform(0.6, 1.2)
        x, y = 120 + n * rng.randint(220, 300), horizon + 40 + n * 30 * scale
        sailboat(draw, x, y, scale, rng.choice([pal.ink, *pal.accents]), (246, 244, 236))


def scene_ferry(img, draw, rng, pal):
    horizon = rng.randint(390, 440)
    sun(draw, rng, pal, horizon)
    island = ridge(rng, horizon - 12, 10, waves=2)
    start = rng.randint(600, 800)
    draw.polygon(
        [(x, y) for x, y in island if x >= start] + [(WIDTH, horizon), (start, horizon)],
        fill=mix(pal.ink, pal.sky_bottom, 0.5),
    )
    water(draw, rng, pal, horizon)
    ferry(draw, rng.randint(380, 620), horizon + 120, rng.uniform(0.9, 1.2), pal, pal.accents[0])


def scene_seawall(img, draw, rng, pal):
    horizon = rng.randint(270, 320)
    water(draw, rng, pal, horizon)
    top, rise = HEIGHT - rng.randint(150, 190), 70
    draw.polygon([(0, top), (WIDTH, top - rise), (WIDTH, HEIGHT), (0, HEIGHT)], fill=pal.land)
    stone = mix(pal.land, pal.ink, 0.4)
    for row in range(8):
        y = top - rise + row * 34
        for col in range(0, WIDTH, 70):
            x = col + (row % 2) * 35
            if y > top - rise * x / WIDTH:
                draw.rectangle((x, y, x + 64, y + 30), outline=stone, width=3)
    for x in range(0, WIDTH + 1, 100):  # railing along the top of the wall
        y = top - rise * x / WIDTH
        draw.line((x, y, x, y - 40), fill=pal.ink, width=5)
    draw.line((0, top - 36, WIDTH, top - rise - 36), fill=pal.ink, width=5)
    for _ in range(18):  # spray where the waves hit the wall
        x, r = rng.randint(0, WIDTH), rng.randint(30, 90)
        y = top - rise * x / WIDTH - r * rng.uniform(0.4, 1.4)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(245, 248, 250, 140))


def scene_lighthouse(img, draw, rng, pal):
    horizon = rng.randint(420, 460)
    water(draw, rng, pal, horizon)
    x = rng.randint(300, 900)
    draw.polygon(
        [(x - 260, HEIGHT), (x - 160, horizon - 20), (x + 170, horizon - 30), (x + 280, HEIGHT)],
        fill=pal.ink,
    )
    base, top = horizon - 25, horizon - 330
    draw.polygon(
        [(x - 55, base), (x - 35, top), (x + 35, top), (x + 55, base)], fill=(244, 242, 236)
    )
    for n in range(3):
        y = top + 50 + n * 90
        draw.rectangle((x - 40 - n * 5, y, x + 40 + n * 5, y + 36), fill=pal.accents[0])
    draw.rectangle((x - 30, top - 50, x + 30, top), fill=pal.windows)
    draw.polygon([(x, top - 80), (x - 40, top - 50), (x + 40, top - 50)], fill=pal.ink)
    side = rng.choice([-1, 1])
    draw.polygon(
        [(x, top - 25), (x + side * WIDTH, top - 160), (x + side * WIDTH, top + 90)],
        fill=(*pal.windows, 70),
    )


def scene_port(img, draw, rng, pal):
    horizon = rng.randint(430, 470)
    sun(draw, rng, pal, horizon - 100)
    water(draw, rng, pal, horizon + 60)
    draw.rectangle((0, horizon, WIDTH, horizon + 60), fill=mix(pal.land, pal.ink, 0.5))
    for _ in range(rng.randint(10, 16)):  # container stacks
        x, levels = rng.randint(0, WIDTH - 120), rng.randint(1, 4)
        for level in range(levels):
            y = horizon - (level + 1) * 34
            draw.rectangle((x, y, x + 110, y + 32), fill=rng.choice(pal.accents), outline=pal.ink)
    for n in range(rng.randint(2, 3)):  # cranes
        x = 200 + n * rng.randint(280, 360)
        draw.rectangle((x, horizon - 300, x + 18, horizon), fill=pal.ink)
        draw.rectangle((x - 160, horizon - 300, x + 220, horizon - 284), fill=pal.ink)
        draw.line((x + 9, horizon - 360, x - 160, horizon - 292), fill=pal.ink, width=4)
        draw.line((x + 9, horizon - 360, x + 220, horizon - 292), fill=pal.ink, width=4)
        draw.line((x + 150, horizon - 284, x + 150, horizon - 200), fill=pal.ink, width=3)


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


def scene_turbines(img, draw, rng, pal):
    horizon = rng.randint(420, 470)
    water(draw, rng, pal, horizon)
    draw.polygon(
        [*ridge(rng, HEIGHT - 140, 30, waves=2), (WIDTH, HEIGHT), (0, HEIGHT)],
        fill=mix(pal.sun, pal.land, 0.4),
    )
    for n in range(rng.randint(4, 7)):
        x, height = 120 + n * rng.randint(150, 190), rng.randint(180, 300)
        hub = (x, horizon - height)
        draw.line((x, horizon, *hub), fill=(240, 242, 244), width=6)
        angle = rng.uniform(0, math.tau)
        for blade in range(3):
            a = angle + blade * math.tau / 3
            tip = (hub[0] + math.cos(a) * height * 0.45, hub[1] + math.sin(a) * height * 0.45)
            draw.line((*hub, *tip), fill=(240, 242, 244), width=5)
        draw.ellipse((hub[0] - 7, hub[1] - 7, hub[0] + 7, hub[1] + 7), fill=(230, 232, 236))


def scene_underwater(img, draw, rng, pal):
    img.paste(
        gradient(
            (WIDTH, HEIGHT), mix(pal.water, (255, 255, 255), 0.4), mix(pal.water, (0, 0, 0), 0.5)
        )
    )
    for _ in range(6):
        x = rng.randint(0, WIDTH)
        draw.polygon(
            [(x, 0), (x + 80, 0), (x + 260, HEIGHT), (x + 120, HEIGHT)], fill=(255, 255, 240, 30)
        )
    draw.polygon([*ridge(rng, HEIGHT - 90, 20), (WIDTH, HEIGHT), (0, HEIGHT)], fill=(214, 196, 150))
    for _ in range(70):  # seagrass blades
        x, length = rng.randint(0, WIDTH), rng.randint(120, 330)
        sway = rng.uniform(-40, 40)
        points = [(x + sway * (t / 10) ** 2, HEIGHT - 70 - length * t / 10) for t in range(11)]
        draw.line(points, fill=mix(pal.land, (40, 120, 60), rng.random()), width=7)
    for _ in range(rng.randint(5, 9)):
        x, y, s = rng.randint(100, WIDTH - 100), rng.randint(80, 380), rng.randint(14, 26)
        colour = rng.choice(pal.accents)
        draw.ellipse((x - s * 2, y - s, x + s * 2, y + s), fill=colour)
        draw.polygon([(x + s * 2 - 4, y), (x + s * 3, y - s), (x + s * 3, y + s)], fill=colour)


def scene_stage(img, draw, rng, pal):
    img.paste(gradient((WIDTH, HEIGHT), (18, 14, 30), mix(pal.ink, pal.accents[2], 0.4)))
    floor = rng.randint(500, 540)
    for _ in range(rng.randint(3, 5)):  # spotlight cones
        x = rng.randint(100, WIDTH - 100)
        spread = rng.randint(120, 220)
        draw.polygon(
            [(x, 0), (x - spread, floor), (x + spread, floor)], fill=(*rng.choice(pal.accents), 60)
        )
    draw.rectangle((0, floor, WIDTH, HEIGHT), fill=(60, 40, 36))
    for n in range(rng.randint(3, 5)):  # performers in silhouette
        x = 220 + n * rng.randint(170, 220)
        draw.ellipse((x - 22, floor - 210, x + 22, floor - 166), fill=(10, 8, 16))
        draw.rounded_rectangle(
            (x - 40, floor - 166, x + 40, floor - 20), radius=22, fill=(10, 8, 16)
        )
        draw.line((x + 60, floor, x + 60, floor - 150), fill=(10, 8, 16), width=4)
    for x in range(0, WIDTH, 40):  # festoon lights
        y = 40 + 30 * math.sin(x / WIDTH * math.pi)
        draw.ellipse((x - 7, y - 7, x + 7, y + 7), fill=pal.accents[x // 40 % len(pal.accents)])


def scene_pitch(img, draw, rng, pal):
    stand = rng.randint(230, 270)
    draw.rectangle((0, stand - 120, WIDTH, stand), fill=mix(pal.ink, pal.sky_bottom, 0.3))
    for _ in range(900):  # the crowd
        x, y = rng.randint(0, WIDTH), rng.randint(stand - 110, stand - 8)
        draw.ellipse((x - 4, y - 4, x + 4, y + 4), fill=rng.choice([*pal.accents, (240, 230, 220)]))
    green, dark = (76, 150, 72), (64, 132, 62)
    for n in range(10):  # mown stripes in perspective
        y0 = stand + (HEIGHT - stand) * (n / 10) ** 1.4
        y1 = stand + (HEIGHT - stand) * ((n + 1) / 10) ** 1.4
        draw.rectangle((0, y0, WIDTH, y1), fill=green if n % 2 else dark)
    white = (244, 246, 240)
    draw.line((0, stand + 40, WIDTH, stand + 40), fill=white, width=4)
    cx = rng.randint(400, 800)
    draw.ellipse((cx - 220, stand + 120, cx + 220, stand + 260), outline=white, width=5)
    draw.line((cx, stand + 40, cx, HEIGHT), fill=white, width=4)
    gx = rng.choice([120, WIDTH - 240])
    draw.rectangle((gx, stand - 30, gx + 120, stand + 40), outline=white, width=6)
    bx, by = rng.randint(200, 1000), rng.randint(stand + 200, HEIGHT - 60)
    draw.ellipse((bx - 18, by - 18, bx + 18, by + 18), fill=white, outline=pal.ink, width=2)


def scene_court(img, draw, rng, pal):
    draw.rectangle((0, 300, WIDTH, HEIGHT), fill=pal.accents[2])
    draw.polygon([(160, 330), (1040, 330), (1180, HEIGHT), (20, HEIGHT)], fill=pal.accents[0])
    white = (246, 246, 240)
    draw.polygon([(160, 330), (1040, 330), (1180, HEIGHT), (20, HEIGHT)], outline=white, width=6)
    draw.ellipse((480, 420, 720, 520), outline=white, width=6)
    for x in (240, 960):  # hoops and floodlights
        draw.rectangle((x - 6, 120, x + 6, 330), fill=pal.ink)
        draw.rectangle((x - 50, 110, x + 50, 180), fill=white, outline=pal.ink, width=4)
        draw.ellipse((x - 26, 176, x + 26, 196), outline=pal.accents[1], width=6)
    for x in (60, 1140):
        draw.rectangle((x - 5, 30, x + 5, 300), fill=pal.ink)
        draw.rectangle((x - 30, 20, x + 30, 46), fill=pal.windows)


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


def scene_abstract(img, draw, rng, pal):
    img.paste(gradient((WIDTH, HEIGHT), pal.sky_top, mix(pal.sky_bottom, pal.accents[1], 0.3)))
    for _ in range(rng.randint(14, 22)):
        colour = (*rng.choice([*pal.accents, pal.ink, pal.sun]), rng.randint(120, 220))
        x, y, s = rng.randint(-100, WIDTH), rng.randint(-100, HEIGHT), rng.randint(60, 260)
        if rng.random() < 0.5:
            draw.ellipse((x, y, x + s, y + s), fill=colour)
        else:
            draw.rectangle((x, y, x + s * 1.6, y + s * 0.5), fill=colour)
    for y in range(rng.randint(40, 80), HEIGHT, 90):
        draw.line(ridge(rng, y, 18), fill=(255, 255, 255, 120), width=5)


def scene_regatta(img, draw, rng, pal):
    horizon = rng.randint(300, 340)
    island = ridge(rng, horizon - 30, 20, waves=2)
    draw.polygon([*island, (WIDTH, horizon), (0, horizon)], fill=mix(pal.land, pal.sky_bottom, 0.4))
    water(draw, rng, pal, horizon)
    for n in range(rng.randint(2, 3)):  # long gigs with six oars a side
        y = horizon + 130 + n * 110
        x = rng.randint(150, 500)
        colour = pal.accents[n % len(pal.accents)]
        draw.polygon([(x, y), (x + 520, y), (x + 470, y + 26), (x + 40, y + 26)], fill=colour)
        for oar in range(6):
            ox = x + 80 + oar * 65
            draw.line((ox, y + 4, ox - 50, y + 60), fill=(246, 238, 220), width=5)
            draw.ellipse((ox - 14, y - 34, ox + 14, y - 6), fill=pal.ink)


def scene_pool(img, draw, rng, pal):
    img.paste(gradient((WIDTH, HEIGHT), (104, 196, 222), (40, 132, 186)))
    for x in range(0, WIDTH, 60):  # tiles seen through the water
        draw.line((x, 0, x, HEIGHT), fill=(150, 218, 236, 90), width=2)
    for y in range(0, HEIGHT, 60):
        draw.line((0, y, WIDTH, y), fill=(150, 218, 236, 90), width=2)
    for y in range(110, HEIGHT, 150):  # lane ropes
        for x in range(0, WIDTH, 22):
            draw.ellipse((x, y - 9, x + 18, y + 9), fill=pal.accents[(x // 22) // 6 % 2])
        draw.rectangle((0, y + 55, WIDTH, y + 65), fill=(24, 60, 110, 120))
    for _ in range(30):  # light on the surface
        draw.line(ridge(rng, rng.randint(0, HEIGHT), 6, step=60), fill=(255, 255, 255, 60), width=3)


def scene_swim(img, draw, rng, pal):
    horizon = rng.randint(280, 330)
    sun(draw, rng, pal, horizon)
    draw.rectangle((0, horizon - 10, 320, horizon + 26), fill=mix(pal.land, pal.ink, 0.5))  # mole
    water(draw, rng, pal, horizon)
    for _ in range(rng.randint(25, 40)):  # heads in bright caps, with a splash each
        x, y = rng.randint(60, WIDTH - 60), rng.randint(horizon + 60, HEIGHT - 30)
        s = 6 + (y - horizon) // 30
        draw.ellipse((x - s * 2.5, y, x + s * 2.5, y + s), fill=(246, 250, 252, 170))
        draw.ellipse((x - s, y - s, x + s, y + s), fill=rng.choice(pal.accents))


SCENES = {
    name.removeprefix("scene_"): fn for name, fn in globals().items() if name.startswith("scene_")
}


def draw_scene(kind: str, palette: str, seed: str) -> bytes:
    """A 1200x675 JPEG of `kind` in `palette`; the same seed always draws the same picture."""
    rng = random.Random(seed)
    pal = PALETTES[palette]
    img = gradient((WIDTH, HEIGHT), pal.sky_top, pal.sky_bottom)
    SCENES[kind](img, ImageDraw.Draw(img, "RGBA"), rng, pal)
    return to_jpeg(img)
