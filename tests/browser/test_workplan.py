"""The work plan in the browser: the pages only a form's answer or a second width shows
(one <h1>, no sideways scrolling, no axe-core WCAG 2.1 A/AA violation at 375 and 1280
pixels, screenshots of both), and a commissioner's way through a year's plan.

The plain pages are in test_pages.py's list. Both tests use the demo: an adopted plan
for this year, the imported plan of 2021 and a draft for next year."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import Locator, Page, expect

from teilhabe.workplan.demo import PLAN_2021
from teilhabe.workplan.models import Activity, WorkPlan

from .conftest import COMMISSIONER, DISTRICT, NARROW, WIDE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAN = f"/{DISTRICT}/arbeitsplan"
YEAR = timezone.localdate().year
NEXT = YEAR + 1
NEW_ACTIVITY = "Fachtag Mehrsprachigkeit in der Verwaltung"
NOTE = "Raum im Rathaus Hellersdorf reserviert; Einladungen gehen Ende des Monats raus."


def submit(page: Page) -> None:
    page.locator("main form button[type=submit].primary").first.click()
    page.wait_for_load_state("load")


def box(locator: Locator) -> dict[str, float]:
    """Left and right edge of the first element found, in pixels."""
    return locator.first.evaluate(
        "el => { const r = el.getBoundingClientRect(); return {left: r.left, right: r.right}; }"
    )


def assert_chart_is_aligned(page: Page) -> None:
    """The bars sit under their quarter's heading and today's line in this month."""
    quarters = [box(page.locator(".gantt-quarters > span").nth(q)) for q in range(4)]
    tracks = page.locator(".gantt-track")
    track = box(tracks)
    assert abs(quarters[0]["left"] - track["left"]) < 1.5
    assert abs(quarters[3]["right"] - track["right"]) < 1.5
    # Activity 11 of the demo: "IV. Quartal"; activity 10: 04.–24.09. (in the III. quarter).
    fourth = box(tracks.nth(10).locator(".gantt-bar"))
    assert abs(fourth["left"] - quarters[3]["left"]) < 1.5
    assert abs(fourth["right"] - quarters[3]["right"]) < 1.5
    september = box(tracks.nth(9).locator(".gantt-bar"))
    assert quarters[2]["left"] - 1 <= september["left"] < september["right"]
    assert september["right"] <= quarters[2]["right"] + 1
    month = (track["right"] - track["left"]) / 12
    today = timezone.localdate()
    line = box(page.locator(".gantt-today"))
    start = track["left"] + (today.month - 1) * month
    assert start - 1 <= line["left"] <= start + month, "today's line is not in this month"


def test_workplan_answers_and_the_timeline(work_plans, sign_in, check_page):
    """A plan for a year that has one already is refused; the timeline draws its chart on
    wide screens and shows the table on phones."""
    page = sign_in(COMMISSIONER)
    page.goto(f"{PLAN}/neu/")
    page.locator("input[name=year]").fill(str(YEAR))
    submit(page)
    expect(page.locator("input[name=year]")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".error-summary a[href='#id_year']")).to_be_visible()
    check_page(page, "workplan-create-error")

    page.goto(f"{PLAN}/{YEAR}/zeitleiste/")
    chart, table = page.locator(".gantt-figure"), page.locator("table.quarters")
    expect(chart).to_be_visible()
    expect(page.locator(".gantt-track")).to_have_count(14)
    assert_chart_is_aligned(page)
    page.set_viewport_size(NARROW)
    expect(chart).to_be_hidden()
    expect(table).to_be_visible()
    page.set_viewport_size(WIDE)
    check_page(page, "workplan-timeline")

    # The import's preview of a plan for a year without one: every part, nothing saved yet.
    page.goto(f"{PLAN}/import/")
    page.locator("input[name=year]").fill(str(YEAR + 3))
    text = PLAN_2021.read_text(encoding="utf-8").replace("2021", str(YEAR + 3))
    page.locator("textarea[name=text]").fill(text)
    page.locator("button[value=preview]").click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("Leitung der LAG-Sitzung")
    check_page(page, "workplan-import-preview")
    with scopes_disabled():
        assert not WorkPlan.objects.filter(year=YEAR + 3).exists()


def test_a_commissioner_plans_notes_and_downloads_the_paper(work_plans, sign_in, check_page):
    """Add an activity to next year's draft (first with a position that does not exist),
    find it in the timeline's II. quarter, note progress on this year's plan and download
    the paper for the BVV."""
    page = sign_in(COMMISSIONER)
    page.goto(f"{PLAN}/{NEXT}/")
    expect(page.locator("#activities table")).to_have_count(0)
    page.locator(f"main a[href$='/arbeitsplan/{NEXT}/vorhaben/neu/']").click()

    # By keyboard: the number stays empty (the next free one), then position codes,
    # title and schedule, and Enter saves.
    page.locator("input[name=number]").focus()
    page.keyboard.press("Tab")
    page.keyboard.type("IntB, Int9")
    page.keyboard.press("Tab")
    page.keyboard.type(NEW_ACTIVITY)
    page.keyboard.press("Tab")
    page.keyboard.type("II. Quartal")
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    codes = page.locator("input[name=codes]")
    expect(codes).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".error-summary")).to_contain_text("Int9")
    expect(page.locator("textarea[name=title]")).to_have_value(NEW_ACTIVITY)
    check_page(page, "workplan-activity-form-error")

    # The error summary's link leads to the field.
    page.locator(".error-summary a[href='#id_codes']").click()
    expect(codes).to_be_focused()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("IntB, Int1")
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("h1")).to_contain_text(NEW_ACTIVITY)

    page.locator(f"main .breadcrumb a[href*='/arbeitsplan/{NEXT}/']").click()
    row = page.locator("#activities tbody tr", has_text=NEW_ACTIVITY)
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(1)).to_have_text("IntB, Int1")
    expect(row.locator("td").nth(2)).to_have_text("II. Quartal")

    page.locator(f"main a[href$='/arbeitsplan/{NEXT}/zeitleiste/']").click()
    row = page.locator("table.quarters tbody tr", has_text=NEW_ACTIVITY)
    marks = row.locator("td.mark")
    expect(marks).to_have_count(4)
    for quarter, scheduled in enumerate((False, True, False, False)):
        mark = r"\bperiod\b" if scheduled else r"\bnone\b"
        expect(marks.nth(quarter)).to_have_class(re.compile(mark))

    # Progress on this year's plan: the workshop after the renovation is under way.
    page.goto(f"{PLAN}/{YEAR}/vorhaben/14/")
    form = page.locator("main form", has=page.locator("select[name=status]"))
    form.locator("select[name=status]").select_option(Activity.Status.IN_PROGRESS.value)
    form.locator("textarea[name=text]").fill(NOTE)
    form.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("dl.facts .badge.status-in_progress")).to_be_visible()
    expect(page.locator("#progress-heading + ol.timeline li").last).to_contain_text(NOTE)

    # The paper for the BVV, as a Word file.
    page.goto(f"{PLAN}/{YEAR}/")
    with page.expect_download() as download_info:
        page.locator("main .documents a[href$='/vorlage.docx']").click()
    content = Path(download_info.value.path()).read_bytes()
    assert content.startswith(b"PK")
    assert len(content) > 5_000

    with scopes_disabled():
        added = Activity.objects.get(plan__district__slug=DISTRICT, plan__year=NEXT)
        assert added.title == NEW_ACTIVITY
        assert sorted(p.code for p in added.positions.all()) == ["Int1", "IntB"]
        noted = Activity.objects.get(plan__district__slug=DISTRICT, plan__year=YEAR, number=14)
        assert noted.status == Activity.Status.IN_PROGRESS
        assert noted.notes.get(text=NOTE)
