"""`python -m bench`: build the dataset at each scale, measure every page, report.

    python -m bench                      # scale 1 and 10, 30 requests per page
    python -m bench --scale 1 --repeat 10 --page audit
    python -m bench --rebuild            # regenerate the databases even if current

Each scale runs in its own process against its own database: a SQLite file
`var/bench/bench-scale<N>.sqlite3`, or, when `DATABASE_URL` points to PostgreSQL,
the database `teilhabe_bench_scale<N>` on that server. Results go to
`bench/results.json` and `bench/results.md`; the table is also printed.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench import report

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
DEFAULT_SCALES = [1.0, 10.0]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--scale",
        type=float,
        action="append",
        help="scale factor, 1 = one Berlin year (repeatable; default: 1 and 10)",
    )
    parser.add_argument("--repeat", type=int, default=30, help="measured requests per page")
    parser.add_argument("--warmup", type=int, default=5, help="unmeasured requests first")
    parser.add_argument("--seed", type=int, default=2025, help="seed of the generated data")
    parser.add_argument("--page", action="append", default=[], help="only pages named like this")
    parser.add_argument("--rebuild", action="store_true", help="regenerate even current data")
    args = parser.parse_args(argv)
    if args.repeat < 2:
        parser.error("--repeat must be at least 2")
    return args


def database_env(scale: float) -> dict[str, str]:
    """Where one scale's data lives: its own SQLite file, or its own PostgreSQL database."""
    name = report.label(scale).replace(".", "_")
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://", "pgsql://")):
        return {"BENCH_DB_NAME": f"teilhabe_bench_scale{name}"}
    var = Path(os.environ.get("TEILHABE_VAR_DIR", ROOT / "var"))
    return {"BENCH_DB_PATH": str(var / "bench" / f"bench-scale{name}.sqlite3")}


def run_scale(scale: float, args: argparse.Namespace, out: Path) -> dict[str, Any]:
    """Run the worker for one scale in a fresh interpreter and read its results."""
    env = {**os.environ, **database_env(scale), "DJANGO_SETTINGS_MODULE": "bench.settings"}
    command = [
        sys.executable,
        "-m",
        "bench.worker",
        f"--scale={scale}",
        f"--seed={args.seed}",
        f"--repeat={args.repeat}",
        f"--warmup={args.warmup}",
        f"--out={out}",
        *(f"--page={name}" for name in args.page),
        *(["--rebuild"] if args.rebuild else []),
    ]
    subprocess.run(command, cwd=ROOT, env=env, check=True)  # noqa: S603  our own interpreter
    return json.loads(out.read_text())


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    scales = sorted(set(args.scale or DEFAULT_SCALES))
    started = datetime.datetime.now(tz=datetime.UTC).astimezone()
    results: dict[str, Any] = {
        "started": started.isoformat(timespec="seconds"),
        "repeat": args.repeat,
        "warmup": args.warmup,
        "seed": args.seed,
        # Other work on the machine shows in p95 first; the report states how busy it was.
        "load_average": {"start": round(os.getloadavg()[0], 2)},
        "scales": {},
    }
    with tempfile.TemporaryDirectory() as tmp:
        for scale in scales:
            print(f"scale {report.label(scale)}", flush=True)
            try:
                run = run_scale(scale, args, Path(tmp) / f"scale-{scale}.json")
            except subprocess.CalledProcessError as error:
                print(f"scale {report.label(scale)} failed (exit {error.returncode})")
                return 1
            results["scales"][report.label(scale)] = run
            results["database"] = run["database"]
    results["load_average"]["end"] = round(os.getloadavg()[0], 2)
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    text = report.markdown(results)
    (HERE / "results.md").write_text(text)
    print()
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
