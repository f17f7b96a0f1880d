"""The letters of the Ombudsstelle, built as real DOCX and PDF files and read back with
python-docx and pypdf: the statement request keeps the complainant out, the referral
carries only the agreed data, the assessment speaks the complainant's language (German
where no template exists) and shows whether it is a draft; the download view checks
permission, tenancy and the letter's record, and is audited."""

from __future__ import annotations

import datetime
import io
import unicodedata

import docx
import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope
from docx.oxml.ns import qn

from teilhabe.complaints import letters, services
from teilhabe.complaints.models import Complaint, Referral
from teilhabe.core.documents.tests.office import libreoffice_pdf, needs_libreoffice
from teilhabe.core.models import AuditEntry
from teilhabe.directory.models import Organisation
from teilhabe.districts.models import Office

from . import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 20)
NAME = "Şükrü Öztürk"
EMAIL = "sukru@example.org"
PHONE = "030 9876543"
ADDRESS = "Hellersdorfer Straße 7\n12627 Berlin"
SUBJECT = "Am Schalter abgewiesen"
DESCRIPTION = "Man hat mich wegen meines Kopftuchs am Schalter weggeschickt."
TEXT_SENT = "Eine Person berichtet, am 30.10. am Schalter abgewiesen worden zu sein."
ASSESSMENT = "Wir halten Ihre Beschwerde für begründet und haben das Amt darauf hingewiesen."


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)


@pytest.fixture
def office_a(district_a):
    with scope(district=district_a):
        Office.objects.filter(district=district_a).update(
            street="Riesaer Straße 94", postal_code="12627", phone="030 90293-0"
        )
        return Office.objects.get(district=district_a)


@pytest.fixture
def body_a(district_a) -> Organisation:
    with scope(district=district_a):
        return Organisation.objects.create(
            district=district_a,
            name="Bürgeramt Hellersdorf",
            kind="district_dept",
            street="Alice-Salomon-Platz 3",
            postal_code="12627",
        )


def new_case(district, **data) -> Complaint:
    values = {
        "channel": "email",
        "received_on": datetime.date(2026, 11, 2),
        "subject": SUBJECT,
        "description": DESCRIPTION,
        "name": NAME,
        "email": EMAIL,
        "phone": PHONE,
        "address": ADDRESS,
        **data,
    }
    with scope(district=district):
        complaint, _code = services.complaint_create(
            district=district, actor=None, data=values, grounds=["religion"]
        )
    return complaint


@pytest.fixture
def case(district_a, office_a) -> Complaint:
    return new_case(district_a)


def statement(case, body, actor):
    with scope(district=case.district):
        return services.statement_request(
            complaint=case,
            actor=actor,
            organisation=body,
            text=TEXT_SENT,
            deadline=datetime.date(2026, 12, 4),
        )


def consent(case, actor, shared):
    with scope(district=case.district):
        recorded = Referral.objects.filter(complaint=case).first()
        return services.referral_consent(
            complaint=case,
            actor=actor,
            consent_on=datetime.date(2026, 11, 10),
            how="phone",
            shared=shared,
            expected_version=recorded.version if recorded else None,
        )


def draft(case, actor, *, language="de", organisation=None, text=ASSESSMENT):
    with scope(district=case.district):
        return services.assessment_draft(
            complaint=case,
            actor=actor,
            recipient="body" if organisation else "complainant",
            organisation=organisation,
            text=text,
            language=language,
        )


def approve(assessment, commissioner):
    with scope(district=assessment.district):
        return services.assessment_approve(
            assessment=assessment, actor=commissioner, expected_version=assessment.version
        )


def build(builder, record) -> letters.Letter:
    with scope(district=record.district):
        return builder(record)


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def docx_of(letter: letters.Letter) -> docx.document.Document:
    return docx.Document(io.BytesIO(letters.render(letter, "docx")))


def docx_text(letter: letters.Letter) -> str:
    document = docx_of(letter)
    footer = document.sections[0].footer.paragraphs[0].text
    return flat(" ".join([*(p.text for p in document.paragraphs), footer]))


