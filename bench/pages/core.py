"""Audit trail: about 15,000 entries per district and year, and the pages that list them.

Until the domain apps exist, the entries stand in for their volume: changes to the
office, its texts and its positions by the district's members, plus the exact
holder_added/holder_ended entries of the generated holdings. Entries are created in
time order, so ids grow with `created_at` as they do in a running installation.
"""

from __future__ import annotations

import datetime
import json
import random
from collections.abc import Iterator
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils.http import urlencode

from bench.common import (
    BENCH_DISTRICT,
    BERLIN,
    DISTRICT_WEIGHT,
    commissioner,
    district,
    insert_rows,
    office,
)
from bench.registry import BuildContext, generator, register_page
from teilhabe.core.models import AuditEntry
from teilhabe.core.pagination import encode_cursor
from teilhabe.districts.models import District, Office, OfficeText

AUDIT_PER_DISTRICT_YEAR = 15_000
PAGE_SIZE = 50
DEEP_PAGE = 50
# Sample values of the fields an update changes.
CHANGES: dict[str, tuple[str, ...]] = {
    "phone": ("030 90295-1234", "030 90295-4321", "030 90295-2000"),
    "office_hours": ("Dienstag 9–12 Uhr", "Donnerstag 14–17 Uhr", "nach Vereinbarung"),
    "room": ("Raum 101", "Raum 214", "Haus 2, Raum 3.07"),
    "accessibility": ("Aufzug vorhanden", "Stufenloser Zugang über den Seiteneingang"),
    "mission": ("Teilhabe für alle im Bezirk.", "Gleichberechtigte Teilhabe, gemeinsam gestaltet."),
    "tasks": ("- Beratung\n- Vernetzung", "- Ombudsstelle\n- Integrationsfonds"),
    "title": ("Koordination für Flüchtlingsfragen", "Registerstelle", "Integrationsfonds"),
    "description": ("Schwerpunkt Unterkünfte", "Schwerpunkt Arbeitsmarkt", ""),
}
FIELDS = {
    "office": ("phone", "office_hours", "room", "accessibility"),
    "officetext": ("mission", "tasks"),
    "position": ("title", "description"),
}
SHARES = (("office", 0.2), ("officetext", 0.15), ("position", 0.65))


@generator("audit", requires=("districts",))
def audit(rng: random.Random, scale: float, ctx: BuildContext) -> None:
    """Audit entries of every district over the window, in time order."""
    days = _working_days(ctx)
    pools = {kind: _change_pool(rng, fields) for kind, fields in FIELDS.items()}
    kinds = [kind for kind, _ in SHARES]
    weights = [share for _, share in SHARES]
    adapt = connection.ops.adapt_datetimefield_value
    for obj in ctx.districts:
        total = round(AUDIT_PER_DISTRICT_YEAR * DISTRICT_WEIGHT[obj.slug] * ctx.days / 365)
        targets = _targets(obj, ctx)
        actors = [(user.pk, user.email) for user in ctx.data["members"][obj.pk]]
        rows = []
        for moment, event in _timeline(rng, days, ctx.data["events"][obj.pk], total):
            actor_id, label = (None, "system") if rng.random() < 0.03 else rng.choice(actors)
            if event is None:
                kind = rng.choices(kinds, weights)[0]
                action, changes = f"districts.{kind}.updated", rng.choice(pools[kind])
                target = rng.choice(targets[kind])
            else:
                action, changes = _holding_change(event)
                target = targets["position_by_pk"][event["position"].pk]
            rows.append((obj.pk, actor_id, label, action, *target, changes, adapt(moment)))
        insert_rows(AuditEntry, AUDIT_INSERT_COLUMNS, rows)


AUDIT_INSERT_COLUMNS = (
    "district_id", "actor_id", "actor_label", "action", "content_type_id", "object_id",
    "object_repr", "changes", "created_at",
)  # fmt: skip
Target = tuple[int, str, str]


def _targets(obj: District, ctx: BuildContext) -> dict[str, Any]:
    """Per kind, the district's records as (content type id, object id, repr)."""

    def as_targets(records: list[Any]) -> list[Target]:
        if not records:
            return []
        content_type = ContentType.objects.get_for_model(records[0]).pk
        return [(content_type, str(r.pk), str(r)[:200]) for r in records]

    positions = ctx.data["positions"][obj.pk]
    return {
        "office": as_targets(list(Office.objects.filter(district=obj))),
        "officetext": as_targets(list(OfficeText.objects.filter(district=obj))),
        "position": as_targets(positions),
        "position_by_pk": dict(zip((p.pk for p in positions), as_targets(positions), strict=True)),
    }


def _change_pool(rng: random.Random, fields: tuple[str, ...]) -> list[str]:
    """Some `changes` values as JSON, mostly one field, sometimes two."""
    pool = []
    for _ in range(40):
        count = 1 if rng.random() < 0.8 else min(2, len(fields))
        changed = rng.sample(fields, count)
        pool.append(json.dumps({name: rng.sample(CHANGES[name], 2) for name in changed}))
    return pool


