"""`make run`: the development server together with the worker for scheduled work.

The worker runs as a child process for as long as the server does; Ctrl+C (or any
exit) stops both. Production runs gunicorn and `manage.py worker` as separate services.
"""

from __future__ import annotations

import os
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serves teilhabe on 127.0.0.1:8000 and runs the worker beside it."

    def add_arguments(self, parser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, **options) -> None:
        worker = None
        # The autoreloader runs this command again in a child (RUN_MAIN=true); only the
        # outer process, which lives until Ctrl+C, starts the worker.
        if os.environ.get("RUN_MAIN") != "true":
            worker = subprocess.Popen(  # noqa: S603  our own interpreter and manage.py
                [sys.executable, "manage.py", "worker", "--verbosity", "0"]
            )
        try:
            call_command("runserver", options["addrport"])
        finally:
            if worker is not None:
                worker.terminate()
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()
