"""OParl: the system object, the organization and meeting lists, and one meeting.

Requested anonymously, as OParl clients do, on the data of `bench.pages.committees`
(about 40 bodies, 60 % public, and 400 meetings per district and year with agenda and
documents). The measured meeting is the advisory board's richest (`rich_meeting_pk`).
"""

from __future__ import annotations

from bench.common import BENCH_DISTRICT, district
from bench.pages.committees import rich_meeting_pk
from bench.registry import register_page

PAGE_SIZE = 100
# Meetings, then their published agenda items and documents, one row each.
MEETING_SQL = """
    WITH m AS (
        SELECT m.id, m.name, m.start, m."end", m.status, m.updated_at, m.location_id,
               b.name AS body
        FROM committees_meeting m JOIN committees_body b ON b.id = m.body_id
        WHERE {where}
    )
    SELECT m.id AS meeting, 0 AS part, m.id AS pk, COALESCE(NULLIF(m.name, ''), m.body) AS title,
           m.status AS detail, m.start AS stamp, l.name || ', ' || l.street AS extra
    FROM m LEFT JOIN committees_location l ON l.id = m.location_id
    UNION ALL
    SELECT i.meeting_id, 1, i.id, i.number || ' ' || i.title, i.decision, i.updated_at, ''
    FROM committees_agendaitem i JOIN m ON m.id = i.meeting_id
    WHERE i.is_public AND i.deleted_at IS NULL
    UNION ALL
    SELECT f.meeting_id, 2, f.id, f.name, f.mime_type, f.created_at, f.sha256
    FROM committees_meetingfile f JOIN m ON m.id = f.meeting_id
    WHERE f.is_public AND f.deleted_at IS NULL
    ORDER BY 1, 2, 3
"""
MEETING_TEMPLATE = (
    '{% for r in rows %}{"id": "/{{ r.part }}/{{ r.pk }}", "name": "{{ r.title }}", '
    '"detail": "{{ r.detail }}", "stamp": "{{ r.stamp|date:\'c\' }}", '
    '"extra": "{{ r.extra }}"},{% endfor %}'
)

register_page(
    "oparl.system",
    url_builder=lambda: "/oparl/v1/system",
    user_builder=lambda: None,
    floor_sql="SELECT MIN(created_at) AS created FROM districts_office",
    floor_template='{"id": "/oparl/v1/system", "created": "{{ rows.0.created|date:\'c\' }}"}',
)

register_page(
    "oparl.organization_list",
    url_builder=lambda: f"/oparl/v1/body/{BENCH_DISTRICT}/organization",
    user_builder=lambda: None,
    floor_sql=f"""
        SELECT b.id, b.name, b.short_name, b.kind, b.level, b.website, b.created_at,
               b.updated_at, p.id AS parent, p.is_public AS parent_public,
               l.id AS place, l.name AS place_name, l.street, l.postal_code, l.city
        FROM committees_body b
        LEFT JOIN committees_body p ON p.id = b.parent_id
        LEFT JOIN committees_location l ON l.id = b.default_location_id
        WHERE b.district_id = %s AND b.is_public AND b.deleted_at IS NULL
        ORDER BY b.id LIMIT {PAGE_SIZE + 1}
    """,
    floor_params=lambda: [district().pk],
    floor_template=(
        '{"data": [{% for r in rows %}{"id": "/organization/{{ r.id }}", '
        '"name": "{{ r.name }}", "classification": "{{ r.kind }}", '
        '"website": "{{ r.website }}", "parent": "{{ r.parent }}", '
        '"location": "{{ r.place_name }}, {{ r.street }}", '
        '"modified": "{{ r.updated_at|date:\'c\' }}"},{% endfor %}]}'
    ),
)

register_page(
    "oparl.meeting_list",
    url_builder=lambda: f"/oparl/v1/body/{BENCH_DISTRICT}/meeting",
    user_builder=lambda: None,
    floor_sql=MEETING_SQL.format(
        where=f"""m.district_id = %s AND b.is_public AND m.deleted_at IS NULL
                  AND b.deleted_at IS NULL ORDER BY m.id LIMIT {PAGE_SIZE + 1}"""
    ),
    floor_params=lambda: [district().pk],
    floor_template=MEETING_TEMPLATE,
)

register_page(
    "oparl.meeting",
    url_builder=lambda: f"/oparl/v1/body/{BENCH_DISTRICT}/meeting/{rich_meeting_pk()}",
    user_builder=lambda: None,
    floor_sql=MEETING_SQL.format(where="m.id = %s"),
    floor_params=lambda: [rich_meeting_pk()],
    floor_template=MEETING_TEMPLATE,
)
