"""Admin-site writes enter the same audit trail as every service write."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from .audit import REDACTED, audit_log

# Fields whose change is recorded, never their value (passwords, TOTP keys).
SECRET_FIELDS = {"password", "password1", "password2", "key"}


class AuditedAdmin(admin.ModelAdmin):
    """Records created/changed (with the changed fields) and deleted objects."""

    def save_model(self, request, obj, form, change) -> None:
        old = {}
        if change and obj.pk is not None:
            stored = type(obj)._base_manager.filter(pk=obj.pk).first()
            old = {name: getattr(stored, name, None) for name in form.changed_data}
        super().save_model(request, obj, form, change)
        changes = _without_secrets(
            {name: (old.get(name), getattr(obj, name, None)) for name in form.changed_data}
        )
        verb = "updated" if change else "created"
        audit_log(actor=request.user, obj=obj, action=_action(obj, verb), changes=changes)

    def save_formset(self, request, form, formset, change) -> None:
        """Inline rows (e.g. a user's memberships) are audited like the main object."""
        initial = {f.instance.pk: f.initial for f in formset.forms if f.instance.pk is not None}
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            created = _without_secrets(
                {name: (None, getattr(obj, name, None)) for name in _field_names(obj)}
            )
            audit_log(actor=request.user, obj=obj, action=_action(obj, "created"), changes=created)
        for obj, names in formset.changed_objects:
            before = initial.get(obj.pk, {})
            changes = _without_secrets(
                {name: (before.get(name), getattr(obj, name, None)) for name in names}
            )
            audit_log(actor=request.user, obj=obj, action=_action(obj, "updated"), changes=changes)
        for obj in formset.deleted_objects:
            audit_log(actor=request.user, obj=obj, action=_action(obj, "deleted"))

    def delete_model(self, request, obj) -> None:
        audit_log(actor=request.user, obj=obj, action=f"{obj._meta.label_lower}.deleted")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            audit_log(actor=request.user, obj=obj, action=f"{obj._meta.label_lower}.deleted")
        super().delete_queryset(request, queryset)


def _action(obj, verb: str) -> str:
    return f"{obj._meta.label_lower}.{verb}"


def _field_names(obj) -> list[str]:
    return [f.name for f in obj._meta.concrete_fields if not f.primary_key and f.editable]


def _without_secrets(changes: dict[str, Any]) -> dict[str, Any]:
    return {
        ("password" if name.startswith("password") else name): (
            (REDACTED, REDACTED) if name in SECRET_FIELDS else pair
        )
        for name, pair in changes.items()
    }
