"""The check-in photo pipeline: metadata gone, size bounded, bad files refused before harm."""

import io

import pytest
from PIL import Image

from fieldwork import photos

from .images import bomb_png, jpeg_with_gps, noisy_png, small_png

STAMP = ["2026-11-27 10:30 · 张先生 · 王芳", "31.230400, 121.473700 ±15m"]


def run(data: bytes, stamp=STAMP):
    return photos.process(io.BytesIO(data), size=len(data), stamp=stamp)


def test_exif_and_gps_are_gone_and_size_is_bounded():
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the GPS position is there
    result = run(original)
    out = Image.open(io.BytesIO(result.content))
    assert out.format == "JPEG"
    assert max(out.size) <= 1600
    assert out.size == (1600, 1200)
    assert len(result.content) <= 500 * 1024
    assert not out.getexif()
    assert "exif" not in out.info and "comment" not in out.info and "icc_profile" not in out.info
    assert b"PhoneMaker" not in result.content and b"GPS" not in result.content


def test_orientation_is_applied_then_dropped():
    # EXIF orientation 6 = rotate 90°: a 4000 × 3000 sensor image is a portrait photo
    result = run(jpeg_with_gps(orientation=6))
    out = Image.open(io.BytesIO(result.content))
    assert out.size == (1200, 1600)
    assert not out.getexif()


def test_noisy_photo_is_squeezed_under_500_kb():
    result = run(noisy_png())
    assert len(result.content) <= 500 * 1024
    assert max(Image.open(io.BytesIO(result.content)).size) <= 1600


def test_stamp_is_drawn_on_the_bottom():
    plain = Image.open(io.BytesIO(run(small_png(), stamp=[]).content)).convert("RGB")
    stamped = Image.open(io.BytesIO(run(small_png()).content)).convert("RGB")
    assert plain.getpixel((32, 45)) != stamped.getpixel((32, 45))  # the dark band
    assert plain.getpixel((32, 2)) == pytest.approx(stamped.getpixel((32, 2)), abs=8)


def test_not_an_image_is_refused():
    with pytest.raises(photos.PhotoError, match="不是可识别的图片"):
        run(b"%PDF-1.4 this is not a photo" * 10)
    with pytest.raises(photos.PhotoError, match="不是可识别的图片"):
        run(b"")
    truncated = jpeg_with_gps(400, 300)[:600]
    with pytest.raises(photos.PhotoError):
        run(truncated)


def test_30_mb_is_refused_before_decoding():
    data = b"\xff\xd8\xff" + b"\0" * (30 * 1024 * 1024)
    with pytest.raises(photos.PhotoError, match="照片太大"):
        photos.process(io.BytesIO(data), size=len(data), stamp=[])
    # a stream that lies about its size is cut at the limit, not read to the end
    with pytest.raises(photos.PhotoError, match="照片太大"):
        photos.process(io.BytesIO(data), size=None, stamp=[])


def test_decompression_bomb_is_refused():
    data = bomb_png()
    assert len(data) < 1024 * 1024
    with pytest.raises(photos.PhotoError, match="像素过多"):
        run(data)
