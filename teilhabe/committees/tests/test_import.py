"""The Gremien import: the work plan's table as text or DOCX, preview, apply, refusals."""

from __future__ import annotations

import io

import docx
import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from teilhabe.committees import demo, importer
from teilhabe.committees.models import Body, Participation
from teilhabe.core.models import AuditEntry
from teilhabe.districts.models import Position

from . import factories

pytestmark = pytest.mark.django_db

# The table of part 2 ("Gremienarbeit") of the 2021 work plan of Marzahn-Hellersdorf,
# as it comes out of the document (the demo loads the same lines): a header line in
# italics and an empty line between two groups.
SEED_TABLE = (
    "<i>Gremium</i>\t<i>Leitung (L)/ Teilnahme</i>\n"
    + (demo.MARZAHN_HELLERSDORF_TABLE.split("\n", 1)[1])
)
SEED_ROWS = [line.split("\t") for line in SEED_TABLE.splitlines()[1:] if line]
PARTICIPATIONS = sum(len(positions.split(",")) for _, positions in SEED_ROWS)


@pytest.fixture
def positions_a(district_a):
    return {code: factories.position(district_a, code) for code in ("IntB", "Int1", "Int2")}


def analyse(district, text: str) -> importer.ImportPreview:
    with scope(district=district):
        return importer.import_analyse(district=district, text=text)


def apply(district, text: str, actor=None) -> importer.ImportResult:
    with scope(district=district):
        return importer.bodies_import(district=district, actor=actor, text=text)


def roles(district) -> dict[str, dict[str, str]]:
    """{body name: {position code: role}} of the district's current participations."""
    result: dict[str, dict[str, str]] = {}
    with scope(district=district):
        for p in Participation.objects.filter(district=district).select_related("body", "position"):
            result.setdefault(p.body.name, {})[p.position.code] = p.role
    return result


def bodies(district) -> dict[str, Body]:
    with scope(district=district):
        return {b.name: b for b in Body.objects.filter(district=district).select_related("parent")}


def fill(row, texts: list[str]) -> None:
    for cell, text in zip(row.cells, texts, strict=True):
        cell.text = text


def docx_file(rows: list[list[str]], *, other_table: bool = True) -> bytes:
    """A work plan as Word writes it: text, the Gremien table, another table after it."""
    document = docx.Document()
    document.add_paragraph("2. Gremienarbeit (bezirklich/überbezirklich)")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Gremium"
    table.rows[0].cells[1].text = "Leitung (L)/ Teilnahme"
    for cells in rows:
        row = table.add_row()
        for cell, text in zip(row.cells, cells, strict=False):
            cell.text = text
    if other_table:
        document.add_paragraph("3. geplante Aktivitäten des Integrationsbüros")
        plan = document.add_table(rows=2, cols=3)
        fill(plan.rows[0], ["lfd. Nr.", "Aktivität", "Zuständigkeit"])
        fill(plan.rows[1], ["1", "Leitung der LAG-Sitzung", "IntB"])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ----------------------------------------------------------------------------- importer


def test_seed_table_creates_every_body_with_its_leads_and_parents(district_a, positions_a):
    preview = analyse(district_a, SEED_TABLE)
    assert len(preview.rows) == 32
    assert preview.rejected == 0
    assert preview.bodies_to_create == 32
    assert preview.participations_to_create == PARTICIPATIONS

    result = apply(district_a, SEED_TABLE)

    assert (result.bodies, result.participations, result.rejected) == (32, PARTICIPATIONS, [])
    found = bodies(district_a)
    assert len(found) == 32
    assert roles(district_a)["Jour fixe der Unterkünfte"] == {
        "IntB": "participant",
        "Int1": "lead",
        "Int2": "lead",
    }
    assert roles(district_a)["Integrationsbeirat"] == {
        "IntB": "lead",
        "Int1": "participant",
        "Int2": "participant",
    }
    board = found["Integrationsbeirat"]
    assert board.kind == Body.Kind.ADVISORY_BOARD
    for name in ("AG Geflüchtete und Nachbarschaften", "AG Arbeit und Ausbildung"):
        assert found[name].parent == board
        assert found[name].kind == Body.Kind.WORKING_GROUP
    assert found["AG Mehrsprachigkeit"].parent == board
    assert found["AG Arbeit"].parent is None
    assert not any("(Integrationsbeirat)" in name for name in found)


