"""Staff pages of the work plan: plans, texts, decision, running tasks, activities,
progress, changes after adoption, the timeline, the dashboard and the papers."""

from __future__ import annotations

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from teilhabe.committees.tests.factories import body as make_body
from teilhabe.committees.tests.factories import participate, position
from teilhabe.core.models import AuditEntry
from teilhabe.workplan import services
from teilhabe.workplan.models import Activity, ActivityNote, PlanChange, RunningTask, WorkPlan

from . import factories

pytestmark = pytest.mark.django_db


def url(district, name: str, **kwargs) -> str:
    return reverse(f"workplan:{name}", kwargs={"district": district.slug, **kwargs})


def activity_post(**overrides) -> dict:
    data = {
        "number": "",
        "title": "Ausrichtung der Interkulturellen Tage",
        "codes": "IntB",
        "schedule_text": "04.-24.09.2026",
        "body": "",
        "focus_area": "diversity",
    }
    data.update(overrides)
    return data


@pytest.fixture
def plan_a(district_a):
    for order, code in enumerate(("IntB", "Int1", "Int2")):
        found = position(district_a, code)
        with scope(district=district_a):
            type(found).objects.filter(pk=found.pk).update(sort_order=order)
    return factories.plan(district_a, 2026)


def adopt(plan: WorkPlan) -> WorkPlan:
    with scope(district=plan.district):
        return services.plan_adopt(
            plan=plan,
            actor=None,  # type: ignore[arg-type]
            decision_date=datetime.date(2026, 2, 9),
            paper_number="1221/V",
            freeze_gremien=True,
            expected_version=plan.version,
        )


# ----------------------------------------------------------------------------- plans


def test_create_a_plan_with_default_texts_that_cite_the_law(client_for, staff_a, district_a):
    response = client_for(staff_a).post(url(district_a, "create"), {"year": "2027"})
    assert response.status_code == 302
    with scope(district=district_a):
        plan = WorkPlan.objects.get(year=2027)
    assert plan.status == WorkPlan.Status.DRAFT
    assert "§ 15, § 36" in plan.section_legal_basis
    assert plan.title.endswith("Marzahn-Hellersdorf für 2027")
    page = client_for(staff_a).get(response["Location"]).content.decode()
    assert plan.title in page


def test_a_second_plan_for_the_same_year_is_refused(client_for, staff_a, district_a, plan_a):
    response = client_for(staff_a).post(url(district_a, "create"), {"year": "2026"})
    assert response.status_code == 200
    assert response.context["form"].errors["year"]
    with scope(district=district_a):
        assert WorkPlan.objects.count() == 1


def test_a_new_plan_takes_over_last_years_running_tasks(client_for, staff_a, district_a, plan_a):
    factories.running_task(plan_a, "Geschäftsführung des Integrationsbeirates")
    response = client_for(staff_a).post(
        url(district_a, "create"), {"year": "2027", "copy_from": str(plan_a.pk)}
    )
    assert response.status_code == 302
    with scope(district=district_a):
        tasks = list(RunningTask.objects.filter(plan__year=2027).values_list("text", flat=True))
    assert tasks == ["Geschäftsführung des Integrationsbeirates"]


def test_the_plan_page_shows_its_three_parts(client_for, staff_a, district_a, plan_a):
    factories.running_task(plan_a, "Beantwortung von Anfragen aus der BVV")
    board = make_body(district_a, name="Integrationsbeirat")
    participate(board, "IntB", "lead")
    participate(board, "Int1", "participant")
    factories.activity(plan_a, "Bundeskonferenz der Integrationsbeauftragten", "II. Quartal")
    page = client_for(staff_a).get(url(district_a, "detail", year=2026)).content.decode()
    assert "Beantwortung von Anfragen aus der BVV" in page
    assert "Integrationsbeirat" in page and "IntB (L), Int1" in page
    assert "Bundeskonferenz der Integrationsbeauftragten" in page and "II. Quartal" in page


