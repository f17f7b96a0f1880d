"""Audit entries as rows a person can read: German labels, record links, field names.

Built in Python once per page rather than by template filters per row, so a page of
50 entries costs a few dictionary lookups per row (see the benchmark).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry

ACTION_VERBS = {
    "created": _("created"),
    "updated": _("changed"),
    "deleted": _("deleted"),
    "viewed": _("viewed"),
    "holder_added": _("holder added"),
    "holder_ended": _("holding ended"),
    "two_factor_enabled": _("two-factor authentication enabled"),
    "password_set": _("password set by the administration"),
    "imported": _("imported"),
    "exported": _("exported"),
    "demo_loaded": _("created as demo data"),
}
# Actions that do not concern one record of a model.
ACTION_LABELS = {
    "directory.import.started": _("Directory: CSV import handed to the background"),
    "directory.import.applied": _("Directory: CSV import applied"),
    "directory.import.failed": _("Directory: CSV import failed"),
    "directory.import.discarded": _("Directory: CSV import discarded"),
    "counselling.retention.applied": _(
        "Counselling: retention period applied, contact details and notes erased"
    ),
    "workplan.plan.created": _("Work plan: created"),
    "workplan.plan.updated": _("Work plan: texts changed"),
    "workplan.plan.adopted": _("Work plan: decision of the Bezirksamt recorded"),
    "workplan.plan.submitted": _("Work plan: submission to the BVV recorded"),
    "workplan.plan.published": _("Work plan: publication recorded"),
    "workplan.plan.imported": _("Work plan: imported from a document"),
    "workplan.gremien.frozen": _("Work plan: bodies table frozen"),
    "workplan.gremien.unfrozen": _("Work plan: bodies table drawn live again"),
    "workplan.task.created": _("Running task: added"),
    "workplan.task.updated": _("Running task: changed"),
    "workplan.task.deleted": _("Running task: removed"),
    "workplan.task.moved": _("Running task: moved"),
    "workplan.activity.noted": _("Planned activity: progress noted"),
    "workplan.activity.status": _("Planned activity: status changed"),
    "workplan.document.vorlage": _("Work plan: BVV paper produced"),
    "workplan.document.bericht": _("Work plan: year-end report produced"),
}
# Labels of change keys that are not model fields.
FIELD_LABELS = {
    "holder": _("holder"),
    "moved_from": _("moved from"),
    "start": _("from"),
    "end": _("until"),
    "consultations": _("consultations"),
    "last_contact_before": _("last contact before"),
    "copied_from": _("taken over from the plan of"),
    "running_tasks": _("running tasks"),
    "rows": _("rows of the bodies table"),
    "note": _("note"),
    "format": _("format"),
    "ms": _("built in milliseconds"),
    "bodies": _("bodies"),
    "participations": _("participations"),
    "activities": _("planned activities"),
    "positions": _("positions"),
}


@dataclass(frozen=True)
class AuditRow:
    entry: AuditEntry
    actor: str
    action: str
    record_url: str | None
    changes: list[tuple[str, Any, Any]]


@lru_cache(maxsize=512)
def _action_label(action: str, language: str | None) -> str:
    """ "districts.office.updated" → "Integrationsbüro: geändert" (cached per language)."""
    if action in ACTION_LABELS:
        return str(ACTION_LABELS[action])
    parts = action.split(".")
    if len(parts) != 3:
        return action
    app_label, model_name, verb = parts
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return action
    return f"{capfirst(model._meta.verbose_name)}: {ACTION_VERBS.get(verb, verb)}"


@lru_cache(maxsize=2048)
def _field_label(label: str, name: str, language: str | None) -> str:
    try:
        model = apps.get_model(label)
        field = model._meta.get_field(name)
        # A reverse relation (e.g. a meeting's "moved_from") has no verbose name.
        return str(capfirst(getattr(field, "verbose_name", FIELD_LABELS.get(name, name))))
    except (LookupError, FieldDoesNotExist, ValueError):
        return str(FIELD_LABELS.get(name, name))


def audit_rows(entries: Iterable[AuditEntry], *, district) -> list[AuditRow]:
    """Display rows for `entries` (with actor and content_type selected)."""
    language = get_language()
    base = reverse(
        "core:record_audit", kwargs={"district": district.slug, "label": "L", "object_id": "0"}
    )
    prefix = base[: base.rindex("L/0/")]
    rows = []
    for entry in entries:
        label = None
        content_type = entry.content_type
        if content_type is not None:
            label = f"{content_type.app_label}.{content_type.model}"
        changes = []
        for name, pair in (entry.changes or {}).items():
            old, new = (list(pair) + [None, None])[:2] if isinstance(pair, list) else (None, pair)
            field = (
                _field_label(label, name, language) if label else str(FIELD_LABELS.get(name, name))
            )
            changes.append((field, old, new))
        rows.append(
            AuditRow(
                entry=entry,
                actor=str(entry.actor) if entry.actor_id else entry.actor_label,
                action=_action_label(entry.action, language),
                record_url=f"{prefix}{label}/{entry.object_id}/" if label else None,
                changes=changes,
            )
        )
    return rows
