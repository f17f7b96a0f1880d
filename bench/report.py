"""The results as a table: per page, time against the floor at each scale, and query counts."""

from __future__ import annotations

import os
from typing import Any

RATIO_TARGET = 2.0


def label(scale: float) -> str:
    """1.0 → "1", 0.5 → "0.5"."""
    return f"{scale:g}"


def target(by_scale: dict[str, dict[str, Any]]) -> float | None:
    """The page's own p95 target in ms, if it has one (see `registry.register_page`)."""
    return next((r["target_ms"] for r in by_scale.values() if "target_ms" in r), None)


def flags(by_scale: dict[str, dict[str, Any]]) -> list[str]:
    """What misses a target: query count growing with scale, or p95 above twice the floor
    (above its own target, for a page that has one)."""
    found = []
    counts = {result["queries"] for result in by_scale.values()}
    if len(counts) > 1:
        found.append("queries differ")
    if any(result["queries_varied"] for result in by_scale.values()):
        found.append("queries vary")
    own = target(by_scale)
    if own is not None:
        over = [scale for scale, result in by_scale.items() if result["p95_ms"] > own]
        if over:
            found.append(f"p95 > {own:g} ms @" + ",".join(over))
        return found
    over = [scale for scale, result in by_scale.items() if result["ratio"] > RATIO_TARGET]
    if over:
        found.append("ratio > 2 @" + ",".join(over))
    return found


def table(results: dict[str, Any]) -> str:
    """A Markdown table with one row per page and one group of columns per scale."""
    scales: dict[str, dict[str, Any]] = results["scales"]
    names: list[str] = []
    for run in scales.values():
        names += [name for name in run["pages"] if name not in names]
    header = ["page"]
    for scale in scales:
        header += [f"median @{scale}", f"p95 @{scale}", f"floor p95 @{scale}", f"ratio @{scale}"]
    header += ["queries " + " / ".join(f"@{scale}" for scale in scales), "flag"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name in names:
        by_scale = {s: run["pages"][name] for s, run in scales.items() if name in run["pages"]}
        own = target(by_scale)
        cells = [f"`{name}`" + (f" (target {own:g} ms)" if own is not None else "")]
        for scale in scales:
            result = by_scale.get(scale)
            if result is None:
                cells += ["–"] * 4
                continue
            cells += [
                f"{result['median_ms']:.2f}",
                f"{result['p95_ms']:.2f}",
                f"{result['floor_p95_ms']:.2f}",
                f"{result['ratio']:.1f}",
            ]
        cells.append(" / ".join(str(r["queries"]) for r in by_scale.values()))
        cells.append(", ".join(f"**{flag}**" for flag in flags(by_scale)))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def load_table(results: dict[str, Any]) -> str:
    """One row per load and scale: requests, time, rate against its target, losses."""
    header = ["load", "scale", "requests", "seconds", "per second", "target", "lost", "flag"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for scale, run in results["scales"].items():
        for name, load in run.get("loads", {}).items():
            found = []
            if load["ok"] != load["requests"]:
                found.append(f"{load['requests'] - load['ok']} refused")
            if load["lost"]:
                found.append(f"{load['lost']} lost")
            if load["target_per_s"] is not None and load["per_s"] < load["target_per_s"]:
                found.append("below target")
            cells = [
                f"`{name}`", scale, str(load["requests"]), f"{load['seconds']:.2f}",
                f"{load['per_s']:.1f}", f"{load['target_per_s'] or '–'}", str(load["lost"]),
                ", ".join(f"**{flag}**" for flag in found),
            ]  # fmt: skip
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) if len(lines) > 2 else ""


def markdown(results: dict[str, Any]) -> str:
    """The whole report: how it was run, the data sizes, and the table."""
    out = [
        "# Benchmark results",
        "",
        f"{results['started']} · database {results['database']} · {results['repeat']} requests "
        f"per page after {results['warmup']} warm-up requests · seed {results['seed']} · "
        "times in ms, server side (`django.test.Client`) · load average "
        f"{results['load_average']['start']:g} at the start, "
        f"{results['load_average']['end']:g} at the end on {os.cpu_count()} CPUs",
        "",
    ]
    for scale, run in results["scales"].items():
        rows = run["rows"]
        built = "reused" if run["reused"] else f"built in {run['build_seconds']:.0f} s"
        out.append(
            f"- scale {scale}: {rows['audit_entries']:,} audit entries "
            f"({rows['audit_entries_bench_district']:,} in the measured district), "
            f"{rows['users']} users, {rows['position_holdings']} holdings; database {built}"
        )
    own_targets = any(
        "target_ms" in page for run in results["scales"].values() for page in run["pages"].values()
    )
    out += [
        "",
        table(results),
        "",
        "Floor: one raw SQL query fetching what the page shows, rendered by a minimal "
        "template. Targets: the same query count at every scale; p95 within "
        f"{RATIO_TARGET:g}× the floor's p95"
        + ("; a page with its own target (by its name): p95 within that." if own_targets else "."),
        "",
    ]
    loads = load_table(results)
    if loads:
        out += [
            "## Load",
            "",
            loads,
            "",
            "A real server (gunicorn, one sync worker per core plus one) answers requests "
            "sent at once by 16 client threads on the same machine; per second counts the "
            "answers that confirm the request; refused requests got no confirmation; lost "
            "counts confirmed requests whose record is missing from the database afterwards.",
            "",
        ]
    return "\n".join(out)
