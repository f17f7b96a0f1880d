"""Writes of the accounts app: two-factor devices."""

from __future__ import annotations

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from teilhabe.core.audit import audit_log

from .models import User


def totp_device_pending(*, user: User) -> TOTPDevice:
    """The unconfirmed device a user is enrolling; created once, reused until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="teilhabe", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, user: User, device: TOTPDevice, token: str) -> bool:
    """Confirm enrolment if `token` is valid; older devices of the user are replaced."""
    if not device.verify_token(token):
        return False
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_log(actor=user, obj=user, action="accounts.user.two_factor_enabled")
    return True


def confirmed_device(user: User) -> TOTPDevice | None:
    """The user's confirmed TOTP device, if they enrolled one."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()
