"""The work plan import: the plan document as text or DOCX, preview, import, refusals,
the staff page and the command."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

import docx
import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_scopes import scope, scopes_disabled

from teilhabe.committees.models import Body, Participation
from teilhabe.committees.tests.factories import position
from teilhabe.core.models import AuditEntry
from teilhabe.districts.models import Position
from teilhabe.workplan import importer
from teilhabe.workplan.demo import PLAN_2021
from teilhabe.workplan.models import Activity, RunningTask, WorkPlan

from . import factories

pytestmark = pytest.mark.django_db

DATA = PLAN_2021  # the demo plan, written in seed 002's layout
SEED = Path("/work/shared/seeds/002_89ad1887506dee01.txt")
TEXT = DATA.read_text(encoding="utf-8")
LINES = TEXT.splitlines()
ACTIVITIES_HEADER = LINES.index(
    "<i>lfd. Nr.</i>\t<i>Aktivität</i>\t<i>Zuständigkeit</i>\t<i>Terminierung</i>"
)
GREMIEN_HEADER = LINES.index("<i>Gremium</i>\t<i>Leitung (L)/ Teilnahme</i>")


def activity_rows(text: str) -> list[list[str]]:
    """[number, title, positions, schedule] of the document's activities table."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("<i>lfd. Nr."))
    return [line.split("\t") for line in lines[start + 1 :] if line]


def gremien_rows(text: str) -> list[list[str]]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("<i>Gremium"))
    end = next(i for i, line in enumerate(lines) if line.startswith("3. geplante"))
    return [line.split("\t") for line in lines[start + 1 : end] if line]


def line_of(text: str, prefix: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(prefix))


def analyse(district, text: str = TEXT, year: int = 2021) -> importer.PlanPreview:
    with scope(district=district):
        return importer.analyse(district=district, year=year, text=text)


def run(district, text: str = TEXT, year: int = 2021, actor=None) -> importer.ImportResult:
    with scope(district=district):
        return importer.plan_import(district=district, year=year, actor=actor, text=text)


def counts(district) -> dict[str, int]:
    with scopes_disabled():
        result = {
            model.__name__: model.objects.filter(district=district).count()
            for model in (WorkPlan, RunningTask, Activity, Body, Participation, Position)
        }
        result["audit"] = AuditEntry.objects.count()
        return result


def stored(district, year: int = 2021) -> dict:
    """The imported plan as plain data, to compare two imports."""
    with scope(district=district):
        plan = WorkPlan.objects.get(district=district, year=year)
        activities = [
            (a.number, a.title, [p.code for p in a.positions.order_by("code")], a.schedule_text)
            for a in plan.activities.prefetch_related("positions").order_by("number")
        ]
        return {
            "fields": {name: getattr(plan, name) for name in importer.TEXT_FIELDS},
            "status": plan.status,
            "tasks": list(plan.running_tasks.values_list("text", flat=True)),
            "activities": activities,
            "gremien": sorted((row["body"], row["positions"]) for row in plan.gremien_snapshot),
        }


def refused(district, text: str, year: int = 2021) -> ValidationError:
    before = counts(district)
    with pytest.raises(ValidationError) as error:
        run(district, text, year)
    assert counts(district) == before
    return error.value


# ----------------------------------------------------------------------------- the document


