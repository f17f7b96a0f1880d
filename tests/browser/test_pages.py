"""Every portal, account and staff page: one <h1>, a language, no sideways scrolling,
no axe-core WCAG 2.1 A/AA violation at 375 and 1280 pixels; screenshots of both."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from teilhabe.accounts.models import User
from teilhabe.committees import demo as committees_demo
from teilhabe.committees import services as committee_services
from teilhabe.committees.models import Body, Meeting
from teilhabe.counselling.models import Consultation
from teilhabe.directory import services as directory_services
from teilhabe.directory import transfer
from teilhabe.directory.models import Language, Organisation
from teilhabe.districts import services
from teilhabe.districts.models import Office, Position, PositionHolding
from teilhabe.workplan.models import RunningTask

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
    ("portal-complaint-form", f"/bezirke/{DISTRICT}/beschwerde/"),
    ("portal-complaint-form-en", f"/en/bezirke/{DISTRICT}/beschwerde/"),
    ("portal-complaint-status", f"/bezirke/{DISTRICT}/beschwerde/status/"),
    ("guide", f"/bezirke/{DISTRICT}/wegweiser/"),
    ("guide-en", f"/en/bezirke/{DISTRICT}/wegweiser/"),
    ("guide-filtered", f"/bezirke/{DISTRICT}/wegweiser/?thema=residence&sprache=ar"),
    ("guide-detail", f"/bezirke/{DISTRICT}/wegweiser/{{organisation}}/"),
    ("guide-detail-en", f"/en/bezirke/{DISTRICT}/wegweiser/{{organisation}}/"),
    ("portal-bodies", f"/bezirke/{DISTRICT}/gremien/"),
    ("portal-bodies-en", f"/en/bezirke/{DISTRICT}/gremien/"),
    ("portal-body", f"/bezirke/{DISTRICT}/gremien/{{portal_body}}/"),
    ("portal-body-en", f"/en/bezirke/{DISTRICT}/gremien/{{portal_body}}/"),
    ("portal-meeting", f"/bezirke/{DISTRICT}/gremien/sitzungen/{{portal_meeting}}/"),
    ("portal-meeting-en", f"/en/bezirke/{DISTRICT}/gremien/sitzungen/{{portal_meeting}}/"),
    ("portal-meeting-moved", f"/bezirke/{DISTRICT}/gremien/sitzungen/{{portal_moved}}/"),
]

STAFF_AREA = f"/{DISTRICT}"
# The demo gives the district an adopted plan for this year (activity 7 postponed with a
# note and a recorded change), the imported plan of 2021 and a draft for next year.
PLAN = f"{STAFF_AREA}/arbeitsplan"
YEAR = timezone.localdate().year
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
    ("directory", STAFF, f"{STAFF_AREA}/verzeichnis/"),
    ("directory-filtered", STAFF, f"{STAFF_AREA}/verzeichnis/?q=beratung&sprache=ar"),
    ("directory-berlin", STAFF, f"{STAFF_AREA}/verzeichnis/?bereich=berlin&inaktiv=on"),
    ("directory-assistant", ASSISTANT, f"{STAFF_AREA}/verzeichnis/"),
    ("directory-create", STAFF, f"{STAFF_AREA}/verzeichnis/neu/"),
    ("directory-detail", STAFF, f"{STAFF_AREA}/verzeichnis/{{organisation}}/"),
    ("directory-detail-accommodation", STAFF, f"{STAFF_AREA}/verzeichnis/{{accommodation}}/"),
    ("directory-edit", STAFF, f"{STAFF_AREA}/verzeichnis/{{organisation}}/bearbeiten/"),
    (
        "contact-create",
        STAFF,
        f"{STAFF_AREA}/verzeichnis/{{organisation}}/ansprechpersonen/neu/",
    ),
    ("contact-edit", STAFF, f"{STAFF_AREA}/ansprechpersonen/{{contact}}/bearbeiten/"),
    ("contact-delete", STAFF, f"{STAFF_AREA}/ansprechpersonen/{{contact}}/entfernen/"),
    ("directory-import", STAFF, f"{STAFF_AREA}/verzeichnis/import/"),
    ("directory-import-preview", STAFF, f"{STAFF_AREA}/verzeichnis/import/{{upload}}/"),
    ("counselling", STAFF, f"{STAFF_AREA}/beratung/"),
    ("counselling-create", STAFF, f"{STAFF_AREA}/beratung/neu/"),
    ("counselling-follow-up", STAFF, f"{STAFF_AREA}/beratung/neu/?folgt={{consultation}}"),
    ("counselling-detail", STAFF, f"{STAFF_AREA}/beratung/{{consultation}}/"),
    ("counselling-edit", STAFF, f"{STAFF_AREA}/beratung/{{consultation}}/bearbeiten/"),
    ("counselling-statistics", COMMISSIONER, f"{STAFF_AREA}/beratung/statistik/"),
    ("counselling-statistics-assistant", ASSISTANT, f"{STAFF_AREA}/beratung/statistik/"),
    ("404-signed-in", STAFF, f"{STAFF_AREA}/gibt-es-nicht/"),
    # An assistant may not read the change log, nor consultations.
    ("403", ASSISTANT, f"{STAFF_AREA}/protokoll/"),
    ("403-counselling", ASSISTANT, f"{STAFF_AREA}/beratung/"),
    # The work plan (its forms with errors and the timeline's chart: test_workplan.py).
    ("workplan-list", COMMISSIONER, f"{PLAN}/"),
    ("workplan-create", COMMISSIONER, f"{PLAN}/neu/"),
    ("workplan-import", COMMISSIONER, f"{PLAN}/import/"),
    ("workplan-detail", COMMISSIONER, f"{PLAN}/{YEAR}/"),
    ("workplan-detail-2021", COMMISSIONER, f"{PLAN}/2021/"),
    ("workplan-detail-assistant", ASSISTANT, f"{PLAN}/{YEAR}/"),
    ("workplan-edit", COMMISSIONER, f"{PLAN}/{YEAR}/bearbeiten/"),
    ("workplan-status", COMMISSIONER, f"{PLAN}/{YEAR}/beschluss/"),
    ("workplan-status-draft", COMMISSIONER, f"{PLAN}/{YEAR + 1}/beschluss/"),
    ("workplan-activity", COMMISSIONER, f"{PLAN}/{YEAR}/vorhaben/7/"),
    ("workplan-activity-edit", COMMISSIONER, f"{PLAN}/{YEAR}/vorhaben/7/bearbeiten/"),
    ("workplan-activity-delete", COMMISSIONER, f"{PLAN}/{YEAR}/vorhaben/14/loeschen/"),
    ("workplan-task-edit", COMMISSIONER, f"{PLAN}/taetigkeiten/{{running_task}}/"),
    ("workplan-task-delete", COMMISSIONER, f"{PLAN}/taetigkeiten/{{running_task}}/loeschen/"),
    ("403-workplan-edit", ASSISTANT, f"{PLAN}/{YEAR}/bearbeiten/"),
    ("complaints-list", COMMISSIONER, f"/{DISTRICT}/beschwerden/"),
    ("complaints-list-assistant", ASSISTANT, f"/{DISTRICT}/beschwerden/"),
    ("complaints-create", COMMISSIONER, f"/{DISTRICT}/beschwerden/neu/"),
]


ORGANISATION = "Migrationsberatung im Kiez e.V. (Demo)"
IMPORT_CSV = (
    "name;typ;sprachen;themen;plz\n"
    "Nachbarschaftshaus am See (Demo);advice_centre;ar, tr;Aufenthaltsrecht;12627\n"
    f"{ORGANISATION};advice_centre;ar;Aufenthaltsrecht;10115\n"
    "Ohne Typ (Demo);;ar;;1234\n"
)


@pytest.fixture
def records(demo) -> dict[str, int]:
    """Ids for the URLs, after a change to the office so that the logs have entries,
    with a contact person, a consultation with contact data and a pending import."""
    with scopes_disabled():
        office = Office.objects.get(district__slug=DISTRICT)
        staff = User.objects.get(email=STAFF)
        services.office_update(
            office=office,
            actor=User.objects.get(email=COMMISSIONER),
            data={"phone": "030 90293-2000", "office_hours": "Dienstag 9–12 Uhr"},
            expected_version=office.version,
        )
        position = Position.objects.get(district__slug=DISTRICT, code="Int1")
        holding = PositionHolding.objects.get(position=position, user__email=STAFF)
        organisation = Organisation.objects.get(district=office.district, name=ORGANISATION)
        accommodation = Organisation.objects.filter(
            district=office.district, kind=Organisation.Kind.ACCOMMODATION
        ).first()
        contact = directory_services.contact_create(
            organisation=organisation,
            actor=staff,
            data={
                "name": "Aylin Demir",
                "role": "Beraterin für Aufenthaltsrecht",
                "phone": "030 555 1234",
                "email": "a.demir@beratung.example.org",
                "public_consent_on": datetime.date(2024, 3, 1),
            },
            m2m={"languages": Language.objects.filter(code__in=["ar", "tr"])},
        )
        consultation = next(
            c
            for c in Consultation.objects.filter(district=office.district, wants_follow_up=True)
            if c.has_contact_data
        )
        upload = transfer.directory_import_create(
            district=office.district,
            actor=staff,
            filename="vereine.csv",
            raw=IMPORT_CSV.encode(),
        )
    return {
        "office": office.pk,
        "position": position.pk,
        "holding": holding.pk,
        "organisation": organisation.pk,
        "accommodation": accommodation.pk,
        "contact": contact.pk,
        "consultation": consultation.pk,
        "upload": upload.pk,
    }


@pytest.fixture
def workplan_records(work_plans) -> dict[str, int]:
    """The demo's work plans (loaded only for their pages and the dashboard)."""
    with scopes_disabled():
        task = RunningTask.objects.filter(plan__district__slug=DISTRICT, plan__year=YEAR)
        return {"running_task": task.order_by("order")[0].pk}


