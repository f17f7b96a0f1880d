from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_scopes import scope

from teilhabe.core.models import AuditEntry
from teilhabe.directory import transfer
from teilhabe.directory.models import DirectoryImport, Organisation
from teilhabe.districts.models import Locality

from .factories import organisation

pytestmark = pytest.mark.django_db

GOOD_FILE = """name;typ;strasse;plz;ortsteil;sprachen;themen;oeffentlich;barrierefrei
Beratung Marzahn e.V.;advice_centre;Promenade 1;12679;1001;ar, tr;residence, Wohnen;ja;teilweise
Frauentreff Hellersdorf;MIGRANT ORGANISATION;Hellersdorfer 5;12627;Hellersdorf;uk ru;family;nein;
Sprachcafé;advice_centre;;;;ar xx;;;
Treff ohne Ort;advice_centre;;;Atlantis;;;;
Falsche PLZ;advice_centre;Weg 1;123;;;;;
;advice_centre;Weg 2;12627;;;;;
"""


def url(name, district, **kwargs):
    return reverse(f"directory:{name}", kwargs={"district": district.slug, **kwargs})


def csv_file(content: str | bytes, name: str = "liste.csv") -> SimpleUploadedFile:
    raw = content.encode("utf-8") if isinstance(content, str) else content
    return SimpleUploadedFile(name, raw, content_type="text/csv")


def upload(client, district, content) -> DirectoryImport:
    response = client.post(url("import", district), {"file": csv_file(content)})
    assert response.status_code == 302, response.content.decode()
    return DirectoryImport.objects.with_scopes_disabled().get(pk=response.url.split("/")[-2])


def names(district, in_scope) -> list[str]:
    with in_scope(district):
        return sorted(Organisation.objects.values_list("name", flat=True))


def analyse(district, in_scope, content: str) -> transfer.ImportPreview:
    with in_scope(district):
        return transfer.import_analyse(district=district, text=content)


def message_texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# Import ------------------------------------------------------------------------------


def test_good_file_previews_and_imports_exactly_the_valid_rows(
    client_for, members, district_a, in_scope
):
    client = client_for(members[("a", "staff")])
    stored = upload(client, district_a, GOOD_FILE)
    preview = client.get(url("import_preview", district_a, upload=stored.pk))
    body = preview.content.decode()
    assert preview.status_code == 200
    assert body.count("<h1>") == 1 and "<caption>" in body
    assert "Beratung Marzahn e.V." in body and "Marzahn" in body
    response = client.post(url("import_preview", district_a, upload=stored.pk), {"action": "apply"})
    assert response.status_code == 302 and response.url == url("list", district_a)
    expected = ngettext("%(count)s entry was created.", "%(count)s entries were created.", 2)
    assert message_texts(response) == [expected % {"count": 2}]
    assert names(district_a, in_scope) == ["Beratung Marzahn e.V.", "Frauentreff Hellersdorf"]
    with in_scope(district_a):
        first = Organisation.objects.get(name="Beratung Marzahn e.V.")
        second = Organisation.objects.get(name="Frauentreff Hellersdorf")
        assert first.kind == "advice_centre" and first.locality.code == "1001"
        assert first.is_public and first.step_free == "partly"
        assert sorted(first.languages.values_list("code", flat=True)) == ["ar", "tr"]
        assert sorted(first.topics.values_list("code", flat=True)) == ["housing", "residence"]
        assert second.kind == "migrant_org" and second.locality.name == "Hellersdorf"
        assert sorted(second.languages.values_list("code", flat=True)) == ["ru", "uk"]
        assert AuditEntry.objects.filter(action="directory.organisation.imported").count() == 2
        assert AuditEntry.objects.filter(action="directory.import.applied").count() == 1
    stored.refresh_from_db()
    assert stored.status == DirectoryImport.Status.DONE and stored.created_count == 2


