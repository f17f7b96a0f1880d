"""Forms in the browser: validation errors, a concurrent edit, and saving without JavaScript."""

from __future__ import annotations

import re

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from teilhabe.accounts.models import User
from teilhabe.districts import services
from teilhabe.districts.models import Office

from .conftest import COMMISSIONER, DISTRICT, STAFF, sign_in_with

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OFFICE_EDIT = f"/{DISTRICT}/buero/bearbeiten/"


def office() -> Office:
    with scopes_disabled():
        return Office.objects.get(district__slug=DISTRICT)


def test_validation_errors_are_shown_at_the_field(sign_in, check_page):
    page = sign_in(STAFF)
    page.goto(OFFICE_EDIT)
    page.locator("input[name=postal_code]").fill("123")
    page.locator("main form button[type=submit]").click()

    field = page.locator("input[name=postal_code]")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_value("123")
    message = page.locator(f"#{field.get_attribute('aria-describedby')}")
    expect(message).to_contain_text(re.compile(r"\S"))
    expect(page.locator(".errorlist")).to_have_count(1)
    check_page(page, "office-edit-errors")
    assert office().postal_code == "12627"


def test_concurrent_edit_shows_conflict_and_keeps_input(sign_in, check_page):
    page = sign_in(STAFF)
    page.goto(OFFICE_EDIT)
    page.locator("input[name=phone]").fill("030 90293-1111")

    # Meanwhile the commissioner saves the record.
    current = office()
    with scopes_disabled():
        services.office_update(
            office=current,
            actor=User.objects.get(email=COMMISSIONER),
            data={"phone": "030 90293-2222"},
            expected_version=current.version,
        )
    page.locator("main form button[type=submit]").click()

    conflict = page.locator("section.conflict")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("030 90293-2222")
    expect(conflict).to_contain_text("030 90293-1111")
    expect(page.locator("input[name=phone]")).to_have_value("030 90293-1111")
    check_page(page, "office-edit-conflict")
    assert office().phone == "030 90293-2222"

    # Saving again is a deliberate decision against the newer version.
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{DISTRICT}/buero/$"))
    assert office().phone == "030 90293-1111"
    expect(page.locator(".messages")).to_be_visible()
    check_page(page, "office-saved")


def test_saving_unchanged_form_changes_nothing(sign_in):
    # Browsers send line breaks in a textarea as CRLF; stored text has LF.
    before = office()
    page = sign_in(STAFF)
    page.goto(OFFICE_EDIT)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{DISTRICT}/buero/$"))
    after = office()
    assert after.office_hours == before.office_hours
    assert after.version == before.version


def test_sign_in_and_save_without_javascript(new_context, demo):
    page = new_context(java_script_enabled=False).new_page()
    sign_in_with(page, STAFF)
    expect(page).to_have_url(re.compile(rf"/{DISTRICT}/$"))

    page.goto(OFFICE_EDIT)
    page.locator("textarea[name=office_hours]").fill("Montag 10–14 Uhr")
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(re.compile(rf"/{DISTRICT}/buero/$"))
    expect(page.locator(".messages")).to_be_visible()
    assert office().office_hours == "Montag 10–14 Uhr"