@pytest.mark.parametrize(
    ("name", "kind", "level"),
    [
        ("Jour fixe mit KoordFM bei SenIAS", "jour_fixe", "state"),
        ("BVV-Ausschuss für Integration", "committee", "district"),
        ("Beirat zur bezirklichen Altenplanung", "committee", "district"),
        ("Landesbeirat für Integrations- und Migrationsfragen", "committee", "state"),
        ("Vernetzungsrunde Integrationspolitik", "network", "district"),
        ("Bündnis für Demokratie und Toleranz", "network", "district"),
        ("Koordinierungsrunde Flüchtlingskoordination aller Bezirke", "network", "cross_district"),
        ("Steuerungsrunden BENN", "steering_group", "district"),
        ("Lenkungsgruppe Roma", "steering_group", "district"),
        ("IntMig-Konferenzen bei SenIAS", "conference", "state"),
        ("Landesarbeitsgemeinschaft der IntBs", "working_group", "cross_district"),
        ("Nachbarschaftsdialog Maxie-Wander-Straße", "other", "district"),
        ("Runder Tisch des Willkommensbündnis Steglitz-Zehlendorf", "round_table", "district"),
        (
            "Beirat für Partizipation und Integration Steglitz-Zehlendorf",
            "advisory_board",
            "district",
        ),
        ("Bundeskonferenz der Integrationsbeauftragten", "conference", "federal"),
    ],
)
def test_kind_and_level_are_inferred_from_the_name(name, kind, level):
    assert (importer.infer_kind(name), importer.infer_level(name)) == (kind, level)


def test_importing_twice_creates_nothing_new(district_a, positions_a):
    apply(district_a, SEED_TABLE)
    audit_before = AuditEntry.objects.with_scopes_disabled().count()

    preview = analyse(district_a, SEED_TABLE)

    assert {row.status for row in preview.rows} == {"unchanged"}
    assert not preview.has_changes
    with pytest.raises(ValidationError) as error:
        apply(district_a, SEED_TABLE)
    assert error.value.code == "nothing"
    assert len(bodies(district_a)) == 32
    assert sum(len(r) for r in roles(district_a).values()) == PARTICIPATIONS
    assert AuditEntry.objects.with_scopes_disabled().count() == audit_before


def test_recorded_body_is_reused_and_its_participations_left_alone(district_a, positions_a):
    board = factories.body(district_a, name="Integrationsbeirat", kind=Body.Kind.ADVISORY_BOARD)
    factories.participate(board, "IntB", "participant")
    gone = factories.body(district_a, name="AG Arbeit")
    with scope(district=district_a):
        Body.objects.filter(pk=gone.pk).update(deleted_at=gone.created_at)

    text = (
        "  integrationsBEIRAT \tIntB (L), Int1\nAG Arbeit;IntB\nAG Sport (Integrationsbeirat);Int2"
    )
    preview = analyse(district_a, text)

    first, second, third = preview.rows
    assert first.status == "update"
    assert first.body == board
    assert [(p.position.code, p.is_new, p.recorded_role) for p in first.participations] == [
        ("IntB", False, "participant"),
        ("Int1", True, None),
    ]
    assert second.status == "create"  # the deleted body does not count
    assert third.status == "create"
    assert third.parent == board

    result = apply(district_a, text)

    assert (result.bodies, result.participations) == (2, 3)
    assert roles(district_a)["Integrationsbeirat"] == {"IntB": "participant", "Int1": "participant"}
    assert bodies(district_a)["AG Sport"].parent == board


def test_docx_gives_the_same_result_as_the_text(district_a, district_b, positions_a):
    for code in ("IntB", "Int1", "Int2"):
        factories.position(district_b, code)
    raw = docx_file([[name, positions] for name, positions in SEED_ROWS])

    text = importer.docx_to_text(raw)
    apply(district_a, SEED_TABLE)
    apply(district_b, text)

    def summary(district):
        return {
            name: (b.kind, b.level, b.parent.name if b.parent else None)
            for name, b in bodies(district).items()
        }

    assert summary(district_b) == summary(district_a)
    assert roles(district_b) == roles(district_a)
    assert text.splitlines()[0] == "Gremium\tLeitung (L)/ Teilnahme"
    assert "Leitung der LAG-Sitzung" not in text


def test_docx_cells_with_several_paragraphs_are_joined():
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    fill(table.rows[0], ["Nr.", "Gremium", "Leitung (L)/ Teilnahme"])
    table.rows[1].cells[0].text = "1"
    table.rows[1].cells[1].text = "Jour fixe"
    table.rows[1].cells[1].add_paragraph("der Unterkünfte")
    table.rows[1].cells[2].text = "IntB"
    table.rows[1].cells[2].add_paragraph("Int1 (L)")
    buffer = io.BytesIO()
    document.save(buffer)

    text = importer.docx_to_text(buffer.getvalue())

    assert text.splitlines()[1] == "Jour fixe der Unterkünfte\tIntB, Int1 (L)"


