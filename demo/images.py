"""Procedural images for the demo, drawn with Pillow: nothing is downloaded.

Each motif draws a recognisable silhouette (a vase, a textile pattern, a letter…) on
a paper-toned background; ``seed`` varies colours and details, so every artifact
gets its own picture and the same inputs always give the same bytes.
"""

from __future__ import annotations

import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

PALETTES = [
    ("#f3ead8", "#a3402a", "#1f5f8b", "#e0b44c"),
    ("#efe6dc", "#2b7a78", "#7c2d1c", "#d9a441"),
    ("#f6f0e6", "#4a3f8c", "#c0562f", "#6d9a5b"),
    ("#ece4d4", "#8a1c2b", "#274c5e", "#caa05a"),
    ("#f4eee2", "#3d5a3a", "#b3472b", "#2f6f9f"),
]

WIDTH, HEIGHT = 1200, 900


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    hex_colour = hex_colour.lstrip("#")
    return tuple(int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def _background(draw: ImageDraw.ImageDraw, paper: str, rnd: random.Random) -> None:
    base = _rgb(paper)
    for y in range(0, HEIGHT, 6):
        shade = int(10 * math.sin(y / 97 + rnd.random()))
        colour = tuple(max(0, min(255, c + shade - 6)) for c in base)
        draw.rectangle([0, y, WIDTH, y + 6], fill=colour)


def _vase(d, c, rnd):
    cx, top, bottom = WIDTH // 2, 160, 780
    points = []
    for i in range(0, 101):
        t = i / 100
        y = top + (bottom - top) * t
        w = 90 + 200 * math.sin(math.pi * (t * 0.9 + 0.05)) ** 1.5 + 20 * math.sin(t * 12 + rnd.random())
        points.append((cx + w, y))
    outline = points + [(2 * cx - x, y) for x, y in reversed(points)]
    d.polygon(outline, fill=c[1])
    for k in range(3):
        y = top + 180 + k * 140
        d.line([(cx - 240, y), (cx + 240, y)], fill=c[3], width=14)


def _textile(d, c, rnd):
    size = rnd.choice([60, 75, 90])
    for y in range(80, HEIGHT - 80, size):
        for x in range(80, WIDTH - 80, size):
            colour = c[1 + ((x // size + y // size) % 3)]
            d.polygon(
                [(x + size / 2, y), (x + size, y + size / 2), (x + size / 2, y + size), (x, y + size / 2)], fill=colour
            )
    d.rectangle([60, 60, WIDTH - 60, HEIGHT - 60], outline=c[1], width=18)


def _photo(d, c, rnd):
    d.rectangle([170, 90, WIDTH - 170, HEIGHT - 90], fill="#f7f3ea")
    d.rectangle([220, 140, WIDTH - 220, HEIGHT - 200], fill="#6b645a")
    for i in range(rnd.randint(2, 4)):
        x = 330 + i * 170 + rnd.randint(-20, 20)
        d.ellipse([x, 300, x + 90, 390], fill="#3b362f")
        d.rounded_rectangle([x - 25, 390, x + 115, 640], radius=40, fill="#2f2b25")


def _letter(d, c, rnd):
    d.polygon([(230, 120), (WIDTH - 200, 150), (WIDTH - 250, HEIGHT - 100), (200, HEIGHT - 130)], fill="#fbf7ee")
    for i in range(14):
        y = 220 + i * 38
        length = rnd.randint(420, 680)
        d.line([(300, y), (300 + length, y + 6)], fill=c[2], width=5)
    d.rectangle([WIDTH - 380, 170, WIDTH - 290, 270], fill=c[1])


def _coin(d, c, rnd):
    d.ellipse([300, 150, 900, 750], fill=c[3], outline=c[1], width=20)
    d.ellipse([380, 230, 820, 670], outline=c[1], width=8)
    d.regular_polygon((600, 450, 120), n_sides=rnd.choice([5, 6, 8]), fill=c[1])


def _instrument(d, c, rnd):
    d.ellipse([280, 330, 720, 770], fill=c[1])
    d.rectangle([650, 430, 1060, 500], fill=c[2])
    d.ellipse([400, 450, 600, 650], fill="#2a211b")
    for i in range(4):
        d.line([(480, 520 + i * 14), (1050, 450 + i * 14)], fill="#f3ead8", width=3)


def _tool(d, c, rnd):
    d.rounded_rectangle([250, 380, 760, 470], radius=30, fill=c[2])
    d.arc([680, 250, 1000, 600], start=200, end=90, fill="#4d4d4d", width=40)


def _garment(d, c, rnd):
    d.polygon(
        [
            (420, 140),
            (780, 140),
            (1000, 330),
            (900, 410),
            (820, 340),
            (840, 800),
            (360, 800),
            (380, 340),
            (300, 410),
            (200, 330),
        ],
        fill=c[1],
    )
    for i in range(6):
        y = 360 + i * 70
        d.line([(420, y), (780, y)], fill=c[3], width=8)


def _map(d, c, rnd):
    d.rectangle([100, 100, WIDTH - 100, HEIGHT - 100], fill="#a9c6d3")
    pts = [(100 + i * 50, 300 + 80 * math.sin(i / 2 + rnd.random())) for i in range(21)]
    d.polygon([(100, 100), *pts, (WIDTH - 100, 100)], fill="#d8c9a3")
    pts2 = [(100 + i * 50, 650 + 60 * math.sin(i / 3 + rnd.random())) for i in range(21)]
    d.polygon([(100, HEIGHT - 100), *pts2, (WIDTH - 100, HEIGHT - 100)], fill="#d8c9a3")
    d.line([(260, 320), (600, 460), (940, 640)], fill=c[1], width=10)
    for x, y in [(260, 320), (600, 460), (940, 640)]:
        d.ellipse([x - 18, y - 18, x + 18, y + 18], fill=c[1])


def _poster(d, c, rnd):
    d.rectangle([300, 80, 900, 820], fill=c[1])
    d.ellipse([420, 180, 780, 540], fill=c[3])
    for i in range(4):
        d.rectangle([360, 600 + i * 45, 840 - rnd.randint(0, 200), 625 + i * 45], fill="#f7f3ea")


def _ticket(d, c, rnd):
    d.rounded_rectangle([180, 280, 1020, 620], radius=24, fill=c[3])
    d.line([(760, 290), (760, 610)], fill=c[1], width=6)
    for i in range(4):
        d.rectangle([230, 330 + i * 60, 650 - i * 40, 352 + i * 60], fill=c[2])


def _jewellery(d, c, rnd):
    d.arc([300, 80, 900, 560], start=20, end=160, fill="#b9b9b9", width=10)
    cx, cy = 600, 600
    d.polygon(
        [(cx - 150, cy - 120), (cx + 150, cy - 120), (cx + 170, cy + 90), (cx, cy + 200), (cx - 170, cy + 90)],
        fill="#c7c7cc",
    )
    d.ellipse([cx - 40, cy - 40, cx + 40, cy + 40], fill=c[1])


def _skyline(d, c, rnd):
    """A harbour city: sky, a row of buildings (towers, domes, cranes) and the sea."""
    d.rectangle([0, 560, WIDTH, HEIGHT], fill=c[2])
    x = 0
    while x < WIDTH:
        w = rnd.randint(60, 140)
        h = rnd.randint(120, 360)
        colour = c[1] if rnd.random() < 0.5 else c[3]
        d.rectangle([x, 560 - h, x + w, 560], fill=colour)
        if rnd.random() < 0.25:
            d.pieslice([x, 560 - h - w // 2, x + w, 560 - h + w // 2], 180, 360, fill=colour)
        for wy in range(560 - h + 30, 540, 45):
            for wx in range(x + 12, x + w - 20, 30):
                d.rectangle([wx, wy, wx + 12, wy + 18], fill=c[0])
        x += w + rnd.randint(4, 30)
    crane_x = rnd.randint(200, WIDTH - 300)
    d.line([(crane_x, 560), (crane_x, 180)], fill="#3a3a3a", width=14)
    d.line([(crane_x - 60, 190), (crane_x + 260, 190)], fill="#3a3a3a", width=12)
    for k in range(4):
        y = 620 + k * 60
        d.line([(0, y), (WIDTH, y + rnd.randint(-10, 10))], fill=c[0], width=3)
    boat = rnd.randint(150, WIDTH - 350)
    d.polygon([(boat, 700), (boat + 260, 700), (boat + 220, 760), (boat + 40, 760)], fill="#f7f3ea")


MOTIFS = {
    "skyline": _skyline,
    "vase": _vase,
    "textile": _textile,
    "photo": _photo,
    "letter": _letter,
    "coin": _coin,
    "instrument": _instrument,
    "tool": _tool,
    "garment": _garment,
    "map": _map,
    "poster": _poster,
    "ticket": _ticket,
    "jewellery": _jewellery,
}


def draw_image(*, motif: str, seed: int, name: str) -> bytes:
    """Return JPEG bytes for ``motif``; the same arguments always give the same image."""
    if motif not in MOTIFS:
        raise ValueError(f"Unknown demo image motif {motif!r}; choose one of {', '.join(sorted(MOTIFS))}.")
    rnd = random.Random(f"{name}:{motif}:{seed}")  # noqa: S311 - deterministic drawing, not security
    palette = PALETTES[rnd.randrange(len(PALETTES))]
    image = Image.new("RGB", (WIDTH, HEIGHT), palette[0])
    draw = ImageDraw.Draw(image)
    _background(draw, palette[0], rnd)
    MOTIFS[motif](draw, palette, rnd)
    image = image.filter(ImageFilter.SMOOTH)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()
