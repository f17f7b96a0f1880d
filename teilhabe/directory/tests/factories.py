"""Factories of the directory: organisations through the service (search fields filled)."""

from __future__ import annotations

from typing import Any

from django_scopes import scope

from teilhabe.directory import services
from teilhabe.directory.models import ContactPerson, Language, Organisation, Topic
from teilhabe.districts.models import District


def organisation(
    district: District,
    name: str = "Beratungszentrum Hellersdorf e.V.",
    *,
    topics: tuple[str, ...] = ("residence",),
    languages: tuple[str, ...] = ("ar",),
    **data: Any,
) -> Organisation:
    """An organisation of `district`, created as the service creates it."""
    data.setdefault("kind", Organisation.Kind.ADVICE_CENTRE)
    with scope(district=district):
        return services.organisation_create(
            district=district,
            actor=None,
            data={"name": name, **data},
            m2m={
                "topics": list(Topic.objects.filter(code__in=topics)),
                "languages": list(Language.objects.filter(code__in=languages)),
            },
        )


def contact(organisation: Organisation, name: str = "Aylin Demir", **data: Any) -> ContactPerson:
    with scope(district=organisation.district):
        return ContactPerson.objects.create(
            district=organisation.district, organisation=organisation, name=name, **data
        )
