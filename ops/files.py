"""Stored files, whatever the store (local disk or an object store): walk, checksum, reference."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import IO

from django.apps import apps
from django.core.files.storage import Storage
from django.db import models


def sha256_of(handle: IO[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1024 * 1024), b""):
        digest.update(chunk)
    return digest.hexdigest()


def stored_sha256(storage: Storage, name: str) -> str:
    with storage.open(name, "rb") as handle:
        return sha256_of(handle)


def walk(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name in the store, sorted, found through the storage API (listdir)."""
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for directory in sorted(directories):
        yield from walk(storage, f"{folder}/{directory}" if folder else directory)


def referenced_files() -> Iterator[tuple[str, str]]:
    """(model.field, file name) for every file a FileField of any model points at."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                label = f"{model._meta.label}.{field.name}"
                names = (
                    model._default_manager.exclude(**{field.name: ""})
                    .values_list(field.name, flat=True)
                    .iterator()
                )
                for name in names:
                    yield label, name
