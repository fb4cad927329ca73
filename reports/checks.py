"""Start-up check: PDFs need a Chinese font, or every Chinese character prints as a box."""

import shutil
import subprocess

from django.core.checks import Warning, register


def chinese_font_available() -> bool:
    if shutil.which("fc-list") is None:
        return False
    try:
        out = subprocess.run(
            ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=10
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(out.strip())


@register()
def check_chinese_font(app_configs, **kwargs):
    if chinese_font_available():
        return []
    return [
        Warning(
            "No Chinese font found: PDF reports and commitment letters would show boxes instead of Chinese.",
            hint="Install one, e.g. `apt-get install fonts-noto-cjk` (or run scripts/system-deps.sh as root).",
            id="reports.W001",
        )
    ]