@pytest.fixture
def committee_records(demo) -> dict[str, int]:
    """The district's demo Gremien (loaded only for the pages that show them)."""
    with scopes_disabled():
        office = Office.objects.get(district__slug=DISTRICT)
        committees_demo.load(office.district)
        body, meeting, moved = _portal_committee_records(office, User.objects.get(email=STAFF))
    return {"portal_body": body, "portal_meeting": meeting, "portal_moved": moved}


def _portal_committee_records(office: Office, staff: User) -> tuple[int, int, int]:
    """The demo's public advisory board, its last meeting with public minutes (given a
    public document and a public agenda item's decision) and its moved meeting."""
    board = Body.objects.get(district=office.district, name="Integrationsbeirat")
    held = (
        Meeting.objects.filter(body=board, status=Meeting.Status.HELD, minutes_public=True)
        .order_by("start")
        .last()
    )
    assert held is not None
    committee_services.file_add(
        meeting=held,
        actor=staff,
        upload=SimpleUploadedFile("protokoll.pdf", b"%PDF-1.4 demo", "application/pdf"),
        role="minutes",
        is_public=True,
        name="Protokoll (öffentlicher Teil)",
    )
    item = held.agenda_items.filter(is_public=True).order_by("order").last()
    assert item is not None
    committee_services.agenda_item_update(
        item=item,
        actor=staff,
        data={"decision": "Keine Wortmeldungen; die Sitzung endet um 19:10 Uhr."},
        expected_version=item.version,
    )
    moved = Meeting.objects.get(body=board, status=Meeting.Status.MOVED)
    return board.pk, held.pk, moved.pk


