"""Public committee pages: the district's bodies, the advisory board's page, the calendar.

Requested anonymously, as the public sees them, on the data of `bench.pages.committees`:
the list of the district's public bodies with their next meeting, the advisory board
(ten years of meetings, 15 seats) and the iCalendar feed of all public meetings from a
year back on.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection
from django.urls import reverse
from django.utils import timezone

from bench.common import BENCH_DISTRICT, district
from bench.pages.committees import long_body_pk
from bench.registry import register_page
from teilhabe.committees.ical import PAST
from teilhabe.portal.committees_selectors import PAST_PAGE_SIZE, UPCOMING_SHOWN


def _agg(expression: str) -> str:
    function = "string_agg" if connection.vendor == "postgresql" else "group_concat"
    return f"{function}({expression}, ', ')"


def _moment(value: datetime.datetime) -> Any:
    return connection.ops.adapt_datetimefield_value(value)


def _today() -> Any:
    return _moment(timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0))


def _anonymous() -> None:
    return None


NEXT_MEETING = """(SELECT MIN(m.start) FROM committees_meeting m
    WHERE m.body_id = b.id AND m.deleted_at IS NULL AND m.start >= %s
      AND m.status NOT IN ('cancelled', 'moved'))"""

register_page(
    "portal.committees.bodies",
    url_builder=lambda: reverse("portal:bodies", kwargs={"district": BENCH_DISTRICT}),
    user_builder=_anonymous,
    floor_sql=f"""
        SELECT b.id, b.name, b.kind, b.level, b.status, b.rhythm_text, b.rhythm_rule,
               p.name AS parent, {NEXT_MEETING} AS next_meeting
        FROM committees_body b
        LEFT JOIN committees_body p ON p.id = b.parent_id
        WHERE b.district_id = %s AND b.is_public = %s AND b.deleted_at IS NULL
        ORDER BY b.name, b.id
    """,  # noqa: S608  fixed fragments only
    floor_params=lambda: [_today(), district().pk, True],
    floor_template=(
        "<ul>{% for r in rows %}<li><h3><a href='{{ r.id }}/'>{{ r.name }}</a></h3>"
        "<dl><dt>Art</dt><dd>{{ r.kind }} {{ r.parent|default:'' }}</dd><dt>Tagt</dt>"
        "<dd>{{ r.rhythm_text }} {{ r.rhythm_rule }}</dd><dt>Nächste Sitzung</dt>"
        "<dd>{{ r.next_meeting }}</dd></dl></li>{% endfor %}</ul>"
    ),
)

MEETINGS = """SELECT m.id, m.start, m.status, m.status_note, l.name AS place
    FROM committees_meeting m LEFT JOIN committees_location l ON l.id = m.location_id
    WHERE m.body_id = %s AND m.deleted_at IS NULL AND m.start {op} %s
    ORDER BY m.start {order}, m.id {order} LIMIT {limit}"""


def _body_params() -> list[Any]:
    body = long_body_pk()
    today, midnight = timezone.localdate(), _today()
    return [body, body, body, midnight, body, midnight, body, today, today, body, midnight]


register_page(
    "portal.committees.body",
    url_builder=lambda: reverse(
        "portal:body", kwargs={"district": BENCH_DISTRICT, "body": long_body_pk()}
    ),
    user_builder=_anonymous,
    floor_sql=f"""
        SELECT 'body' AS part, b.name AS label, b.description AS extra,
               b.rhythm_text || ' ' || b.rhythm_rule AS more,
               COALESCE(o.name, '') || ' ' || COALESCE(l.name, '') AS moment
        FROM committees_body b
        LEFT JOIN committees_location l ON l.id = b.default_location_id
        LEFT JOIN directory_organisation o ON o.id = b.host_organisation_id
        WHERE b.id = %s
        UNION ALL
        SELECT 'child', c.name, '', '', '' FROM committees_body c
        WHERE c.parent_id = %s AND c.deleted_at IS NULL
        UNION ALL
        SELECT 'upcoming', x.place, x.status, x.status_note, CAST(x.start AS VARCHAR(40))
        FROM ({MEETINGS.format(op=">=", order="ASC", limit=UPCOMING_SHOWN + 1)}) x
        UNION ALL
        SELECT 'past', x.place, x.status, x.status_note, CAST(x.start AS VARCHAR(40))
        FROM ({MEETINGS.format(op="<", order="DESC", limit=PAST_PAGE_SIZE)}) x
        UNION ALL
        SELECT 'member', COALESCE(pe.name, o.name), bm.role, COALESCE(t.name, ''),
               CAST(bm.seat AS VARCHAR(10))
        FROM committees_bodymember bm
        LEFT JOIN committees_person pe ON pe.id = bm.person_id
        LEFT JOIN directory_organisation o ON o.id = bm.organisation_id
        LEFT JOIN committees_legislativeterm t ON t.id = bm.term_id
        WHERE bm.body_id = %s AND bm.deleted_at IS NULL AND bm.start <= %s
          AND (bm."end" IS NULL OR bm."end" >= %s)
          AND (bm.person_id IS NULL OR (pe.public_consent_on IS NOT NULL
               AND pe.deleted_at IS NULL))
        UNION ALL
        SELECT 'past-count', CAST(COUNT(*) AS VARCHAR(10)), '', '', '' FROM committees_meeting m
        WHERE m.body_id = %s AND m.deleted_at IS NULL AND m.start < %s
    """,  # noqa: S608  fixed fragments only
    floor_params=_body_params,
    floor_template=(
        "{% for r in rows %}{% ifchanged r.part %}<h2>{{ r.part }}</h2>{% endifchanged %}"
        "{% if r.part == 'body' %}{{ r.extra|markdown }}{% else %}<p>{{ r.extra }}</p>{% endif %}"
        "<p>{{ r.label }} {{ r.more }} {{ r.moment }}</p>{% endfor %}"
    ),
)


def _feed_params() -> list[Any]:
    return [True, district().pk, True, _moment(timezone.now() - PAST)]


register_page(
    "portal.committees.ical",
    url_builder=lambda: reverse("portal:meetings_ical", kwargs={"district": BENCH_DISTRICT}),
    user_builder=_anonymous,
    floor_sql=f"""
        SELECT m.id, m.start, m."end", m.status, m.status_note, m.version, m.created_at,
               m.updated_at, m.name AS title, b.name, l.name AS place, l.street,
               (SELECT {_agg("i.number || ' ' || i.title")} FROM committees_agendaitem i
                WHERE i.meeting_id = m.id AND i.deleted_at IS NULL AND i.is_public = %s)
                   AS items
        FROM committees_meeting m
        JOIN committees_body b ON b.id = m.body_id
        LEFT JOIN committees_location l ON l.id = m.location_id
        WHERE m.district_id = %s AND m.deleted_at IS NULL AND b.deleted_at IS NULL
          AND b.is_public = %s AND m.start >= %s
        ORDER BY m.start, m.id
    """,  # noqa: S608  fixed fragments only
    floor_params=_feed_params,
    floor_template=(
        "BEGIN:VCALENDAR\n{% for r in rows %}BEGIN:VEVENT\nUID:meeting-{{ r.id }}\n"
        "DTSTART:{{ r.start|date:'Ymd\\THis' }}\nSEQUENCE:{{ r.version }}\n"
        "SUMMARY:{{ r.title|default:r.name }}\nSTATUS:{{ r.status }}\n"
        "LOCATION:{{ r.place|default:'' }} {{ r.street|default:'' }}\n"
        "DESCRIPTION:{{ r.items|default:'' }} {{ r.status_note }}\nEND:VEVENT\n{% endfor %}"
        "END:VCALENDAR\n"
    ),
)
