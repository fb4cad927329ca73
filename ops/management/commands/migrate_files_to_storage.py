"""Copy the files stored on this machine's disk (MEDIA_ROOT) into the configured file store (the
object store once S3_BUCKET is set), under the same names, so every FileField keeps pointing at its
file. Each copy is read back and its SHA-256 compared; nothing on the disk is changed or deleted.

Idempotent: a file already in the store with the same content is skipped, so the command can be run
again after an interruption, or before and after the switch. A name in the store with different
content is reported and left alone (nothing is overwritten); the command then exits with an error.

    S3_BUCKET=... .venv/bin/python manage.py migrate_files_to_storage [--source DIR] [--dry-run]
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ops.files import sha256_of, stored_sha256


class Command(BaseCommand):
    help = "Copy local MEDIA_ROOT files into the configured file store, verified by SHA-256."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--source", help="the local directory to copy (default: MEDIA_ROOT)")
        parser.add_argument("--dry-run", action="store_true", help="only say what would be copied")

    def handle(self, *args, **options) -> None:
        source = Path(options["source"] or settings.MEDIA_ROOT).resolve()
        if not source.is_dir():
            raise CommandError(f"{source} is not a directory")
        storage: Storage = default_storage
        copied = present = 0
        conflicts: list[str] = []
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            name = path.relative_to(source).as_posix()
            with path.open("rb") as handle:
                local = sha256_of(handle)
            if storage.exists(name):
                if stored_sha256(storage, name) == local:
                    present += 1
                else:
                    conflicts.append(name)
                    self.stderr.write(f"different content already stored, left alone: {name}")
                continue
            if options["dry_run"]:
                self.stdout.write(f"would copy {name}")
                copied += 1
                continue
            with path.open("rb") as handle:
                saved = storage.save(name, File(handle, name=path.name))
            if saved != name:
                storage.delete(saved)
                raise CommandError(f"the store renamed {name} to {saved}; nothing else copied")
            if stored_sha256(storage, name) != local:
                raise CommandError(f"{name}: the stored copy differs from the local file")
            copied += 1
            if options["verbosity"] > 1:
                self.stdout.write(f"copied {name}")
        verb = "would copy" if options["dry_run"] else "copied"
        self.stdout.write(
            f"{verb} {copied}, already stored {present}, conflicts {len(conflicts)} (from {source})"
        )
        if conflicts:
            raise CommandError(f"{len(conflicts)} files differ from the stored ones; see above")