def test_texts_of_sections_a_to_g_are_edited_and_a_stale_edit_is_refused(
    client_for, staff_a, commissioner_a, district_a, plan_a
):
    from teilhabe.workplan.forms import PlanForm

    with scope(district=district_a):
        form = PlanForm(instance=plan_a)
        post = {name: form[name].value() or "" for name in form.fields}
    post.update(section_budget="Keine Auswirkungen auf den Haushalt.", version="1")
    first = client_for(staff_a).post(url(district_a, "edit", year=2026), post)
    assert first.status_code == 302
    post.update(section_budget="Mittel aus dem Integrationsfonds.")
    second = client_for(commissioner_a).post(url(district_a, "edit", year=2026), post)
    assert second.status_code == 200
    assert "Mittel aus dem Integrationsfonds." in second.content.decode()  # input kept
    plan_a.refresh_from_db()
    assert plan_a.section_budget == "Keine Auswirkungen auf den Haushalt."


def test_adoption_records_the_decision_and_freezes_the_bodies_table(
    client_for, staff_a, district_a, plan_a
):
    board = make_body(district_a, name="Integrationsbeirat")
    participate(board, "IntB", "lead")
    post = {
        "step": "adopt",
        "adopt-decision_date": "2026-02-09",
        "adopt-paper_number": "1221/V",
        "adopt-freeze_gremien": "on",
        "adopt-version": "1",
    }
    response = client_for(staff_a).post(url(district_a, "status", year=2026), post)
    assert response.status_code == 302
    plan_a.refresh_from_db()
    assert plan_a.status == WorkPlan.Status.ADOPTED and plan_a.paper_number == "1221/V"
    assert plan_a.gremien_snapshot == [
        {
            "body": "Integrationsbeirat",
            "body_id": board.pk,
            "positions": "IntB (L)",
            "level": "district",
        }
    ]
    # A body joined later stays out of the adopted table until it is drawn live again.
    participate(make_body(district_a, name="AG Arbeit"), "Int1", "participant")
    page = client_for(staff_a).get(url(district_a, "detail", year=2026)).content.decode()
    assert "AG Arbeit" not in page
    # The adopted table stays: drawing it live again is refused, twice freezing changes nothing.
    client_for(staff_a).post(url(district_a, "gremien", year=2026), {"action": "live"})
    client_for(staff_a).post(url(district_a, "gremien", year=2026), {"action": "freeze"})
    plan_a.refresh_from_db()
    assert [row["body"] for row in plan_a.gremien_snapshot] == ["Integrationsbeirat"]


def test_a_draft_draws_its_bodies_table_live_again(client_for, staff_a, district_a, plan_a):
    participate(make_body(district_a, name="Integrationsbeirat"), "IntB", "lead")
    client_for(staff_a).post(url(district_a, "gremien", year=2026), {"action": "freeze"})
    participate(make_body(district_a, name="AG Arbeit"), "Int1", "participant")
    page = client_for(staff_a).get(url(district_a, "detail", year=2026)).content.decode()
    assert "AG Arbeit" not in page
    client_for(staff_a).post(url(district_a, "gremien", year=2026), {"action": "live"})
    page = client_for(staff_a).get(url(district_a, "detail", year=2026)).content.decode()
    assert "AG Arbeit" in page


def test_submission_before_adoption_is_refused(client_for, staff_a, district_a, plan_a):
    post = {"step": "submit", "submit-session_date": "2026-02-25", "submit-version": "1"}
    response = client_for(staff_a).post(url(district_a, "status", year=2026), post)
    assert response.status_code == 200
    plan_a.refresh_from_db()
    assert plan_a.status == WorkPlan.Status.DRAFT and plan_a.bvv_session_date is None


# ----------------------------------------------------------------------------- running tasks


def test_running_tasks_are_added_moved_and_removed(client_for, staff_a, district_a, plan_a):
    client = client_for(staff_a)
    for text in ("Erste Aufgabe", "Zweite Aufgabe", "Dritte Aufgabe"):
        assert (
            client.post(url(district_a, "task_add", year=2026), {"text": text}).status_code == 302
        )
    with scope(district=district_a):
        third = RunningTask.objects.get(text="Dritte Aufgabe")
        first = RunningTask.objects.get(text="Erste Aufgabe")
    client.post(url(district_a, "task_move", running_task=third.pk), {"richtung": "hoch"})
    assert client.get(url(district_a, "task_delete", running_task=first.pk)).status_code == 200
    client.post(url(district_a, "task_delete", running_task=first.pk))
    with scope(district=district_a):
        texts = list(plan_a.running_tasks.order_by("order").values_list("text", "order"))
    assert texts == [("Dritte Aufgabe", 1), ("Zweite Aufgabe", 2)]
    assert client.get(url(district_a, "task_move", running_task=third.pk)).status_code == 405


