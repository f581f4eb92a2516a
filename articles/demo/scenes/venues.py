"""Where people gather to play and watch: the stage, the pitch, the court, the pool, and the
abstract shapes that stand for art."""

import math

from ..drawing import HEIGHT, WIDTH, gradient, mix, ridge


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
