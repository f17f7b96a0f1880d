"""The platform's own periodic housekeeping."""

from __future__ import annotations

import datetime

from django.contrib.sessions.models import Session
from django.utils import timezone
from django_tasks import task

from .models import ScheduledRun
from .scheduling import periodic


@periodic(every=datetime.timedelta(hours=1))
@task()
def purge_expired_sessions() -> int:
    """Delete sessions past their expiry, so logged-out data does not linger."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@periodic(every=datetime.timedelta(days=1), offset=datetime.timedelta(hours=1))
@task()
def purge_old_task_records() -> int:
    """Forget finished task results and schedule slots older than 30 days."""
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - datetime.timedelta(days=30)
    deleted, _ = ScheduledRun.objects.filter(slot__lt=cutoff).delete()
    results, _ = DBTaskResult.objects.filter(
        status__in=["SUCCESSFUL", "FAILED"], finished_at__lt=cutoff
    ).delete()
    return deleted + results