def test_running_task_changes_after_adoption_need_a_reason(client_for, staff_a, district_a, plan_a):
    task = factories.running_task(plan_a, "Geschäftsführung des Integrationsbeirates")
    adopt(plan_a)
    client = client_for(staff_a)
    delete = url(district_a, "task_delete", running_task=task.pk)
    assert client.post(delete, {"reason": ""}).status_code == 200
    assert client.post(url(district_a, "task_add", year=2026), {"text": "Neu"}).status_code == 400
    with scope(district=district_a):
        assert RunningTask.objects.count() == 1 and not PlanChange.objects.exists()
    assert client.post(delete, {"reason": "Geht an die neue Geschäftsstelle."}).status_code == 302
    with scope(district=district_a):
        change = PlanChange.objects.get()
        assert not RunningTask.objects.exists()
    assert change.kind == PlanChange.Kind.TASK_REMOVED
    assert change.activity_label == "Geschäftsführung des Integrationsbeirates"


def test_an_empty_running_task_is_refused(client_for, staff_a, district_a, plan_a):
    response = client_for(staff_a).post(url(district_a, "task_add", year=2026), {"text": "  "})
    assert response.status_code == 400
    with scope(district=district_a):
        assert not RunningTask.objects.exists()


# ----------------------------------------------------------------------------- activities


def test_an_activity_is_added_with_its_schedule_understood(client_for, staff_a, district_a, plan_a):
    post = activity_post(codes="IntB, int1", schedule_text="ganzjährig (insbes. I. Quartal 2026)")
    response = client_for(staff_a).post(url(district_a, "activity_create", year=2026), post)
    assert response.status_code == 302
    with scope(district=district_a):
        activity = Activity.objects.get()
        codes = [p.code for p in activity.positions.order_by("code")]
    assert activity.number == 1 and codes == ["Int1", "IntB"]
    assert activity.schedule_text == "ganzjährig (insbes. I. Quartal 2026)"
    assert (activity.schedule_start, activity.schedule_end) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 12, 31),
    )
    assert (activity.focus_start, activity.focus_end) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 3, 31),
    )


@pytest.mark.parametrize(
    ("overrides", "field", "fragment"),
    [
        ({"codes": "IntB, Int9"}, "codes", "„Int9“"),
        ({"schedule_text": "II. Quartal 2027"}, "schedule_text", "2026"),
        ({"number": "1"}, "number", "1"),
    ],
    ids=["unknown position", "outside the year", "number twice"],
)
def test_bad_activity_input_gets_a_message_and_changes_nothing(
    client_for, staff_a, district_a, plan_a, overrides, field, fragment
):
    factories.activity(plan_a, "Bestehendes Vorhaben", "März 2026")
    post = activity_post(**overrides)
    response = client_for(staff_a).post(url(district_a, "activity_create", year=2026), post)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and fragment in " ".join(errors[field])
    assert "Ausrichtung der Interkulturellen Tage" in response.content.decode()  # input kept
    with scope(district=district_a):
        assert Activity.objects.count() == 1


def test_a_schedule_not_understood_is_kept_verbatim_and_flagged(
    client_for, staff_a, district_a, plan_a
):
    post = activity_post(schedule_text="nach Abschluss der Bauarbeiten")
    response = client_for(staff_a).post(url(district_a, "activity_create", year=2026), post)
    assert response.status_code == 302
    with scope(district=district_a):
        activity = Activity.objects.get()
    assert activity.schedule_text == "nach Abschluss der Bauarbeiten"
    assert activity.schedule_start is None and not activity.schedule_understood
    page = client_for(staff_a).get(url(district_a, "detail", year=2026)).content.decode()
    assert "nach Abschluss der Bauarbeiten" in page
    assert 'class="notice"' in page


