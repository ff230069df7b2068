"""Backups that can be restored, and proof that they were.

A backup is a directory with the database (SQLite through its online backup API, which copies a
consistent snapshot while the site keeps running; PostgreSQL as ``pg_dump -Fc``), the media files
as a tar archive and ``manifest.json`` with the row count and a checksum of every table. ``restore``
puts both back and then recomputes counts and checksums: a restore that does not reproduce the
manifest fails loudly instead of leaving a silently incomplete site.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from . import maintenance

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar"


class BackupError(Exception):
    """A backup or restore that could not be completed; the message says why."""


@dataclass
class TableState:
    rows: int
    checksum: str


def _connection():
    return connections[DEFAULT_DB_ALIAS]


def table_states() -> dict[str, TableState]:
    """Row count and a content checksum per table, independent of physical row order."""
    connection = _connection()
    states = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table.startswith("sqlite_"):
                continue
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - table names come from introspection
            digests = sorted(
                hashlib.sha256(repr(tuple(_normalise(v) for v in row)).encode()).digest() for row in cursor
            )
            states[table] = TableState(len(digests), hashlib.sha256(b"".join(digests)).hexdigest())
    return states


def _normalise(value):
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _pg_env(db: dict) -> dict:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db: dict) -> list[str]:
    args = []
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    return args


def create_backup(target_dir: Path) -> Path:
    """Write a complete backup into a new directory below ``target_dir``; return its path."""
    connection = _connection()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    destination = Path(target_dir) / f"krisenwissen-{stamp}"
    destination.mkdir(parents=True, exist_ok=False)
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(destination / "database.sqlite3") as target:
            connection.connection.backup(target)
        database_file = "database.sqlite3"
    elif connection.vendor == "postgresql":
        database_file = "database.dump"
        result = subprocess.run(  # noqa: S603 - fixed program, arguments from settings
            ["pg_dump", "-Fc", "--no-owner", *_pg_args(db), "-f", str(destination / database_file), db["NAME"]],
            env=_pg_env(db),
            capture_output=True,
            text=True,
        )
        if result.returncode:
            shutil.rmtree(destination, ignore_errors=True)
            raise BackupError(f"pg_dump failed: {result.stderr.strip()[:500]}")
    else:
        raise BackupError(f"database engine {connection.vendor} is not supported")
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(destination / MEDIA_ARCHIVE, "w") as archive:
        if media_root.is_dir():
            archive.add(media_root, arcname="media")
    manifest = {
        "created": datetime.now().isoformat(timespec="seconds"),
        "engine": connection.vendor,
        "database_file": database_file,
        "tables": {name: state.__dict__ for name, state in table_states().items()},
        "files": {name: _sha256(destination / name) for name in (database_file, MEDIA_ARCHIVE)},
    }
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return destination


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_manifest(backup_dir: Path) -> dict:
    path = Path(backup_dir) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{backup_dir} is not a backup (no {MANIFEST})")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    for name, expected in manifest["files"].items():
        if _sha256(Path(backup_dir) / name) != expected:
            raise BackupError(f"{name} in {backup_dir} is damaged (checksum differs from the manifest)")
    return manifest


def restore_backup(backup_dir: Path) -> dict[str, TableState]:
    """Replace the database and media with the backup's, in maintenance mode; verify every table."""
    backup_dir = Path(backup_dir)
    manifest = read_manifest(backup_dir)
    connection = _connection()
    if manifest["engine"] != connection.vendor:
        raise BackupError(f"backup is for {manifest['engine']}, this installation uses {connection.vendor}")
    was_active = maintenance.is_active()
    maintenance.switch(True, "restore")
    try:
        db = connection.settings_dict
        if connection.vendor == "sqlite":
            connection.close()
            with sqlite3.connect(backup_dir / manifest["database_file"]) as source:
                target = sqlite3.connect(db["NAME"])
                try:
                    source.backup(target)
                finally:
                    target.close()
        else:
            connection.close()
            result = subprocess.run(  # noqa: S603
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    *_pg_args(db),
                    "-d",
                    db["NAME"],
                    str(backup_dir / manifest["database_file"]),
                ],
                env=_pg_env(db),
                capture_output=True,
                text=True,
            )
            if result.returncode:
                raise BackupError(f"pg_restore failed: {result.stderr.strip()[:500]}")
        _restore_media(backup_dir / MEDIA_ARCHIVE)
        restored = table_states()
        expected = {name: TableState(**state) for name, state in manifest["tables"].items()}
        differing = sorted(name for name in expected if restored.get(name) != expected[name])
        if differing:
            raise BackupError(f"restored tables differ from the backup: {', '.join(differing[:10])}")
        return restored
    finally:
        if not was_active:
            maintenance.switch(False)


def _restore_media(archive_path: Path) -> None:
    media_root = Path(settings.MEDIA_ROOT)
    staging = media_root.with_name(media_root.name + ".restore")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with tarfile.open(archive_path) as archive:
        archive.extractall(staging, filter="data")
    if media_root.exists():
        shutil.rmtree(media_root)
    extracted = staging / "media"
    if extracted.is_dir():
        extracted.rename(media_root)
    else:
        media_root.mkdir(parents=True)
    shutil.rmtree(staging, ignore_errors=True)
