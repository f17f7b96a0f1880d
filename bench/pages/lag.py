"""LAG: the cross-district overview, requested as a user with a lag_viewer membership."""

from __future__ import annotations

import random
from typing import Any

from django.utils import timezone

from bench.common import LAG_EMAIL, UNUSABLE_PASSWORD, lag_viewer, morning
from bench.registry import BuildContext, generator, register_page
from teilhabe.accounts.models import Membership, User


@generator("lag", requires=("districts",))
def lag(rng: random.Random, scale: float, ctx: BuildContext) -> None:
    """One LAG viewer, a member of one district with the lag_viewer role only."""
    joined = morning(ctx.start)
    viewer = User.objects.create(
        email=LAG_EMAIL, full_name="Birgit Sommer", password=UNUSABLE_PASSWORD, date_joined=joined
    )
    Membership.objects.create(
        user=viewer,
        district=rng.choice(ctx.districts),
        role=Membership.Role.LAG_VIEWER,
        created_at=joined,
    )


def _params() -> list[Any]:
    today = timezone.localdate()
    return [True, today, today, True, *sorted(Membership.WORKING_ROLES)]


register_page(
    "lag.overview",
    url_builder=lambda: "/lag/",
    user_builder=lag_viewer,
    floor_sql="""
        SELECT d.name,
          (SELECT COUNT(*) FROM districts_locality l WHERE l.district_id = d.id) AS localities,
          (SELECT COUNT(*) FROM districts_position p
           WHERE p.district_id = d.id AND p.is_active = %s) AS positions,
          (SELECT COUNT(DISTINCT h.position_id) FROM districts_positionholding h
           JOIN districts_position p ON p.id = h.position_id
           WHERE h.district_id = d.id AND h.start <= %s
             AND (h."end" IS NULL OR h."end" >= %s) AND p.is_active = %s) AS occupied,
          (SELECT COUNT(*) FROM accounts_membership m
           WHERE m.district_id = d.id AND m.role IN (%s, %s, %s)) AS members
        FROM districts_district d
        ORDER BY d.number
    """,
    floor_params=_params,
    floor_template=(
        "<table>{% for r in rows %}<tr><th>{{ r.name }}</th><td>{{ r.localities }}</td>"
        "<td>{{ r.positions }}</td><td>{{ r.occupied }}</td><td>{{ r.members }}</td></tr>"
        "{% endfor %}</table>"
    ),
)
