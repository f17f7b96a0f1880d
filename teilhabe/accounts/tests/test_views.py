"""Sign-in, two-factor, lock-out, idle timeout and password reset."""

from __future__ import annotations

import re
import time

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from teilhabe.accounts.middleware import LAST_SEEN_KEY
from teilhabe.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/konto/anmelden/"


def sign_in(client: Client, email: str, password: str = PASSWORD):
    return client.post(LOGIN, {"username": email, "password": password})


def current_token(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_sign_in_with_password_lands_in_own_district(staff_a):
    client = Client()
    response = sign_in(client, staff_a.email)
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == "/marzahn-hellersdorf/"


def test_sign_in_is_case_insensitive_for_the_email(staff_a):
    response = sign_in(Client(), staff_a.email.upper())
    assert response.status_code == 302


def test_wrong_password_gets_a_german_message_and_no_session(staff_a):
    client = Client()
    response = sign_in(client, staff_a.email, "falsch")
    assert response.status_code == 200
    assert "Passwort" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_account_is_locked_after_repeated_failures(staff_a, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, staff_a.email, "falsch")
    response = sign_in(client, staff_a.email)  # even the right password is refused now
    assert response.status_code == 429
    assert "gesperrt" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_next_parameter_to_another_host_is_ignored(staff_a):
    response = Client().post(
        LOGIN + "?next=https://evil.example/", {"username": staff_a.email, "password": PASSWORD}
    )
    assert response["Location"] == "/konto/"


def test_two_factor_sign_in_needs_the_current_code(staff_a):
    device = TOTPDevice.objects.create(user=staff_a, confirmed=True)
    client = Client()
    response = sign_in(client, staff_a.email)
    assert response["Location"].startswith(reverse("accounts:login_token"))
    assert "_auth_user_id" not in client.session  # not signed in after the password alone
    wrong = client.post(reverse("accounts:login_token"), {"token": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session
    device.refresh_from_db()
    right = client.post(reverse("accounts:login_token"), {"token": current_token(device)})
    assert right.status_code == 302
    assert client.session["_auth_user_id"] == str(staff_a.pk)


def test_token_step_without_password_step_starts_over():
    response = Client().get(reverse("accounts:login_token"))
    assert response["Location"] == LOGIN


def test_failed_codes_count_towards_the_lock_out(staff_a, settings):
    TOTPDevice.objects.create(user=staff_a, confirmed=True)
    client = Client()
    sign_in(client, staff_a.email)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(reverse("accounts:login_token"), {"token": "000000"})
    assert response.status_code == 429


def test_enrolment_confirms_device_with_a_valid_code(client_for, staff_a):
    client = client_for(staff_a)
    page = client.get(reverse("accounts:totp_setup"))
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=staff_a, confirmed=False)
    bad = client.post(reverse("accounts:totp_setup"), {"token": "123456"})
    assert bad.status_code == 200
    device.refresh_from_db()
    assert device.confirmed is False
    good = client.post(reverse("accounts:totp_setup"), {"token": current_token(device)})
    assert good.status_code == 302
    device.refresh_from_db()
    assert device.confirmed is True


def test_two_factor_is_enforced_when_required(client_for, staff_a, settings):
    settings.TEILHABE_REQUIRE_2FA = True
    client = client_for(staff_a)
    response = client.get("/marzahn-hellersdorf/")
    assert response["Location"] == reverse("accounts:totp_setup")
    assert client.get(reverse("accounts:totp_setup")).status_code == 200


def test_idle_session_is_signed_out(client_for, staff_a, settings):
    client = client_for(staff_a)
    assert client.get("/marzahn-hellersdorf/").status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - settings.SESSION_IDLE_MINUTES * 60 - 5
    session.save()
    response = client.get("/marzahn-hellersdorf/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_password_reset_by_email_sets_a_new_password(staff_a):
    client = Client()
    response = client.post(reverse("accounts:password_reset"), {"email": staff_a.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/konto/passwort/neu/\S+)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    new = "ein-neues-Passwort-2026"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    staff_a.refresh_from_db()
    assert staff_a.check_password(new)


def test_password_reset_for_unknown_address_reveals_nothing():
    response = Client().post(reverse("accounts:password_reset"), {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_sign_out_needs_post(client_for, staff_a):
    client = client_for(staff_a)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session


def test_user_with_several_districts_chooses(client_for, staff_a, district_b):
    from teilhabe.accounts.tests.factories import MembershipFactory

    MembershipFactory(user=staff_a, district=district_b, role="staff")
    response = client_for(staff_a).get(reverse("accounts:home"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "/marzahn-hellersdorf/" in body and "/spandau/" in body


def test_admin_sign_in_goes_through_the_two_step_sign_in():
    response = Client().get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/anmelden/?next=%2Fadmin%2F"


def test_password_alone_cannot_replace_an_enrolled_device(client_for, staff_a):
    device = TOTPDevice.objects.create(user=staff_a, confirmed=True)
    client = client_for(staff_a)  # signed in without a code
    response = client.get(reverse("accounts:totp_setup"))
    assert response["Location"] == reverse("accounts:security")
    assert list(TOTPDevice.objects.filter(user=staff_a)) == [device]


def test_enrolled_session_without_code_must_sign_in_again(client_for, staff_a, settings):
    settings.TEILHABE_REQUIRE_2FA = True
    TOTPDevice.objects.create(user=staff_a, confirmed=True)
    client = client_for(staff_a)
    response = client.get("/marzahn-hellersdorf/")
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_session_ends_after_the_maximum_length(client_for, staff_a, settings):
    from teilhabe.accounts.middleware import STARTED_KEY

    client = client_for(staff_a)
    client.get("/marzahn-hellersdorf/")
    session = client.session
    session[STARTED_KEY] = int(time.time()) - settings.SESSION_MAX_HOURS * 3600 - 1
    session.save()
    assert client.get("/marzahn-hellersdorf/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_enrolment_secret_seen_in_another_session_cannot_be_confirmed(client_for, staff_a):
    attacker = client_for(staff_a)  # knows only the password
    attacker.get(reverse("accounts:totp_setup"))
    seen = TOTPDevice.objects.get(user=staff_a, confirmed=False)
    owner = client_for(staff_a)
    owner.get(reverse("accounts:totp_setup"))
    own = TOTPDevice.objects.get(user=staff_a, confirmed=False)
    assert own.pk != seen.pk
    assert own.key != seen.key
    assert (
        owner.post(reverse("accounts:totp_setup"), {"token": current_token(own)}).status_code == 302
    )
    assert TOTPDevice.objects.get(user=staff_a, confirmed=True).key == own.key


def test_reloading_the_setup_page_keeps_the_same_secret(client_for, staff_a):
    client = client_for(staff_a)
    client.get(reverse("accounts:totp_setup"))
    first = TOTPDevice.objects.get(user=staff_a).key
    client.get(reverse("accounts:totp_setup"))
    assert TOTPDevice.objects.get(user=staff_a).key == first


def test_deactivated_user_cannot_finish_the_code_step(staff_a):
    device = TOTPDevice.objects.create(user=staff_a, confirmed=True)
    client = Client()
    sign_in(client, staff_a.email)
    staff_a.is_active = False
    staff_a.save()
    response = client.post(reverse("accounts:login_token"), {"token": current_token(device)})
    assert response["Location"] == LOGIN
    assert "_auth_user_id" not in client.session


def test_signed_in_non_admin_gets_403_on_the_admin_site_not_a_loop(client_for, staff_a):
    response = client_for(staff_a).get("/admin/login/?next=/admin/")
    assert response.status_code == 403