def pdf_text(letter: letters.Letter) -> str:
    reader = pypdf.PdfReader(io.BytesIO(letters.render(letter, "pdf")))
    return flat(" ".join(page.extract_text() for page in reader.pages))


def texts(letter: letters.Letter) -> list[str]:
    """The letter's text as Word and as PDF show it."""
    return [docx_text(letter), pdf_text(letter)]


def has_arabic(text: str, phrase: str) -> bool:
    # fpdf2 writes right-to-left runs in visual order, which pypdf reads left to right.
    return phrase in text or " ".join(reversed(phrase.split())) in text


# ----------------------------------------------------------------------------- templates


def test_every_template_has_every_text_of_the_german_one():
    german = letters.FRAMES["de"]
    for language, frame in letters.FRAMES.items():
        assert frame.keys() == german.keys(), language
        assert len(frame["months"]) == 12
        for key in ("how", "ground_names", "contact_labels"):
            assert frame[key].keys() == german[key].keys(), (language, key)


@pytest.mark.parametrize(
    ("requested", "language"), [("de", "de"), ("en-GB", "en"), ("TR", "tr"), ("ar", "ar")]
)
def test_template_language_takes_the_base_language(requested, language):
    assert letters.template_language(requested) == language


# ----------------------------------------------------------------------------- statement


def test_the_statement_letter_carries_text_and_deadline_but_not_the_complainant(
    case, body_a, staff_a, district_a
):
    letter = build(letters.statement_letter, statement(case, body_a, staff_a))
    assert (letter.language, letter.fallback) == ("de", False)
    for text in texts(letter):
        assert TEXT_SENT in text
        assert "Frist für Ihre Stellungnahme: 04.12.2026" in text
        assert f"Unser Zeichen: {case.reference}" in text
        assert "Bürgeramt Hellersdorf Alice-Salomon-Platz 3 12627 Berlin" in text
        assert "Integrationsbüro des Bezirksamtes Marzahn-Hellersdorf" in text
        assert "Riesaer Straße 94 12627 Berlin" in text
        assert "Sehr geehrte Damen und Herren," in text
        for private in (NAME, "Öztürk", EMAIL, PHONE, "Hellersdorfer Straße", DESCRIPTION):
            assert private not in text


# ----------------------------------------------------------------------------- referral


def test_the_referral_letter_with_the_description_leaves_out_name_and_contact(case, staff_a):
    referral = consent(case, staff_a, ["description"])
    letter = build(letters.referral_letter, referral)
    for text in texts(letter):
        assert "Landesstelle für Gleichbehandlung – gegen Diskriminierung (LADS)" in text
        assert case.reference in text
        assert "erteilt am 10.11.2026, telefonisch" in text
        assert "Religion oder Weltanschauung" in text
        assert SUBJECT in text and DESCRIPTION in text
        assert "nicht zugestimmt" in text
        for private in (NAME, "Öztürk", EMAIL, PHONE, "Hellersdorfer Straße"):
            assert private not in text


def test_the_referral_letter_with_name_and_contact_leaves_out_the_description(case, staff_a):
    letter = build(letters.referral_letter, consent(case, staff_a, ["name", "contact"]))
    for text in texts(letter):
        assert NAME in text and EMAIL in text and PHONE in text
        assert "Hellersdorfer Straße 7 12627 Berlin" in text
        assert "Religion oder Weltanschauung" in text
        assert SUBJECT not in text and DESCRIPTION not in text and "Kopftuch" not in text


def test_the_referral_letter_passes_on_received_statements_only_when_agreed(case, body_a, staff_a):
    request = statement(case, body_a, staff_a)
    with scope(district=case.district):
        services.statement_receive(
            request=request,
            actor=staff_a,
            statement="Wir prüfen den Vorgang intern.",
            received_on=TODAY,
            expected_version=request.version,
        )
    without = build(letters.referral_letter, consent(case, staff_a, ["description"]))
    with_statements = build(letters.referral_letter, consent(case, staff_a, ["statements"]))
    assert "Wir prüfen den Vorgang intern." not in docx_text(without)
    text = docx_text(with_statements)
    assert "Stellungnahme: Bürgeramt Hellersdorf" in text
    assert "Wir prüfen den Vorgang intern." in text and DESCRIPTION not in text