def test_unreadable_rows_are_reported_with_their_line_numbers(district_a, positions_a):
    text = "\n".join(
        [
            "Gremium\tLeitung (L)/ Teilnahme",  # 1: header
            "Integrationsbeirat\tIntB (L), Int1",  # 2
            "Vernetzungsrunde Integrationspolitik",  # 3: no positions column
            "AG Sport\tInt9",  # 4: unknown position
            "Jour fixe\tHerr Müller",  # 5: not a code
            "",  # 6
            "integrationsbeirat\tInt2",  # 7: twice
            "Fachrunde Migration;IntB ; Int2 (L)",  # 8: fine, semicolons
            "Lenkungsgruppe Roma    IntB",  # 9: fine, spaces
            "AG Wohnen (Beirat für Senioren)\tIntB",  # 10: parent unknown
            "Landesbeirat\t",  # 11: empty positions column
            "AG Kinder (AG Sport)\tInt1",  # 12: its parent is rejected
            "\tIntB (L)",  # 13: no body
        ]
    )
    preview = analyse(district_a, text)

    by_line = {row.line: row for row in preview.rows}
    rejected = [3, 4, 5, 7, 10, 11, 12, 13]
    assert sorted(by_line) == [2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13]
    assert [line for line, row in by_line.items() if row.status == "rejected"] == rejected
    assert by_line[3].problems == [
        _("The line has no column with the positions; separate it by a tab or a semicolon.")
    ]
    assert "Int9" in by_line[4].problems[0]
    assert "Herr Müller" in by_line[5].problems[0]
    assert "2" in by_line[7].problems[0]
    assert "Beirat für Senioren" in by_line[10].problems[0]
    assert "4" in by_line[12].problems[0]
    assert by_line[13].problems == [_("The line has no body.")]
    assert [(p.position.code, p.role) for p in by_line[8].participations] == [
        ("IntB", "participant"),
        ("Int2", "lead"),
    ]

    result = apply(district_a, text)

    assert result.rejected == rejected
    assert sorted(bodies(district_a)) == [
        "Fachrunde Migration",
        "Integrationsbeirat",
        "Lenkungsgruppe Roma",
    ]
    with scope(district=district_a):
        assert not Position.objects.filter(code__iexact="Int9").exists()


def docx_with_too_much() -> bytes:
    return docx_file([["AG", "IntB"]]) + b"\0" * importer.MAX_BYTES


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        (" \n\t\n", "empty"),
        ("Gremium\tLeitung (L)/ Teilnahme\n\n", "no_rows"),
        ("Die o.g. Dienstkräfte arbeiten in den folgenden Gremien mit.\nDanke.", "no_rows"),
        ("Integrationsbeirat\tIntB\n" * (importer.MAX_ROWS + 1), "too_many"),
        ("x" * (importer.MAX_BYTES + 1), "too_large"),
    ],
)
def test_bad_text_is_refused(district_a, positions_a, text, code):
    with pytest.raises(ValidationError) as error:
        analyse(district_a, text)
    assert error.value.code == code
    with pytest.raises(ValidationError):
        apply(district_a, text)
    assert bodies(district_a) == {}


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"Gremium\tLeitung\nIntegrationsbeirat\tIntB\n", "not_docx"),
        (b"PK\x03\x04 not really a zip", "not_docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 an old .doc", "not_docx"),
        (docx_file([], other_table=True)[:2000], "not_docx"),
        (b"PK\x03\x04" + b"\0" * importer.MAX_BYTES, "too_large"),
    ],
)
def test_bad_files_are_refused(raw, code):
    with pytest.raises(ValidationError) as error:
        importer.docx_to_text(raw)
    assert error.value.code == code


def test_document_without_the_table_is_refused():
    document = docx.Document()
    document.add_paragraph("Arbeitsplan 2021")
    buffer = io.BytesIO()
    document.save(buffer)
    with pytest.raises(ValidationError) as error:
        importer.docx_to_text(buffer.getvalue())
    assert error.value.code == "no_table"


# ----------------------------------------------------------------------------- the page


def url(district) -> str:
    return reverse("committees:import", kwargs={"district": district.slug})


def test_preview_changes_nothing_and_carries_the_text(client_for, members, district_a, positions_a):
    audit_before = AuditEntry.objects.with_scopes_disabled().count()
    client = client_for(members[("a", "staff")])
    assert client.get(url(district_a)).status_code == 200

    response = client.post(url(district_a), {"action": "preview", "text": SEED_TABLE})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Jour fixe der Unterkünfte" in page
    assert f'name="text" value="{escape(SEED_TABLE)}"' in page
    assert 'value="apply"' in page
    assert bodies(district_a) == {}
    assert AuditEntry.objects.with_scopes_disabled().count() == audit_before


