"""Writes of the directory: organisations and their contact persons."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models, transaction

from teilhabe.accounts.models import User
from teilhabe.core.audit import audit_log
from teilhabe.core.versioning import versioned_save
from teilhabe.districts.models import District

from .models import ContactPerson, Organisation


def _created_changes(
    data: Mapping[str, Any], m2m: Mapping[str, Iterable[models.Model]]
) -> dict[str, Any]:
    changes: dict[str, Any] = {name: (None, value) for name, value in data.items()}
    changes.update({name: (None, sorted(str(obj) for obj in objs)) for name, objs in m2m.items()})
    return changes


@transaction.atomic
def organisation_create(
    *,
    district: District,
    actor: User | None,
    data: dict[str, Any],
    m2m: Mapping[str, Iterable[models.Model]] | None = None,
    action: str = "directory.organisation.created",
) -> Organisation:
    """Add an entry to the district's directory (the caller has shown likely duplicates)."""
    m2m = {name: list(objs) for name, objs in (m2m or {}).items()}
    organisation = Organisation(district=district, updated_by=actor, **data)
    organisation.refresh_search_fields()
    organisation.full_clean()
    organisation.save()
    for name, objs in m2m.items():
        getattr(organisation, name).set(objs)
    audit_log(actor=actor, obj=organisation, action=action, changes=_created_changes(data, m2m))
    return organisation


def organisation_update(
    *,
    organisation: Organisation,
    actor: User,
    data: dict[str, Any],
    m2m: Mapping[str, Iterable[models.Model]],
    expected_version: int,
) -> Organisation:
    """Change an entry; refused if someone saved it since the form was opened."""
    return versioned_save(
        instance=organisation,
        actor=actor,
        data=data,
        m2m=m2m,
        expected_version=expected_version,
        action="directory.organisation.updated",
        before_save=Organisation.refresh_search_fields,
    )


@transaction.atomic
def contact_create(
    *,
    organisation: Organisation,
    actor: User,
    data: dict[str, Any],
    m2m: Mapping[str, Iterable[models.Model]],
) -> ContactPerson:
    """Add a contact person to an entry."""
    m2m = {name: list(objs) for name, objs in m2m.items()}
    contact = ContactPerson(
        district=organisation.district, organisation=organisation, updated_by=actor, **data
    )
    contact.full_clean()
    contact.save()
    for name, objs in m2m.items():
        getattr(contact, name).set(objs)
    audit_log(
        actor=actor,
        obj=contact,
        action="directory.contactperson.created",
        changes=_created_changes(data, m2m),
    )
    return contact


def contact_update(
    *,
    contact: ContactPerson,
    actor: User,
    data: dict[str, Any],
    m2m: Mapping[str, Iterable[models.Model]],
    expected_version: int,
) -> ContactPerson:
    """Change a contact person; refused if someone saved in between."""
    return versioned_save(
        instance=contact,
        actor=actor,
        data=data,
        m2m=m2m,
        expected_version=expected_version,
        action="directory.contactperson.updated",
    )


@transaction.atomic
def contact_delete(*, contact: ContactPerson, actor: User) -> None:
    """Remove a contact person who left the organisation or withdrew consent."""
    audit_log(actor=actor, obj=contact, action="directory.contactperson.deleted")
    contact.delete()
