"""Support for the tenancy walk: the world of two districts and the kwarg providers.

Each app may add `teilhabe/<app>/tests/walk.py` with

    def populate(world: World) -> None        # create district A's records, add markers
    PROVIDERS = {"kwarg": lambda world: "..."} # fill URL keywords with A's records
    PLAIN_KEYWORDS = {"language"}              # keywords that name no record

A URL keyword no provider knows makes the walk fail, so a new module cannot add a
pattern the walk silently skips.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

import teilhabe
from teilhabe.accounts.models import User
from teilhabe.districts.models import District


@dataclass
class World:
    district_a: District
    district_b: District
    users: dict[tuple[str, str], User]
    objects: dict[str, Any] = field(default_factory=dict)
    # Strings that only district A's private records contain.
    markers: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Route:
    route: str
    name: str | None
    namespaces: tuple[str, ...]
    pattern: URLPattern

    @property
    def kwarg_names(self) -> list[str]:
        return _kwarg_names(self.route)


def _kwarg_names(route: str) -> list[str]:
    names = []
    for part in route.split("<")[1:]:
        inner = part.split(">", 1)[0]
        names.append(inner.split(":")[-1])
    return names


def all_routes() -> list[Route]:
    """Every URL pattern the project registers, with its full route and namespaces."""
    routes: list[Route] = []

    def walk(patterns, prefix: str, namespaces: tuple[str, ...]) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                part = _route_text(entry)
                ns = namespaces + ((entry.namespace,) if entry.namespace else ())
                walk(entry.url_patterns, prefix + part, ns)
            else:
                routes.append(Route(prefix + _route_text(entry), entry.name, namespaces, entry))

    walk(get_resolver().url_patterns, "", ())
    return routes


def _route_text(entry: URLPattern | URLResolver) -> str:
    pattern = entry.pattern
    text = getattr(pattern, "_route", None)
    if text is not None:
        return text
    # Language prefix of i18n_patterns, or a regex pattern (admin uses a few).
    if pattern.__class__.__name__ == "LocalePrefixPattern":
        return ""
    return str(pattern.regex.pattern).lstrip("^").rstrip("$").replace("\\Z", "")


def app_walk_modules() -> list[Any]:
    modules = []
    for info in pkgutil.iter_modules(teilhabe.__path__):
        try:
            modules.append(importlib.import_module(f"teilhabe.{info.name}.tests.walk"))
        except ModuleNotFoundError:
            continue
    return modules


def providers() -> dict[str, Callable[[World], str]]:
    """All apps' providers; two apps claiming one keyword is an error, not an override."""
    merged: dict[str, Callable[[World], str]] = {}
    for module in app_walk_modules():
        for name, provider in getattr(module, "PROVIDERS", {}).items():
            if name in merged:
                raise ValueError(f"URL keyword <{name}> has two walk providers ({module.__name__})")
            merged[name] = provider
    return merged


def plain_keywords() -> set[str]:
    """Keywords that do not name a record of A (a language, a model label …)."""
    names: set[str] = set()
    for module in app_walk_modules():
        names |= set(getattr(module, "PLAIN_KEYWORDS", ()))
    return names


def populate(world: World) -> None:
    for module in app_walk_modules():
        hook = getattr(module, "populate", None)
        if hook is not None:
            hook(world)