def _holding_change(event: dict[str, Any]) -> tuple[str, str]:
    """The action and changes `holding_start` / `holding_end` record."""
    holder, day = str(event["holder"]), event["day"].isoformat()
    if event["action"] == "holder_added":
        changes = {"holder": [None, holder], "start": [None, day], "end": [None, None]}
    else:
        changes = {"holder": [holder, holder], "end": [None, day]}
    return f"districts.position.{event['action']}", json.dumps(changes)


def _working_days(ctx: BuildContext) -> list[float]:
    """Berlin midnight, as a timestamp, of every weekday in the window."""
    result = []
    for offset in range(ctx.days):
        day = ctx.start + datetime.timedelta(days=offset)
        if day.weekday() < 5:
            result.append(
                datetime.datetime.combine(day, datetime.time(0), tzinfo=BERLIN).timestamp()
            )
    return result


def _timeline(
    rng: random.Random, days: list[float], events: list[dict[str, Any]], total: int
) -> Iterator[tuple[datetime.datetime, dict[str, Any] | None]]:
    """`total` moments in office hours, sorted; the holding events at their own days."""
    moments: list[tuple[float, int]] = []
    for index, event in enumerate(events):
        midnight = datetime.datetime.combine(event["day"], datetime.time(0), tzinfo=BERLIN)
        moments.append((midnight.timestamp() + 9 * 3600 + rng.random() * 3600, index))
    count = len(days)
    for _ in range(max(total - len(events), 0)):
        moments.append((days[int(rng.random() * count)] + 27_000 + rng.random() * 37_800, -1))
    moments.sort()
    for stamp, index in moments:
        moment = datetime.datetime.fromtimestamp(stamp, tz=datetime.UTC)
        yield moment, (events[index] if index >= 0 else None)


AUDIT_COLUMNS = """
    a.created_at, a.action, a.object_repr, a.object_id, a.changes, a.actor_label,
    u.full_name AS actor_name, ct.app_label, ct.model
"""
AUDIT_JOINS = """
    LEFT JOIN accounts_user u ON u.id = a.actor_id
    LEFT JOIN django_content_type ct ON ct.id = a.content_type_id
"""
AUDIT_ROWS_TEMPLATE = (
    "<table>{% for r in rows %}<tr><td>{{ r.created_at }}</td><td>{{ r.actor_name }}</td>"
    "<td>{{ r.action }}</td><td><a href='{{ r.app_label }}.{{ r.model }}/{{ r.object_id }}/'>"
    "{{ r.object_repr }}</a></td><td>{{ r.changes }}</td></tr>{% endfor %}</table>"
)
AUDIT_TEMPLATE = AUDIT_ROWS_TEMPLATE + "<nav>{{ rows|length }}</nav>"
# Keyset pages (teilhabe.core.pagination): no count, no offset.
DISTRICT_AUDIT_SQL = f"""
    SELECT {AUDIT_COLUMNS}
    FROM core_auditentry a {AUDIT_JOINS}
    WHERE a.district_id = %s
      AND (a.created_at < %s OR (a.created_at = %s AND a.id < %s))
    ORDER BY a.created_at DESC, a.id DESC
    LIMIT {PAGE_SIZE + 1}
"""
FAR_FUTURE = datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC)


def _deep_entry() -> AuditEntry:
    """The last entry of page 50 (or of the last page at a small scale)."""
    entries = AuditEntry.objects.with_scope(district=district()).order_by("-created_at", "-id")
    count = entries.count()
    return entries[min(DEEP_PAGE * PAGE_SIZE, count) - 1]


def _district_audit_params(entry: AuditEntry | None) -> list[Any]:
    adapt = connection.ops.adapt_datetimefield_value
    moment = adapt(entry.created_at if entry else FAR_FUTURE)
    return [district().pk, moment, moment, entry.pk if entry else 0]


register_page(
    "core.district_audit",
    url_builder=lambda: f"/{BENCH_DISTRICT}/protokoll/",
    user_builder=commissioner,
    floor_sql=DISTRICT_AUDIT_SQL,
    floor_params=lambda: _district_audit_params(None),
    floor_template=AUDIT_TEMPLATE,
)


register_page(
    f"core.district_audit page {DEEP_PAGE}",
    url_builder=lambda: (
        f"/{BENCH_DISTRICT}/protokoll/?{urlencode({'vor': encode_cursor(_deep_entry())})}"
    ),
    user_builder=commissioner,
    floor_sql=DISTRICT_AUDIT_SQL,
    floor_params=lambda: _district_audit_params(_deep_entry()),
    floor_template=AUDIT_TEMPLATE,
)


def _record_audit_params() -> list[Any]:
    content_type = ContentType.objects.get_for_model(Office).pk
    return [district().pk, content_type, str(office().pk)]


register_page(
    "core.record_audit",
    url_builder=lambda: f"/{BENCH_DISTRICT}/protokoll/districts.office/{office().pk}/",
    user_builder=commissioner,
    floor_sql=f"""
        SELECT {AUDIT_COLUMNS}
        FROM core_auditentry a {AUDIT_JOINS}
        WHERE a.district_id = %s AND a.content_type_id = %s AND a.object_id = %s
        ORDER BY a.created_at DESC, a.id DESC
        LIMIT {PAGE_SIZE + 1}
    """,
    floor_params=_record_audit_params,
    floor_template=AUDIT_TEMPLATE,
)
