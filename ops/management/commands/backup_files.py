"""Copy every stored file (local disk or object store) into a backup directory, with a manifest of
SHA-256 checksums (MANIFEST.sha256, the format `sha256sum -c` reads). With --check, also verify that
every file the database refers to is in the store.

    .venv/bin/python manage.py backup_files /backups/2026-11-27/files [--check]
"""

from __future__ import annotations

import shutil
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ops.files import referenced_files, sha256_of, walk


class Command(BaseCommand):
    help = "Copy every stored file into a directory, with a SHA-256 manifest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("target", help="an empty or new directory")
        parser.add_argument(
            "--check", action="store_true", help="fail if a file the database names is missing"
        )

    def handle(self, *args, **options) -> None:
        target = Path(options["target"]).resolve()
        if target.exists() and any(target.iterdir()):
            raise CommandError(f"{target} is not empty")
        target.mkdir(parents=True, exist_ok=True)
        lines = []
        for name in walk(default_storage):
            path = target / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with default_storage.open(name, "rb") as source, path.open("wb") as copy:
                shutil.copyfileobj(source, copy, 1024 * 1024)
            with path.open("rb") as copy:
                lines.append(f"{sha256_of(copy)}  {name}")
        (target / "MANIFEST.sha256").write_text("".join(f"{line}\n" for line in lines))
        self.stdout.write(f"backed up {len(lines)} files to {target}")
        if options["check"]:
            missing = [
                f"{label}: {name}"
                for label, name in referenced_files()
                if not (target / name).is_file()
            ]
            if missing:
                raise CommandError("files the database names are missing:\n" + "\n".join(missing))
            self.stdout.write("every file the database names is in the backup")
