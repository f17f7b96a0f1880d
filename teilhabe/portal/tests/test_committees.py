"""The portal's committee pages: what is public, what never shows, languages, queries."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope

from teilhabe.committees import services
from teilhabe.committees.models import Body, Meeting
from teilhabe.committees.tests import factories
from teilhabe.directory.tests import factories as directory_factories

pytestmark = pytest.mark.django_db

BASE = "/bezirke/marzahn-hellersdorf/gremien/"
PRIVATE_MARKERS = [
    "INTERNAL-BODY",
    "PRIVATE-ITEM",
    "UNPUBLISHED-MINUTES",
    "HIDDEN-PERSON",
    "PRIVATE-FILE",
    "DELETED-FILE",
    "OTHER-DISTRICT",
    "Int1-PRESENT",
]


def _at(day: datetime.date, hour: int = 17) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))  # noqa: DTZ001


def _file(meeting: Meeting, name: str, *, public: bool, **extra):
    with scope(district=meeting.district):
        return services.file_add(
            meeting=meeting,
            actor=None,  # type: ignore[arg-type]
            upload=SimpleUploadedFile(name, b"%PDF-1.4 test", "application/pdf"),
            role=extra.pop("role", "attachment"),
            is_public=public,
            **extra,
        )


@pytest.fixture
def world(district_a, district_b):
    """A public advisory board with private parts, an internal body, and B's board."""
    today = timezone.localdate()
    host = directory_factories.organisation(
        district_a, "Nachbarschaftshaus Gastgeber", is_public=True
    )
    board = factories.body(
        district_a,
        name="Integrationsbeirat",
        kind=Body.Kind.ADVISORY_BOARD,
        is_public=True,
        seats=15,
        description="Der Beirat **berät** das Bezirksamt.<script>alert(1)</script>",
        rhythm_text="etwa alle zwei Monate",
        host_organisation=host,
    )
    network = factories.body(
        district_a,
        name="Netzwerk Flucht",
        is_public=True,
        rhythm_rule="FREQ=MONTHLY;BYDAY=1WE",
        rhythm_start=today + datetime.timedelta(days=1),
        meeting_time=datetime.time(15, 0),
    )
    paused = factories.body(
        district_a, name="AG Pausiert", is_public=True, status=Body.Status.SUSPENDED
    )
    ended = factories.body(
        district_a, name="AG Aufgelöst", is_public=True, status=Body.Status.DISSOLVED
    )
    internal = factories.body(district_a, name="INTERNAL-BODY Jour fixe")
    other = factories.body(district_b, name="OTHER-DISTRICT Beirat", is_public=True)
    other_meeting = factories.meeting(other, name="OTHER-DISTRICT Sitzung")
    other_file = _file(other_meeting, "OTHER-DISTRICT.pdf", public=True)

    upcoming = factories.meeting(board, start=_at(today + datetime.timedelta(days=14)))
    factories.agenda_item(upcoming, "Begrüßung", decision="Die Tagesordnung wird **angenommen**.")
    private_item = factories.agenda_item(upcoming, "PRIVATE-ITEM Personalfragen", is_public=False)
    cancelled = factories.meeting(board, start=_at(today + datetime.timedelta(days=40)))
    past = factories.meeting(
        board,
        start=_at(today - datetime.timedelta(days=30)),
        minutes="UNPUBLISHED-MINUTES",
    )
    with scope(district=district_a):
        cancelled = services.meeting_cancel(
            meeting=cancelled,
            actor=None,  # type: ignore[arg-type]
            note="Wegen Krankheit",
            expected_version=cancelled.version,
        )
    public_file = _file(upcoming, "einladung.pdf", public=True, role="invitation")
    private_file = _file(upcoming, "PRIVATE-FILE.pdf", public=False)
    item_file = _file(upcoming, "PRIVATE-FILE-of-item.pdf", public=True, agenda_item=private_item)
    deleted_file = _file(upcoming, "DELETED-FILE.pdf", public=True)
    with scope(district=district_a):
        services.file_delete(record=deleted_file, actor=None)  # type: ignore[arg-type]

    consenting = factories.person(district_a, "Amira Öffentlich", affiliation="Elternverein")
    hidden = factories.person(district_a, "HIDDEN-PERSON Privat", consent=False)
    start = today - datetime.timedelta(days=300)
    shown = factories.member(board, consenting, seat=1, role="chair", start=start)
    secret = factories.member(board, hidden, seat=2, start=start)
    participation = factories.participate(board, "Int1", start=start)
    with scope(district=district_a):
        participation.position.title = "Int1-PRESENT"
        participation.position.save()
        services.attendance_save(
            meeting=past,
            actor=None,  # type: ignore[arg-type]
            members={shown.pk: "present", secret.pk: "present"},
            positions={participation.position_id: "present"},
        )
    return {
        "board": board,
        "network": network,
        "paused": paused,
        "ended": ended,
        "internal": internal,
        "internal_meeting": factories.meeting(internal, name="INTERNAL-BODY Sitzung"),
        "other": other,
        "other_meeting": other_meeting,
        "other_file": other_file,
        "upcoming": upcoming,
        "cancelled": cancelled,
        "past": past,
        "public_file": public_file,
        "private_file": private_file,
        "item_file": item_file,
        "deleted_file": deleted_file,
    }