def test_fixture_file_imports_completely(district_a):
    preview = analyse(district_a)
    assert preview.errors == []
    assert preview.flags == []
    assert [item.position.code for item in preview.new_positions] == ["IntB", "Int1", "Int2"]

    result = run(district_a)

    assert (result.running_tasks, result.bodies, result.activities) == (10, 32, 21)
    with scope(district=district_a):
        plan = WorkPlan.objects.get(district=district_a, year=2021)
        assert plan.status == WorkPlan.Status.SUBMITTED
        assert plan.paper_number == "1221/V"
        assert plan.decision_date == datetime.date(2021, 2, 9)
        assert plan.bvv_session_date == datetime.date(2021, 2, 25)
        assert plan.document_date == datetime.date(2021, 2, 1)
        assert (
            plan.title
            == "Arbeitsplan des Integrationsbüros des Bezirksamtes Marzahn-Hellersdorf für 2021"
        )
        assert (plan.cover_signatory, plan.cover_signatory_role) == (
            "Thomas Braun",
            "Stellv. Bezirksbürgermeister",
        )
        assert (plan.annex_signatory, plan.annex_signatory_role) == (
            "Dagmar Pohle",
            "Bezirksbürgermeisterin",
        )
        assert plan.editors == "Hr. Dr. Bryant, Hr. Cárdenas, Fr. Hermenau"
        assert plan.phone == "-2060"
        assert plan.section_rapporteur == "Bezirksbürgermeisterin Frau Pohle"
        assert plan.section_budget == "keine"
        assert plan.section_legal_basis.startswith("§ 15, § 36 Abs. 2")
        assert plan.introduction.count("\n\n") == 1
        assert plan.running_tasks_intro.endswith("gehören vor allem:")
        assert plan.gremien_intro.endswith("mit oder leiten sie:")
        tasks = list(plan.running_tasks.order_by("order"))
        assert [task.order for task in tasks] == list(range(1, 11))
        assert tasks[0].text.startswith("Geschäftsstelle des Integrationsbeirates")
        assert tasks[-1].text.endswith("aus dem „Integrationsfonds“")
        positions = {p.code: p.title for p in Position.objects.filter(district=district_a)}
        assert positions == {"IntB": "IntB", "Int1": "Int1", "Int2": "Int2"}
        activities = list(plan.activities.prefetch_related("positions").order_by("number"))
        expected = activity_rows(TEXT)
        assert len(activities) == len(expected) == 21
        for activity, (number, title, codes, schedule) in zip(activities, expected, strict=True):
            assert (activity.number, activity.title) == (int(number), title)
            assert {p.code for p in activity.positions.all()} == set(codes.split(", "))
            assert activity.schedule_text == schedule
            assert activity.schedule_understood and activity.schedule_start is not None
        assert activities[-1].schedule_text == "ganzjährig"
        assert activities[4].focus_end == datetime.date(2021, 3, 31)
    # The frozen table says what the document says, row by row, leads included.
    table = dict(gremien_rows(TEXT))
    assert len(table) == 32
    assert dict(stored(district_a)["gremien"]) == table
    # The board's working groups follow it, named with it, as in the document.
    with scope(district=district_a):
        snapshot = WorkPlan.objects.get(district=district_a, year=2021).gremien_snapshot
    assert [row["body"] for row in snapshot[:4]] == [name for name, _ in gremien_rows(TEXT)[:4]]
    with scopes_disabled():
        board = Body.objects.get(district=district_a, name="Integrationsbeirat")
        assert Body.objects.get(district=district_a, name="AG Mehrsprachigkeit").parent == board
        assert AuditEntry.objects.filter(action="workplan.plan.imported").count() == 1


@pytest.mark.skipif(not SEED.exists(), reason="seed 002 is not available here")
def test_seed_document_imports_completely(district_a):
    seed = SEED.read_text(encoding="utf-8")
    preview = analyse(district_a, seed)
    assert preview.errors == []

    result = run(district_a, seed)

    assert (result.running_tasks, result.bodies, result.activities) == (10, 32, 21)
    plan = stored(district_a)
    assert plan["status"] == WorkPlan.Status.SUBMITTED
    assert [a[3] for a in plan["activities"]] == [row[3] for row in activity_rows(seed)]
    assert plan["activities"][-1][3] == "ganzjährig"
    assert len(plan["gremien"]) == 32