# ----------------------------------------------------------------------------- assessment

GREETINGS = {
    "de": (f"Guten Tag {NAME},", "Mit freundlichen Grüßen", "ENTWURF"),
    "en": (f"Dear {NAME},", "Kind regards", "DRAFT"),
    "tr": (f"Sayın {NAME},", "Saygılarımızla", "TASLAK"),
}


@pytest.mark.parametrize("language", ["de", "en", "tr"])
def test_the_assessment_to_the_complainant_speaks_their_language(
    case, staff_a, commissioner_a, language
):
    salutation, closing, draft_mark = GREETINGS[language]
    assessment = approve(draft(case, staff_a, language=language), commissioner_a)
    letter = build(letters.assessment_letter, assessment)
    assert (letter.language, letter.fallback) == (language, False)
    document = docx_of(letter)
    assert document.core_properties.language.startswith(language)
    for text in texts(letter):
        assert salutation in text and closing in text and ASSESSMENT in text
        assert f"{NAME} Hellersdorfer Straße 7 12627 Berlin" in text
        assert case.reference in text
        assert draft_mark not in text


def test_the_arabic_assessment_runs_right_to_left_in_both_formats(case, staff_a, commissioner_a):
    arabic = "نرى أن شكواكم مبررة، وقد أبلغنا المكتب المعني بذلك."
    assessment = draft(case, staff_a, language="ar", text=arabic)
    letter = build(letters.assessment_letter, approve(assessment, commissioner_a))
    assert (letter.language, letter.fallback) == ("ar", False)
    document = docx_of(letter)
    assert document.core_properties.language == "ar"
    paragraphs = {p.text: p for p in document.paragraphs}
    for text in (arabic, "مع خالص التحية والتقدير", f"حضرة {NAME} المحترم/ة،\nتحية طيبة وبعد،"):
        assert paragraphs[text]._p.pPr.find(qn("w:bidi")) is not None
        assert all(run.font.rtl for run in paragraphs[text].runs)
    letterhead = next(p for p in document.paragraphs if p.text.startswith("Bezirksamt"))
    assert letterhead._p.pPr.find(qn("w:bidi")) is None
    # The date starts at the right as every right-to-left paragraph ("right" would be
    # its end in Word); the reference keeps its reading order behind a left-to-right mark.
    assert paragraphs["برلين، 20/11/2026"].alignment is None
    assert f"رقم الملف: {letters.LRM}{case.reference}" in paragraphs
    text = pdf_text(letter)
    assert has_arabic(text, "مع خالص التحية والتقدير")
    assert has_arabic(text, "تحية طيبة وبعد،")
    assert NAME in text and case.reference in text
    assert "-".join(reversed(case.reference.split("-"))) not in text


def test_the_assessment_to_a_body_is_german_and_names_only_the_body(
    case, body_a, staff_a, commissioner_a
):
    statement(case, body_a, staff_a)  # makes the Bürgeramt a body concerned
    assessment = draft(case, staff_a, language="en", organisation=body_a, text="Redigiert.")
    letter = build(letters.assessment_letter, approve(assessment, commissioner_a))
    assert (letter.language, letter.fallback) == ("de", False)
    for text in texts(letter):
        assert "Bürgeramt Hellersdorf Alice-Salomon-Platz 3 12627 Berlin" in text
        assert "Sehr geehrte Damen und Herren," in text
        assert "Einschätzung der Ombudsstelle zu einer Beschwerde" in text
        assert "Redigiert." in text
        for private in (NAME, EMAIL, "Hellersdorfer Straße"):
            assert private not in text


