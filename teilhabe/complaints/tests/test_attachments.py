"""Attachments of complaints: the type by content, the size limit before storing, the
download that never runs as a page, deletion and anonymisation that take the files."""

from __future__ import annotations

import datetime
import hashlib
import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from functools import partial

import docx
import openpyxl
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from django_scopes import scope, scopes_disabled
from fpdf import FPDF
from PIL import Image

from teilhabe.complaints import attachments, services
from teilhabe.complaints.models import Attachment, Complaint, private_storage
from teilhabe.core.models import AuditEntry

from . import factories

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


# ----------------------------------------------------------------------------- sample files


def pdf_bytes() -> bytes:
    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=12)
    document.cell(text="Bescheid vom 3. März")
    return bytes(document.output())


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)  # 2×2 pixels, 8-bit RGB
    pixels = zlib.compress(b"\x00" + b"\xff\x00\x00" * 2 + b"\x00" + b"\x00\x00\xff" * 2)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def image_bytes(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, kind)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("Widerspruch gegen den Bescheid")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Datum", "Vorgang"])  # type: ignore[union-attr]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            compression = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=compression)
    return buffer.getvalue()


def content_types(main: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/main.xml" ContentType="{main}"/></Types>'
    ).encode()


def pptx_bytes() -> bytes:
    main = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
    return zip_bytes({"[Content_Types].xml": content_types(main), "ppt/presentation.xml": b"<p/>"})


def odf_bytes(mimetype: str, extra: dict[str, bytes] | None = None) -> bytes:
    return zip_bytes({"mimetype": mimetype.encode(), "content.xml": b"<office/>", **(extra or {})})


