"""The sea and the shore: the harbour, ferries, the sea wall, the lighthouse, the container port,
offshore turbines, under the water, gig racing and the harbour swim."""

import math

from ..drawing import HEIGHT, WIDTH, ferry, gradient, hills, mix, ridge, sailboat, sun, water


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
