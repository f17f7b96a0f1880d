"""Timing one page through the whole stack, and its floor: one raw query plus a template.

Each request goes through `django.test.Client` (every middleware, the session, the
templates); the time is taken around `client.get` with `time.perf_counter`, the
queries with `CaptureQueriesContext`. The floor is timed the same way, each floor run
right after a page request, so that other load on the machine hits both alike.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.template import Context, Template
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from bench.registry import Page

BACKEND = "django.contrib.auth.backends.ModelBackend"


class PageError(RuntimeError):
    """A measured request did not answer 200."""


def summarise(seconds: list[float], queries: list[int]) -> dict[str, Any]:
    """Median and 95th percentile in ms, and the query count (the highest seen)."""
    p95 = statistics.quantiles(seconds, n=20, method="inclusive")[-1]
    return {
        "median_ms": round(statistics.median(seconds) * 1000, 3),
        "p95_ms": round(p95 * 1000, 3),
        "queries": max(queries),
        "queries_varied": min(queries) != max(queries),
    }


def measure(page: Page, *, repeat: int, warmup: int) -> dict[str, Any]:
    """Time the page and its floor, alternating, so both see the same load on the machine."""
    url, page_run = _page_runner(page)
    runs = {"page": page_run, "floor": _floor_runner(page)}
    for _ in range(warmup):
        for run in runs.values():
            run()
    gc.collect()
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    queries: dict[str, list[int]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                run()
                seconds[name].append(time.perf_counter() - started)
            queries[name].append(len(captured.captured_queries))
    result = summarise(seconds["page"], queries["page"])
    floor = summarise(seconds["floor"], queries["floor"])
    result.update({f"floor_{key}": value for key, value in floor.items()})
    result["ratio"] = round(result["p95_ms"] / floor["p95_ms"], 2)
    if page.target_ms is not None:
        result["target_ms"] = page.target_ms
    return {"url": url, **result}


def _page_runner(page: Page) -> tuple[str, Callable[[], None]]:
    """A signed-in client's GET of the page, which must answer 200."""
    with scopes_disabled():
        url = page.url_builder()
        user = page.user_builder()
    client = Client(HTTP_HOST="127.0.0.1")
    if user is not None:
        client.force_login(user, backend=BACKEND)

    def run() -> None:
        response = client.get(url)
        if response.status_code != 200:
            raise PageError(f"{page.name}: GET {url} answered {response.status_code}")

    return url, run


def _floor_runner(page: Page) -> Callable[[], None]:
    """One raw query fetching what the page shows, rendered by a minimal template."""
    with scopes_disabled():
        params = list(page.floor_params())
    template = Template(page.floor_template)

    def run() -> None:
        with connection.cursor() as cursor:
            cursor.execute(page.floor_sql, params)
            columns = [column[0] for column in cursor.description]
            rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        if not rows:
            raise PageError(f"{page.name}: the floor query found nothing")
        template.render(Context({"rows": rows}))

    return run
