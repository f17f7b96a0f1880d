"""Scheduled work of the Ombudsstelle: the retention period and the deadline reminders."""

from __future__ import annotations

import datetime

from django_scopes import scopes_disabled
from django_tasks import task

from teilhabe.core.scheduling import periodic

from .reminders import send_reminders
from .services import anonymise_expired


@periodic(every=datetime.timedelta(days=1), offset=datetime.timedelta(hours=3))
@task()
def anonymise_expired_complaints() -> int:
    """Anonymise closed complaints past the retention period (default three years)."""
    with scopes_disabled():
        return anonymise_expired()


# 05:00 UTC: before the office opens, so the day starts with the reminders in the inbox.
@periodic(every=datetime.timedelta(days=1), offset=datetime.timedelta(hours=5))
@task()
def send_deadline_reminders() -> int:
    """E-mail the responsible positions of feedback and statement deadlines coming up in
    the next days or passed, once per deadline, across all districts."""
    with scopes_disabled():
        return send_reminders()
