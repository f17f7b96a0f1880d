"""What the benchmark builds and measures: data generators and pages, registered by modules.

Every module of `bench/pages/` is imported by `discover()`; a domain app adds its
benchmark by adding one file there, e.g. `bench/pages/complaints.py`:

    from bench.registry import BuildContext, generator, register_page

    @generator("complaints", requires=("districts",))
    def complaints(rng: random.Random, scale: float, ctx: BuildContext) -> None:
        '''Roughly 300 complaints per district and year.'''
        ...  # bulk_create with batch_size, inside the transaction the builder opens

    register_page(
        "complaints.list",
        url_builder=lambda: f"/{BENCH_DISTRICT}/beschwerden/",
        user_builder=lambda: commissioner(BENCH_DISTRICT),
        floor_sql="SELECT ... LIMIT 50",
        floor_params=lambda: [district(BENCH_DISTRICT).pk],
        floor_template="{% for r in rows %}{{ r.subject }}{% endfor %}",
    )

Generators run once per database build, ordered by `requires`, each in its own
transaction with scopes disabled and its own `random.Random` (seeded from the run's
seed and the generator's name, so adding a generator leaves the others' data as it
was). The database is rebuilt whenever a generator module's source changes.

A page's floor is the lower bound of its content cost: the one raw SQL query that
fetches what the page shows, and a minimal template that prints it (`rows` is a list
of dicts keyed by the query's column names). A page whose answer costs more than its
content by nature (a generated DOCX or PDF) may name its own `target_ms` for its p95;
the report then checks that instead of the ratio to the floor.
"""

from __future__ import annotations

import datetime
import importlib
import pkgutil
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from teilhabe.accounts.models import User
    from teilhabe.districts.models import District


@dataclass
class BuildContext:
    """What generators share: the time window, the districts, and a scratch dict."""

    seed: int
    scale: float
    start: datetime.date
    end: datetime.date
    districts: list[District]
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def days(self) -> int:
        """Length of the window in days (365 per unit of scale)."""
        return (self.end - self.start).days + 1


GeneratorFunc = Callable[[random.Random, float, BuildContext], None]


@dataclass(frozen=True)
class Generator:
    name: str
    func: GeneratorFunc
    requires: tuple[str, ...]


@dataclass(frozen=True)
class Page:
    """A page to request, who requests it, and its floor."""

    name: str
    url_builder: Callable[[], str]
    user_builder: Callable[[], User | None]
    floor_sql: str
    floor_template: str
    floor_params: Callable[[], Sequence[Any]]
    target_ms: float | None = None


@dataclass(frozen=True)
class Load:
    """Many requests at once against a real server (`bench.load`): `run(server)` sends
    them and returns what `bench.load.result` makes of them; the target is requests per
    second by database vendor."""

    name: str
    run: Callable[[str], dict[str, Any]]
    targets_per_s: dict[str, float]


_generators: dict[str, Generator] = {}
_pages: dict[str, Page] = {}
_loads: dict[str, Load] = {}


def generator(
    name: str, *, requires: Iterable[str] = ()
) -> Callable[[GeneratorFunc], GeneratorFunc]:
    """Register `func(rng, scale, ctx)` to create data after the generators it requires."""

    def decorator(func: GeneratorFunc) -> GeneratorFunc:
        existing = _generators.get(name)
        if existing is not None and existing.func.__qualname__ != func.__qualname__:
            raise ValueError(f"Generator {name!r} is registered twice.")
        _generators[name] = Generator(name=name, func=func, requires=tuple(requires))
        return func

    return decorator


def register_page(
    name: str,
    url_builder: Callable[[], str],
    user_builder: Callable[[], User | None],
    floor_sql: str,
    floor_template: str,
    floor_params: Callable[[], Sequence[Any]] | None = None,
    target_ms: float | None = None,
) -> Page:
    """Register a page; the builders run after the data exists, `user_builder` may return None.
    `target_ms`: the page's own p95 target, checked instead of the ratio to its floor."""
    page = Page(
        name=name,
        url_builder=url_builder,
        user_builder=user_builder,
        floor_sql=floor_sql,
        floor_template=floor_template,
        floor_params=floor_params or (lambda: ()),
        target_ms=target_ms,
    )
    _pages[name] = page
    return page


def register_load(
    name: str, run: Callable[[str], dict[str, Any]], targets_per_s: dict[str, float]
) -> Load:
    """Register a load; `run(base_url)` gets the address of the running server."""
    load = Load(name=name, run=run, targets_per_s=targets_per_s)
    _loads[name] = load
    return load


def loads() -> list[Load]:
    return list(_loads.values())


def discover() -> None:
    """Import every module of `bench.pages`, which registers its generators and pages."""
    package = importlib.import_module("bench.pages")
    for module in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        importlib.import_module(f"bench.pages.{module.name}")


def generators() -> list[Generator]:
    """Registered generators, each after those it requires (ties by name)."""
    ordered: list[Generator] = []
    done: set[str] = set()
    pending = dict(sorted(_generators.items()))
    while pending:
        ready = [g for g in pending.values() if set(g.requires) <= done]
        if not ready:
            missing = {name: g.requires for name, g in pending.items()}
            raise ValueError(f"Generators with unknown or circular requirements: {missing}")
        for gen in ready:
            ordered.append(gen)
            done.add(gen.name)
            del pending[gen.name]
    return ordered


def pages() -> list[Page]:
    """Registered pages in registration order (modules are imported by name)."""
    return list(_pages.values())
