"""Statistics of the Ombudsstelle: the figures of a crafted year (feedback in time, late
and missing included), only the district's own complaints, anonymised ones still
counted, the year filter, the CSV, the assistant's access and a constant query count."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_scopes import scope

from teilhabe.complaints import services, statistics
from teilhabe.complaints.models import Complaint, Ground
from teilhabe.complaints.statistics import complaint_statistics

from . import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)


def url(district, name: str = "statistics") -> str:
    return reverse(f"complaints:{name}", kwargs={"district": district.slug})


def received(
    district,
    day: datetime.date,
    *,
    categories: tuple[str, ...] = ("language",),
    grounds: tuple[str, ...] = (),
    **data,
) -> Complaint:
    values = {
        "channel": "phone",
        "received_on": day,
        "subject": "Keine Übersetzung im Bürgeramt",
        "description": "Beim Termin gab es keine Möglichkeit zur Verständigung.",
        "name": "Ayşe Yılmaz",
        **data,
    }
    with scope(district=district):
        complaint, _code = services.complaint_create(
            district=district, actor=None, data=values, categories=categories, grounds=grounds
        )
    return complaint


def feedback(district, complaint: Complaint, actor, on: datetime.date) -> None:
    with scope(district=district):
        services.feedback_record(complaint=complaint, actor=actor, method="call", text="", on=on)


def status(district, complaint: Complaint, actor, new: str) -> Complaint:
    with scope(district=district):
        complaint.refresh_from_db()
        return services.status_change(
            complaint=complaint, actor=actor, status=new, expected_version=complaint.version
        )


@pytest.fixture
def year_2026(district_a, district_b, staff_a):
    """Six complaints of A in 2026, one of A in 2025 and one of B in 2026."""
    d = datetime.date
    in_time = received(district_a, d(2026, 1, 10), channel="phone", grounds=("ethnic_origin",))
    feedback(district_a, in_time, staff_a, d(2026, 1, 20))
    on_the_day = received(district_a, d(2026, 1, 12), channel="email", categories=("appearance",))
    feedback(district_a, on_the_day, staff_a, d(2026, 1, 26))  # day 14: still in time
    late = received(
        district_a,
        d(2026, 3, 2),
        channel="post",
        is_anonymous=True,
        name="",
        email="",
        categories=("language", "culture"),
    )
    feedback(district_a, late, staff_a, d(2026, 3, 17))  # day 15
    without = received(district_a, d(2026, 3, 5), channel="web_form")
    with scope(district=district_a):
        services.referral_consent(
            complaint=without,
            actor=staff_a,
            consent_on=d(2026, 3, 10),
            how="in_writing",
            shared=["description"],
        )
        services.referral_send(complaint=without, actor=staff_a)
    received(district_a, d(2026, 11, 15), channel="in_person")  # first deadline not passed
    anonymised = received(district_a, d(2026, 5, 5), channel="phone", categories=("culture",))
    feedback(district_a, anonymised, staff_a, d(2026, 5, 6))
    status(district_a, anonymised, staff_a, "closed")
    with scope(district=district_a):
        services.anonymise(complaint=anonymised)
    received(district_a, d(2025, 6, 1), channel="email")
    received(district_b, d(2026, 2, 1), channel="email", categories=("competence",))


def counts(rows) -> dict[str, int]:
    return {row.key: row.count for row in rows if row.count}


def german(*msgids: str) -> list[str]:
    with translation.override("de"):
        return [gettext(msgid) for msgid in msgids]


def test_the_figures_of_a_crafted_year(district_a, year_2026):
    with scope(district=district_a):
        assert Complaint.objects.filter(anonymised_at__isnull=False).count() == 1
        stats = complaint_statistics(district=district_a, year=2026, today=TODAY)
    assert stats.total == 6
    assert (stats.anonymous, stats.referred) == (1, 1)
    assert counts(stats.months) == {"1": 2, "3": 2, "5": 1, "11": 1}
    assert counts(stats.topics) == {"language": 4, "appearance": 1, "culture": 2}
    assert counts(stats.grounds) == {"ethnic_origin": 1}
    assert counts(stats.channels) == {
        "phone": 2,
        "email": 1,
        "post": 1,
        "web_form": 1,
        "in_person": 1,
    }
    assert counts(stats.statuses) == {"received": 4, "referred": 1, "closed": 1}
    timely = stats.timeliness
    assert (timely.due, timely.in_time, timely.late, timely.without) == (5, 3, 1, 1)
    assert timely.not_yet_due == 1
    assert timely.share_in_time == 60.0


def test_the_page_shows_the_figures_german_style(client_for, staff_a, district_a, year_2026):
    response = client_for(staff_a).get(url(district_a), {"jahr": "2026"})
    assert response.status_code == 200
    assert response.context["stats"].total == 6
    page = response.content.decode()
    assert "60,0 %" in page  # answered in time
    assert "16,7 %" in page  # anonymous share (1 of 6)
    assert '<th scope="row">' in page and "<caption" in page
    assert "<svg" in page  # the chart, with the table holding the same values


def test_the_year_filter_and_a_bad_year(client_for, staff_a, district_a, year_2026):
    client = client_for(staff_a)
    assert client.get(url(district_a), {"jahr": "2025"}).context["stats"].total == 1
    for bad in ("abc", "1800", "2999", "-1"):
        response = client.get(url(district_a), {"jahr": bad})
        assert response.status_code == 200
        assert response.context["year"] == 2026
        assert "notice" in response.content.decode()
    plain = client.get(url(district_a))
    assert plain.context["year"] == 2026 and plain.context["rejected_year"] == ""
    assert plain.context["years"] == [2026, 2025]


def test_the_csv_holds_the_same_figures(client_for, staff_a, district_a, year_2026):
    response = client_for(staff_a).get(url(district_a, "statistics_csv"), {"jahr": "2026"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "beschwerden-statistik-marzahn-hellersdorf-2026.csv" in response["Content-Disposition"]
    rows = parse(response)
    total, anonymous, month, ground, first = german(
        "Total", "Anonymous", "Month of receipt", "AGG ground", "First feedback within 14 days"
    )
    in_time, late, without = german("in time", "late", "without feedback")
    with translation.override("de"):
        ethnic_origin = str(Ground.ETHNIC_ORIGIN.label)
    assert rows[1] == [total, "2026", "6", ""]
    assert rows[2] == [anonymous, "", "1", "16,7"]
    assert [month, "März", "2", ""] in rows
    assert [ground, ethnic_origin, "1", ""] in rows
    assert [first, in_time, "3", "60,0"] in rows
    assert [first, late, "1", ""] in rows
    assert [first, without, "1", ""] in rows
    other_year = client_for(staff_a).get(url(district_a, "statistics_csv"), {"jahr": "2025"})
    assert [total, "2025", "1", ""] in parse(other_year)


def parse(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_the_assistant_sees_the_statistics_and_no_case(client_for, members, district_a):
    factories.complaint(district_a, subject="Vertraulicher Betreff", name="Jana Nowak")
    client = client_for(members[("a", "assistant")])
    response = client.get(url(district_a))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vertraulicher Betreff" not in page and "Jana Nowak" not in page
    assert client.get(url(district_a, "statistics_csv")).status_code == 200


def test_another_districts_member_gets_404(client_for, members, district_a):
    client = client_for(members[("b", "staff")])
    assert client.get(url(district_a)).status_code == 404
    assert client.get(url(district_a, "statistics_csv")).status_code == 404


def test_queries_do_not_grow_with_complaints(client_for, staff_a, district_a):
    first = received(district_a, datetime.date(2026, 2, 1), grounds=("religion",))
    feedback(district_a, first, staff_a, datetime.date(2026, 2, 3))
    client = client_for(staff_a)
    few = (
        factories.page_queries(client, url(district_a)),
        factories.page_queries(client, url(district_a, "statistics_csv")),
    )
    for n in range(19):
        received(
            district_a,
            datetime.date(2026, 1 + n % 11, 1 + n),
            channel=("phone", "email", "post")[n % 3],
            categories=("language", "culture"),
            grounds=("age",),
        )
    many = (
        factories.page_queries(client, url(district_a)),
        factories.page_queries(client, url(district_a, "statistics_csv")),
    )
    assert few == many


# ----------------------------------------------------------------------------- the rhythm

R = datetime.date(2026, 3, 2)  # received


def days(n: int) -> datetime.date:
    return R + datetime.timedelta(days=n)


@pytest.mark.parametrize(
    ("steps", "today", "expected"),
    [
        # Feedback on day 10 and 20, still open on day 30: both met, next due day 34.
        ([("feedback", days(10)), ("feedback", days(20))], days(30), (2, 0)),
        # The same, seen on day 40: the third deadline (day 34) has passed.
        ([("feedback", days(10)), ("feedback", days(20))], days(40), (2, 1)),
        # First feedback on day 15: missed, the next is due on day 29.
        ([("feedback", days(15))], days(20), (0, 1)),
        # Closed on day 12 without feedback: nothing missed; closed on day 16: missed.
        ([("closed", days(12))], days(100), (0, 0)),
        ([("closed", days(16))], days(100), (0, 1)),
        # Reopened on day 50: a new deadline on day 64, met on day 60.
        ([("closed", days(5)), ("reopened", days(50)), ("feedback", days(60))], days(70), (1, 0)),
        # Feedback while closed does not count.
        ([("closed", days(5)), ("feedback", days(30))], days(100), (0, 0)),
    ],
)
def test_each_deadline_is_met_or_missed(steps, today, expected):
    kinds = {"feedback": "feedback", "closed": "status", "reopened": "reopened"}
    assert statistics._deadlines(R, [(kinds[k], d) for k, d in steps], today) == expected


def test_the_rhythm_of_the_year_and_back_dated_feedback(district_a, staff_a, today):
    """Feedback recorded later but dated back counts on its own day."""
    kept = received(district_a, TODAY - datetime.timedelta(days=40))
    slipped = received(district_a, TODAY - datetime.timedelta(days=40))
    received(district_a, TODAY - datetime.timedelta(days=3))  # no deadline passed yet
    feedback(district_a, kept, staff_a, TODAY - datetime.timedelta(days=30))
    feedback(district_a, kept, staff_a, TODAY - datetime.timedelta(days=17))
    feedback(district_a, kept, staff_a, TODAY - datetime.timedelta(days=4))
    feedback(district_a, slipped, staff_a, TODAY - datetime.timedelta(days=30))
    with scope(district=district_a):
        stats = statistics.complaint_statistics(district=district_a, year=TODAY.year, today=TODAY)
        first = slipped.events.filter(kind="feedback").get()
    assert timezone.localtime(first.at).date() == TODAY - datetime.timedelta(days=30)
    assert (stats.rhythm.cases, stats.rhythm.kept) == (2, 1)
    assert (stats.rhythm.met, stats.rhythm.missed) == (4, 1)
