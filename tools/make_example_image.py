"""Draw briefs/images/northwind-corridors.png, the diagram of the example brief (run once; the PNG is committed).

A simple schematic of the members' main freight corridors, drawn with Pillow and
the shipped Carlito font so that the picture matches the default theme.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "assets" / "fonts" / "Carlito" / "Carlito-Regular.ttf"
BOLD = ROOT / "assets" / "fonts" / "Carlito" / "Carlito-Bold.ttf"
NAVY, TEAL, GREY, INK = (31, 56, 100), (0, 112, 120), (200, 206, 214), (33, 37, 41)

PORTS = {
    "Reykjavík": (170, 190),
    "Tórshavn": (520, 330),
    "Bergen": (900, 420),
    "Aarhus": (980, 690),
    "Rotterdam": (760, 860),
}
LEFT_LABELS = {"Rotterdam"}
ROUTES = [
    ("Reykjavík", "Tórshavn", "2.4"),
    ("Tórshavn", "Bergen", "3.1"),
    ("Bergen", "Aarhus", "9.8"),
    ("Aarhus", "Rotterdam", "14.2"),
    ("Bergen", "Rotterdam", "11.6"),
]


def main() -> None:
    image = Image.new("RGB", (1200, 1000), "white")
    draw = ImageDraw.Draw(image)
    font, bold = ImageFont.truetype(str(FONT), 30), ImageFont.truetype(str(BOLD), 34)
    draw.text((60, 40), "Main freight corridors, Q1 2026 (EUR bn)", font=bold, fill=NAVY)
    for a, b, value in ROUTES:
        (x1, y1), (x2, y2) = PORTS[a], PORTS[b]
        draw.line((x1, y1, x2, y2), fill=TEAL, width=10)
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        box = draw.textbbox((mx, my), value, font=bold, anchor="mm")
        draw.rounded_rectangle(
            (box[0] - 12, box[1] - 8, box[2] + 12, box[3] + 8), 10, fill="white", outline=TEAL, width=3
        )
        draw.text((mx, my), value, font=bold, fill=TEAL, anchor="mm")
    for name, (x, y) in PORTS.items():
        draw.ellipse((x - 22, y - 22, x + 22, y + 22), fill=NAVY, outline="white", width=4)
        if name in LEFT_LABELS:
            draw.text((x - 34, y), name, font=font, fill=INK, anchor="rm")
        else:
            draw.text((x + 32, y - 40), name, font=font, fill=INK)
    draw.line((60, 950, 1140, 950), fill=GREY, width=2)
    draw.text(
        (60, 962), "Schematic, not to scale. Fictional figures for the example brief.", font=font, fill=INK
    )
    out = ROOT / "briefs" / "images" / "northwind-corridors.png"
    image.save(out, optimize=True)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
