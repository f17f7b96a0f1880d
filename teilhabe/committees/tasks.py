"""Scheduled work of committees: meetings are generated from the rhythms every night."""

from __future__ import annotations

import datetime

from django_scopes import scopes_disabled
from django_tasks import task

from teilhabe.core.scheduling import periodic


@periodic(every=datetime.timedelta(days=1), offset=datetime.timedelta(hours=3))
@task()
def generate_all_meetings() -> int:
    """Keep every active body's meetings generated a year ahead, in all districts."""
    from .services import generate_meetings_everywhere

    with scopes_disabled():
        return generate_meetings_everywhere()