@pytest.mark.parametrize(("name", "path"), PUBLIC_PAGES, ids=[p[0] for p in PUBLIC_PAGES])
def test_public_page(request, page, check_page, records, name, path):
    if "{portal_" in path:
        records = {**records, **request.getfixturevalue("committee_records")}
    response = page.goto(path.format(**records))
    assert response.status == (404 if name.startswith("404") else 200)
    check_page(page, name)


@pytest.mark.parametrize(
    ("name", "email", "path"), SIGNED_IN_PAGES, ids=[p[0] for p in SIGNED_IN_PAGES]
)
def test_signed_in_page(request, sign_in, check_page, records, name, email, path):
    if path.startswith(f"{PLAN}/") or name.startswith("dashboard"):
        records = {**records, **request.getfixturevalue("workplan_records")}
    page = sign_in(email)
    response = page.goto(path.format(**records))
    expected = 403 if name.startswith("403") else 404 if name.startswith("404") else 200
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


def test_directory_create_warns_of_a_duplicate(sign_in, check_page, records):
    page = sign_in(STAFF)
    page.goto(f"{STAFF_AREA}/verzeichnis/neu/")
    page.locator("input[name=name]").fill(ORGANISATION.replace(" e.V.", ""))
    page.locator("select[name=kind]").select_option("advice_centre")
    page.locator("main form button[type=submit]").first.click()

    warning = page.locator(".notice[role=alert]")
    expect(warning).to_be_visible()
    expect(warning.get_by_role("link", name=ORGANISATION)).to_have_attribute(
        "href", f"{STAFF_AREA}/verzeichnis/{records['organisation']}/"
    )
    check_page(page, "directory-create-duplicate")
    with scopes_disabled():
        assert not Organisation.objects.filter(name=ORGANISATION.replace(" e.V.", "")).exists()

    # Confirming that it is a different organisation adds it.
    page.locator("input[name=confirm_duplicate]").check()
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(rf"{STAFF_AREA}/verzeichnis/\d+/$"))
    expect(page.locator("h1")).to_have_text(ORGANISATION.replace(" e.V.", ""))


def test_directory_create_errors(sign_in, check_page):
    page = sign_in(STAFF)
    page.goto(f"{STAFF_AREA}/verzeichnis/neu/")
    page.locator("input[name=postal_code]").fill("123")
    page.locator("main form button[type=submit]").first.click()

    for name in ("name", "kind", "postal_code"):
        expect(page.locator(f"[name={name}]")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("input[name=postal_code]")).to_have_value("123")
    check_page(page, "directory-create-errors")


def test_consultation_errors(sign_in, check_page):
    page = sign_in(STAFF)
    page.goto(f"{STAFF_AREA}/beratung/neu/")
    page.locator("textarea[name=note]").fill("Ohne Thema")
    page.locator("input[name=pseudonym]").fill("Herr B.")
    page.locator("main form button.primary[type=submit]").click()

    expect(page.locator("#id_topics")).to_be_visible()
    expect(page.locator("fieldset:has(#id_topics) .errorlist")).to_be_visible()
    # A pseudonym is kept only if the person wants a follow-up.
    expect(page.locator("input[name=pseudonym]")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("textarea[name=note]")).to_have_value("Ohne Thema")
    check_page(page, "counselling-create-errors")
    with scopes_disabled():
        assert not Consultation.objects.filter(note="Ohne Thema").exists()
