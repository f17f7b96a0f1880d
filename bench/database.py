"""The benchmark's own database: reuse it if its data is current, else create, migrate, fill.

A small table `bench_meta` holds the version of the data (a hash of the seed, the
scale, the generator modules' source and the migration graph). It is written last,
so a build that fails half-way is rebuilt on the next run.
"""

from __future__ import annotations

import datetime
import hashlib
import inspect
import random
import sqlite3
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django_scopes import scopes_disabled

from bench import common, registry

META_TABLE = "bench_meta"


def data_version(*, seed: int, scale: float) -> str:
    """Changes whenever a rebuild would produce different data."""
    digest = hashlib.sha256(f"seed={seed} scale={scale}".encode())
    modules = {gen.func.__module__ for gen in registry.generators()} | {common.__name__}
    for name in sorted(modules):
        digest.update(inspect.getsource(sys.modules[name]).encode())
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for app_label, migration in sorted(loader.graph.leaf_nodes()):
        digest.update(f"{app_label}.{migration}".encode())
    return digest.hexdigest()[:16]


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def prepare(*, seed: int, scale: float, rebuild: bool) -> tuple[bool, float]:
    """Make the database current; returns (reused, seconds the build took)."""
    version = data_version(seed=seed, scale=scale)
    if not rebuild and _stored_version() == version:
        return True, 0.0
    started = time.perf_counter()
    _recreate()
    call_command("migrate", interactive=False, verbosity=0)
    build(seed=seed, scale=scale)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {META_TABLE} (key VARCHAR(50) PRIMARY KEY, value TEXT)")
        cursor.execute(f"INSERT INTO {META_TABLE} VALUES (%s, %s)", ["version", version])
        # A running database has statistics (autovacuum on PostgreSQL, PRAGMA optimize on
        # each SQLite connection, see settings); a freshly built one needs them now.
        cursor.execute("ANALYZE")
    return False, time.perf_counter() - started


def build(*, seed: int, scale: float) -> None:
    """Run every registered generator, each in one transaction."""
    from teilhabe.districts.models import District

    days = round(365 * scale)
    ctx = registry.BuildContext(
        seed=seed,
        scale=scale,
        start=common.DATA_END - datetime.timedelta(days=days - 1),
        end=common.DATA_END,
        districts=list(District.objects.order_by("number")),
    )
    for gen in registry.generators():
        started = time.perf_counter()
        rng = random.Random(f"{seed}:{gen.name}")
        with scopes_disabled(), transaction.atomic():
            gen.func(rng, scale, ctx)
        print(f"  generated {gen.name} in {time.perf_counter() - started:.1f} s", flush=True)


def _stored_version() -> str | None:
    if is_postgresql():
        if not _pg_exists():
            return None
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT value FROM {META_TABLE} WHERE key = %s", ["version"])
                row = cursor.fetchone()
        except Exception:  # no such table: an unfinished build
            connection.close()
            return None
        return row[0] if row else None
    path = Path(settings.DATABASES["default"]["NAME"])
    if not path.exists():
        return None
    with sqlite3.connect(path) as db:
        try:
            row = db.execute(f"SELECT value FROM {META_TABLE} WHERE key = 'version'").fetchone()
        except sqlite3.OperationalError:
            return None
    return row[0] if row else None


def _recreate() -> None:
    """Drop and create the database (PostgreSQL) or delete the file (SQLite)."""
    connection.close()
    name = settings.DATABASES["default"]["NAME"]
    if is_postgresql():
        quoted = connection.ops.quote_name(name)
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
            cursor.execute(f"CREATE DATABASE {quoted}")
        return
    path = Path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _pg_exists() -> bool:
    with connection._nodb_cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s",
            [settings.DATABASES["default"]["NAME"]],
        )
        return cursor.fetchone() is not None
