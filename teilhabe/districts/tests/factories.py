"""Factories of the districts app. Districts themselves come from the data migration."""

from __future__ import annotations

import datetime

import factory

from teilhabe.districts.models import District, Position, PositionHolding


def district(slug: str) -> District:
    return District.objects.get(slug=slug)


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    district = factory.LazyFunction(lambda: district("marzahn-hellersdorf"))
    code = factory.Sequence(lambda n: f"Int{n + 1}")
    title = "Koordination für Flüchtlingsfragen"


class PositionHoldingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PositionHolding

    position = factory.SubFactory(PositionFactory)
    district = factory.SelfAttribute("position.district")
    user = factory.SubFactory("teilhabe.accounts.tests.factories.UserFactory")
    start = datetime.date(2021, 1, 1)
