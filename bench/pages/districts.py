"""Districts: offices, their texts, positions, members and who held which position when.

Per district: 3–8 positions (IntB first), 5–15 members with one known commissioner
(`bench-<slug>@bench.example`), and position holdings that change every one to five
years over the whole window. Holding changes are handed to the audit generator via
`ctx.data["events"]`.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from typing import Any

from django.db import models
from django.utils import timezone

from bench.common import (
    BENCH_DISTRICT,
    DATA_END,
    EMAIL_DOMAIN,
    UNUSABLE_PASSWORD,
    commissioner,
    commissioner_email,
    district,
    morning,
    office,
)
from bench.pages.core import AUDIT_COLUMNS, AUDIT_JOINS, AUDIT_ROWS_TEMPLATE
from bench.registry import BuildContext, generator, register_page
from teilhabe.accounts.models import Membership, User
from teilhabe.districts import demo
from teilhabe.districts.models import District, Office, OfficeText, Position, PositionHolding

FIRST_NAMES = (
    "Aylin", "Jonas", "Olena", "Mehmet", "Sabine", "Thu", "Paul", "Leyla", "Felix", "Nadia",
    "Karin", "Samir", "Ewa", "Tobias", "Heike", "Dmitri", "Fatma", "Lukas", "Amina", "Stefan",
    "Zeynep", "Marek", "Julia", "Kofi", "Ingrid", "Hamid", "Anna", "Tran", "Yusuf", "Petra",
)  # fmt: skip
LAST_NAMES = (
    "Yılmaz", "Becker", "Kovalenko", "Nguyễn", "Schröder", "Aydın", "Hahn", "Rahimi", "Lehmann",
    "Nowak", "Krüger", "Fischer", "Haddad", "Wagner", "Baumann", "Koch", "Demir", "Schulz",
    "Mensah", "Wójcik", "Richter", "Öztürk", "Petrov", "Hoffmann", "Ali",
)  # fmt: skip
POSITION_TITLES = (
    "Koordination für Flüchtlingsfragen",
    "Registerstelle und Ombudsstelle",
    "Geschäftsführung Integrationsbeirat",
    "Integrationsfonds und Zuwendungen",
    "Migrationsgesellschaftliche Öffnung der Verwaltung",
    "Koordination Unterkünfte",
    "Interkulturelle Tage und Öffentlichkeitsarbeit",
    "Anfragen und Berichte",
)
TASKS_DE = (
    "- Geschäftsführung des Integrationsbeirats\n- Beratung und Vermittlung\n"
    "- Ombudsstelle für Beschwerden\n- Begleitung der Projekte aus dem Integrationsfonds"
)
TASKS_EN = (
    "- running the advisory board on integration\n- advice and referral\n"
    "- complaints office\n- accompanying projects funded by the integration fund"
)


@generator("districts")
def districts(rng: random.Random, scale: float, ctx: BuildContext) -> None:
    """Offices, texts, positions, members and holdings for all twelve districts."""
    for key in ("members", "positions", "events"):
        ctx.data[key] = {}
    for obj in ctx.districts:
        _office(rng, obj)
        members, staff = _members(rng, obj, ctx)
        positions = _positions(rng, obj)
        ctx.data["members"][obj.pk] = members
        ctx.data["positions"][obj.pk] = positions
        ctx.data["events"][obj.pk] = _holdings(rng, obj, ctx, members[0], staff, positions)
    # auto_now stamped the build's own time; the data's time is the window's start.
    for model in (Office, OfficeText, Position, PositionHolding):
        model.objects.update(created_at=morning(ctx.start), updated_at=morning(ctx.start))


def _office(rng: random.Random, obj: District) -> None:
    street, postal_code, room = demo.TOWN_HALLS[obj.slug]
    Office.objects.filter(district=obj).update(
        street=street,
        postal_code=postal_code,
        room=room,
        phone=f"030 9029{obj.number:02d}-{rng.randint(100, 999)}",
        email=f"integration@{obj.slug}.{EMAIL_DOMAIN}",
        office_hours=demo.OFFICE_HOURS,
        accessibility="Stufenloser Zugang über den Haupteingang, Aufzug vorhanden.",
    )
    mission, tasks = demo.TEXTS.get(obj.slug, {}).get("de", (_mission(obj.name), TASKS_DE))
    texts = [OfficeText(district=obj, language="de", mission=mission, tasks=tasks)]
    if rng.random() < 0.5:
        texts.append(
            OfficeText(district=obj, language="en", mission=_mission(obj.name), tasks=TASKS_EN)
        )
    OfficeText.objects.bulk_create(texts)


def _mission(name: str) -> str:
    return (
        f"Das Integrationsbüro {name} setzt sich für die gleichberechtigte Teilhabe aller "
        "Menschen im Bezirk ein. Grundlage ist das Partizipationsgesetz (PartMigG)."
    )


def _members(rng: random.Random, obj: District, ctx: BuildContext) -> tuple[list[User], list[User]]:
    """5–15 members, the known commissioner first; returns (members, staff)."""
    count = rng.randint(5, 15)
    joined = morning(ctx.start)
    users = [
        User(
            email=commissioner_email(obj.slug)
            if i == 0
            else f"bench-{obj.slug}-{i}@{EMAIL_DOMAIN}",
            full_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            password=UNUSABLE_PASSWORD,
            date_joined=joined,
        )
        for i in range(count)
    ]
    User.objects.bulk_create(users)
    roles = [Membership.Role.COMMISSIONER, Membership.Role.STAFF, Membership.Role.STAFF]
    roles += [
        Membership.Role.STAFF if rng.random() < 0.7 else Membership.Role.ASSISTANT
        for _ in range(count - 3)
    ]
    pairs = list(zip(users, roles, strict=True))
    Membership.objects.bulk_create(
        Membership(user=user, district=obj, role=role, created_at=joined) for user, role in pairs
    )
    return users, [user for user, role in pairs if role == Membership.Role.STAFF]


def _email(obj: District, index: int) -> str:
    if index == 0:
        return commissioner_email(obj.slug)
    return f"bench-{obj.slug}-{index}@{EMAIL_DOMAIN}"


def _positions(rng: random.Random, obj: District) -> list[Position]:
    count = rng.randint(3, 8)
    titles = rng.sample(POSITION_TITLES, count - 1)
    positions = [
        Position(district=obj, code="IntB", title="Integrationsbeauftragte*r", is_head=True)
    ]
    positions += [
        Position(
            district=obj,
            code=f"Int{i}",
            title=title,
            sort_order=10 + i,
            is_active=rng.random() > 0.1,
        )
        for i, title in enumerate(titles, start=1)
    ]
    return Position.objects.bulk_create(positions)


def _periods(rng: random.Random, ctx: BuildContext, keep_open: bool) -> list[tuple[Any, Any]]:
    """Consecutive (start, end) periods of one to five years; the last is open or ended."""
    periods: list[tuple[Any, Any]] = []
    start = ctx.start - datetime.timedelta(days=rng.randint(0, 3 * 365))
    while True:
        end = start + datetime.timedelta(days=rng.randint(365, 5 * 365))
        if end >= DATA_END:
            if keep_open or rng.random() > 0.1:
                periods.append((start, None))
            else:  # vacant today
                periods.append((start, DATA_END - datetime.timedelta(days=rng.randint(1, 180))))
            return periods
        periods.append((start, end))
        start = end + datetime.timedelta(days=rng.randint(1, 90))


def _holdings(
    rng: random.Random,
    obj: District,
    ctx: BuildContext,
    head: User,
    staff: list[User],
    positions: list[Position],
) -> list[dict[str, Any]]:
    """Holdings of every position over the window, and the audit events they cause."""
    holdings: list[PositionHolding] = []
    events: list[dict[str, Any]] = []
    for position in positions:
        periods = _periods(rng, ctx, keep_open=position.is_head)
        previous = None
        for index, (start, end) in enumerate(periods):
            if position.is_head and index == len(periods) - 1:
                holder = head
            else:
                holder = rng.choice([m for m in staff if m is not previous])
            previous = holder
            holdings.append(
                PositionHolding(district=obj, position=position, user=holder, start=start, end=end)
            )
            for day, action in ((start, "holder_added"), (end, "holder_ended")):
                if day is not None and ctx.start <= day <= ctx.end:
                    events.append(
                        {"day": day, "action": action, "position": position, "holder": holder}
                    )
    PositionHolding.objects.bulk_create(holdings, batch_size=500)
    return events


def _recent_floor_params() -> list[Any]:
    return [district().pk]


register_page(
    "districts.dashboard",
    url_builder=lambda: f"/{BENCH_DISTRICT}/",
    user_builder=commissioner,
    floor_sql=f"""
        SELECT {AUDIT_COLUMNS} FROM core_auditentry a {AUDIT_JOINS}
        WHERE a.district_id = %s
        ORDER BY a.created_at DESC, a.id DESC
        LIMIT 8
    """,
    floor_params=_recent_floor_params,
    floor_template=AUDIT_ROWS_TEMPLATE,
)


def _office_floor_params() -> list[Any]:
    today = timezone.localdate()
    pk = district().pk
    roles = sorted(Membership.WORKING_ROLES)
    return [today, today, pk, today, today, pk, *roles]


register_page(
    "districts.office",
    url_builder=lambda: f"/{BENCH_DISTRICT}/buero/",
    user_builder=commissioner,
    floor_sql="""
        SELECT 1 AS part, p.sort_order AS rank, p.code AS code, p.title AS title,
               u.full_name AS name
        FROM districts_position p
        LEFT JOIN districts_positionholding h ON h.position_id = p.id
             AND h.start <= %s AND (h."end" IS NULL OR h."end" >= %s)
        LEFT JOIN accounts_user u ON u.id = h.user_id
        WHERE p.district_id = %s
        UNION ALL
        SELECT 2, 0, hp.code, m.role, u.full_name
        FROM accounts_membership m
        JOIN accounts_user u ON u.id = m.user_id
        LEFT JOIN districts_positionholding h ON h.user_id = u.id
             AND h.district_id = m.district_id
             AND h.start <= %s AND (h."end" IS NULL OR h."end" >= %s)
        LEFT JOIN districts_position hp ON hp.id = h.position_id
        WHERE m.district_id = %s AND m.role IN (%s, %s, %s)
        ORDER BY part, rank, code, name
    """,
    floor_params=_office_floor_params,
    floor_template=(
        "<table>{% for r in rows %}<tr><th>{{ r.code }}</th><td>{{ r.title }}</td>"
        "<td>{{ r.name }}</td></tr>{% endfor %}</table>"
    ),
)


def _busiest_position() -> Position:
    """The measured district's position with the longest history of holders."""
    return (
        Position.objects.with_scope(district=district())
        .annotate(n=models.Count("holdings"))
        .order_by("-n", "pk")
        .first()
    )


