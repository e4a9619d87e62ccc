"""Made-up logo, seal and signature for the demo (drawn here with Pillow, so
no picture of a real organisation or person is ever committed)."""

import math
from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from .pdf import ASSET_DIR

GREEN = (29, 95, 86, 255)
GOLD = (176, 134, 40, 255)
INK = (24, 40, 96, 255)


def _font(size: int, bold: bool = True):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(ASSET_DIR / name), size)


def _png(image: Image.Image, name: str) -> ContentFile:
    out = BytesIO()
    image.save(out, "PNG", optimize=True)
    return ContentFile(out.getvalue(), name=name)


def demo_logo() -> ContentFile:
    # A mark only: the certificate prints the organisation's name beside it.
    image = Image.new("RGBA", (200, 200), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    # Two paths meeting: the "peer path" mark.
    draw.ellipse((10, 10, 190, 190), fill=GREEN)
    draw.line((50, 150, 100, 60, 150, 150), fill=(255, 255, 255, 255), width=16, joint="curve")
    return _png(image, "demo-logo.png")


def demo_seal() -> ContentFile:
    size = 400
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), outline=GOLD, width=14)
    draw.ellipse((46, 46, size - 46, size - 46), outline=GOLD, width=5)
    centre = size / 2
    # Twelve points around the inner ring.
    for step in range(12):
        angle = step * math.pi / 6
        x, y = centre + 128 * math.cos(angle), centre + 128 * math.sin(angle)
        draw.ellipse((x - 7, y - 7, x + 7, y + 7), fill=GOLD)
    draw.text((centre, centre - 22), "CERTIFIED", font=_font(40), fill=GOLD, anchor="mm")
    draw.text((centre, centre + 30), "PEERPATH", font=_font(30, bold=False), fill=GOLD, anchor="mm")
    return _png(image, "demo-seal.png")


def demo_signature() -> ContentFile:
    width, height = 640, 170
    image = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    points = []
    for step in range(400):
        t = step / 399
        x = 20 + t * (width - 60)
        y = height / 2 + 38 * math.sin(t * 19) * (1 - t * 0.6) + 16 * math.sin(t * 47)
        points.append((x, y))
    draw.line(points, fill=INK, width=6, joint="curve")
    draw.line((60, height - 30, width - 80, height - 42), fill=INK, width=4)
    return _png(image, "demo-signature.png")
