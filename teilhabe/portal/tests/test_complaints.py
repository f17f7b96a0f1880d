"""The public complaint form and status page: anonymity, the receipt code, rate limits."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from django_scopes import scope, scopes_disabled

from teilhabe.complaints import ratelimit
from teilhabe.complaints.models import Complaint, ComplaintEvent
from teilhabe.complaints.services import complaint_create, message_to_complainant, note_add
from teilhabe.portal.complaints import CLIENT_TRIES, SUBMISSIONS

pytestmark = pytest.mark.django_db

# The assertions read the English texts; the German ones are the catalogue's translations.
BASE = "/en/bezirke/marzahn-hellersdorf/beschwerde/"
STATUS = f"{BASE}status/"
ADDRESS = "203.0.113.77"
AGENT = "SecretAgent/4.2 (marker)"
FORM: dict[str, Any] = {
    "subject": "Am Bürgeramt abgewiesen",
    "description": "Man hat mich ohne Dolmetscher weggeschickt.",
    "categories": ["language"],
    "language": "de",
}
ALERT = re.compile(r'<div class="errorlist nonfield" role="alert">(.*?)</div>', re.S)


@pytest.fixture(autouse=True)
def _fresh_cache(monkeypatch):
    """The counters live in the cache, which outlives a test; the clock stays inside one
    counting window, so a slow run cannot cross into the next and reset the counts."""
    monkeypatch.setattr(ratelimit, "_now", lambda: 1_800_000_000.0)
    cache.clear()
    yield
    cache.clear()


def _client(address: str = ADDRESS) -> Client:
    return Client(REMOTE_ADDR=address, HTTP_USER_AGENT=AGENT)


def _receipt(body: str) -> tuple[str, str]:
    reference = re.search(r"<dd><strong>(\d{2}-\d{4}-\d{4})</strong></dd>", body)
    code = re.search(r"<code[^>]*>([0-9A-Z-]+)</code>", body)
    assert reference and code, body
    return reference.group(1), code.group(1)


def _complaint(district, subject: str = "Betreff") -> tuple[Complaint, str]:
    data = {"channel": "web_form", "subject": subject, "description": "Was geschah."}
    with scope(district=district):
        return complaint_create(district=district, actor=None, data=data)


def _alert(body: str) -> str:
    found = ALERT.search(body)
    assert found, body
    return found.group(1)


def test_form_opens_without_javascript_with_anonymous_option_and_hidden_honeypot():
    response = _client().get(BASE)
    body = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    assert 'name="is_anonymous"' in body
    assert "We then store no name, no contact details and no internet address" in body
    assert re.search(r'<div hidden>\s*<div>\s*<label for="id_website">Leave this field', body)
    assert 'name="categories" value="language"' in body


def test_anonymous_submission_stores_no_contact_address_or_user_agent(caplog):
    caplog.set_level(logging.DEBUG)
    data = {
        **FORM,
        "is_anonymous": "on",
        "name": "Erika Mustermann",
        "email": "not-an-address",  # ignored, so no error either
        "phone": "030 1234567",
    }
    response = _client().post(BASE, data)
    assert response.status_code == 200
    reference, _code = _receipt(response.content.decode())
    with scopes_disabled():
        complaint = Complaint.objects.get(reference=reference)
        assert complaint.is_anonymous
        assert (complaint.name, complaint.email, complaint.phone, complaint.address) == ("",) * 4
        assert complaint.channel == "web_form"
        for model in apps.get_models():
            for row in model._base_manager.all():
                for field in model._meta.concrete_fields:
                    value = str(field.value_from_object(row))
                    for secret in (ADDRESS, "SecretAgent", "Mustermann", "1234567"):
                        assert secret not in value, (model, field.name)
    assert ADDRESS not in caplog.text
    assert "SecretAgent" not in caplog.text


def test_named_submission_keeps_contact_details():
    data = {**FORM, "name": "Ali Kaya", "email": "ali@example.org", "language": "en"}
    reference, _code = _receipt(_client().post(BASE, data).content.decode())
    with scopes_disabled():
        complaint = Complaint.objects.get(reference=reference)
    assert (complaint.name, complaint.email, complaint.language) == (
        "Ali Kaya",
        "ali@example.org",
        "en",
    )
    assert not complaint.is_anonymous


def test_confirmation_shows_reference_and_code_which_open_the_status_page():
    client = _client()
    response = client.post(BASE, FORM)
    assert "no-store" in response.headers["Cache-Control"]
    reference, code = _receipt(response.content.decode())
    opened = client.post(STATUS, {"reference": reference, "code": code.lower()})
    body = opened.content.decode()
    assert opened.status_code == 200
    assert "no-store" in opened.headers["Cache-Control"]
    assert "We have received your complaint." in body
    assert FORM["subject"] in body
    assert "Our next report by" in body


def test_wrong_code_and_unknown_reference_get_the_same_message(district_a):
    complaint, code = _complaint(district_a)
    client = _client()
    wrong = client.post(STATUS, {"reference": complaint.reference, "code": "AAAA-BBBB"})
    unknown = client.post(STATUS, {"reference": "10-1999-0001", "code": code})
    assert wrong.status_code == unknown.status_code == 200
    assert _alert(wrong.content.decode()) == _alert(unknown.content.decode())
    assert "Betreff" not in wrong.content.decode()


def test_another_districts_reference_does_not_open(district_a):
    complaint, code = _complaint(district_a, subject="Nur in Marzahn-Hellersdorf")
    other = "/en/bezirke/spandau/beschwerde/status/"
    response = _client().post(other, {"reference": complaint.reference, "code": code})
    body = response.content.decode()
    assert "Nur in Marzahn-Hellersdorf" not in body
    assert "The reference or the receipt code is not correct." in _alert(body)


def test_wrong_codes_are_rate_limited_per_client_and_per_reference(district_a):
    complaint, code = _complaint(district_a)
    guesser = _client()
    for _ in range(CLIENT_TRIES.limit - 1):
        response = guesser.post(STATUS, {"reference": complaint.reference, "code": "WRONG"})
        assert response.status_code == 200
    response = guesser.post(STATUS, {"reference": complaint.reference, "code": "WRONG"})
    assert response.status_code == 429
    assert "please wait about" in _alert(response.content.decode())
    # Now not even the right code opens, from this client or another one.
    for client in (guesser, _client("198.51.100.9")):
        response = client.post(STATUS, {"reference": complaint.reference, "code": code})
        assert response.status_code == 429
        assert "The reference or the receipt code is not correct." in response.content.decode()
    assert "Betreff" not in response.content.decode()


def test_submissions_are_rate_limited_per_client():
    client = _client()
    for _ in range(SUBMISSIONS.limit):
        assert "receipt-code" in client.post(BASE, FORM).content.decode()
    response = client.post(BASE, FORM)
    assert response.status_code == 429
    assert "please wait about" in response.content.decode()
    assert FORM["description"] in response.content.decode()  # nothing typed is lost
    assert _client("198.51.100.9").post(BASE, FORM).status_code == 200
    with scopes_disabled():
        assert Complaint.objects.count() == SUBMISSIONS.limit + 1


def test_filled_honeypot_stores_nothing_and_gets_a_generic_refusal():
    response = _client().post(BASE, {**FORM, "website": "http://spam.example"})
    body = response.content.decode()
    assert "could not be sent" in _alert(body)
    assert "receipt-code" not in body
    assert "spam.example" not in body
    with scopes_disabled():
        assert not Complaint.objects.exists()


def test_status_page_escapes_the_complainants_and_the_offices_text(district_a, staff_a):
    client = _client()
    data = {**FORM, "subject": "Betreff <script>alert(1)</script>"}
    reference, code = _receipt(client.post(BASE, data).content.decode())
    with scope(district=district_a):
        complaint = Complaint.objects.get(reference=reference)
        message_to_complainant(
            complaint=complaint, actor=staff_a, text="Antwort <script>alert(2)</script>"
        )
    reply = {"reference": reference, "code": code, "text": "Danke <script>alert(3)</script>"}
    body = client.post(STATUS, reply).content.decode()
    assert "<script>alert" not in body
    for number in (1, 2, 3):
        assert f"&lt;script&gt;alert({number})&lt;/script&gt;" in body


def test_reply_is_stored_as_public_message_and_the_code_stays_out_of_urls(district_a):
    complaint, code = _complaint(district_a)
    reply = {"reference": complaint.reference, "code": code, "text": "  Noch eine Frage.  "}
    response = _client().post(STATUS, reply)
    body = response.content.decode()
    assert "Your message has been sent" in body
    assert f'<input type="hidden" name="code" value="{code}">' in body
    assert "?code=" not in body
    with scope(district=district_a):
        event = ComplaintEvent.objects.get(complaint=complaint, kind="message_in")
    assert (event.text, event.public, event.actor) == ("Noch eine Frage.", True, None)


def test_reply_with_a_wrong_code_stores_nothing(district_a):
    complaint, _code = _complaint(district_a)
    reply = {"reference": complaint.reference, "code": "WRONG", "text": "Eingeschleust"}
    _client().post(STATUS, reply)
    with scope(district=district_a):
        assert not ComplaintEvent.objects.filter(kind="message_in").exists()


def test_internal_events_do_not_show(district_a, staff_a):
    complaint, code = _complaint(district_a)
    with scope(district=district_a):
        note_add(complaint=complaint, actor=staff_a, text="INTERNAL-NOTE")
    body = _client().post(STATUS, {"reference": complaint.reference, "code": code})
    assert "INTERNAL-NOTE" not in body.content.decode()


def test_english_and_german_pages_work(district_a):
    body = _client().get(BASE).content.decode()
    assert '<html lang="en"' in body and "Make a complaint" in body
    german = _client().get(BASE.removeprefix("/en")).content.decode()
    assert '<html lang="de"' in german
    with translation.override("de"):
        assert escape(gettext("Make a complaint")) in german
        assert gettext("Make a complaint") != "Make a complaint"  # the page is translated
    complaint, code = _complaint(district_a)
    opened = _client().post(
        STATUS.removeprefix("/en"), {"reference": complaint.reference, "code": code}
    )
    assert '<html lang="de"' in opened.content.decode()


def test_status_page_queries_do_not_grow_with_messages(district_a, staff_a):
    complaint, code = _complaint(district_a)
    data = {"reference": complaint.reference, "code": code}

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert _client().post(STATUS, data).status_code == 200
        return len(queries)

    few = count()
    with scope(district=district_a):
        for number in range(5):
            message_to_complainant(complaint=complaint, actor=staff_a, text=f"Nachricht {number}")
    assert count() == few


# ----------------------------------------------------------------------------- sent twice


def _token(client: Client) -> str:
    page = client.get(BASE).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', page)
    assert token, "the form carries a one-time token"
    return token.group(1)


def test_the_same_form_sent_twice_records_one_complaint(client_for):
    client = _client()
    token = _token(client)
    first = client.post(BASE, {**FORM, "token": token})
    reference, code = _receipt(first.content.decode())
    again = client.post(BASE, {**FORM, "token": token})  # a reload of the confirmation
    page = again.content.decode()
    assert again.status_code == 200
    assert reference in page and code not in page
    assert "had already arrived" in page
    with scopes_disabled():
        assert Complaint.objects.filter(subject=FORM["subject"]).count() == 1
        stored = Complaint.objects.get(reference=reference).submission
    assert stored and token not in stored  # only a keyed hash of the token is kept


def test_two_forms_record_two_complaints(client_for):
    client = _client()
    for _ in range(2):
        response = client.post(BASE, {**FORM, "token": _token(client)})
        _receipt(response.content.decode())
    with scopes_disabled():
        assert Complaint.objects.filter(subject=FORM["subject"]).count() == 2


def test_two_sendings_at_the_same_moment_record_one(monkeypatch):
    """The second of two simultaneous sendings meets the first in the database."""
    from teilhabe.portal import complaints as views

    client = _client()
    token = _token(client)
    client.post(BASE, {**FORM, "token": token})
    real = views._submitted
    calls = []

    def not_yet(request, submission):  # the first look comes before the other commits
        calls.append(submission)
        return None if len(calls) == 1 else real(request, submission)

    monkeypatch.setattr(views, "_submitted", not_yet)
    response = client.post(BASE, {**FORM, "token": token})
    assert response.status_code == 200 and "had already arrived" in response.content.decode()
    with scopes_disabled():
        assert Complaint.objects.filter(subject=FORM["subject"]).count() == 1