def test_a_draft_is_marked_until_approved_and_then_names_who_approved(
    case, staff_a, commissioner_a
):
    assessment = draft(case, staff_a)
    unapproved = build(letters.assessment_letter, assessment)
    assert docx_of(unapproved).core_properties.title.startswith("ENTWURF")
    for text in texts(unapproved):
        assert "ENTWURF" in text and "noch nicht freigegeben" in text
        assert "Freigegeben von" not in text
    approved = approve(assessment, commissioner_a)
    day = timezone.localtime(approved.approved_at).date()
    letter = build(letters.assessment_letter, approved)
    for text in texts(letter):
        assert "ENTWURF" not in text and "noch nicht freigegeben" not in text
        assert f"Freigegeben von {commissioner_a.full_name} am {day:%d.%m.%Y}." in text


@pytest.mark.parametrize("language", ["fr", "vi", "pt-BR"])
def test_a_language_without_template_falls_back_to_german_and_says_so(
    case, staff_a, commissioner_a, language
):
    letter = build(letters.assessment_letter, draft(case, staff_a, language=language))
    assert (letter.language, letter.requested_language, letter.fallback) == ("de", language, True)
    assert f"Guten Tag {NAME}," in docx_text(letter)


def test_an_anonymous_complainant_is_greeted_neutrally_with_the_reference(
    district_a, office_a, staff_a
):
    anonymous = new_case(district_a, is_anonymous=True)
    letter = build(letters.assessment_letter, draft(anonymous, staff_a, language="en"))
    for text in texts(letter):
        assert "Dear Sir or Madam," in text and "DRAFT" in text
        assert f"your complaint with the reference {anonymous.reference}" in text
        assert NAME not in text and EMAIL not in text


def test_names_with_diacritics_survive_in_the_pdf(district_a, office_a, staff_a):
    case = new_case(district_a, name="Şükrü Öztürk-Çağlayan", address="Ğüşiöç-Weg 1")
    text = pdf_text(build(letters.assessment_letter, draft(case, staff_a, language="tr")))
    assert "Sayın Şükrü Öztürk-Çağlayan," in text and "Ğüşiöç-Weg 1" in text


# ----------------------------------------------------------------------------- view


def url(district, complaint, kind: str, record: int, fmt: str) -> str:
    kwargs = {"district": district.slug, "complaint": complaint.pk}
    return reverse(
        "complaints:letter", kwargs={**kwargs, "kind": kind, "record": record, "fmt": fmt}
    )


@pytest.fixture
def records(case, body_a, staff_a, commissioner_a):
    """{kind: record} of one case with all three letters."""
    return {
        "stellungnahme": statement(case, body_a, staff_a),
        "verweisung": consent(case, staff_a, ["description"]),
        "einschaetzung": approve(draft(case, staff_a), commissioner_a),
    }


@pytest.mark.parametrize("kind", ["stellungnahme", "verweisung", "einschaetzung"])
@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [
        (
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            b"PK",
        ),
        ("pdf", "application/pdf", b"%PDF"),
    ],
)
def test_a_letter_downloads_as_attachment_and_is_audited(
    client_for, staff_a, district_a, case, records, kind, fmt, content_type, magic
):
    record = records[kind]
    response = client_for(staff_a).get(url(district_a, case, kind, record.pk, fmt))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.startswith(magic)
    body = getattr(record, "organisation", None)
    # "Bürgeramt Hellersdorf" → "Buergeramt-Hellersdorf": ASCII for every mail program.
    to = f"-{body.name.replace('ü', 'ue').replace(' ', '-')}" if body else ""
    name = f"{letters.KINDS[kind].file_name}-{case.reference}{to}.{fmt}"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    with scope(district=district_a):
        entry = AuditEntry.objects.get(action=f"{record._meta.label_lower}.exported")
    assert entry.actor == staff_a and entry.object_id == str(record.pk)
    assert entry.changes == {"format": [None, fmt], "language": [None, "de"]}
    logged = f"{entry.object_repr} {entry.changes}"
    for private in (NAME, EMAIL, PHONE, SUBJECT, DESCRIPTION):
        assert private not in logged


