"""Scheduled work of counselling: the retention period."""

from __future__ import annotations

import datetime

from django_scopes import scopes_disabled
from django_tasks import task

from teilhabe.core.scheduling import periodic

from .services import consultations_anonymise_expired


@periodic(every=datetime.timedelta(days=1), offset=datetime.timedelta(hours=2))
@task()
def anonymise_expired_consultations() -> int:
    """Erase contact data and notes of cases whose last contact is past the retention period."""
    with scopes_disabled():
        return consultations_anonymise_expired()