def docx_of(text: str) -> bytes:
    """The document as Word writes it: paragraphs, bulleted tasks, and two tables."""
    document = docx.Document()
    table = None
    for line in text.splitlines():
        if "\t" not in line:
            table = None
            if line.startswith("- ") and "laufende" not in line:
                document.add_paragraph(line[2:], style="List Bullet")
            elif line:
                document.add_paragraph(line)
            continue
        cells = [re.sub(r"</?i>", "", cell) for cell in line.split("\t")]
        if table is None:
            table = document.add_table(rows=0, cols=len(cells))
        for cell, value in zip(table.add_row().cells, cells, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_imports_the_same_as_the_text(district_a, district_b):
    text = importer.docx_to_text(docx_of(TEXT))

    assert "<i>Gremium</i>\t<i>Leitung (L)/ Teilnahme</i>" in text.splitlines()
    assert analyse(district_b, text).errors == []
    run(district_a)
    run(district_b, text)

    assert stored(district_b) == stored(district_a)


def test_columns_are_found_by_their_header(district_a):
    rows = [
        "<i>Terminierung</i>\t<i>Zuständigkeit</i>\t<i>Aktivität</i>\t<i>lfd. Nr.</i>",
        "März 2021\tIntB\tDemokratiebericht\t1",
        "",
        "ganzjährig\tIntB, Int1\tWohnraumprojekt\t2",
    ]
    preview = analyse(district_a, "3. geplante Aktivitäten\n\n" + "\n".join(rows))
    assert preview.errors == []
    assert [(a.number, a.title, a.codes, a.schedule_text) for a in preview.activities] == [
        (1, "Demokratiebericht", ["IntB"], "März 2021"),
        (2, "Wohnraumprojekt", ["IntB", "Int1"], "ganzjährig"),
    ]


def test_importing_twice_is_refused(district_a):
    run(district_a)

    error = refused(district_a, TEXT)

    assert "2021" in error.messages[0]
    [problem] = analyse(district_a).plan_errors
    assert problem.message == _(
        "There is already a work plan for %(year)s with %(content)s. The import does not "
        "change it: import into another year, or remove its activities and tasks first."
    ) % {"year": 2021, "content": importer._content(activities=21, tasks=10)}


def test_empty_draft_is_filled(district_a):
    draft = factories.plan(district_a, 2021)

    run(district_a)

    with scope(district=district_a):
        plan = WorkPlan.objects.get(district=district_a, year=2021)
        assert plan.pk == draft.pk
        assert plan.activities.count() == 21
        assert plan.paper_number == "1221/V"


LETTER = """Sehr geehrte Damen und Herren,

vielen Dank für Ihre Anfrage vom 3. Mai. Wir melden uns in Kürze.

Mit freundlichen Grüßen
Anna Müller"""
CSV = "Gremium,Leitung\nIntegrationsbeirat,IntB\nAG Arbeit,Int1\n"


@pytest.mark.parametrize("text", [LETTER, CSV, "<i>Gremium</i>\t<i>Leitung (L)/ Teilnahme</i>"])
def test_a_text_that_is_no_plan_is_refused(district_a, text):
    with pytest.raises(ValidationError) as error:
        analyse(district_a, text)
    assert error.value.code == "not_a_plan"
    assert refused(district_a, text).code == "not_a_plan"


def test_unknown_position_codes_are_created(district_a):
    for code in ("IntB", "Int1", "Int2"):
        position(district_a, code)
    text = TEXT.replace(
        "\tInt1, Int2\tganzjährig (insbes. I. Quartal 2021)",
        "\tInt1, Int3\tganzjährig (insbes. I. Quartal 2021)",
    )
    text = text.replace("Lenkungsgruppe Roma\tIntB", "Lenkungsgruppe Roma\tInt3 (L)")

    preview = analyse(district_a, text)

    assert preview.errors == []
    [new] = preview.new_positions
    assert new.position.code == "Int3"
    assert new.lines == sorted([line_of(text, "Lenkungsgruppe Roma"), line_of(text, "5\t")])
    [row] = [a for a in preview.activities if a.number == 5]
    assert row.new_codes == ["Int3"]

    run(district_a, text)

    with scope(district=district_a):
        created = Position.objects.get(district=district_a, code="Int3")
        assert created.title == "Int3"
        assert (
            created.sort_order > Position.objects.get(district=district_a, code="Int2").sort_order
        )
        roma = Participation.objects.get(body__name="Lenkungsgruppe Roma")
        assert (roma.position, roma.role) == (created, Participation.Role.LEAD)
        activity = Activity.objects.get(plan__year=2021, number=5)
        assert {p.code for p in activity.positions.all()} == {"Int1", "Int3"}


def test_a_number_used_twice_is_refused_with_its_line(district_a):
    text = TEXT.replace(
        "\n2\tTeilnahme an der Online-Fachtagung", "\n1\tTeilnahme an der Online-Fachtagung"
    )
    line = line_of(text, "1\tTeilnahme an der Online-Fachtagung")

    [problem] = analyse(district_a, text).errors

    assert problem.line == line
    assert problem.message == _("Number %(number)s is already used in line %(line)s.") % {
        "number": 1,
        "line": line - 1,
    }
    error = refused(district_a, text)
    assert (
        _("Line %(line)s: %(message)s") % {"line": line, "message": problem.message}
        in (error.messages[0])
    )


def test_a_schedule_outside_the_year_is_refused_with_its_line(district_a):
    text = TEXT.replace("\tIntB\t06.01.2021", "\tIntB\t06.01.2019")

    [problem] = analyse(district_a, text).errors

    assert problem.line == line_of(text, "1\tLeitung der LAG-Sitzung")
    assert "06.01.2019" in problem.message
    refused(district_a, text)


@pytest.mark.parametrize(
    ("cell", "fragment"),
    [("", "The line names no responsible position."), ("Herr Müller", "Herr Müller")],
)
def test_an_activity_without_positions_is_refused(district_a, cell, fragment):
    fragment = _(fragment)
    text = TEXT.replace("\tIntB\t19.05.2021", f"\t{cell}\t19.05.2021")
    [problem] = analyse(district_a, text).errors
    assert problem.line == line_of(text, "6\t")
    assert fragment in problem.message
    refused(district_a, text)


def test_a_schedule_not_understood_is_flagged_and_kept(district_a):
    text = TEXT.replace("\tMärz 2021\n", "\twenn die Förderung bewilligt ist\n")

    preview = analyse(district_a, text)

    assert preview.errors == []
    [flag] = preview.flags
    assert flag.line == line_of(text, "4\t")
    assert flag.message == _("The schedule is not understood; it is kept as written.")
    run(district_a, text)
    with scope(district=district_a):
        activity = Activity.objects.get(plan__year=2021, number=4)
        assert activity.schedule_text == "wenn die Förderung bewilligt ist"
        assert not activity.schedule_understood


def test_the_document_of_another_year_is_refused(district_a):
    preview = analyse(district_a, TEXT, year=2022)
    assert preview.plan_errors[0].line == line_of(TEXT, "Arbeitsplan des Integrations")
    assert "2021" in preview.plan_errors[0].message
    refused(district_a, TEXT, year=2022)


def test_parts_are_read_tolerantly(district_a):
    text = "\n".join(
        [
            "\ufeffA. Gegenstand der Vorlage: Arbeitsplan 2021",
            "Arbeitsplan des Integrationsbüros für 2021",
            "1. laufende Tätigkeiten",
            "Zu den Aufgaben gehören:",
            "- Geschäftsführung des Beirates",
            "",
            "• Jour fixe der Unterkünfte",
            "Ein Satz, der keine Aufgabe ist.",
        ]
    )
    preview = analyse(district_a, text)
    assert [task.text for task in preview.tasks] == [
        "Geschäftsführung des Beirates",
        "Jour fixe der Unterkünfte",
    ]
    assert preview.document.cover["section_subject"].value == "Arbeitsplan 2021"
    assert preview.document.cover["running_tasks_intro"].value == "Zu den Aufgaben gehören:"
    assert [flag.line for flag in preview.flags if flag.line] == [8]
    assert not preview.adopts


def test_decision_paper_number_and_stray_text(district_a):
    text = "\n".join(
        [
            "Das Bezirksamt hat in seiner Sitzung am 09.02.2021 die BA-Vorlage Nr. 1221/V "
            "beschlossen.",
            "Arbeitsplan für 2021",
            "Steuerungsrunde\tIntB",
            "<i>lfd. Nr.</i>\t<i>Aktivität</i>\t<i>Zuständigkeit</i>\t<i>Terminierung</i>",
            "1\tDemokratiebericht\tIntB\tMärz 2021",
            "",
            "Stand: Februar 2021",
        ]
    )
    preview = analyse(district_a, text)

    assert (preview.paper_number, preview.decision_date) == ("1221/V", datetime.date(2021, 2, 9))
    assert preview.adopts and not preview.submits
    assert [flag.line for flag in preview.flags if flag.line] == [3, 7]
    assert preview.errors == []


# ----------------------------------------------------------------------------- the page


def url(district) -> str:
    return reverse("workplan:import", kwargs={"district": district.slug})


def test_preview_shows_the_counts_and_saves_nothing(client_for, members, district_a):
    client = client_for(members[("a", "staff")])
    assert client.get(url(district_a)).status_code == 200
    before = counts(district_a)

    response = client.post(url(district_a), {"action": "preview", "year": "2021", "text": TEXT})

    assert response.status_code == 200
    page = response.content.decode()
    for singular, plural, count in [
        ("%(counter)s running task", "%(counter)s running tasks", 10),
        ("%(counter)s body will be created", "%(counter)s bodies will be created", 32),
        ("%(counter)s planned activity", "%(counter)s planned activities", 21),
    ]:
        assert escape(ngettext(singular, plural, count) % {"counter": count}) in page
    assert f'name="text" value="{escape(TEXT)}"' in page
    assert 'value="confirm"' in page
    assert counts(district_a) == before


def test_confirm_imports_and_redirects_to_the_plan(client_for, members, district_a):
    user = members[("a", "commissioner")]
    response = client_for(user).post(
        url(district_a), {"action": "confirm", "year": "2021", "text": TEXT}
    )

    assert response.status_code == 302
    assert response.url == reverse(
        "workplan:detail", kwargs={"district": district_a.slug, "year": 2021}
    )
    assert counts(district_a)["Activity"] == 21
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "21" in message
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="workplan.plan.imported", actor=user).exists()