def compound_bytes(streams: list[str]) -> bytes:
    """An OLE2 compound file (512-byte sectors) whose directory names `streams`; the
    directory spans as many sectors as it needs, chained through the FAT."""
    entries = [("Root Entry", 5)] + [(name, 2) for name in streams]
    directory = b""
    for name, kind in entries:
        encoded = (name + "\x00").encode("utf-16-le")
        directory += encoded.ljust(64, b"\x00") + struct.pack("<HBB", len(encoded), kind, 1)
        directory += b"\xff" * 12 + b"\x00" * 48  # siblings, child, the rest
    directory = directory.ljust(-(-len(directory) // 512) * 512, b"\x00")
    sectors = len(directory) // 512
    # Sector 0 holds the FAT; the directory runs from sector 1 to sector `sectors`.
    fat = [0xFFFFFFFD] + [n + 1 for n in range(1, sectors)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (128 - len(fat))
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    header += struct.pack("<109I", 0, *[0xFFFFFFFF] * 108)
    return header + struct.pack("<128I", *fat) + directory


ACCEPTED = {
    "pdf": (pdf_bytes, "application/pdf"),
    "png": (png_bytes, "image/png"),
    "jpeg": (lambda: image_bytes("JPEG"), "image/jpeg"),
    "gif": (lambda: image_bytes("GIF"), "image/gif"),
    "webp": (lambda: image_bytes("WEBP"), "image/webp"),
    "tiff": (lambda: image_bytes("TIFF"), "image/tiff"),
    "docx": (docx_bytes, attachments.DOCX),
    "xlsx": (xlsx_bytes, attachments.XLSX),
    "pptx": (pptx_bytes, attachments.PPTX),
    "odt": (lambda: odf_bytes(attachments.ODT), attachments.ODT),
    "ods": (lambda: odf_bytes(attachments.ODS), attachments.ODS),
    "doc": (
        lambda: compound_bytes(["1Table", "WordDocument", "\x05SummaryInformation"]),
        "application/msword",
    ),
    "xls": (
        lambda: compound_bytes(["Workbook", "\x05SummaryInformation"]),
        "application/vnd.ms-excel",
    ),
    "text": (lambda: "Gesprächsnotiz: Frau Öztürk rief an.\r\n".encode(), "text/plain"),
}

REFUSED = {
    "windows program": (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56 + b"PE\x00\x00", "executable"),
    "elf program": (b"\x7fELF\x02\x01\x01" + b"\x00" * 60, "executable"),
    "mach-o program": (b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + b"\x00" * 24, "executable"),
    "shell script": (b"#!/bin/sh\nrm -rf ~\n", "executable"),
    "html": (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "type"),
    "html after text": (b"Hallo\n<script>alert(1)</script>", "type"),
    "svg": (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "type"),
    "xml": (b'<?xml version="1.0"?><note>Hallo</note>', "type"),
    "zip archive": (zip_bytes({"programm.exe": b"MZ" + b"\x00" * 30}), "type"),
    "damaged zip": (b"PK\x03\x04" + b"\x00" * 40, "type"),
    "word with macros": (
        zip_bytes(
            {
                "[Content_Types].xml": content_types(
                    "application/vnd.ms-word.document.macroEnabled.main+xml"
                )
            }
        ),
        "type",
    ),
    "docx carrying vba": (
        zip_bytes(
            {
                "[Content_Types].xml": content_types(
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
                ),
                "word/vbaProject.bin": b"\x00",
            }
        ),
        "macros",
    ),
    "odt with basic": (
        odf_bytes(attachments.ODT, {"Basic/Standard/Module1.xml": b"<script/>"}),
        "macros",
    ),
    "old word with macros": (compound_bytes(["WordDocument", "Macros"]), "macros"),
    "other compound file": (compound_bytes(["\x05SummaryInformation", "Installer"]), "type"),
    "text with nul": (b"abc\x00def", "type"),
    "latin-1 text": ("Grüße".encode("latin-1"), "type"),
    "empty": (b"", "empty"),
}


@pytest.mark.parametrize("kind", sorted(ACCEPTED))
def test_sniff_recognises_each_accepted_type_by_content(kind):
    build, content_type = ACCEPTED[kind]
    assert attachments.sniff(io.BytesIO(build())) == content_type


@pytest.mark.parametrize("kind", sorted(REFUSED))
def test_sniff_refuses_programs_markup_archives_and_macros(kind):
    data, code = REFUSED[kind]
    with pytest.raises(ValidationError) as refused:
        attachments.sniff(io.BytesIO(data))
    assert refused.value.code == code


def test_the_legacy_directory_is_read_across_sectors():
    streams = ["\x05SummaryInformation", "\x05DocumentSummaryInformation", "1Table", "Data"]
    data = compound_bytes([*streams, "CompObj", "WordDocument"])
    assert len(data) > 512 * 3  # header, FAT and two directory sectors
    assert attachments.sniff(io.BytesIO(data)) == "application/msword"


@pytest.mark.parametrize(
    ("given", "content_type", "expected"),
    [
        ("Bescheid Öztürk.pdf", "application/pdf", "Bescheid Öztürk.pdf"),
        (
            "C:\\Users\\ayse\\Bescheid O\u0308ztu\u0308rk.pdf",
            "application/pdf",
            "Bescheid Öztürk.pdf",
        ),
        ("../../etc/passwd", "text/plain", "passwd.txt"),
        ("rechnung\u202efdp.exe", "application/pdf", "rechnungfdp.exe.pdf"),
        ("a\x00b\nc\t.pdf", "application/pdf", "ab c .pdf"),
        ('Foto "Tür"?.JPG', "image/jpeg", "Foto Tür.JPG"),
        ("start.bat", "text/plain", "start.bat.txt"),
        ("...", "image/png", "document.png"),
    ],
)
def test_names_lose_paths_and_control_characters_and_end_in_the_right_extension(
    given, content_type, expected
):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(attachments, "_", lambda text: text)
        assert attachments.clean_name(given, content_type) == expected


def test_long_names_are_cut_before_the_extension():
    name = attachments.clean_name("ä" * 300 + ".docx", attachments.DOCX)
    assert len(name) == 200 and name.endswith("ä.docx")


# ----------------------------------------------------------------------------- helpers


def url(district, name: str, **kwargs) -> str:
    return reverse(f"complaints:{name}", kwargs={"district": district.slug, **kwargs})


def stored_files(district) -> set[str]:
    try:
        return set(private_storage().listdir(f"complaints/{district.pk}")[1])
    except FileNotFoundError:
        return set()


def rows(district) -> list[Attachment]:
    with scope(district=district):
        return list(Attachment.objects.all())


def audit(action: str):
    return AuditEntry.objects.with_scopes_disabled().filter(action=action)


def upload(name: str, data: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def attach(complaint: Complaint, actor, name="Bescheid Öztürk.pdf", data=None) -> Attachment:
    with scope(district=complaint.district):
        return attachments.attachment_add(
            complaint=complaint, actor=actor, upload=upload(name, data or pdf_bytes())
        )


def rolled_back(work: Callable[[], object]) -> None:
    """Run `work` in a transaction that then fails, as when later work of a job breaks."""
    with transaction.atomic():
        work()
        raise RuntimeError("the surrounding work failed")


@pytest.fixture
def assistant_a(members):
    return members[("a", "assistant")]


@pytest.fixture
def complaint(district_a):
    return factories.complaint(district_a)


# ----------------------------------------------------------------------------- upload


def test_staff_attach_a_document_typed_by_content_in_private_storage(
    client_for, staff_a, district_a, complaint
):
    data = pdf_bytes()
    before = audit("complaints.attachment.created").count()
    response = client_for(staff_a).post(
        url(district_a, "attachment_add", complaint=complaint.pk),
        {
            "attachment-upload": upload("Bescheid Öztürk.pdf", data, "text/html"),
            "attachment-description": "Bescheid des Jobcenters",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/beschwerden/{complaint.pk}/#attachments")
    [attachment] = rows(district_a)
    assert attachment.content_type == "application/pdf"  # not what the browser claimed
    assert attachment.name == "Bescheid Öztürk.pdf"
    assert attachment.description == "Bescheid des Jobcenters"
    assert attachment.size == len(data) and attachment.uploaded_by == staff_a
    assert attachment.sha256 == hashlib.sha256(data).hexdigest()
    assert attachment.file.name.startswith(f"complaints/{district_a.pk}/")
    assert "Öztürk" not in attachment.file.name  # the path is random
    with private_storage().open(attachment.file.name) as stored:
        assert stored.read() == data
    assert audit("complaints.attachment.created").count() == before + 1
    entry = audit("complaints.attachment.created").latest("pk")
    assert "Öztürk" not in str(entry.changes) + entry.object_repr
    assert entry.changes["sha256"] == [None, attachment.sha256]


def test_the_case_page_lists_attachments_and_offers_the_upload_form(
    client_for, staff_a, district_a, complaint
):
    attachment = attach(complaint, staff_a)
    page = client_for(staff_a).get(url(district_a, "detail", complaint=complaint.pk))
    html = page.content.decode()
    download = url(district_a, "attachment", complaint=complaint.pk, attachment=attachment.pk)
    delete = url(district_a, "attachment_delete", complaint=complaint.pk, attachment=attachment.pk)
    assert f'href="{download}"' in html and f'href="{delete}"' in html
    assert "Bescheid Öztürk.pdf" in html
    assert 'enctype="multipart/form-data"' in html
    assert 'for="id_attachment-upload"' in html and 'accept=".pdf,' in html
    assert "20 MB" in html


def damaged_docx_bytes() -> bytes:
    """A Word file whose compressed package declaration is garbled on the way."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types>" + "word/document.xml " * 200 + "</Types>")
    data = bytearray(buffer.getvalue())
    start = 30 + len("[Content_Types].xml")  # the member's data after its local header
    data[start + 5 : start + 25] = b"\xff" * 20
    return bytes(data)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("Bescheid.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200),
        ("Foto.jpg", b"<svg onload=alert(1)></svg>"),
        ("Widerspruch.docx", damaged_docx_bytes()),
    ],
)
def test_a_disguised_file_is_refused_with_a_message_and_nothing_stored(
    client_for, staff_a, district_a, complaint, name, data
):
    files_before = stored_files(district_a)
    response = client_for(staff_a).post(
        url(district_a, "attachment_add", complaint=complaint.pk),
        {"attachment-upload": upload(name, data)},
    )
    assert response.status_code == 400
    [error] = response.context["attachment_form"].errors["upload"]
    assert escape(error) in response.content.decode()
    assert rows(district_a) == [] and stored_files(district_a) == files_before


def test_an_upload_over_the_limit_is_refused_before_it_is_read(
    client_for, staff_a, district_a, complaint
):
    files_before = stored_files(district_a)
    big = pdf_bytes() + b"\x00" * (25 * MB)
    response = client_for(staff_a).post(
        url(district_a, "attachment_add", complaint=complaint.pk),
        {"attachment-upload": upload("Scan.pdf", big)},
    )
    assert response.status_code == 413
    assert not response.wsgi_request._read_started  # type: ignore[attr-defined]
    form = response.context["form"]
    assert form.errors.as_data()["upload"][0].code == "too_large"
    assert escape(form.errors["upload"][0]) in response.content.decode()
    assert "20 MB" in form.errors["upload"][0]
    assert rows(district_a) == [] and stored_files(district_a) == files_before


def test_a_file_just_over_the_limit_is_dropped_while_it_is_read(
    client_for, staff_a, district_a, complaint
):
    """The declared length passes (the form's other fields take some room), so the upload
    handler has to stop the file itself."""
    limit = settings.COMPLAINTS_MAX_ATTACHMENT_BYTES
    data = pdf_bytes()
    response = client_for(staff_a).post(
        url(district_a, "attachment_add", complaint=complaint.pk),
        {
            "attachment-upload": upload("Scan.pdf", data + b"\x00" * (limit + 1 - len(data))),
            "attachment-description": "zu groß",
        },
    )
    assert response.status_code == 413
    assert response.wsgi_request._read_started  # type: ignore[attr-defined]
    form = response.context["attachment_form"]
    assert form.errors.as_data()["upload"][0].code == "too_large"
    assert form["description"].value() == "zu groß"  # the rest of the form is kept
    assert rows(district_a) == []


def test_a_file_of_exactly_the_limit_is_accepted(client_for, staff_a, district_a, complaint):
    limit = settings.COMPLAINTS_MAX_ATTACHMENT_BYTES
    data = pdf_bytes()
    response = client_for(staff_a).post(
        url(district_a, "attachment_add", complaint=complaint.pk),
        {"attachment-upload": upload("Scan.pdf", data + b"\x00" * (limit - len(data)))},
    )
    assert response.status_code == 302
    [attachment] = rows(district_a)
    assert attachment.size == limit


def test_a_declared_length_of_200_mb_is_refused_without_reading(
    client_for, staff_a, district_a, complaint
):
    response = client_for(staff_a).post(
        url(district_a, "attachment_add", complaint=complaint.pk),
        {"attachment-upload": upload("Scan.pdf", pdf_bytes())},
        CONTENT_LENGTH=str(200 * MB),
    )
    assert response.status_code == 413
    assert response.context["form"].errors.as_data()["upload"][0].code == "too_large"
    assert rows(district_a) == []
    # The answer shows nothing of the case, so it is not a read of it either.
    reads = AuditEntry.objects.with_scopes_disabled().filter(
        action="complaints.complaint.viewed", object_id=str(complaint.pk)
    )
    assert not reads.exists()
    assert complaint.subject not in response.content.decode()


def test_an_upload_without_a_file_asks_for_one(client_for, staff_a, district_a, complaint):
    response = client_for(staff_a).post(
        url(district_a, "attachment_add", complaint=complaint.pk), {"attachment-description": "x"}
    )
    assert response.status_code == 400
    assert response.context["attachment_form"].errors.as_data()["upload"][0].code == "required"


def test_the_upload_checks_the_csrf_token_itself(staff_a, district_a, complaint):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_a, backend="django.contrib.auth.backends.ModelBackend")
    target = url(district_a, "attachment_add", complaint=complaint.pk)
    refused = client.post(target, {"attachment-upload": upload("a.pdf", pdf_bytes())})
    assert refused.status_code == 403 and rows(district_a) == []
    client.get(url(district_a, "detail", complaint=complaint.pk))
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    accepted = client.post(
        target,
        {"attachment-upload": upload("a.pdf", pdf_bytes()), "csrfmiddlewaretoken": token},
    )
    assert accepted.status_code == 302 and len(rows(district_a)) == 1


def test_adding_is_post_only(client_for, staff_a, district_a, complaint):
    response = client_for(staff_a).get(url(district_a, "attachment_add", complaint=complaint.pk))
    assert response.status_code == 405


def test_an_anonymised_complaint_takes_no_documents(staff_a, complaint):
    with scopes_disabled():
        services.anonymise(complaint=complaint)
        complaint.refresh_from_db()
    with pytest.raises(ValidationError):
        attach(complaint, staff_a)


# ----------------------------------------------------------------------------- download


def test_download_sends_the_stored_name_and_type_never_as_a_page(
    client_for, staff_a, district_a, complaint
):
    data = pdf_bytes()
    attachment = attach(complaint, staff_a, data=data)
    before = audit("complaints.attachment.viewed").count()
    response = client_for(staff_a).get(
        url(district_a, "attachment", complaint=complaint.pk, attachment=attachment.pk)
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Bescheid%20%C3%96zt%C3%BCrk.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert "no-store" in response["Cache-Control"]
    assert audit("complaints.attachment.viewed").count() == before + 1
    entry = audit("complaints.attachment.viewed").latest("pk")
    assert entry.actor == staff_a and entry.changes["attachments"] == [None, attachment.pk]


def test_download_is_get_only(client_for, staff_a, district_a, complaint):
    attachment = attach(complaint, staff_a)
    target = url(district_a, "attachment", complaint=complaint.pk, attachment=attachment.pk)
    assert client_for(staff_a).post(target).status_code == 405
    assert len(rows(district_a)) == 1


def test_an_ascii_name_is_sent_plainly(client_for, staff_a, district_a, complaint):
    attachment = attach(complaint, staff_a, name="Notiz", data=b"Hallo")
    response = client_for(staff_a).get(
        url(district_a, "attachment", complaint=complaint.pk, attachment=attachment.pk)
    )
    assert response["Content-Type"].startswith("text/plain")
    assert response["Content-Disposition"] == 'attachment; filename="Notiz.txt"'


def test_attachments_of_another_district_are_not_found(
    client_for, members, district_a, district_b, complaint
):
    attachment = attach(complaint, members[("a", "staff")])
    kwargs = {"complaint": complaint.pk, "attachment": attachment.pk}
    outsider = client_for(members[("b", "staff")])
    for name in ("attachment", "attachment_delete"):
        assert outsider.get(url(district_a, name, **kwargs)).status_code == 404
        assert outsider.get(url(district_b, name, **kwargs)).status_code == 404
    for name in ("attachment", "attachment_delete"):
        assert outsider.post(url(district_b, name, **kwargs)).status_code == 404
    posted = outsider.post(
        url(district_b, "attachment_add", complaint=complaint.pk),
        {"attachment-upload": upload("a.pdf", pdf_bytes())},
    )
    assert posted.status_code == 404
    assert rows(district_a) == [attachment]


def test_an_attachment_is_only_found_under_its_own_complaint(
    client_for, staff_a, district_a, complaint
):
    attachment = attach(complaint, staff_a)
    other = factories.complaint(district_a)
    response = client_for(staff_a).get(
        url(district_a, "attachment", complaint=other.pk, attachment=attachment.pk)
    )
    assert response.status_code == 404


def test_the_assistant_may_neither_read_nor_change_attachments(
    client_for, assistant_a, staff_a, district_a, complaint
):
    attachment = attach(complaint, staff_a)
    kwargs = {"complaint": complaint.pk, "attachment": attachment.pk}
    client = client_for(assistant_a)
    assert client.get(url(district_a, "attachment", **kwargs)).status_code == 403
    assert client.get(url(district_a, "attachment_delete", **kwargs)).status_code == 403
    assert client.post(url(district_a, "attachment_delete", **kwargs)).status_code == 403
    posted = client.post(
        url(district_a, "attachment_add", complaint=complaint.pk),
        {"attachment-upload": upload("a.pdf", pdf_bytes())},
    )
    assert posted.status_code == 403
    assert rows(district_a) == [attachment]


# ----------------------------------------------------------------------------- delete


def test_delete_asks_first_then_removes_row_and_file(
    client_for, staff_a, district_a, complaint, django_capture_on_commit_callbacks
):
    attachment = attach(complaint, staff_a)
    kwargs = {"complaint": complaint.pk, "attachment": attachment.pk}
    client = client_for(staff_a)
    confirm = client.get(url(district_a, "attachment_delete", **kwargs))
    assert confirm.status_code == 200
    assert "Bescheid Öztürk.pdf" in confirm.content.decode()
    assert private_storage().exists(attachment.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(district_a, "attachment_delete", **kwargs))
    assert response.status_code == 302
    assert response["Location"].endswith(f"/beschwerden/{complaint.pk}/#attachments")
    assert rows(district_a) == []
    assert not private_storage().exists(attachment.file.name)
    entry = audit("complaints.attachment.deleted").latest("pk")
    assert entry.changes["attachments"] == [attachment.pk, None]


def test_a_rolled_back_deletion_keeps_the_file(
    staff_a, district_a, complaint, django_capture_on_commit_callbacks
):
    attachment = attach(complaint, staff_a)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        scope(district=district_a),
        pytest.raises(RuntimeError),
    ):
        rolled_back(partial(attachments.attachment_delete, attachment=attachment, actor=staff_a))
    assert callbacks == []
    assert private_storage().exists(attachment.file.name)
    assert len(rows(district_a)) == 1


# ----------------------------------------------------------------------------- anonymisation


def close_long_ago(complaint: Complaint) -> None:
    with scopes_disabled():
        Complaint.objects.filter(pk=complaint.pk).update(
            status="closed", closed_on=datetime.date(2020, 1, 1)
        )


def test_anonymisation_deletes_attachments_and_their_files(
    staff_a, district_a, complaint, django_capture_on_commit_callbacks
):
    first = attach(complaint, staff_a)
    second = attach(complaint, staff_a, name="Foto.png", data=png_bytes())
    kept = attach(factories.complaint(district_a), staff_a)
    close_long_ago(complaint)
    with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
        assert services.anonymise_expired() == 1
    assert [row.pk for row in rows(district_a)] == [kept.pk]
    for gone in (first, second):
        assert not private_storage().exists(gone.file.name)
    assert private_storage().exists(kept.file.name)


def test_a_rolled_back_anonymisation_keeps_the_files(
    staff_a, district_a, complaint, django_capture_on_commit_callbacks
):
    attachment = attach(complaint, staff_a)
    close_long_ago(complaint)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        scopes_disabled(),
        pytest.raises(RuntimeError),
    ):
        rolled_back(services.anonymise_expired)
    assert callbacks == []
    assert private_storage().exists(attachment.file.name)
    assert len(rows(district_a)) == 1


def test_the_anonymised_case_page_says_the_documents_were_deleted(
    client_for, staff_a, district_a, complaint, django_capture_on_commit_callbacks
):
    attach(complaint, staff_a)
    with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
        services.anonymise(complaint=complaint)
    html = client_for(staff_a).get(url(district_a, "detail", complaint=complaint.pk)).content
    assert b"Bescheid" not in html
    assert b'enctype="multipart/form-data"' not in html