def test_apply_creates_audits_and_redirects_to_the_list(
    client_for, members, district_a, positions_a
):
    user = members[("a", "commissioner")]
    client = client_for(user)

    response = client.post(url(district_a), {"action": "apply", "text": SEED_TABLE})

    assert response.status_code == 302
    assert response.url == reverse("committees:list", kwargs={"district": district_a.slug})
    assert len(bodies(district_a)) == 32
    with scopes_disabled():
        entries = AuditEntry.objects.filter(district=district_a, actor=user)
        assert entries.filter(action="committees.body.created").count() == 32
        assert entries.filter(action="committees.participation.created").count() == PARTICIPATIONS
        assert entries.filter(action="committees.body.imported").count() == 1
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "32" in message
    assert str(PARTICIPATIONS) in message


def test_docx_upload_is_previewed_as_text(client_for, members, district_a, positions_a):
    client = client_for(members[("a", "staff")])
    upload = SimpleUploadedFile("arbeitsplan.docx", docx_file([["Integrationsbeirat", "IntB (L)"]]))

    response = client.post(url(district_a), {"action": "preview", "text": "", "file": upload})

    page = response.content.decode()
    assert response.status_code == 200
    assert escape("Integrationsbeirat\tIntB (L)") in page
    assert bodies(district_a) == {}


NOT_DOCX = (
    "The file is not a Word document (DOCX). Save it as “Word document (*.docx)” "
    "or paste the table as text."
)
TOO_LARGE = "The file is larger than 2 MB. Please upload only the document with the table."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": ""}, "Paste the table or choose a Word document."),
        ({"file": SimpleUploadedFile("liste.docx", b"Integrationsbeirat\tIntB")}, NOT_DOCX),
        (
            {"file": SimpleUploadedFile("gross.docx", b"PK\x03\x04" + b"0" * importer.MAX_BYTES)},
            TOO_LARGE,
        ),
    ],
)
def test_bad_input_shows_the_message_and_stores_nothing(
    client_for, members, district_a, positions_a, data, message
):
    client = client_for(members[("a", "staff")])
    response = client.post(url(district_a), {"action": "preview", **data})
    assert response.status_code == 200
    assert escape(_(message)) in response.content.decode()
    assert bodies(district_a) == {}


def test_apply_with_nothing_to_import_shows_why(client_for, members, district_a, positions_a):
    client = client_for(members[("a", "staff")])
    response = client.post(url(district_a), {"action": "apply", "text": "AG Sport\tInt9"})
    assert response.status_code == 200
    assert escape(_("There is nothing to import: every line is recorded already or rejected.")) in (
        response.content.decode()
    )
    assert bodies(district_a) == {}


def test_assistant_may_not_import(client_for, members, district_a, positions_a):
    client = client_for(members[("a", "assistant")])
    assert client.get(url(district_a)).status_code == 403
    response = client.post(url(district_a), {"action": "apply", "text": SEED_TABLE})
    assert response.status_code == 403
    assert bodies(district_a) == {}


def test_other_district_is_neither_reachable_nor_touched(
    client_for, members, district_a, district_b, positions_a
):
    own = factories.body(district_b, name="Integrationsbeirat", kind=Body.Kind.ADVISORY_BOARD)
    factories.participate(own, "IntB", "lead")
    outsider = client_for(members[("b", "commissioner")])
    assert outsider.get(url(district_a)).status_code == 404
    assert (
        outsider.post(url(district_a), {"action": "apply", "text": SEED_TABLE}).status_code == 404
    )

    client_for(members[("a", "commissioner")]).post(
        url(district_a), {"action": "apply", "text": SEED_TABLE}
    )

    assert len(bodies(district_a)) == 32
    assert list(bodies(district_b)) == ["Integrationsbeirat"]
    assert roles(district_b) == {"Integrationsbeirat": {"IntB": "lead"}}


def test_recorded_body_with_brackets_in_its_name_is_found(district_a, positions_a):
    recorded = factories.body(district_a, name="Landesamt für Flüchtlingsangelegenheiten (LAF)")
    group = factories.body(district_a, name="AG Wohnen (Integrationsbeirat)")

    text = (
        "Landesamt für Flüchtlingsangelegenheiten (LAF)\tInt1\nAG Wohnen (Integrationsbeirat)\tIntB"
    )
    preview = analyse(district_a, text)

    assert [(row.status, row.body) for row in preview.rows] == [
        ("update", recorded),
        ("update", group),
    ]


def test_docx_row_without_a_body_is_reported():
    text = importer.docx_to_text(docx_file([["", "IntB"], ["Integrationsbeirat", "IntB (L)"]]))
    assert text.splitlines()[1:] == ["\tIntB", "Integrationsbeirat\tIntB (L)"]