def test_the_file_name_follows_the_reference(case):
    assert letters.filename("einschaetzung", case, "pdf") == f"Einschaetzung-{case.reference}.pdf"
    to_body = letters.filename("stellungnahme", case, "docx", recipient="Bürgeramt Hellersdorf")
    assert to_body == f"Stellungnahme-{case.reference}-Buergeramt-Hellersdorf.docx"
    with pytest.raises(ValueError, match="unknown letter"):
        letters.filename("brief", case, "pdf")


def test_unknown_kinds_formats_and_foreign_items_are_not_found(
    client_for, staff_a, district_a, case, records
):
    other = new_case(district_a, name="Andere Person")
    assessment = records["einschaetzung"].pk
    client = client_for(staff_a)
    for path in (
        url(district_a, case, "brief", assessment, "pdf"),
        url(district_a, case, "einschaetzung", assessment, "odt"),
        url(district_a, other, "einschaetzung", assessment, "pdf"),
        url(district_a, other, "verweisung", records["verweisung"].pk, "pdf"),
        url(district_a, case, "stellungnahme", records["einschaetzung"].pk + 1000, "docx"),
        url(district_a, case, "verweisung", records["stellungnahme"].pk + 1000, "pdf"),
    ):
        assert client.get(path).status_code == 404, path
    with scope(district=district_a):
        assert not AuditEntry.objects.filter(action__endswith=".exported").exists()


def test_no_referral_letter_exists_before_consent(client_for, staff_a, district_a, case):
    other = new_case(district_a, name="Andere Person")
    referral = consent(other, staff_a, ["description"])
    response = client_for(staff_a).get(url(district_a, case, "verweisung", referral.pk, "pdf"))
    assert response.status_code == 404


def test_an_anonymised_case_has_no_letters(client_for, staff_a, district_a, case, records):
    with scope(district=district_a):
        services.anonymise(complaint=Complaint.objects.get(pk=case.pk))
    client = client_for(staff_a)
    for kind, record in records.items():
        assert client.get(url(district_a, case, kind, record.pk, "pdf")).status_code == 404


def test_the_assistant_may_not_and_other_districts_do_not_find_letters(
    client_for, members, district_a, district_b, case, records
):
    path = url(district_a, case, "einschaetzung", records["einschaetzung"].pk, "pdf")
    assert client_for(members[("a", "assistant")]).get(path).status_code == 403
    outsider = client_for(members[("b", "commissioner")])
    assert outsider.get(path).status_code == 404
    own_slug = url(district_b, case, "einschaetzung", records["einschaetzung"].pk, "pdf")
    assert outsider.get(own_slug).status_code == 404


def test_the_factory_complaint_gets_a_letter_too(client_for, staff_a, district_a, office_a):
    complaint = factories.complaint(district_a)
    assessment = draft(complaint, staff_a, language="tr")
    response = client_for(staff_a).get(
        url(district_a, complaint, "einschaetzung", assessment.pk, "docx")
    )
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    assert "Sayın Ayşe Yılmaz," in [p.text for p in document.paragraphs]


@needs_libreoffice
def test_a_word_processor_opens_the_letters(case, body_a, staff_a, commissioner_a, tmp_path):
    """The DOCX letters open in LibreOffice, the Arabic one included, with their text."""
    arabic = draft(case, staff_a, language="ar")
    approve(arabic, commissioner_a)
    request = statement(case, body_a, staff_a)
    for name, builder, record, phrase in (
        ("einschaetzung.docx", letters.assessment_letter, arabic, case.reference),
        ("stellungnahme.docx", letters.statement_letter, request, "Stellungnahme"),
    ):
        source = tmp_path / name
        source.write_bytes(letters.render(build(builder, record), "docx"))
        converted = libreoffice_pdf(source, tmp_path)
        text = " ".join(page.extract_text() for page in converted.pages)
        assert len(converted.pages) >= 1
        assert phrase in text.replace("\u200e", "")
