"""Admin-site writes enter the same audit trail as every service write."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from .audit import audit_log


class AuditedAdmin(admin.ModelAdmin):
    """Records created/changed (with the changed fields) and deleted objects."""

    def save_model(self, request, obj, form, change) -> None:
        old = {}
        if change and obj.pk is not None:
            stored = type(obj)._base_manager.filter(pk=obj.pk).first()
            old = {name: getattr(stored, name, None) for name in form.changed_data}
        super().save_model(request, obj, form, change)
        changes: dict[str, Any] = {
            name: (old.get(name), getattr(obj, name, None))
            for name in form.changed_data
            if name not in {"password", "password1", "password2"}
        }
        if "password" in form.changed_data or "password1" in form.changed_data:
            changes["password"] = ("", "")  # that it changed, never the value
        verb = "updated" if change else "created"
        audit_log(
            actor=request.user, obj=obj, action=f"{obj._meta.label_lower}.{verb}", changes=changes
        )

    def delete_model(self, request, obj) -> None:
        audit_log(actor=request.user, obj=obj, action=f"{obj._meta.label_lower}.deleted")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            audit_log(actor=request.user, obj=obj, action=f"{obj._meta.label_lower}.deleted")
        super().delete_queryset(request, queryset)
