"""Districts and Ortsteile for platform admins; offices are edited in each staff area."""

from django.contrib import admin

from teilhabe.core.admin import AuditedAdmin

from .models import District, Locality


class LocalityInline(admin.TabularInline):
    model = Locality
    extra = 0
    fields = ["code", "name"]


@admin.register(District)
class DistrictAdmin(AuditedAdmin):
    list_display = ["number", "name", "slug", "official_name"]
    readonly_fields = ["number", "slug"]
    inlines = [LocalityInline]

    def has_add_permission(self, request) -> bool:
        return False  # the twelve districts come from the data migration

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
