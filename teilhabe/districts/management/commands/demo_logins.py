"""Print the demo sign-ins, as `make run` shows them."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from teilhabe.districts import demo


class Command(BaseCommand):
    help = "Prints the demo accounts and their password."

    def handle(self, *args, **options) -> None:
        if not getattr(settings, "TEILHABE_DEMO_ALLOWED", False):
            raise CommandError("Keine Demo-Zugänge in einer Produktivumgebung.")
        roles = {"commissioner": "Beauftragte/r", "staff": "Mitarbeit", "assistant": "Assistenz"}
        self.stdout.write(f"Demo-Zugänge (Passwort für alle: {demo.DEMO_PASSWORD})")
        for slug, users in demo.USERS.items():
            for local, name, role, position in users:
                label = f"{roles[role]}{f' ({position})' if position else ''}"
                self.stdout.write(f"  {demo.email_for(local, slug):42} {label:22} {name}")
        self.stdout.write(f"  {demo.LAG_USER[0]:42} {'LAG (alle Bezirke)':22} {demo.LAG_USER[1]}")
        self.stdout.write(f"  {demo.ADMIN_USER[0]:42} {'Plattform-Admin':22} {demo.ADMIN_USER[1]}")