def get(url: str, status: int = 200) -> str:
    response = Client().get(url)
    assert response.status_code == status, url
    return response.content.decode() if status == 200 else ""


def body_url(body) -> str:
    return f"{BASE}{body.pk}/"


def meeting_url(meeting) -> str:
    return f"{BASE}sitzungen/{meeting.pk}/"


def document_url(record) -> str:
    return f"{BASE}dokumente/{record.pk}/"


def assert_no_private_marker(html: str) -> None:
    shown = [marker for marker in PRIVATE_MARKERS if marker in html]
    assert not shown, shown


def headings(html: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])[ >]", html)]


def assert_heading_order(html: str) -> None:
    levels = headings(html)
    assert levels[0] == 1
    assert levels.count(1) == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, levels


# ----------------------------------------------------------------------------- the list


def test_list_groups_public_bodies_with_rhythm_status_and_next_meeting(world):
    html = get(BASE)
    assert_no_private_marker(html)
    assert_heading_order(html)
    for name in ("Integrationsbeirat", "Netzwerk Flucht", "AG Pausiert"):
        assert name in html
    assert "etwa alle zwei Monate" in html
    # The rule in words, in the page language.
    assert "Mittwoch" in html
    assert f'href="{meeting_url(world["upcoming"])}"' in html
    assert '<time datetime="' in html
    paused = html[html.index("AG Pausiert") :]
    assert "Suspended" in paused[:600] or "Ausgesetzt" in paused[:600]
    # Dissolved bodies are listed apart, below the others.
    assert html.index("AG Aufgelöst") > html.rindex("Netzwerk Flucht")
    # The advisory board comes first in its group.
    assert html.index("Integrationsbeirat") < html.index("Netzwerk Flucht")


def test_list_in_english(world):
    html = get("/en" + BASE)
    assert '<html lang="en"' in html
    assert "Committees in Marzahn-Hellersdorf" in html
    assert "Every first Wednesday of the month" in html
    assert 'href="/en/bezirke/marzahn-hellersdorf/gremien/kalender.ics"' in html
    assert_no_private_marker(html)


def test_office_page_links_to_the_committees(world):
    assert f'href="{BASE}"' in get("/bezirke/marzahn-hellersdorf/")


def test_empty_list_says_so(district_a):
    html = get("/bezirke/spandau/gremien/")
    assert "Contact the integration office" in html or "Integrationsbüro" in html


# ----------------------------------------------------------------------------- a body


def test_body_page_shows_public_facts_meetings_and_consenting_members(world):
    html = get(body_url(world["board"]))
    assert_no_private_marker(html)
    assert_heading_order(html)
    assert "<strong>berät</strong>" in html
    assert "<script>alert" not in html
    assert "Amira Öffentlich" in html
    assert "Elternverein" in html
    assert "Nachbarschaftshaus Gastgeber" in html
    assert "/wegweiser/" in html
    assert meeting_url(world["upcoming"]) in html
    assert meeting_url(world["past"]) in html
    assert "Wegen Krankheit" in html
    assert f'href="{BASE}{world["board"].pk}/kalender.ics"' in html
    assert '<th scope="col"' in html


def test_body_page_marks_moved_meetings_with_their_new_date(world, district_a):
    meeting = world["upcoming"]
    new_start = meeting.start + datetime.timedelta(days=2)
    with scope(district=district_a):
        new = services.meeting_move(
            meeting=meeting,
            actor=None,  # type: ignore[arg-type]
            start=new_start,
            end=None,
            note="Raum belegt",
            expected_version=meeting.version,
        )
    html = get(body_url(world["board"]))
    entry = html[html.index(f'href="{meeting_url(meeting)}"') :]
    entry = entry[: entry.index("</li>")]
    assert f'href="{meeting_url(new)}"' in entry
    assert "Raum belegt" in entry
    # The service's "Moved to …" is said once, by the link to the new date.
    assert entry.count(f"{timezone.localtime(new_start):%d.%m.%Y}") == 0
    page = get(meeting_url(meeting))
    assert f'href="{meeting_url(new)}"' in page
    assert f'href="{meeting_url(meeting)}"' in get(meeting_url(new))


def test_past_meetings_are_paginated(world):
    today = timezone.localdate()
    for weeks in range(1, 15):
        factories.meeting(world["network"], start=_at(today - datetime.timedelta(weeks=weeks)))
    html = get(body_url(world["network"]))
    assert 'rel="next"' in html
    assert html.count('class="meeting-entry') >= 12
    second = get(body_url(world["network"]) + "?seite=2")
    assert 'rel="prev"' in second


