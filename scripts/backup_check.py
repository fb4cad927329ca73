"""Backups proven by restore (`make backup-check`).

Builds a source deployment — a new PostgreSQL database with the demo data (seed_demo), its stored
files in a file store (a local directory; with --s3 a bucket on a local S3-compatible server) — and
then does what the README's procedure says:

  backup   pg_dump --format=custom of the database; `manage.py backup_files` copies every stored file
           with a SHA-256 manifest (and checks every file the database names is in it)
  restore  into a fresh database (pg_restore) and a fresh, empty store (`manage.py restore_files`)
  compare  the row count of every table, source against restored; the SHA-256 of every file, the
           source store's against the restored store's; every file the restored database names is
           in the restored store

and prints how long each part took. Both databases are dropped afterwards. Exit status 0 when the
restored deployment equals the source.

    .venv/bin/python scripts/backup_check.py [--pg postgres://postgres@127.0.0.1:5432] [--s3]
                                             [--bench [--clients 20000 --visits 200000]]

--bench adds the benchmark's department (bench/run.py: 10 teams, 100 salespeople, 20,000 clients,
200,000 visits, a year of plans) to the demo data, to time the check at that size.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
SOURCE, RESTORED = "salesops_backup_src", "salesops_backup_dst"


def fail(message: str) -> None:
    raise SystemExit(f"FAILED: {message}")


def run(cmd: list[str], env: dict[str, str] | None = None) -> str:
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        fail(f"{' '.join(cmd)}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result.stdout


def create_database(pg: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{pg}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')


@contextmanager
def databases(pg: str) -> Iterator[None]:
    import psycopg

    def drop() -> None:
        with psycopg.connect(f"{pg}/postgres", autocommit=True) as conn:
            for name in (SOURCE, RESTORED):
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    drop()
    create_database(pg, SOURCE)
    try:
        yield
    finally:
        drop()


@contextmanager
def s3_server() -> Iterator[str]:
    import logging

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


def row_counts(url: str) -> dict[str, int]:
    import psycopg

    with psycopg.connect(url) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
            )
        ]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--s3", action="store_true", help="files in a local S3-compatible store")
    parser.add_argument("--bench", action="store_true", help="add the benchmark's department")
    parser.add_argument("--clients", type=int, default=20000)
    parser.add_argument("--visits", type=int, default=200000)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="salesops-backup-"))
    base = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "S3_", "REDIS"))},
        "DJANGO_DEBUG": "1",
        "AXES_ENABLED": "0",
    }
    try:
        with databases(args.pg), s3_server() if args.s3 else _no_server() as s3_url:
            src = {**base, "DATABASE_URL": f"{args.pg}/{SOURCE}"}
            dst = {**base, "DATABASE_URL": f"{args.pg}/{RESTORED}"}
            if s3_url:
                import boto3

                s3 = boto3.client(
                    "s3",
                    endpoint_url=s3_url,
                    aws_access_key_id="backup",
                    aws_secret_access_key="backup",
                    region_name="us-east-1",
                )
                for env, bucket in ((src, "salesops-src"), (dst, "salesops-restored")):
                    s3.create_bucket(Bucket=bucket)
                    # the procedure's first line of defence: a deleted or overwritten object keeps
                    # its earlier versions
                    s3.put_bucket_versioning(
                        Bucket=bucket, VersioningConfiguration={"Status": "Enabled"}
                    )
                    env.update(
                        S3_BUCKET=bucket,
                        S3_ENDPOINT_URL=s3_url,
                        S3_ACCESS_KEY_ID="backup",
                        S3_SECRET_ACCESS_KEY="backup",
                        S3_REGION="us-east-1",
                        S3_ADDRESSING_STYLE="path",
                    )
            else:
                src["DJANGO_MEDIA_ROOT"] = str(work / "media-src")
                dst["DJANGO_MEDIA_ROOT"] = str(work / "media-restored")

            t = time.monotonic()
            run([PY, "manage.py", "migrate", "--noinput", "-v0"], src)
            run([PY, "manage.py", "seed_demo"], src)
            if args.bench:
                run(
                    [
                        PY,
                        "-c",
                        "import sys; sys.path.insert(0, 'bench'); import run; "
                        f"run.setup({src['DATABASE_URL']!r}); "
                        f"run.build({args.clients}, {args.visits})",
                    ],
                    src,
                )
            built = time.monotonic() - t
            store = "an S3-compatible bucket (versioned)" if s3_url else "a local directory"
            print(
                f"source: demo data{' + benchmark department' if args.bench else ''}, files in {store}; built in {built:.1f}s"
            )

            # backup
            t = time.monotonic()
            dump = work / "salesops.dump"
            run(["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", src["DATABASE_URL"]])
            out = run([PY, "manage.py", "backup_files", str(work / "files"), "--check"], src)
            backup_s = time.monotonic() - t
            print(
                f"backup:  {backup_s:6.1f}s  database dump {dump.stat().st_size / 1e6:.1f} MB; {out.splitlines()[0]}"
            )

            # restore into a fresh database and an empty store
            t = time.monotonic()
            create_database(args.pg, RESTORED)
            run(
                [
                    "pg_restore",
                    "--no-owner",
                    "--exit-on-error",
                    f"--dbname={dst['DATABASE_URL']}",
                    str(dump),
                ]
            )
            out = run([PY, "manage.py", "restore_files", str(work / "files")], dst)
            restore_s = time.monotonic() - t
            print(f"restore: {restore_s:6.1f}s  {out.strip()}")

            # compare
            t = time.monotonic()
            before, after = row_counts(src["DATABASE_URL"]), row_counts(dst["DATABASE_URL"])
            if before != after:
                diff = {
                    k: (before.get(k), after.get(k))
                    for k in before.keys() | after.keys()
                    if before.get(k) != after.get(k)
                }
                fail(f"row counts differ (source, restored): {diff}")
            run([PY, "manage.py", "backup_files", str(work / "verify"), "--check"], dst)
            source_sums = (work / "files" / "MANIFEST.sha256").read_text()
            restored_sums = (work / "verify" / "MANIFEST.sha256").read_text()
            if source_sums != restored_sums:
                fail("the restored store's files differ from the source store's")
            compare_s = time.monotonic() - t
            files = len(source_sums.splitlines())
            print(
                f"compare: {compare_s:6.1f}s  {len(before)} tables, {sum(before.values())} rows equal; "
                f"{files} files, SHA-256 equal"
            )
            print(
                f"backup-check passed: backup + restore + compare took {backup_s + restore_s + compare_s:.1f}s"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


@contextmanager
def _no_server() -> Iterator[str]:
    yield ""


if __name__ == "__main__":
    sys.exit(main())