def test_changes_after_adoption_need_a_reason_and_are_recorded(
    client_for, staff_a, district_a, plan_a
):
    activity = factories.activity(
        plan_a, "Fertigstellung des Integrationsberichts", "II. Quartal 2026"
    )
    adopt(plan_a)
    edit = url(district_a, "activity_edit", year=2026, number=activity.number)
    post = activity_post(
        number="1", title=activity.title, schedule_text="III. Quartal 2026", version="1"
    )
    refused = client_for(staff_a).post(edit, post)
    assert refused.status_code == 200 and "reason" in refused.context["form"].errors
    activity.refresh_from_db()
    assert activity.schedule_text == "II. Quartal 2026"
    post["reason"] = "Die Daten des Monitorings kommen später."
    assert client_for(staff_a).post(edit, post).status_code == 302
    with scope(district=district_a):
        change = PlanChange.objects.get()
    assert change.kind == PlanChange.Kind.CHANGED
    assert "Terminierung: III. Quartal 2026 (vorher: II. Quartal 2026)" in change.summary
    assert change.reason == "Die Daten des Monitorings kommen später."
    page = client_for(staff_a).get(url(district_a, "detail", year=2026)).content.decode()
    assert "Die Daten des Monitorings kommen später." in page


def test_progress_notes_set_the_status_and_postponing_counts_as_a_change(
    client_for, members, district_a, plan_a
):
    assistant = members[("a", "assistant")]
    activity = factories.activity(plan_a, "Teilnahme an der Bundeskonferenz", "II. Quartal 2026")
    adopt(plan_a)
    progress = url(district_a, "activity_progress", year=2026, number=activity.number)
    post = {
        "date": "2026-05-04",
        "status": "postponed",
        "text": "Die Konferenz wurde auf den Herbst verlegt.",
        "activity": str(activity.pk),
        "version": "1",
    }
    # Postponing changes the adopted plan: not the assistant's call.
    assert client_for(assistant).post(progress, post).status_code == 400
    activity.refresh_from_db()
    assert activity.status == Activity.Status.PLANNED
    assert client_for(members[("a", "staff")]).post(progress, post).status_code == 302
    activity.refresh_from_db()
    assert activity.status == Activity.Status.POSTPONED
    with scope(district=district_a):
        note = ActivityNote.objects.get()
        change = PlanChange.objects.get()
    assert note.status == "postponed" and note.date == datetime.date(2026, 5, 4)
    assert change.kind == PlanChange.Kind.POSTPONED and "Herbst" in change.reason
    assert change.date == datetime.date(2026, 5, 4)  # the day of the note, not of typing it


def test_two_notes_on_a_stale_status_keep_the_second_text(
    client_for, staff_a, members, district_a, plan_a
):
    activity = factories.activity(plan_a, "Bedarfsanalyse", "ganzjährig")
    progress = url(district_a, "activity_progress", year=2026, number=activity.number)
    first = {
        "date": "2026-03-01",
        "status": "in_progress",
        "text": "Begonnen.",
        "activity": str(activity.pk),
        "version": "1",
    }
    assert client_for(staff_a).post(progress, first).status_code == 302
    second = {**first, "date": "2026-03-02", "status": "done", "text": "Fertig, Bericht liegt vor."}
    response = client_for(members[("a", "commissioner")]).post(progress, second)
    assert response.status_code == 400
    assert "Fertig, Bericht liegt vor." in response.content.decode()
    activity.refresh_from_db()
    assert activity.status == Activity.Status.IN_PROGRESS
    with scope(district=district_a):
        assert ActivityNote.objects.count() == 1


def test_a_note_dated_in_the_future_is_refused(client_for, staff_a, district_a, plan_a):
    activity = factories.activity(plan_a, "Bedarfsanalyse", "ganzjährig")
    progress = url(district_a, "activity_progress", year=2026, number=activity.number)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    post = {
        "date": tomorrow.isoformat(),
        "status": "planned",
        "text": "x",
        "activity": str(activity.pk),
        "version": "1",
    }
    response = client_for(staff_a).post(progress, post)
    assert "date" in response.context["form"].errors
    assert client_for(staff_a).post(progress, post).status_code == 400
    with scope(district=district_a):
        assert not ActivityNote.objects.exists()


