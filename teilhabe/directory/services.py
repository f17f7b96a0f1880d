"""Writes of the directory: organisations and their contact persons."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import models, transaction

from teilhabe.accounts.models import User
from teilhabe.core.audit import audit_entry, audit_log
from teilhabe.core.models import AuditEntry
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


IMPORT_BATCH = 500
# Checked against the database by the caller when it resolved them (see transfer.rows).
IMPORT_RESOLVED = ["district", "locality", "updated_by", "operator"]


@transaction.atomic
def organisations_import(
    *,
    district: District,
    actor: User | None,
    rows: Sequence[tuple[dict[str, Any], Mapping[str, Iterable[models.Model]]]],
    action: str = "directory.organisation.imported",
) -> list[Organisation]:
    """Add many entries at once, as `organisation_create` would, in a few queries per batch."""
    organisations = []
    for data, _m2m in rows:
        organisation = Organisation(district=district, updated_by=actor, **data)
        organisation.refresh_search_fields()
        organisation.full_clean(exclude=IMPORT_RESOLVED, validate_unique=False)
        organisations.append(organisation)
    Organisation.objects.bulk_create(organisations, batch_size=IMPORT_BATCH)
    m2ms = [{name: list(dict.fromkeys(objs)) for name, objs in m2m.items()} for _d, m2m in rows]
    for name in sorted({name for m2m in m2ms for name in m2m}):
        _link_in_bulk(name, organisations, m2ms)
    entries = [
        audit_entry(
            actor=actor, obj=organisation, action=action, changes=_created_changes(data, m2m)
        )
        for organisation, (data, _m2m), m2m in zip(organisations, rows, m2ms, strict=True)
    ]
    AuditEntry.objects.bulk_create(entries, batch_size=IMPORT_BATCH)
    return organisations


def _link_in_bulk(
    name: str, organisations: list[Organisation], m2ms: list[dict[str, list[models.Model]]]
) -> None:
    """Fill the many-to-many field `name` of new entries with one insert per batch."""
    descriptor = getattr(Organisation, name)
    source, target = descriptor.field.m2m_field_name(), descriptor.field.m2m_reverse_field_name()
    links = [
        descriptor.through(**{source: organisation, target: obj})
        for organisation, m2m in zip(organisations, m2ms, strict=True)
        for obj in m2m.get(name, [])
    ]
    descriptor.through.objects.bulk_create(links, batch_size=IMPORT_BATCH)


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