register_page(
    "districts.position_detail",
    url_builder=lambda: f"/{BENCH_DISTRICT}/stellen/{_busiest_position().pk}/",
    user_builder=commissioner,
    floor_sql="""
        SELECT p.code, p.title, u.full_name AS name, h.start, h."end"
        FROM districts_position p
        LEFT JOIN districts_positionholding h ON h.position_id = p.id
        LEFT JOIN accounts_user u ON u.id = h.user_id
        WHERE p.id = %s
        ORDER BY h.start DESC
    """,
    floor_params=lambda: [_busiest_position().pk],
    floor_template=(
        "<h1>{{ rows.0.code }} {{ rows.0.title }}</h1><table>{% for r in rows %}<tr>"
        "<td>{{ r.name }}</td><td>{{ r.start }}</td><td>{{ r.end }}</td></tr>{% endfor %}</table>"
    ),
)


def _register_edit_page(name: str, path: str, table: str, pk_of: Callable[[], int]) -> None:
    """An edit form: one record and its fields (`path` may contain `{pk}`)."""
    register_page(
        name,
        url_builder=lambda: f"/{BENCH_DISTRICT}/{path.format(pk=pk_of())}",
        user_builder=commissioner,
        floor_sql=f"SELECT * FROM {table} WHERE id = %s",  # noqa: S608  fixed table names
        floor_params=lambda: [pk_of()],
        floor_template=(
            "<form>{% for key, value in rows.0.items %}<label>{{ key }}"
            "<input value='{{ value }}'></label>{% endfor %}</form>"
        ),
    )


_register_edit_page(
    "districts.office_edit", "buero/bearbeiten/", "districts_office", lambda: office().pk
)
_register_edit_page(
    "districts.position_edit",
    "stellen/{pk}/bearbeiten/",
    "districts_position",
    lambda: _busiest_position().pk,
)