def test_removing_an_activity_of_an_adopted_plan_keeps_the_reason(
    client_for, staff_a, district_a, plan_a
):
    activity = factories.activity(plan_a, "Irrtümlich eingetragen", "März 2026")
    adopt(plan_a)
    delete = url(district_a, "activity_delete", year=2026, number=activity.number)
    post = {"reason": "", "activity": str(activity.pk), "version": "1"}
    assert client_for(staff_a).post(delete, post).status_code == 200
    post["reason"] = "Doppelt erfasst."
    assert client_for(staff_a).post(delete, post).status_code == 302
    with scope(district=district_a):
        assert not Activity.objects.exists()
        change = PlanChange.objects.get()
    assert change.kind == PlanChange.Kind.REMOVED and change.activity_label.startswith(
        "1. Irrtümlich"
    )


def test_a_renumbered_activity_is_not_mixed_up(client_for, staff_a, district_a, plan_a):
    alpha = factories.activity(plan_a, "Alpha", "März 2026")
    beta = factories.activity(plan_a, "Beta", "April 2026")
    # Beta's pages were opened as number 2; meanwhile Beta became 3 and Alpha 2.
    with scope(district=district_a):
        Activity.objects.filter(pk=beta.pk).update(number=3)
        Activity.objects.filter(pk=alpha.pk).update(number=2)
    client = client_for(staff_a)
    delete = {"reason": "", "activity": str(beta.pk), "version": "1"}
    response = client.post(url(district_a, "activity_delete", year=2026, number=2), delete)
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    note = {**delete, "date": "2026-03-01", "status": "done", "text": "Erledigt."}
    response = client.post(url(district_a, "activity_progress", year=2026, number=2), note)
    assert response.status_code == 400
    with scope(district=district_a):
        assert Activity.objects.count() == 2 and not ActivityNote.objects.exists()
        assert Activity.objects.get(pk=alpha.pk).status == Activity.Status.PLANNED


def test_the_assistant_reads_and_notes_but_does_not_change_the_plan(
    client_for, members, district_a, plan_a
):
    assistant = client_for(members[("a", "assistant")])
    assert assistant.get(url(district_a, "detail", year=2026)).status_code == 200
    assert assistant.get(url(district_a, "activity_create", year=2026)).status_code == 403
    assert assistant.get(url(district_a, "edit", year=2026)).status_code == 403
    paper = url(district_a, "document", year=2026, paper="vorlage", fmt="docx")
    assert assistant.get(paper).status_code == 403


def test_another_districts_plan_is_not_found(client_for, members, district_a, district_b, plan_a):
    factories.activity(plan_a, "Vorhaben in A", "März 2026")
    other = client_for(members[("b", "commissioner")])
    assert other.get(url(district_b, "detail", year=2026)).status_code == 404
    assert other.get(url(district_b, "activity", year=2026, number=1)).status_code == 404
    assert other.get(url(district_a, "detail", year=2026)).status_code == 404


# ----------------------------------------------------------------------------- timeline, dashboard


def test_the_timeline_marks_quarters_and_the_main_time(client_for, staff_a, district_a, plan_a):
    factories.activity(plan_a, "Ganzjährig mit Schwerpunkt", "ganzjährig (insbes. I. Quartal 2026)")
    factories.activity(plan_a, "Interkulturelle Tage", "04.-24.09.2026")
    factories.activity(plan_a, "Unklar", "irgendwann")
    response = client_for(staff_a).get(url(district_a, "timeline", year=2026))
    rows = {row.activity.title: row for row in response.context["rows"]}
    assert rows["Ganzjährig mit Schwerpunkt"].quarters == ["focus", "period", "period", "period"]
    assert rows["Interkulturelle Tage"].quarters == ["", "", "period", ""]
    assert rows["Interkulturelle Tage"].spans == [(9, 1, "period")]
    assert rows["Unklar"].quarters == ["", "", "", ""]


