"""A small file that decodes huge (a 6 KB 7000×7000 bilevel PNG, a 50 MP JPEG) is processed within
the decode budget (docs/design.md §Bad input: one decode under 200 MB), measured in a child process
so that the figure is the photo pipeline's alone."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import io, json, resource, sys
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "salesops.settings_test")
django.setup()
from PIL import Image
from fieldwork import photos

kind = sys.argv[1]
out = io.BytesIO()
if kind == "bilevel":
    Image.new("1", (7000, 7000), 1).save(out, "PNG", optimize=True)
elif kind == "jpeg":
    Image.new("RGB", (8000, 6000), (200, 120, 40)).save(out, "JPEG", quality=30)
data = out.getvalue()
del out
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
photo = photos.process(io.BytesIO(data), size=len(data), stamp=["2026-12-07 10:00"])
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"file": len(data), "grew_mb": (after - before) / 1024,
                  "width": photo.width, "height": photo.height}))
"""


@pytest.mark.parametrize("kind, file_limit", [("bilevel", 20_000), ("jpeg", 2_000_000)])
def test_a_huge_decode_stays_in_budget(kind, file_limit):
    result = subprocess.run(
        [sys.executable, "-c", CHILD, kind],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["file"] < file_limit
    assert max(figures["width"], figures["height"]) == 1600
    assert figures["grew_mb"] < 150, figures  # was ≈ 450 MB for the bilevel PNG
