"""Tenancy, layer 3: scopes may only be disabled in tasks, commands, migrations and the
LAG's aggregate selectors (STYLE.md); unscoped managers and raw SQL likewise, except in
a few reviewed platform modules that filter by district themselves."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "teilhabe"
ESCAPES = re.compile(
    r"scopes_disabled|with_scopes_disabled|with_scope\(|scope\(\s*district\s*=\s*None"
    r"|_base_manager|\.raw\(|\bcursor\(\)"
)
# Unscoped reads that re-check the district themselves (each says so in a comment).
REVIEWED = {
    "core/versioning.py",
    "core/admin.py",
    "core/selectors.py",
    "core/models.py",
    # A position's secret calendar address names no district: the feed is found by token.
    "portal/committees.py",
}


def allowed(path: Path) -> bool:
    relative = path.relative_to(ROOT).as_posix()
    return (
        relative.endswith("/tasks.py")
        or "/management/commands/" in relative
        or "/migrations/" in relative
        or "/tests/" in relative
        or relative == "lag/selectors.py"
        or relative in REVIEWED
    )


def test_scopes_are_disabled_only_where_allowed():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in ROOT.rglob("*.py")
        if not allowed(path)
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if ESCAPES.search(line)
    ]
    assert not offenders, "scopes disabled outside the allowed places:\n" + "\n".join(offenders)


def test_the_check_sees_the_allowed_use():
    """Guard: the LAG selectors do disable scopes, so the pattern matches real code."""
    text = (ROOT / "lag" / "selectors.py").read_text()
    assert ESCAPES.search(text)