def test_the_dashboard_shows_what_is_due_this_quarter_and_overdue(
    client_for, staff_a, district_a, plan_a, monkeypatch
):
    today = datetime.date(2026, 5, 10)
    monkeypatch.setattr(timezone, "localdate", lambda *args: today)
    factories.activity(plan_a, "Im zweiten Quartal fällig", "II. Quartal 2026")
    factories.activity(plan_a, "Im März fällig gewesen", "März 2026")
    factories.activity(plan_a, "Erst im Herbst", "IV. Quartal 2026")
    factories.activity(plan_a, "Ganzjährig ohne Schwerpunkt", "ganzjährig")
    done = factories.activity(plan_a, "Schon erledigt", "Februar 2026")
    # What an old plan left open is history, not due work.
    factories.activity(factories.plan(district_a, 2024), "Aus dem Plan 2024", "März 2024")
    with scope(district=district_a):
        Activity.objects.filter(pk=done.pk).update(status=Activity.Status.DONE)
    response = client_for(staff_a).get(
        reverse("districts:dashboard", kwargs={"district": district_a.slug})
    )
    due = [a.title for a in response.context["plan_due"]]
    late = [a.title for a in response.context["plan_overdue"]]
    assert due == ["Im zweiten Quartal fällig"]
    assert late == ["Im März fällig gewesen"]


# ----------------------------------------------------------------------------- papers


@pytest.mark.parametrize(
    ("paper", "fmt", "magic"), [("vorlage", "docx", b"PK"), ("bericht", "pdf", b"%PDF")]
)
def test_papers_download_and_are_audited(
    client_for, staff_a, district_a, plan_a, paper, fmt, magic
):
    factories.activity(plan_a, "Leitung der LAG-Sitzung", "06.01.2026")
    response = client_for(staff_a).get(url(district_a, "document", year=2026, paper=paper, fmt=fmt))
    assert response.status_code == 200
    assert response.content.startswith(magic)
    assert "attachment" in response["Content-Disposition"]
    with scope(district=district_a):
        assert AuditEntry.objects.filter(action=f"workplan.document.{paper}").exists()
    assert io.BytesIO(response.content).getbuffer().nbytes > 1000


def test_an_unknown_paper_is_not_found(client_for, staff_a, district_a, plan_a):
    response = client_for(staff_a).get(
        url(district_a, "document", year=2026, paper="brief", fmt="pdf")
    )
    assert response.status_code == 404


# ----------------------------------------------------------------------------- query counts


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


def test_plan_pages_cost_the_same_queries_with_more_activities(
    client_for, staff_a, district_a, plan_a
):
    client = client_for(staff_a)
    board = make_body(district_a, name="Integrationsbeirat")
    participate(board, "IntB", "lead")
    activity = factories.activity(plan_a, "Vorhaben 1", "März 2026", ("IntB", "Int1"), body=board)
    pages = [
        url(district_a, "detail", year=2026),
        url(district_a, "timeline", year=2026),
        url(district_a, "activity", year=2026, number=activity.number),
        reverse("districts:dashboard", kwargs={"district": district_a.slug}),
    ]
    client.get(pages[-1])  # the first request of a session saves it
    before = [_queries(client, page) for page in pages]
    for n in range(2, 14):
        factories.activity(
            plan_a, f"Vorhaben {n}", "II. Quartal 2026", ("Int1", "Int2"), body=board
        )
        factories.running_task(plan_a, f"Aufgabe {n}")
        participate(make_body(district_a, name=f"Gremium {n}"), "Int2", "participant")
    with scope(district=district_a):
        for n in range(3):
            services.activity_progress(
                activity=activity,
                actor=None,  # type: ignore[arg-type]
                date=datetime.date(2026, 3, 1 + n),
                text=f"Notiz {n}",
                status="",
                expected_version=activity.version,
            )
    after = [_queries(client, page) for page in pages]
    assert after == before


def test_the_change_log_names_work_plan_actions_in_words(client_for, staff_a, district_a, plan_a):
    from teilhabe.core.audit_display import audit_rows
    from teilhabe.core.selectors import audit_for_district

    factories.running_task(plan_a, "Geschäftsführung des Integrationsbeirates")
    client_for(staff_a).post(url(district_a, "create"), {"year": "2027", "copy_from": plan_a.pk})
    adopt(plan_a)
    with scope(district=district_a):
        rows = audit_rows(audit_for_district(district=district_a)[:10], district=district_a)
    actions = " ".join(row.action for row in rows)
    fields = " ".join(field for row in rows for field, _old, _new in row.changes)
    assert "workplan." not in actions
    assert "copied_from" not in fields and "running_tasks" not in fields
