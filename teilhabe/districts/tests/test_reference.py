"""Berlin's districts and Ortsteile as the data migration creates them."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_scopes import scopes_disabled

from teilhabe.accounts.models import Membership, User
from teilhabe.districts.models import District, Locality, Office, OfficeText, Position

pytestmark = pytest.mark.django_db


def test_twelve_districts_with_96_localities_and_an_office_each():
    assert District.objects.count() == 12
    assert Locality.objects.count() == 96
    with scopes_disabled():
        assert Office.objects.count() == 12
    assert District.objects.get(number=10).name == "Marzahn-Hellersdorf"
    assert District.objects.get(slug="spandau").official_name == "Bezirksamt Spandau von Berlin"


@pytest.mark.parametrize(
    ("district", "count", "example"),
    [("mitte", 6, "Gesundbrunnen"), ("pankow", 13, "Französisch Buchholz"),
     ("treptow-koepenick", 15, "Müggelheim"), ("lichtenberg", 10, "Rummelsburg"),
     ("reinickendorf", 11, "Märkisches Viertel"), ("marzahn-hellersdorf", 5, "Biesdorf")],
)  # fmt: skip
def test_localities_per_district(district, count, example):
    localities = Locality.objects.filter(district__slug=district)
    assert localities.count() == count
    assert localities.filter(name=example).exists()


def test_demo_loader_is_idempotent_and_keeps_edits():
    call_command("load_demo")
    with scopes_disabled():
        position = Position.objects.get(district__slug="marzahn-hellersdorf", code="Int1")
        position.title = "Geändert von Hand"
        position.save()
        counts = (User.objects.count(), Membership.objects.count(), OfficeText.objects.count())
        call_command("load_demo")
        assert (
            User.objects.count(),
            Membership.objects.count(),
            OfficeText.objects.count(),
        ) == counts
        position.refresh_from_db()
        assert position.title == "Geändert von Hand"
        codes = set(
            Position.objects.filter(district__slug="marzahn-hellersdorf").values_list(
                "code", flat=True
            )
        )
    assert codes == {"IntB", "Int1", "Int2"}
    assert User.objects.get(email="intb@marzahn-hellersdorf.demo").check_password("teilhabe-demo")
    # Every district has each working role, so any district can be tried.
    for district in District.objects.all():
        roles = set(Membership.objects.filter(district=district).values_list("role", flat=True))
        assert {"commissioner", "staff", "assistant"} <= roles, district.slug


def test_demo_loader_can_limit_the_records_to_some_districts():
    from teilhabe.committees.models import Body
    from teilhabe.counselling.models import Consultation

    call_command("load_demo", records_for=["spandau"])
    with scopes_disabled():
        assert set(Body.objects.values_list("district__slug", flat=True)) == {"spandau"}
        assert set(Consultation.objects.values_list("district__slug", flat=True)) == {"spandau"}
        # Offices and users of every district are there all the same.
        assert Membership.objects.values("district").distinct().count() == 12


def test_demo_loader_refuses_in_production(settings):
    settings.TEILHABE_DEMO_ALLOWED = False
    with pytest.raises(CommandError):
        call_command("load_demo")
    assert not User.objects.exists()


def test_production_settings_refuse_demo_data_and_require_two_factor(monkeypatch):
    import importlib

    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    prod = importlib.import_module("config.settings.prod")
    prod = importlib.reload(prod)
    assert prod.TEILHABE_DEMO_ALLOWED is False
    assert prod.TEILHABE_REQUIRE_2FA is True
    assert prod.DEBUG is False