def test_docx_upload_is_previewed_as_text(client_for, members, district_a):
    client = client_for(members[("a", "staff")])
    upload = SimpleUploadedFile("arbeitsplan.docx", docx_of(TEXT))

    response = client.post(url(district_a), {"action": "preview", "year": "2021", "file": upload})

    assert response.status_code == 200
    assert escape("Leitung der LAG-Sitzung der bezirklichen Integrationsbeauftragten") in (
        response.content.decode()
    )
    assert counts(district_a)["WorkPlan"] == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"file": SimpleUploadedFile("plan.docx", b"PK\x03\x04 broken archive")},
            "The file is not a Word document (DOCX). Save it as “Word document (*.docx)” "
            "or paste the table as text.",
        ),
        (
            {"file": SimpleUploadedFile("plan.pdf", b"%PDF-1.7\n\xff\xfe\x00\x81")},
            "The file is neither UTF-8 text nor a Word document (DOCX).",
        ),
        ({"text": LETTER}, None),
        ({"text": ""}, "Paste the work plan or choose a file."),
    ],
)
def test_bad_input_shows_the_message_and_stores_nothing(
    client_for, members, district_a, data, message
):
    before = counts(district_a)
    response = client_for(members[("a", "staff")]).post(
        url(district_a), {"action": "confirm", "year": "2021", **data}
    )
    assert response.status_code == 200
    if message is None:
        message = importer._not_a_plan().messages[0]
    assert escape(_(message)) in response.content.decode()
    assert counts(district_a) == before


