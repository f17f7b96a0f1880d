"""Writes of the accounts app: two-factor devices."""

from __future__ import annotations

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from teilhabe.core.audit import audit_log

from .models import User


@transaction.atomic
def totp_device_pending(*, user: User, device_id: int | None) -> TOTPDevice:
    """The unconfirmed device this enrolment (one session) works on.

    A new enrolment gets a fresh secret and discards every other unconfirmed device of
    the user, so a secret shown in one session (perhaps to someone who only knows the
    password) can never be confirmed from another.
    """
    if device_id is not None:
        device = TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first()
        if device is not None:
            return device
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="teilhabe", confirmed=False)


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
