"""Periodic jobs on top of django-tasks.

A job is a task plus an interval. `tick()` enqueues every job whose current slot has
not been enqueued yet; the unique (job, slot) row makes this safe with several
workers. `manage.py worker` calls `tick()` in a loop next to the task worker.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import ScheduledRun

logger = logging.getLogger(__name__)
EPOCH = datetime.datetime(2000, 1, 3, tzinfo=datetime.UTC)  # a Monday


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: Any
    every: datetime.timedelta
    offset: datetime.timedelta = datetime.timedelta(0)


_jobs: dict[str, PeriodicJob] = {}


def periodic(
    *, every: datetime.timedelta, offset: datetime.timedelta = datetime.timedelta(0)
) -> Any:
    """Decorate a django-tasks task so the worker enqueues it once per interval."""

    def register(task: Any) -> Any:
        _jobs[task.module_path] = PeriodicJob(task.module_path, task, every, offset)
        return task

    return register


def jobs() -> list[PeriodicJob]:
    return sorted(_jobs.values(), key=lambda job: job.name)


def current_slot(job: PeriodicJob, now: datetime.datetime) -> datetime.datetime:
    """Start of the interval `now` falls in (intervals counted from a fixed Monday, UTC)."""
    elapsed = now - EPOCH - job.offset
    periods = elapsed // job.every
    return EPOCH + job.offset + periods * job.every


def tick(now: datetime.datetime | None = None) -> list[str]:
    """Enqueue every job whose current slot is new; return the names enqueued."""
    now = now or timezone.now()
    enqueued = []
    for job in jobs():
        slot = current_slot(job, now)
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(job=job.name, slot=slot)
                job.task.enqueue()
        except IntegrityError:
            continue
        logger.info("enqueued periodic job %s for slot %s", job.name, slot.isoformat())
        enqueued.append(job.name)
    return enqueued
