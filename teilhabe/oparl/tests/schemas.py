"""Validation against the OParl 1.1.1 schemas, embedded objects included, and the rules
of the spec the schemas do not express.

The published schemas reference embedded objects with `"schema": "File.json"` and URLs
with `"format": "url"`, which `jsonschema` ignores, so nested objects would never be
checked. `load()` rewrites `schema` to `$ref`, `url` to `uri`, and drops `items` on
string-typed list URLs (`"type": "string"` with `items` describing the list's objects);
a registry resolves the references. `uri` and `date-time` get checkers of their own,
as the optional format packages are not installed.
"""

from __future__ import annotations

import datetime
import json
import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).parent / "schema"
BASE = "https://schema.oparl.org/1.1/"
OPARL = "https://schema.oparl.org/1.1/"
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")


def rewrite(node: Any) -> Any:
    if isinstance(node, list):
        return [rewrite(value) for value in node]
    if not isinstance(node, dict):
        return node
    result: dict[str, Any] = {}
    for key, value in node.items():
        if key == "schema" and isinstance(value, str):
            result["$ref"] = value
        elif key == "format" and value == "url":
            result["format"] = "uri"
        else:
            result[key] = rewrite(value)
    if result.get("type") == "string":
        result.pop("items", None)
    return result


def _format_checker() -> FormatChecker:
    checker = FormatChecker()

    @checker.checks("uri")
    def is_uri(value: object) -> bool:
        if not isinstance(value, str):
            return True
        parts = urlsplit(value)
        return parts.scheme in ("http", "https") and bool(parts.netloc)

    @checker.checks("date-time")
    def is_date_time(value: object) -> bool:
        if not isinstance(value, str):
            return True
        if not RFC3339.fullmatch(value):
            return False
        return datetime.datetime.fromisoformat(value).tzinfo is not None

    return checker


@cache
def load() -> Registry:
    resources = []
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        contents = rewrite(json.loads(path.read_text()))
        contents["$id"] = BASE + path.name
        resources.append((BASE + path.name, Resource.from_contents(contents, DRAFT202012)))
    return Registry().with_resources(resources)


@cache
def validator(type_name: str) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": f"{BASE}{type_name}.json"}, registry=load(), format_checker=_format_checker()
    )


def type_of(obj: dict[str, Any]) -> str:
    return obj["type"].removeprefix(OPARL)


def validate(obj: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError unless `obj` (and all it embeds) is valid."""
    validator(type_of(obj)).validate(obj)


# Lists the schemas require even when they have no entries: a list page's `data` and
# a Body's `legislativeTerm`.
MAY_BE_EMPTY = {"data", "legislativeTerm"}


def rule_violations(value: Any, path: str = "$") -> list[str]:
    """Where `value` breaks the spec's rules: an empty value, an object without stamps."""
    found = []
    key = path.rpartition(".")[2]
    if (value is None or value == "" or value == [] or value == {}) and key not in MAY_BE_EMPTY:
        found.append(f"{path}: empty value {value!r}")
    if isinstance(value, dict):
        if str(value.get("type", "")).startswith(OPARL):
            found += [f"{path}: no {name}" for name in ("created", "modified") if name not in value]
        for name, inner in value.items():
            found += rule_violations(inner, f"{path}.{name}")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += rule_violations(inner, f"{path}[{index}]")
    return found
