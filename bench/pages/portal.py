"""Public portal: the district list and one office's page, requested anonymously."""

from __future__ import annotations

from typing import Any

from bench.common import BENCH_DISTRICT, district
from bench.registry import register_page

register_page(
    "portal.home",
    url_builder=lambda: "/",
    user_builder=lambda: None,
    floor_sql="SELECT slug, name FROM districts_district ORDER BY number",
    floor_template=(
        "<ul>{% for r in rows %}<li><a href='/bezirke/{{ r.slug }}/'>{{ r.name }}</a></li>"
        "{% endfor %}</ul>"
    ),
)


def _office_params() -> list[Any]:
    return [district().pk]


register_page(
    "portal.office",
    url_builder=lambda: f"/bezirke/{BENCH_DISTRICT}/",
    user_builder=lambda: None,
    floor_sql="""
        SELECT o.name, o.street, o.postal_code, o.city, o.room, o.phone, o.email,
               o.office_hours, o.accessibility, t.mission, t.tasks
        FROM districts_office o
        LEFT JOIN districts_officetext t ON t.district_id = o.district_id AND t.language = 'de'
        WHERE o.district_id = %s
    """,
    floor_params=_office_params,
    floor_template=(
        "{% for r in rows %}<h1>{{ r.name }}</h1>{{ r.mission|markdown }}{{ r.tasks|markdown }}"
        "<address>{{ r.street }}<br>{{ r.postal_code }} {{ r.city }}<br>{{ r.room }}<br>"
        "{{ r.phone }}<br>{{ r.email }}</address><p>{{ r.office_hours|linebreaksbr }}</p>"
        "<p>{{ r.accessibility }}</p>{% endfor %}"
    ),
)
