"""The admin site is the platform admin's tool for accounts and memberships."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from teilhabe.core.admin import AuditedAdmin
from teilhabe.core.audit import audit_log

from .models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_superuser", "last_login"]
    search_fields = ["email", "full_name"]
    list_filter = ["is_active", "is_superuser"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "full_name", "password")}),
        ("Status", {"fields": ("is_active", "is_staff", "is_superuser", "last_login")}),
    )
    add_fieldsets = ((None, {"fields": ("email", "full_name", "password1", "password2")}),)
    readonly_fields = ["last_login"]
    filter_horizontal = ()

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = User.objects.get(pk=id)
            audit_log(actor=request.user, obj=user, action="accounts.user.password_set")
        return response


# Resetting a lost phone means deleting the device here; that is audited too.
admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class AuditedTOTPDeviceAdmin(AuditedAdmin, TOTPDeviceAdmin):
    pass


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["user", "district", "role"]
    list_filter = ["district", "role"]
    search_fields = ["user__email", "user__full_name"]
