"""The Ombudsstelle in the browser: a person files an anonymous complaint on the portal,
follows it with the reference and the receipt code, and answers the office's message;
the office reads the answer on the case. Every page on the way is checked (one <h1>, no
sideways scrolling, axe-core WCAG 2.1 A/AA at 375 and 1280 pixels, screenshots)."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled
from playwright.sync_api import Page, expect

from teilhabe.accounts.models import User
from teilhabe.complaints.attachments import attachment_add
from teilhabe.complaints.models import Complaint, ComplaintEvent

from .conftest import ASSISTANT, COMMISSIONER, DISTRICT, STAFF, sign_in_with

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FORM = f"/bezirke/{DISTRICT}/beschwerde/"
SUBJECT = "Am Bürgeramt ohne Sprachmittlung weggeschickt"
STORY = "Ich wurde am Schalter nicht bedient, weil ich kein Deutsch spreche. <script>x()</script>"
MESSAGE = "Danke für Ihre Beschwerde. Wann genau waren Sie im Bürgeramt?"
REPLY = "Am Dienstag gegen 10 Uhr, am Schalter 3."


def open_case(page: Page, reference: str, code: str) -> None:
    page.goto(f"{FORM}status/")
    page.locator("input[name=reference]").fill(reference)
    page.locator("input[name=code]").fill(code.lower().replace("-", " "))  # as people type
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")


def test_an_anonymous_complaint_is_filed_followed_and_answered(page, new_context, check_page):
    # Filed by keyboard, anonymously: the contact fields may stay filled, nothing is kept.
    page.goto(FORM)
    page.locator("input[name=subject]").focus()
    page.keyboard.type(SUBJECT)
    page.keyboard.press("Tab")
    page.keyboard.type(STORY)
    page.locator("input[name=categories][value=language]").check()
    page.locator("input[name=is_anonymous]").check()
    page.locator("input[name=name]").fill("Wird nicht gespeichert")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    expect(page.locator("h1")).to_have_text("Ihre Beschwerde ist angekommen")
    reference = page.locator("dl.facts dd strong").first.inner_text()
    code = page.locator("dl.facts code").inner_text()
    assert re.fullmatch(r"\d{2}-\d{4}-\d{4}", reference)
    assert re.fullmatch(r"([0-9A-Z]{4}-){4}[0-9A-Z]{4}", code)
    check_page(page, "portal-complaint-confirmation")
    with scopes_disabled():
        complaint = Complaint.objects.get(reference=reference)
        assert complaint.is_anonymous and complaint.name == ""
        assert code not in complaint.receipt_hash

    # A wrong code gets the one generic answer.
    open_case(page, reference, "AAAA-BBBB-CCCC-DDDD-EEEE")
    expect(page.locator("[role=alert]")).to_contain_text("nicht richtig")
    check_page(page, "portal-complaint-status-error")

    # With the right one: the state of the case, no messages yet; the script stays text.
    open_case(page, reference, code)
    expect(page.locator("h1")).to_contain_text(reference)
    expect(page.locator("#messages + p")).to_be_visible()

    # The office writes on the status page.
    office = new_context().new_page()
    sign_in_with(office, STAFF)
    office.goto(f"/{DISTRICT}/beschwerden/{complaint.pk}/")
    expect(office.locator("main")).to_contain_text("<script>x()</script>")
    office.locator("#message textarea").fill(MESSAGE)
    office.locator("#message button[type=submit]").click()
    expect(office.locator(".messages")).to_be_visible()
    check_page(office, "complaints-detail-anonymous")

    # The complainant reads it and answers.
    open_case(page, reference, code)
    expect(page.locator("ol.timeline")).to_contain_text(MESSAGE)
    check_page(page, "portal-complaint-case")
    page.locator("textarea[name=text]").fill(REPLY)
    page.locator("#reply ~ form button[type=submit], section[aria-labelledby=reply] button").click()
    page.wait_for_load_state("load")
    expect(page.locator("[role=status]")).to_be_visible()
    expect(page.locator("ol.timeline li").last).to_contain_text(REPLY)

    # The office finds the answer on the case's timeline.
    office.reload()
    expect(office.locator("ol.timeline li").last).to_contain_text(REPLY)
    with scopes_disabled():
        kinds = list(
            ComplaintEvent.objects.filter(complaint=complaint).values_list("kind", flat=True)
        )
        complaint.refresh_from_db()
    assert kinds == ["received", "feedback", "message_in"]
    assert complaint.first_feedback_on is not None  # the message counted as feedback


def test_a_form_sent_twice_is_recorded_once(page, check_page):
    """The same form sent again (a reload of the answer): one complaint, and the page
    says under which reference it arrived."""
    page.goto(FORM)
    token = page.locator("input[name=token]").input_value()
    page.locator("input[name=subject]").fill(SUBJECT)
    page.locator("textarea[name=description]").fill("Zweimal gesendet.")
    page.locator("input[name=is_anonymous]").check()
    page.locator("main form button[type=submit]").click()
    reference = page.locator("dl.facts dd strong").first.inner_text()
    page.goto(FORM)  # the same form once more, as a resubmission sends it
    page.locator("input[name=token]").evaluate("(el, token) => { el.value = token; }", token)
    page.locator("input[name=subject]").fill(SUBJECT)
    page.locator("textarea[name=description]").fill("Zweimal gesendet.")
    page.locator("input[name=is_anonymous]").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    expect(page.locator("h1")).to_have_text("Ihre Beschwerde war schon angekommen")
    expect(page.locator("main")).to_contain_text(reference)
    check_page(page, "portal-complaint-repeated")
    with scopes_disabled():
        assert Complaint.objects.filter(subject=SUBJECT).count() == 1


def _case(subject: str) -> Complaint:
    return Complaint.objects.get(district__slug=DISTRICT, subject=subject)


@pytest.fixture
def cases(complaints) -> dict[str, int]:
    """Ids of demo cases in each state, and an attachment on the one in review."""
    with scopes_disabled():
        review = _case("Kein Dolmetscher beim Termin")
        statement = _case("Abweisung im Sprachkurs")
        attachment = attachment_add(
            complaint=review,
            actor=User.objects.get(email=STAFF),
            upload=SimpleUploadedFile("Bescheid Öztürk.pdf", b"%PDF-1.4\n%demo\n"),
            description="Schreiben des Amtes",
        )
        return {
            "review": review.pk,
            "statement": statement.pk,
            "request": statement.statements.get().pk,
            "draft": _case("Missverständnis bei einer Nachbarschaftsveranstaltung").pk,
            "referred": _case("Benachteiligung bei der Wohnungsvergabe").pk,
            "closed": _case("Wartezeit und Umgangston in der Leistungsabteilung").pk,
            "attachment": attachment.pk,
        }


CASES = f"/{DISTRICT}/beschwerden"
CASE_PAGES = [
    ("complaints-detail-review", COMMISSIONER, "{review}/"),
    ("complaints-detail-statement", STAFF, "{statement}/"),
    ("complaints-detail-draft", COMMISSIONER, "{draft}/"),
    ("complaints-detail-referred", COMMISSIONER, "{referred}/"),
    ("complaints-detail-closed", COMMISSIONER, "{closed}/"),
    ("complaints-edit", STAFF, "{review}/bearbeiten/"),
    ("complaints-statement-new", STAFF, "{review}/stellungnahmen/neu/"),
    ("complaints-statement-receive", STAFF, "{statement}/stellungnahmen/{request}/eingang/"),
    ("complaints-referral-consent", STAFF, "{review}/verweisung/einwilligung/"),
    ("complaints-referral-outcome", STAFF, "{referred}/verweisung/ergebnis/"),
    ("complaints-assessment-new", STAFF, "{review}/einschaetzung/neu/"),
    ("complaints-attachment-delete", STAFF, "{review}/anhaenge/{attachment}/loeschen/"),
    ("complaints-list-demo", COMMISSIONER, ""),
    ("complaints-statistics", COMMISSIONER, "statistik/"),
    ("complaints-statistics-assistant", ASSISTANT, "statistik/"),
    ("complaints-dashboard", COMMISSIONER, "../"),
    ("complaints-dashboard-assistant", ASSISTANT, "../"),
]


@pytest.mark.parametrize(("name", "email", "path"), CASE_PAGES, ids=[p[0] for p in CASE_PAGES])
def test_case_pages(sign_in, check_page, cases, name, email, path):
    page = sign_in(email)
    response = page.goto(f"{CASES}/{path.format(**cases)}")
    assert response is not None and response.status == 200
    check_page(page, name)


def test_a_file_over_the_limit_gets_a_page_of_its_own(sign_in, check_page, cases, tmp_path):
    """A 21 MB scan: refused before it is read, with the limit named and a way back."""
    scan = tmp_path / "Scan Bescheid.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + b"\0" * (21 * 1024 * 1024))
    page = sign_in(STAFF)
    page.goto(f"{CASES}/{cases['review']}/")
    page.locator("#attachment input[type=file]").set_input_files(scan)
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator("#attachment button[type=submit]").click()
    assert answer.value.status == 413
    page.wait_for_load_state("load")
    expect(page.locator("[role=alert]")).to_contain_text("20 MB")
    check_page(page, "complaints-attachment-too-large")
    page.locator("main a.button").click()
    expect(page).to_have_url(re.compile(rf"/beschwerden/{cases['review']}/#attachments$"))
