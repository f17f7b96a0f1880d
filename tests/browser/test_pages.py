"""Every portal, account and staff page: one <h1>, a language, no sideways scrolling,
no axe-core WCAG 2.1 A/AA violation at 375 and 1280 pixels; screenshots of both."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from teilhabe.accounts.models import User
from teilhabe.districts import services
from teilhabe.districts.models import Office, Position, PositionHolding

from .conftest import ADMIN, ASSISTANT, COMMISSIONER, DEMO_PASSWORD, DISTRICT, LAG, STAFF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    ("portal-home", "/"),
    ("portal-home-en", "/en/"),
    ("portal-office", f"/bezirke/{DISTRICT}/"),
    ("portal-office-en", f"/en/bezirke/{DISTRICT}/"),
    # Spandau has no English text: the German one is shown with a note.
    ("portal-office-en-fallback", "/en/bezirke/spandau/"),
    ("login", "/konto/anmelden/"),
    ("password-reset", "/konto/passwort/vergessen/"),
    ("password-reset-done", "/konto/passwort/vergessen/gesendet/"),
    ("password-reset-complete", "/konto/passwort/neu/fertig/"),
    ("password-reset-invalid-link", "/konto/passwort/neu/MQ/abc-def/"),
    ("404", "/gibt-es-nicht/"),
]

STAFF_AREA = f"/{DISTRICT}"
SIGNED_IN_PAGES = [
    ("account-home", ADMIN, "/konto/"),
    ("account-home-lag", LAG, "/konto/"),
    ("security", COMMISSIONER, "/konto/sicherheit/"),
    ("totp-setup", COMMISSIONER, "/konto/sicherheit/zwei-faktor/"),
    ("password-change", COMMISSIONER, "/konto/passwort/aendern/"),
    ("password-change-done", COMMISSIONER, "/konto/passwort/geaendert/"),
    ("dashboard", COMMISSIONER, f"{STAFF_AREA}/"),
    ("dashboard-staff", STAFF, f"{STAFF_AREA}/"),
    ("office", COMMISSIONER, f"{STAFF_AREA}/buero/"),
    ("office-assistant", ASSISTANT, f"{STAFF_AREA}/buero/"),
    ("office-edit", COMMISSIONER, f"{STAFF_AREA}/buero/bearbeiten/"),
    ("office-text-edit", COMMISSIONER, f"{STAFF_AREA}/buero/seite/de/"),
    ("office-text-edit-en", COMMISSIONER, f"{STAFF_AREA}/buero/seite/en/"),
    ("position-create", COMMISSIONER, f"{STAFF_AREA}/stellen/neu/"),
    ("position-detail", COMMISSIONER, f"{STAFF_AREA}/stellen/{{position}}/"),
    ("position-edit", COMMISSIONER, f"{STAFF_AREA}/stellen/{{position}}/bearbeiten/"),
    ("holding-create", COMMISSIONER, f"{STAFF_AREA}/stellen/{{position}}/besetzen/"),
    ("holding-end", COMMISSIONER, f"{STAFF_AREA}/besetzungen/{{holding}}/beenden/"),
    ("district-audit", COMMISSIONER, f"{STAFF_AREA}/protokoll/"),
    ("record-audit", COMMISSIONER, f"{STAFF_AREA}/protokoll/districts.office/{{office}}/"),
    ("lag", LAG, "/lag/"),
    ("404-signed-in", STAFF, f"{STAFF_AREA}/gibt-es-nicht/"),
    # An assistant may not read the change log.
    ("403", ASSISTANT, f"{STAFF_AREA}/protokoll/"),
]


@pytest.fixture
def records(demo) -> dict[str, int]:
    """Ids for the URLs, after a change to the office so that the logs have entries."""
    with scopes_disabled():
        office = Office.objects.get(district__slug=DISTRICT)
        services.office_update(
            office=office,
            actor=User.objects.get(email=COMMISSIONER),
            data={"phone": "030 90293-2000", "office_hours": "Dienstag 9–12 Uhr"},
            expected_version=office.version,
        )
        position = Position.objects.get(district__slug=DISTRICT, code="Int1")
        holding = PositionHolding.objects.get(position=position, user__email=STAFF)
    return {"office": office.pk, "position": position.pk, "holding": holding.pk}


@pytest.mark.parametrize(("name", "path"), PUBLIC_PAGES, ids=[p[0] for p in PUBLIC_PAGES])
def test_public_page(page, check_page, name, path):
    page.goto(path)
    check_page(page, name)


@pytest.mark.parametrize(
    ("name", "email", "path"), SIGNED_IN_PAGES, ids=[p[0] for p in SIGNED_IN_PAGES]
)
def test_signed_in_page(sign_in, check_page, records, name, email, path):
    page = sign_in(email)
    response = page.goto(path.format(**records))
    expected = 403 if name == "403" else 404 if name.startswith("404") else 200
    assert response.status == expected
    check_page(page, name)


def test_login_token_step(page, check_page):
    user = User.objects.get(email=COMMISSIONER)
    device = TOTPDevice.objects.create(user=user, name="Telefon", confirmed=True)
    page.goto("/konto/anmelden/")
    page.locator("input[name=username]").fill(COMMISSIONER)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/konto/anmelden/code/"))
    check_page(page, "login-token")

    page.locator("input[name=token]").fill(f"{totp(device.bin_key):06d}")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{DISTRICT}/$"))


def test_two_factor_setup_confirms_the_device(sign_in, check_page):
    page = sign_in(STAFF)
    page.goto("/konto/sicherheit/zwei-faktor/")
    device = TOTPDevice.objects.get(user__email=STAFF, confirmed=False)
    page.locator("input[name=token]").fill(f"{totp(device.bin_key):06d}")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/konto/sicherheit/$"))
    expect(page.locator(".messages")).to_be_visible()
    check_page(page, "security-two-factor-active")


def test_password_reset_confirm(page, check_page):
    user = User.objects.get(email=STAFF)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    page.goto(f"/konto/passwort/neu/{uid}/{default_token_generator.make_token(user)}/")
    expect(page.locator("input[name=new_password1]")).to_be_visible()
    check_page(page, "password-reset-confirm")


def test_sign_in_locked_after_failed_attempts(page, check_page):
    page.goto("/konto/anmelden/")
    for _attempt in range(5):
        page.locator("input[name=username]").fill(STAFF)
        page.locator("input[name=password]").fill("wrong password")
        with page.expect_response(lambda r: r.request.method == "POST") as response_info:
            page.locator("main form button[type=submit]").click()
    assert response_info.value.status == 429
    check_page(page, "sign-in-locked")


def test_expired_form(page, check_page):
    page.goto("/konto/anmelden/")
    page.context.clear_cookies()
    page.locator("input[name=username]").fill(STAFF)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    with page.expect_response(lambda r: r.request.method == "POST") as response_info:
        page.locator("main form button[type=submit]").click()
    assert response_info.value.status == 403
    check_page(page, "403-csrf")
