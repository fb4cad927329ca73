"""Test photos made with Pillow: a phone-sized JPEG with EXIF (camera, GPS position), a noisy one
that does not fit 500 KB at good quality, a decompression bomb."""

import io
import random

from PIL import Image


def jpeg_with_gps(width=4000, height=3000, orientation=1) -> bytes:
    img = Image.new("RGB", (width, height), (120, 160, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "PhoneModel X"  # Model
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (31.0, 13.0, 49.44)
    gps[3] = "E"
    gps[4] = (121.0, 28.0, 25.32)
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif.tobytes(), quality=95, comment=b"secret comment")
    return out.getvalue()


def noisy_png(width=2400, height=1800) -> bytes:
    rng = random.Random(7)
    img = Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
    out = io.BytesIO()
    img.save(out, "PNG", compress_level=1)
    return out.getvalue()


def bomb_png() -> bytes:
    """A small PNG whose header claims 20000 × 20000 pixels (400 megapixels)."""
    img = Image.new("1", (20000, 20000))
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()


def small_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()
