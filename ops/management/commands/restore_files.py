"""Put the files of a backup_files directory into the configured store (local disk or object
store) under their names, each verified against MANIFEST.sha256. Refuses to overwrite a stored file
with different content; a file already there with the same content is skipped (re-runnable).

    .venv/bin/python manage.py restore_files /backups/2026-11-27/files
"""

from __future__ import annotations

from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ops.files import referenced_files, sha256_of, stored_sha256


class Command(BaseCommand):
    help = "Restore a backup_files directory into the configured store, verified by SHA-256."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="a directory written by backup_files")

    def handle(self, *args, **options) -> None:
        source = Path(options["source"]).resolve()
        manifest = source / "MANIFEST.sha256"
        if not manifest.is_file():
            raise CommandError(f"{manifest} is missing: not a backup_files directory")
        restored = present = 0
        for line in manifest.read_text().splitlines():
            checksum, _, name = line.partition("  ")
            path = source / name
            with path.open("rb") as handle:
                if sha256_of(handle) != checksum:
                    raise CommandError(f"{name}: the backup copy does not match its checksum")
            if default_storage.exists(name):
                if stored_sha256(default_storage, name) != checksum:
                    raise CommandError(f"{name}: a different file is already stored; left alone")
                present += 1
                continue
            with path.open("rb") as handle:
                saved = default_storage.save(name, File(handle, name=path.name))
            if saved != name or stored_sha256(default_storage, name) != checksum:
                raise CommandError(f"{name}: the restored copy is not the backed-up file")
            restored += 1
        missing = [
            f"{label}: {name}"
            for label, name in referenced_files()
            if not default_storage.exists(name)
        ]
        self.stdout.write(f"restored {restored}, already stored {present}")
        if missing:
            raise CommandError(
                "files the database names are not in the store:\n" + "\n".join(missing)
            )
