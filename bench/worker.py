"""One scale in its own process: prepare the database, measure every page, write JSON.

Started by `python -m bench` with `DJANGO_SETTINGS_MODULE=bench.settings` and the
database chosen through `BENCH_DB_PATH` / `BENCH_DB_NAME` (see `bench.settings`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import django


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.worker")
    parser.add_argument("--scale", type=float, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--repeat", type=int, required=True)
    parser.add_argument("--warmup", type=int, required=True)
    parser.add_argument("--page", action="append", default=[])
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from bench import database, measure, registry

    registry.discover()
    reused, build_seconds = database.prepare(seed=args.seed, scale=args.scale, rebuild=args.rebuild)
    print(
        "  database reused" if reused else f"  database built in {build_seconds:.1f} s", flush=True
    )
    _forget_sessions()
    pages: dict[str, Any] = {}
    for page in registry.pages():
        if args.page and not any(name in page.name for name in args.page):
            continue
        started = time.perf_counter()
        result = measure.measure(page, repeat=args.repeat, warmup=args.warmup)
        pages[page.name] = result
        print(
            f"  {page.name:32} p95 {result['p95_ms']:8.2f} ms"
            f"  floor {result['floor_p95_ms']:7.2f} ms  {result['queries']:3} queries"
            f"  ({time.perf_counter() - started:.1f} s)",
            flush=True,
        )
    loads = _loads(args.page, registry, measure_env=database.connection.vendor)
    output = {
        "loads": loads,
        "scale": args.scale,
        "database": database.connection.vendor,
        "reused": reused,
        "build_seconds": round(build_seconds, 1),
        "rows": _row_counts(),
        "pages": pages,
    }
    args.out.write_text(json.dumps(output, indent=2))
    return 0


def _loads(names: list[str], registry: Any, measure_env: str) -> dict[str, Any]:
    """Run the registered loads against a real server (see `bench.load`)."""
    from bench import load

    chosen = [item for item in registry.loads() if not names or any(n in item.name for n in names)]
    if not chosen:
        return {}
    results: dict[str, Any] = {}
    # As production runs (docs/operations.md): one trusted proxy, whose X-Forwarded-For
    # carries each client's address, and database connections kept between requests.
    with load.server(TEILHABE_TRUSTED_PROXIES="1", DATABASE_CONN_MAX_AGE="60") as host:
        for item in chosen:
            started = time.perf_counter()
            result = item.run(host)
            result["target_per_s"] = item.targets_per_s.get(measure_env)
            results[item.name] = result
            print(
                f"  {item.name:32} {result['per_s']:8.1f} /s  target {result['target_per_s']}"
                f"  lost {result['lost']}  ({time.perf_counter() - started:.1f} s)",
                flush=True,
            )
    return results


def _forget_sessions() -> None:
    """Sessions of earlier runs would only grow the table."""
    from django.contrib.sessions.models import Session

    Session.objects.all().delete()


def _row_counts() -> dict[str, int]:
    from django_scopes import scopes_disabled

    from bench.common import district
    from teilhabe.accounts.models import User
    from teilhabe.core.models import AuditEntry
    from teilhabe.districts.models import PositionHolding

    with scopes_disabled():
        return {
            "audit_entries": AuditEntry.objects.count(),
            "audit_entries_bench_district": AuditEntry.objects.filter(district=district()).count(),
            "users": User.objects.count(),
            "position_holdings": PositionHolding.objects.count(),
        }


if __name__ == "__main__":
    sys.exit(main())
