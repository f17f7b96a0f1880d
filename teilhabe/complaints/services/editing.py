"""Corrections of a complaint after intake: contact details, texts, topics, grounds,
bodies concerned and the responsible position.

A save carries the version the editor saw; when somebody else saved in between, the
save is refused (`ConcurrentEditError`) and nothing is overwritten. The change log
names the fields that changed; names, contact details and texts are logged as
"redacted" (`Complaint.AUDIT_REDACTED_FIELDS`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.accounts.models import User
from teilhabe.core.audit import audit_log
from teilhabe.core.versioning import ConcurrentEditError, versioned_save
from teilhabe.directory.models import Organisation

from ..models import Complaint, Tag
from .core import CONTACT_FIELDS, _check_organisations, _check_tags, _set_tags

# What may be corrected; the receipt date and the reference stay as recorded.
EDITABLE = (
    "channel", "is_anonymous", "name", "email", "phone", "address", "language",
    "subject", "description", "responsible",
)  # fmt: skip


def _tags_of(complaint: Complaint) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {Tag.Kind.CATEGORY: [], Tag.Kind.GROUND: []}
    for kind, value in Tag.objects.filter(complaint=complaint).values_list("kind", "value"):
        tags[kind].append(value)
    return {kind: sorted(values) for kind, values in tags.items()}


@transaction.atomic
def complaint_update(
    *,
    complaint: Complaint,
    actor: User,
    data: dict[str, Any],
    categories: Iterable[str],
    grounds: Iterable[str],
    organisations: Iterable[Organisation],
    expected_version: int,
) -> Complaint:
    """Correct the complaint as `data` says, if nobody saved it since `expected_version`."""
    if complaint.anonymised_at is not None:
        raise ValidationError(_("An anonymised complaint cannot be changed."), code="anonymised")
    categories, grounds, organisations = (
        sorted(set(categories)),
        sorted(set(grounds)),
        list(organisations),
    )
    _check_tags(categories, grounds)
    _check_organisations(complaint.district, organisations)
    data = {name: value for name, value in data.items() if name in EDITABLE}
    if data.get("is_anonymous"):
        data.update(dict.fromkeys(CONTACT_FIELDS, ""))
    before = _tags_of(complaint)
    after = {Tag.Kind.CATEGORY: categories, Tag.Kind.GROUND: grounds}
    saved = versioned_save(
        instance=complaint,
        actor=actor,
        data=data,
        expected_version=expected_version,
        action="complaints.complaint.updated",
        m2m={"organisations": organisations},
        through_defaults={"organisations": {"district": complaint.district}},
    )
    if before == after:
        return saved
    _set_tags(saved, categories, grounds)
    if saved.version == expected_version:  # only the topics or grounds changed
        saved = _bump(saved, actor)
    audit_log(
        actor=actor,
        obj=saved,
        action="complaints.complaint.updated",
        changes={
            "categories": (before[Tag.Kind.CATEGORY], categories),
            "grounds": (before[Tag.Kind.GROUND], grounds),
        },
    )
    return saved


def _bump(complaint: Complaint, actor: User) -> Complaint:
    """A new version for a change outside the complaint's row, so an editor who saw the
    old topics is refused as well."""
    updated = Complaint.objects.filter(pk=complaint.pk, version=complaint.version).update(
        version=complaint.version + 1, updated_at=timezone.now(), updated_by=actor
    )
    if not updated:
        raise ConcurrentEditError(Complaint.objects.get(pk=complaint.pk))
    complaint.version += 1
    return complaint


__all__ = ["EDITABLE", "complaint_update"]
