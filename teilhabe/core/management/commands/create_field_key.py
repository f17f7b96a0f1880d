"""Create the key file for encrypted fields, or add a new newest key to it (rotation)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from teilhabe.core.crypto import generate_key


class Command(BaseCommand):
    help = "Create TEILHABE_FIELD_KEY_FILE with a new key; --rotate puts a new key first."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--rotate", action="store_true", help="Add a new key in front of the existing ones."
        )

    def handle(self, *args: Any, rotate: bool = False, **options: Any) -> None:
        if settings.TEILHABE_FIELD_KEYS:
            raise CommandError("Keys come from TEILHABE_FIELD_KEYS; change them there.")
        if not settings.TEILHABE_FIELD_KEY_FILE:
            raise CommandError("TEILHABE_FIELD_KEY_FILE is not set.")
        path = Path(settings.TEILHABE_FIELD_KEY_FILE)
        if path.exists() and not rotate:
            self.stdout.write(f"{path} exists; nothing to do.")
            return
        existing = path.read_text(encoding="ascii") if path.exists() else ""
        path.parent.mkdir(parents=True, exist_ok=True)
        # Created readable by the owner only, before the key is written into it.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(generate_key() + "\n" + existing)
        self.stdout.write(f"New field key written to {path}.")