def test_confirm_with_problems_imports_nothing(client_for, members, district_a):
    text = TEXT.replace("\tIntB\t06.01.2021", "\tIntB\t06.01.2019")
    before = counts(district_a)
    response = client_for(members[("a", "staff")]).post(
        url(district_a), {"action": "confirm", "year": "2021", "text": text}
    )
    assert response.status_code == 200
    assert 'value="confirm"' not in response.content.decode()
    assert counts(district_a) == before


def test_assistant_may_not_import(client_for, members, district_a):
    client = client_for(members[("a", "assistant")])
    assert client.get(url(district_a)).status_code == 403
    data = {"action": "confirm", "year": "2021", "text": TEXT}
    assert client.post(url(district_a), data).status_code == 403
    assert counts(district_a)["WorkPlan"] == 0


def test_other_district_gets_404(client_for, members, district_a, district_b):
    outsider = client_for(members[("b", "commissioner")])
    assert outsider.get(url(district_a)).status_code == 404
    data = {"action": "confirm", "year": "2021", "text": TEXT}
    assert outsider.post(url(district_a), data).status_code == 404
    assert counts(district_a)["WorkPlan"] == counts(district_b)["WorkPlan"] == 0


# ----------------------------------------------------------------------------- the command


def command(*args, **options) -> str:
    out = io.StringIO()
    call_command("import_workplan", *args, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def test_command_dry_run_saves_nothing(district_a):
    before = counts(district_a)
    output = command(str(DATA), district=district_a.slug, year=2021, dry_run=True)
    assert _("Dry run: nothing was saved.") in output
    assert counts(district_a) == before


def test_command_imports_text_with_bom_and_docx(district_a, district_b, tmp_path):
    text_file = tmp_path / "plan.txt"
    text_file.write_text(TEXT, encoding="utf-8-sig")
    word_file = tmp_path / "plan.bin"
    word_file.write_bytes(docx_of(TEXT))

    command(str(text_file), district=district_a.slug, year=2021)
    command(str(word_file), district=district_b.slug, year=2021)

    assert stored(district_a) == stored(district_b)
    assert counts(district_a)["Activity"] == 21


def test_command_refuses_bad_input(district_a, tmp_path):
    broken = tmp_path / "plan.txt"
    broken.write_text(TEXT.replace("\tIntB\t06.01.2021", "\tIntB\t06.01.2019"), encoding="utf-8")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Gremium\tLeitung\nBündnis\tIntB".encode("latin-1"))
    before = counts(district_a)

    no_district = _("There is no district “%(slug)s”.") % {"slug": "atlantis"}
    with pytest.raises(CommandError, match=re.escape(no_district)):
        command(str(DATA), district="atlantis", year=2021)
    with pytest.raises(CommandError):
        command(str(broken), district=district_a.slug, year=2021)
    not_text = _("The file is neither UTF-8 text nor a Word document (DOCX).")
    with pytest.raises(CommandError, match=re.escape(not_text)):
        command(str(latin), district=district_a.slug, year=2021)
    with pytest.raises(CommandError):
        command(str(tmp_path / "missing.txt"), district=district_a.slug, year=2021)

    assert counts(district_a) == before


def test_a_text_file_is_read_like_pasted_text(client_for, members, district_a):
    upload = SimpleUploadedFile("arbeitsplan.txt", ("\ufeff" + TEXT).encode())
    response = client_for(members[("a", "staff")]).post(
        url(district_a), {"action": "preview", "year": "2021", "file": upload}
    )
    assert response.status_code == 200
    preview = response.context["preview"]
    assert len(preview.activities) == 21 and not preview.errors
    assert counts(district_a)["WorkPlan"] == 0
