"""Scheduled work of the Ombudsstelle: the retention period."""

from __future__ import annotations

import datetime

from django_scopes import scopes_disabled
from django_tasks import task

from teilhabe.core.scheduling import periodic

from .services import anonymise_expired


@periodic(every=datetime.timedelta(days=1), offset=datetime.timedelta(hours=3))
@task()
def anonymise_expired_complaints() -> int:
    """Anonymise closed complaints past the retention period (default three years)."""
    with scopes_disabled():
        return anonymise_expired()
