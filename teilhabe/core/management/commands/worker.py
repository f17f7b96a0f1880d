"""Run scheduled work: the periodic-job scheduler and the django-tasks database worker."""

from __future__ import annotations

import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from teilhabe.core import scheduling


class Command(BaseCommand):
    help = "Runs queued tasks and enqueues periodic jobs (add workers with --no-scheduler)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--no-scheduler", action="store_true", help="Only run queued tasks.")
        parser.add_argument("--tick", type=float, default=30.0, help="Scheduler interval, seconds.")
        parser.add_argument("--interval", type=float, default=2.0, help="Queue poll, seconds.")

    def handle(self, *args, **options) -> None:
        if not options["no_scheduler"]:
            thread = threading.Thread(
                target=self._schedule, args=(options["tick"],), daemon=True, name="scheduler"
            )
            thread.start()
        call_command(
            "db_worker", interval=options["interval"], reload=False, verbosity=options["verbosity"]
        )

    def _schedule(self, every: float) -> None:
        while True:
            close_old_connections()
            try:
                scheduling.tick()
            except Exception:  # keep scheduling after a transient database error
                self.stderr.write("scheduler tick failed; retrying")
            time.sleep(every)
