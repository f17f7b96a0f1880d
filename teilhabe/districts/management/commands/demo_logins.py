"""Print the demo sign-ins, as `make run` shows them."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from teilhabe.districts import demo
from teilhabe.districts.reference import DISTRICTS


class Command(BaseCommand):
    help = "Prints the demo accounts and their password."

    def handle(self, *args, **options) -> None:
        if not getattr(settings, "TEILHABE_DEMO_ALLOWED", False):
            raise CommandError("Keine Demo-Zugänge in einer Produktivumgebung.")
        self.stdout.write(f"Demo-Zugänge (Passwort für alle: {demo.DEMO_PASSWORD})")
        self.stdout.write("  je Bezirk: intb@… (Beauftragte/r), int1@… (Mitarbeit), assistenz@…")
        for _number, slug, name, _localities in DISTRICTS:
            seeded = " (aus den Quelldokumenten)" if slug in demo.USERS else ""
            self.stdout.write(f"  {name:28} intb@{slug}.demo{seeded}")
        self.stdout.write(f"  {'LAG (alle Bezirke)':28} {demo.LAG_USER[0]}")
        self.stdout.write(f"  {'Plattform-Admin':28} {demo.ADMIN_USER[0]}")