def test_preview_reports_each_line(district_a, in_scope):
    preview = analyse(district_a, in_scope, GOOD_FILE)
    assert [row.line for row in preview.rows] == [2, 3, 4, 5, 6, 7]
    assert [row.status for row in preview.rows] == ["create"] * 2 + ["rejected"] * 4
    assert (preview.to_create, preview.rejected, preview.duplicates) == (2, 4, 0)
    first = preview.rows[0]
    assert first.data["locality"].name == "Marzahn"
    assert [language.code for language in first.languages] == ["ar", "tr"]
    assert [topic.code for topic in first.topics] == ["residence", "housing"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (4, lambda: _("Unknown language code “%(value)s”.") % {"value": "xx"}),
        (5, lambda: _("Unknown Ortsteil “%(value)s”.") % {"value": "Atlantis"}),
        (6, lambda: str(_("A postal code has five digits."))),
        (7, lambda: str(Organisation._meta.get_field("name").error_messages["blank"])),
    ],
)
def test_bad_lines_are_rejected_with_the_reason(district_a, in_scope, line, message):
    row = next(row for row in analyse(district_a, in_scope, GOOD_FILE).rows if row.line == line)
    assert row.status == "rejected"
    assert len(row.problems) == 1
    assert row.problems[0].endswith(message())


def test_rejection_reason_shows_on_the_preview_page(client_for, members, district_a):
    client = client_for(members[("a", "commissioner")])
    stored = upload(client, district_a, GOOD_FILE)
    body = client.get(url("import_preview", district_a, upload=stored.pk)).content.decode()
    assert escape(_("Unknown language code “%(value)s”.") % {"value": "xx"}) in body


def test_file_with_only_bad_lines_creates_nothing(client_for, members, district_a, in_scope):
    client = client_for(members[("a", "commissioner")])
    content = "name;sprachen;plz\nA;xx;\nB;;123\n"
    stored = upload(client, district_a, content)
    response = client.post(url("import_preview", district_a, upload=stored.pk), {"action": "apply"})
    assert response.status_code == 302
    assert names(district_a, in_scope) == []


def big_file() -> bytes:
    return b"name\n" + b"x" * (transfer.MAX_BYTES + 10)


def many_lines() -> bytes:
    return ("name\n" + "".join(f"Verein {i}\n" for i in range(transfer.MAX_ROWS + 1))).encode()


NOT_TEXT = "The file is not a CSV text file. Save the table as “CSV (UTF-8)” and try again."


@pytest.mark.parametrize(
    ("content", "msgid", "params"),
    [
        (b"", "The file is empty.", {}),
        (b"\xef\xbb\xbf\r\n", "The file is empty.", {}),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", NOT_TEXT, {}),
        (b"PK\x03\x04\x14\x00\x06\x00", NOT_TEXT, {}),
        (b"\x81\x8d\x8f\x90\x9d", NOT_TEXT, {}),
        (
            b"typ;plz\nschool;12627\n",
            "The file has no column “name”. The first line must name the columns.",
            {},
        ),
        (b"name;typ\n\n", "The file has no entries below the header line.", {}),
        (big_file(), "The file is larger than 2 MB. Please split it into several files.", {}),
        (many_lines(), "The file has more than %(max)s lines. Please split it.", {"max": 5000}),
    ],
)
def test_unreadable_file_is_refused_and_not_stored(
    client_for, members, district_a, content, msgid, params
):
    client = client_for(members[("a", "commissioner")])
    response = client.post(url("import", district_a), {"file": csv_file(content)})
    body = response.content.decode()
    assert response.status_code == 200
    assert escape(_(msgid) % params) in body
    assert 'aria-invalid="true"' in body
    assert not DirectoryImport.objects.with_scopes_disabled().exists()


@pytest.mark.parametrize(
    "raw",
    [
        "name,strasse\nTürkischer Bund,Straße 1\n".encode("cp1252"),
        "\ufeffname;strasse\nTürkischer Bund;Straße 1\n".encode(),
        "Name\tStraße\nTürkischer Bund\tStraße 1\n".encode(),
    ],
)
def test_encodings_and_delimiters_are_understood(raw):
    table = transfer.read_table(transfer.decode_upload(raw))
    assert table.rows == [(2, {"name": "Türkischer Bund", "strasse": "Straße 1"})]


def test_unknown_columns_are_listed_and_ignored():
    table = transfer.read_table("name;Farbe\nA;blau\n")
    assert table.ignored_columns == ["Farbe"]
    assert table.rows == [(2, {"name": "A"})]


DUPLICATES = """name;typ;strasse;plz
Beratungszentrum Hellersdorf;advice_centre;Markerweg 1;12627
Neuer Treff;advice_centre;Weg 3;12627
neuer treff;advice_centre;Weg 3;12627
"""


