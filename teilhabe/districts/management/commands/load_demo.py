"""Load the demo data (idempotent: existing records and edits are kept)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_scopes import scopes_disabled

from teilhabe.accounts.models import Membership, User
from teilhabe.committees import demo as committees_demo
from teilhabe.complaints import demo as complaints_demo
from teilhabe.counselling import demo as counselling_demo
from teilhabe.directory import demo as directory_demo
from teilhabe.districts import demo
from teilhabe.districts.models import District, Office, OfficeText, Position, PositionHolding
from teilhabe.workplan import demo as workplan_demo

HOLDING_START = datetime.date(2021, 1, 1)


MODULES = (
    ("counselling", counselling_demo.load),
    ("committees", committees_demo.load),
    ("workplan", workplan_demo.load),
    ("complaints", complaints_demo.load),
)


class Command(BaseCommand):
    help = "Loads demo offices, positions and users with known passwords (never in production)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--records-for",
            nargs="+",
            metavar="SLUG",
            help="Consultations, Gremien and work plans only for these districts (the browser "
            "tests use it to load faster); offices, users and the directory are always loaded.",
        )
        parser.add_argument(
            "--without",
            nargs="+",
            choices=[module for module, _loader in MODULES],
            default=[],
            help="Leave out these modules' demo records (the browser tests build their own).",
        )

    def handle(self, *args, **options) -> None:
        if not getattr(settings, "TEILHABE_DEMO_ALLOWED", False):
            raise CommandError(
                "Demo-Daten werden in einer Produktivumgebung nicht geladen "
                "(TEILHABE_DEMO_ALLOWED ist aus)."
            )
        with scopes_disabled(), transaction.atomic():
            created = self._load(options.get("records_for"), frozenset(options["without"]))
        self.stdout.write(f"Demo-Daten geladen ({created} neue Datensätze).")

    def _load(
        self, records_for: list[str] | None = None, without: frozenset[str] = frozenset()
    ) -> int:
        created = 0
        for district in District.objects.all():
            created += self._office(district)
            for code, title, is_head in demo.positions_for(district.slug):
                _, new = Position.objects.get_or_create(
                    district=district,
                    code=code,
                    defaults={
                        "title": title,
                        "is_head": is_head,
                        "sort_order": 0 if is_head else 10,
                    },
                )
                created += new
            for local, name, role, position in demo.users_for(district.slug):
                created += self._user(
                    district, demo.email_for(local, district.slug), name, role, position
                )
        created += self._special_users()
        # Directory before counselling: consultations refer people to its entries.
        for district in District.objects.all():
            created += directory_demo.load(district)
        with_records = District.objects.all()
        if records_for:
            with_records = with_records.filter(slug__in=records_for)
        # In this order: consultations refer to the directory, the work plans' Gremien
        # tables are drawn from the bodies.
        for module, loader in MODULES:
            if module not in without:
                created += sum(loader(district) for district in with_records)
        return created

    def _office(self, district: District) -> int:
        office = Office.objects.get(district=district)
        created = 0
        if not office.street:
            street, postal_code, room = demo.TOWN_HALLS[district.slug]
            office.street, office.postal_code, office.room = street, postal_code, room
            office.phone = f"030 9029{district.number:02d}-000"
            office.email = f"integration@{district.slug}.demo"
            office.office_hours = demo.OFFICE_HOURS
            office.accessibility = "Stufenloser Zugang über den Haupteingang, Aufzug vorhanden."
            office.save()
            created += 1
        for language, (mission, tasks) in demo.TEXTS.get(district.slug, {}).items():
            _, new = OfficeText.objects.get_or_create(
                district=district, language=language, defaults={"mission": mission, "tasks": tasks}
            )
            created += new
        return created

    def _user(self, district: District, email: str, name: str, role: str, code: str | None) -> int:
        user, new = User.objects.get_or_create(email=email, defaults={"full_name": name})
        if new:
            user.set_password(demo.DEMO_PASSWORD)
            user.save()
        Membership.objects.get_or_create(user=user, district=district, defaults={"role": role})
        if code:
            position = Position.objects.get(district=district, code=code)
            PositionHolding.objects.get_or_create(
                district=district, position=position, user=user, defaults={"start": HOLDING_START}
            )
        return int(new)

    def _special_users(self) -> int:
        created = 0
        lag, new = User.objects.get_or_create(
            email=demo.LAG_USER[0], defaults={"full_name": demo.LAG_USER[1]}
        )
        if new:
            lag.set_password(demo.DEMO_PASSWORD)
            lag.save()
            created += 1
        Membership.objects.get_or_create(
            user=lag,
            district=District.objects.get(slug="steglitz-zehlendorf"),
            defaults={"role": Membership.Role.LAG_VIEWER},
        )
        admin, new = User.objects.get_or_create(
            email=demo.ADMIN_USER[0],
            defaults={"full_name": demo.ADMIN_USER[1], "is_staff": True, "is_superuser": True},
        )
        if new:
            admin.set_password(demo.DEMO_PASSWORD)
            admin.save()
            created += 1
        return created
