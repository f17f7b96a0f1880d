"""Reads of the audit trail."""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.http import Http404

from .models import AuditEntry, DistrictScopedModel


def audit_for_district(*, district) -> QuerySet[AuditEntry]:
    """The district's audit entries, newest first, with who and what for the table."""
    return AuditEntry.objects.filter(district=district).select_related("actor", "content_type")


def audit_for_object(*, obj: models.Model) -> QuerySet[AuditEntry]:
    """Every entry about `obj`, newest first, with who and what for the table."""
    content_type = ContentType.objects.get_for_model(obj)
    return AuditEntry.objects.filter(
        content_type=content_type, object_id=str(obj.pk)
    ).select_related("actor", "content_type")


def audited_object(*, district, label: str, object_id: str) -> models.Model:
    """The district-owned record named by "app_label.model" and id, or 404.

    Only district-scoped models qualify, and the lookup goes through their scoped
    manager, so a record of another district is never found.
    """
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError) as error:
        raise Http404 from error
    if model._meta.label_lower == "districts.district":
        if str(district.pk) != object_id:
            raise Http404
        return district
    if not issubclass(model, DistrictScopedModel):
        raise Http404
    # Filter by district explicitly, not only through the (scoped) default manager.
    try:
        return model._base_manager.filter(district=district).get(pk=object_id)
    except (model.DoesNotExist, ValueError) as error:
        raise Http404 from error