@pytest.mark.parametrize(("tick", "created"), [(False, 1), (True, 3)])
def test_duplicates_are_flagged_and_created_only_when_ticked(
    client_for, members, district_a, in_scope, tick, created
):
    organisation(district_a, street="Markerweg 1", postal_code="12627")
    preview = analyse(district_a, in_scope, DUPLICATES)
    assert [row.status for row in preview.rows] == ["duplicate", "create", "duplicate"]
    assert preview.rows[0].similar == ["Beratungszentrum Hellersdorf e.V."]
    assert preview.rows[2].similar == [_("line %(line)s of this file") % {"line": 3}]
    client = client_for(members[("a", "commissioner")])
    stored = upload(client, district_a, DUPLICATES)
    body = client.get(url("import_preview", district_a, upload=stored.pk)).content.decode()
    assert 'name="include_duplicates"' in body
    data = {"action": "apply", **({"include_duplicates": "on"} if tick else {})}
    client.post(url("import_preview", district_a, upload=stored.pk), data)
    assert len(names(district_a, in_scope)) == 1 + created


def test_applying_twice_is_refused(client_for, members, district_a, in_scope):
    user = members[("a", "commissioner")]
    client = client_for(user)
    stored = upload(client, district_a, "name;typ\nEinmal;school\n")
    with in_scope(district_a):
        transfer.directory_import_apply(upload=stored, actor=user)
        with pytest.raises(ValidationError) as refused:
            transfer.directory_import_apply(upload=stored, actor=user)
    expected = _("This file has already been imported or discarded.")
    assert refused.value.messages == [expected]
    response = client.post(url("import_preview", district_a, upload=stored.pk), {"action": "apply"})
    assert response.status_code == 302
    assert message_texts(response) == [expected]
    assert names(district_a, in_scope) == ["Einmal"]
    body = client.get(url("import_preview", district_a, upload=stored.pk)).content.decode()
    assert 'value="apply"' not in body and 'value="discard"' not in body


def test_discarded_upload_creates_nothing_and_shows_no_buttons(
    client_for, members, district_a, in_scope
):
    client = client_for(members[("a", "staff")])
    stored = upload(client, district_a, "name;typ\nVerworfen;school\n")
    response = client.post(
        url("import_preview", district_a, upload=stored.pk), {"action": "discard"}
    )
    assert response.status_code == 302
    stored.refresh_from_db()
    assert stored.status == DirectoryImport.Status.DISCARDED
    assert names(district_a, in_scope) == []
    body = client.get(url("import_preview", district_a, upload=stored.pk)).content.decode()
    assert "<button" not in body.split("<main", 1)[-1].split("</main>")[0]
    with in_scope(district_a), pytest.raises(ValidationError):
        transfer.directory_import_apply(upload=stored, actor=members[("a", "staff")])


def test_other_districts_member_gets_404_on_the_preview(client_for, members, district_a):
    stored = upload(client_for(members[("a", "commissioner")]), district_a, GOOD_FILE)
    client = client_for(members[("b", "commissioner")])
    for district in (district_a, members[("b", "commissioner")].memberships.get().district):
        preview = url("import_preview", district, upload=stored.pk)
        assert client.get(preview).status_code == 404
        assert client.post(preview, {"action": "apply"}).status_code == 404
    stored.refresh_from_db()
    assert stored.status == DirectoryImport.Status.PENDING


def test_assistant_may_not_import_but_may_export(client_for, members, district_a):
    stored = upload(client_for(members[("a", "commissioner")]), district_a, GOOD_FILE)
    client = client_for(members[("a", "assistant")])
    assert client.get(url("import", district_a)).status_code == 403
    assert client.post(url("import", district_a), {"file": csv_file(GOOD_FILE)}).status_code == 403
    assert client.get(url("import_preview", district_a, upload=stored.pk)).status_code == 403
    assert client.get(url("export_csv", district_a)).status_code == 200


def test_upload_page_lists_the_columns(client_for, members, district_a):
    response = client_for(members[("a", "staff")]).get(url("import", district_a))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("<h1>") == 1 and 'enctype="multipart/form-data"' in body
    assert ";".join(transfer.HEADERS) in body
    assert " style=" not in body and "<script>" not in body


# Export ------------------------------------------------------------------------------


@pytest.fixture
def entries(district_a, district_b):
    organisation(district_a, "Alpha Beratung", languages=("ar", "tr"), internal_note="intern")
    organisation(district_a, "Beta Schule", kind="school", topics=("education",))
    organisation(district_a, "Gamma geschlossen", is_active=False)
    organisation(district_b, "Delta Spandau", is_public=True, serves_all_berlin=True)


