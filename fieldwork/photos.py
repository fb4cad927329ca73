"""The check-in photo pipeline (Pillow): refuse what is not a photo, strip every piece of metadata
(EXIF with its GPS position, XMP, ICC, comments), turn it upright, bound its size (≤ 1600 px on the
long side, ≤ 500 KB as JPEG) and stamp the time and place onto it.

Refusals are ``PhotoError`` with a message for the user; nothing is written here (the service
stores the result through Django's storage API).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError

# what a phone camera sends; anything larger is refused before it is decoded
MAX_UPLOAD_BYTES = 15 * 1024 * 1024
# a 48-megapixel phone photo is 8000 × 6000; a "photo" claiming more is refused unread (a
# decompression bomb: a small file that decodes to gigabytes)
MAX_PIXELS = 50_000_000
MAX_SIDE = 1600
MAX_BYTES = 500 * 1024
FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "BMP", "MPO", "TIFF"}
QUALITIES = (85, 78, 70, 62, 55, 48, 40, 32)

FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)


class PhotoError(Exception):
    def __init__(self, message: object):
        super().__init__(str(message))
        self.message = str(message)


@dataclass(frozen=True)
class Photo:
    content: bytes
    width: int
    height: int


NOT_AN_IMAGE = _("上传的文件不是可识别的图片，请拍照或选择 JPG/PNG 照片。")
TOO_LARGE = _("照片太大（%(size)s MB），请选择不超过 %(max)s MB 的照片。")
TOO_MANY_PIXELS = _("照片像素过多（%(pixels)s 万像素），无法处理，请换一张照片。")


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f}".rstrip("0").rstrip(".")


def check_size(size: int | None) -> None:
    """Refuse a file over the limit by its declared size, before any byte of it is decoded."""
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise PhotoError(TOO_LARGE % {"size": _mb(size), "max": _mb(MAX_UPLOAD_BYTES)})


def _open(data: bytes) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PhotoError(TOO_MANY_PIXELS % {"pixels": "> 9000"}) from None
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
            raise PhotoError(NOT_AN_IMAGE) from None
    if image.format not in FORMATS:
        raise PhotoError(NOT_AN_IMAGE)
    width, height = image.size
    if width < 1 or height < 1:
        raise PhotoError(NOT_AN_IMAGE)
    if width * height > MAX_PIXELS:
        raise PhotoError(TOO_MANY_PIXELS % {"pixels": width * height // 10_000})
    return image


# what one decode may take (docs/design.md §Bad input): a JPEG is decoded reduced (1/2 … 1/8 of
# its sides, libjpeg's own scaling) to about the size it is shrunk to anyway; other formats are
# refused when their pixels in Pillow's memory layout would exceed this
MAX_DECODE_BYTES = 200 * 1024 * 1024
# bytes per pixel as Pillow holds a decoded image (RGB is stored as four bytes)
_PIXEL_BYTES = {"1": 1, "L": 1, "P": 1, "LA": 4, "La": 4, "PA": 4, "I;16": 2, "I;16B": 2}


def _decode_bytes(image: Image.Image) -> int:
    width, height = image.size
    return width * height * _PIXEL_BYTES.get(image.mode, 4)


def _decode(data: bytes) -> Image.Image:
    """The first frame, fully decoded: a truncated or corrupt file is refused here."""
    image = _open(data)
    try:
        image.verify()
    except Exception:  # verify raises whatever the format plugin finds wrong
        raise PhotoError(NOT_AN_IMAGE) from None
    image = _open(data)  # verify() leaves the image unusable: open it again
    if image.format == "JPEG":
        image.draft(None, (MAX_SIDE, MAX_SIDE))  # decode reduced, never below MAX_SIDE
    if _decode_bytes(image) > MAX_DECODE_BYTES:
        width, height = image.size
        raise PhotoError(TOO_MANY_PIXELS % {"pixels": width * height // 10_000})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
            upright = ImageOps.exif_transpose(image) or image
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoError(TOO_MANY_PIXELS % {"pixels": "> 5000"}) from None
    except (OSError, ValueError, SyntaxError, EOFError):
        raise PhotoError(NOT_AN_IMAGE) from None
    return upright


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            try:
                return ImageFont.truetype(candidate, size)
            except OSError:
                continue
    return ImageFont.load_default(size)


def _stamp(image: Image.Image, lines: list[str]) -> None:
    """White text on a dark band along the bottom: when and where the photo was taken."""
    if not lines:
        return
    size = max(14, image.width // 40)
    font = _font(size)
    pad = size // 2
    height = len(lines) * (size + pad // 2) + pad
    band = Image.new("RGBA", (image.width, height), (0, 0, 0, 150))
    image.paste(band, (0, image.height - height), band)
    draw = ImageDraw.Draw(image)
    y = image.height - height + pad // 2
    for line in lines:
        draw.text((pad, y), line, font=font, fill=(255, 255, 255))
        y += size + pad // 2


def _fit(size: tuple[int, int]) -> tuple[int, int]:
    width, height = size
    scale = MAX_SIDE / max(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def process(upload: IO[bytes], *, size: int | None, stamp: list[str]) -> Photo:
    """The upload as a clean, bounded, stamped JPEG, or ``PhotoError``."""
    check_size(size)
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    check_size(len(data))
    if not data:
        raise PhotoError(NOT_AN_IMAGE)
    source = _decode(data)
    if source.mode in ("1", "P") and max(source.size) > MAX_SIDE:
        # shrink first in the image's own one-byte mode: converting a 50 MP bilevel or palette
        # image to RGBA first would take four times its memory, twice over
        source = source.resize(_fit(source.size), Image.Resampling.NEAREST)
    if source.mode not in ("RGB", "L"):
        background = Image.new("RGB", source.size, (255, 255, 255))
        rgba = source.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        source = background
    source.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    # a new image of the pixels only: no EXIF, GPS, XMP, ICC profile or comment comes along
    clean = Image.new("RGB", source.size)
    clean.paste(source.convert("RGB"))
    _stamp(clean, stamp)
    for quality in QUALITIES:
        out = io.BytesIO()
        clean.save(out, "JPEG", quality=quality, optimize=True)
        if out.tell() <= MAX_BYTES:
            return Photo(out.getvalue(), clean.width, clean.height)
    while True:  # still too large at the lowest quality (noise): shrink until it fits
        clean = clean.resize((max(1, clean.width * 3 // 4), max(1, clean.height * 3 // 4)))
        out = io.BytesIO()
        clean.save(out, "JPEG", quality=QUALITIES[-1], optimize=True)
        if out.tell() <= MAX_BYTES or clean.width < 64:
            return Photo(out.getvalue(), clean.width, clean.height)