def test_suspended_and_dissolved_bodies_say_so(world):
    assert "Suspended" in get("/en" + body_url(world["paused"]))
    assert "Dissolved" in get("/en" + body_url(world["ended"]))


def test_private_other_districts_and_deleted_bodies_are_404(world, district_a):
    get(body_url(world["internal"]), 404)
    get(body_url(world["other"]), 404)
    get(f"{BASE}99999/", 404)
    with scope(district=district_a):
        services.body_delete(body=world["paused"], actor=None)  # type: ignore[arg-type]
    get(body_url(world["paused"]), 404)
    assert "AG Pausiert" not in get(BASE)


def test_body_page_in_english(world):
    html = get("/en" + body_url(world["board"]))
    assert '<html lang="en"' in html
    assert "Next meetings" in html
    assert "Members" in html
    assert 'lang="de"' in html


# ----------------------------------------------------------------------------- a meeting


def test_meeting_page_shows_public_agenda_decisions_and_files(world):
    html = get(meeting_url(world["upcoming"]))
    assert_no_private_marker(html)
    assert_heading_order(html)
    assert "Begrüßung" in html
    assert "<strong>angenommen</strong>" in html
    assert f'href="{document_url(world["public_file"])}"' in html
    assert 'type="application/pdf"' in html
    assert '<time datetime="' in html
    assert "Integrationsbeirat" in html


def test_minutes_are_shown_once_published_and_sanitised(world, district_a):
    past = world["past"]
    assert "UNPUBLISHED-MINUTES" not in get(meeting_url(past))
    with scope(district=district_a):
        services.meeting_update(
            meeting=past,
            actor=None,  # type: ignore[arg-type]
            data={
                "minutes": "# Protokoll\n\nDer Beirat hat **getagt**.<img src=x onerror=alert(1)>",
                "minutes_public": True,
            },
            expected_version=past.version,
        )
    html = get(meeting_url(past))
    assert "<strong>getagt</strong>" in html
    assert "onerror" not in html
    assert "<h3>Protokoll</h3>" in html
    assert_heading_order(html)


def test_attendance_lists_consenting_members_present_only(world):
    html = get(meeting_url(world["past"]))
    assert "Amira Öffentlich" in html
    assert_no_private_marker(html)


def test_cancelled_meeting_says_so(world):
    html = get(meeting_url(world["cancelled"]))
    assert "cancelled" in html.lower() or "abgesagt" in html.lower()
    assert "Wegen Krankheit" in html


def test_meetings_of_private_other_or_deleted_bodies_are_404(world, district_a):
    get(meeting_url(world["internal_meeting"]), 404)
    get(meeting_url(world["other_meeting"]), 404)
    with scope(district=district_a):
        services.meeting_delete(meeting=world["past"], actor=None)  # type: ignore[arg-type]
    get(meeting_url(world["past"]), 404)


def test_meeting_page_in_english(world):
    html = get("/en" + meeting_url(world["upcoming"]))
    assert '<html lang="en"' in html
    assert "Agenda" in html
    assert "Item 1" in html


# ----------------------------------------------------------------------------- documents


def test_public_document_downloads(world):
    response = Client().get(document_url(world["public_file"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="einladung.pdf"'
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"


@pytest.mark.parametrize("key", ["private_file", "item_file", "deleted_file", "other_file"])
def test_documents_not_public_here_are_404(world, key):
    get(document_url(world[key]), 404)


def test_other_documents_are_downloaded_not_shown(world, district_a):
    with scope(district=district_a):
        record = services.file_add(
            meeting=world["upcoming"],
            actor=None,  # type: ignore[arg-type]
            upload=SimpleUploadedFile("liste.html", b"<script>x</script>", "text/html"),
            role="attachment",
            is_public=True,
        )
    response = Client().get(document_url(record))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")


# ----------------------------------------------------------------------------- queries


def _count(url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert Client().get(url).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_the_data(world, district_a):
    urls = [BASE, body_url(world["board"]), meeting_url(world["upcoming"])]
    before = [_count(url) for url in urls]
    today = timezone.localdate()
    for number in range(6):
        body = factories.body(district_a, name=f"AG {number}", is_public=True)
        for days in (-20, 20):
            factories.meeting(body, start=_at(today + datetime.timedelta(days=days + number)))
        meeting = factories.meeting(
            world["board"], start=_at(today + datetime.timedelta(days=60 + number))
        )
        factories.agenda_item(world["upcoming"], f"Punkt {number}")
        _file(world["upcoming"], f"anlage-{number}.pdf", public=True)
        person = factories.person(district_a, f"Mitglied {number}")
        factories.member(world["board"], person, seat=3 + number, start=today)
        factories.meeting(world["board"], start=_at(today - datetime.timedelta(days=60 + number)))
        assert meeting.pk
    assert [_count(url) for url in urls] == before