def read_csv(response) -> list[list[str]]:
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Alpha Beratung", "Beta Schule"]),
        ("?typ=school", ["Beta Schule"]),
        ("?sprache=tr", ["Alpha Beratung"]),
        ("?inaktiv=1", ["Alpha Beratung", "Beta Schule", "Gamma geschlossen"]),
        ("?bereich=berlin", ["Alpha Beratung", "Beta Schule"]),
        ("?q=alpha", ["Alpha Beratung"]),
    ],
)
def test_csv_export_has_exactly_the_filtered_rows(
    client_for, members, district_a, entries, query, expected
):
    response = client_for(members[("a", "staff")]).get(url("export_csv", district_a) + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="verzeichnis-marzahn-hellersdorf-' in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0] == transfer.HEADERS
    assert [row[0] for row in rows[1:]] == expected


def test_csv_export_cells(client_for, members, district_a, entries, in_scope):
    response = client_for(members[("a", "staff")]).get(url("export_csv", district_a))
    alpha = dict(zip(transfer.HEADERS, read_csv(response)[1], strict=True))
    assert alpha["sprachen"] == "ar, tr" and alpha["themen"] == "residence"
    assert alpha["interne_notiz"] == "intern" and alpha["oeffentlich"] == "nein"
    with in_scope(district_a):
        entry = AuditEntry.objects.get(action="directory.organisation.exported")
    assert entry.changes["count"] == [None, 2] and entry.object_id == ""


def test_xlsx_export_has_the_filtered_rows_with_a_bold_frozen_header(
    client_for, members, district_a, entries
):
    response = client_for(members[("a", "assistant")]).get(
        url("export_xlsx", district_a) + "?typ=advice_centre"
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell or "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == transfer.HEADERS
    assert [row[0] for row in rows[1:]] == ["Alpha Beratung"]
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == 40


def test_export_query_count_does_not_grow_with_the_rows(client_for, members, district_a):
    client = client_for(members[("a", "staff")])
    organisation(district_a, "Erste")
    client.get(url("export_csv", district_a))  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        client.get(url("export_csv", district_a))
    for number in range(5):
        organisation(district_a, f"Weitere {number}", languages=("ar", "uk"))
    with CaptureQueriesContext(connection) as more:
        client.get(url("export_csv", district_a))
    assert len(more) == len(few)


def test_export_reimports_into_another_district(client_for, members, district_a, district_b):
    organisation(
        district_a,
        "=HYPERLINK(1) Verein",
        street="Allee 2",
        postal_code="12627",
        locality=Locality.objects.get(code="1005"),
        phone="+49 30 1234",
        email="info@example.org",
        website="https://example.org",
        opening_hours="Mo–Fr 9–12",
        step_free="yes",
        is_public=True,
        serves_all_berlin=True,
        internal_note="- nur nach Termin",
        topics=("housing", "work"),
        languages=("uk", "dgs"),
    )
    organisation(district_a, "Schule am Berg", kind="school", description="Mit; Semikolon")
    exported = client_for(members[("a", "staff")]).get(url("export_csv", district_a))
    assert "'=HYPERLINK" in exported.content.decode()
    client_b = client_for(members[("b", "commissioner")])
    stored = upload(client_b, district_b, exported.content)
    client_b.post(url("import_preview", district_b, upload=stored.pk), {"action": "apply"})
    assert snapshot(district_b) == snapshot(district_a)


def snapshot(district) -> list[tuple]:
    fields = [name for _header, name in transfer.COLUMNS if name not in ("languages", "topics")]
    with scope(district=district):
        return [
            (
                *(getattr(org, name) for name in fields),
                sorted(org.languages.values_list("code", flat=True)),
                sorted(org.topics.values_list("code", flat=True)),
            )
            for org in Organisation.objects.filter(district=district)
        ]


def test_filter_from_params_drops_nonsense():
    params = {"q": " Beratung ", "typ": "nonsense", "ortsteil": "12", "bereich": "berlin"}
    criteria = transfer.filter_from_params({**params, "inaktiv": "1"})
    assert criteria.query == "Beratung" and criteria.kind == "" and criteria.locality == ""
    assert criteria.scope == "berlin" and criteria.include_inactive
    assert transfer.filter_from_params({"typ": "school", "ortsteil": "1001"}).locality == "1001"
