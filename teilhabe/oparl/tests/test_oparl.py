"""The OParl 1.1 API: valid against the schemas, only what was published, stable lists."""

from __future__ import annotations

import copy
import datetime
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from teilhabe.committees import services
from teilhabe.committees.models import AgendaItem, Body, BodyMember, Meeting, MeetingFile
from teilhabe.committees.tests import factories

from . import schemas

pytestmark = pytest.mark.django_db

BERLIN_DAY = datetime.datetime(
    2026, 12, 2, 17, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1))
)
MARKERS = [
    "MARKER-INTERNAL-BODY",
    "MARKER-INTERNAL-MEETING",
    "MARKER-PRIVATE-ITEM",
    "MARKER-PRIVATE-FILE",
    "MARKER-FILE-OF-PRIVATE-ITEM",
    "MARKER-HIDDEN-PERSON",
    "marker-hidden@example.org",
    "MARKER-MINUTES",
    "MARKER-PUBLIC-EMAIL",
]


def upload(name: str, content: bytes = b"%PDF-1.4 test") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, "application/pdf")


def add_file(meeting: Meeting, name: str, role: str, public: bool, item=None) -> MeetingFile:
    with scope(district=meeting.district):
        return services.file_add(
            meeting=meeting,
            actor=None,  # type: ignore[arg-type]
            upload=upload(name),
            role=role,
            is_public=public,
            agenda_item=item,
        )


@dataclass
class World:
    board: Body
    group: Body
    internal: Body
    meeting: Meeting
    item: AgendaItem
    private_item: AgendaItem
    invitation: MeetingFile
    private_file: MeetingFile
    member: BodyMember
    hidden_member: BodyMember
    other_meeting: Meeting
    extra: dict[str, Any] = field(default_factory=dict)


@pytest.fixture
def world(district_a, district_b) -> World:
    """District A publishes a board with a working group; B has a board of its own."""
    with scope(district=district_a):
        place = services.location_create(
            district=district_a,
            actor=None,  # type: ignore[arg-type]
            data={"name": "Rathaus Hellersdorf", "street": "Alice-Salomon-Platz 3",
                  "postal_code": "12627", "room": "Raum 3.12"},
        )  # fmt: skip
        term = services.term_create(
            district=district_a,
            actor=None,  # type: ignore[arg-type]
            data={"name": "Amtszeit 2026–2031", "start": datetime.date(2026, 11, 1),
                  "end": datetime.date(2031, 10, 31)},
        )  # fmt: skip
    board = factories.body(
        district_a,
        name="Integrationsbeirat",
        short_name="IBR",
        kind=Body.Kind.ADVISORY_BOARD,
        is_public=True,
        seats=15,
        website="https://example.org/beirat",
        default_location=place,
    )
    group = factories.body(
        district_a, name="AG Bildung", kind=Body.Kind.WORKING_GROUP, is_public=True, parent=board
    )
    internal = factories.body(district_a, name="MARKER-INTERNAL-BODY")
    factories.meeting(internal, name="MARKER-INTERNAL-MEETING")
    meeting = factories.meeting(board, location=place, minutes="MARKER-MINUTES")
    item = factories.agenda_item(meeting, "Begrüßung", decision="Die Tagesordnung wird angenommen.")
    private_item = factories.agenda_item(meeting, "MARKER-PRIVATE-ITEM", is_public=False)
    invitation = add_file(meeting, "einladung.pdf", "invitation", True)
    add_file(meeting, "anlage.pdf", "attachment", True, item=item)
    private_file = add_file(meeting, "MARKER-PRIVATE-FILE.pdf", "attachment", False)
    add_file(meeting, "MARKER-FILE-OF-PRIVATE-ITEM.pdf", "attachment", True, item=private_item)
    factories.meeting(group, start=BERLIN_DAY + datetime.timedelta(days=7), status="cancelled")
    consenting = factories.person(district_a, "Erika Öffentlich", email="MARKER-PUBLIC-EMAIL@x.org")
    hidden = factories.person(
        district_a, "MARKER-HIDDEN-PERSON", consent=False, email="marker-hidden@example.org"
    )
    member = factories.member(board, consenting, seat=1, term=term, role="chair")
    hidden_member = factories.member(board, hidden, seat=2, term=term)
    other = factories.body(district_b, name="Beirat Spandau", is_public=True)
    other_meeting = factories.meeting(other, name="Sitzung in Spandau")
    return World(
        board, group, internal, meeting, item, private_item, invitation, private_file,
        member, hidden_member, other_meeting,
    )  # fmt: skip


def get(client, url: str, status: int = 200, **params) -> Any:
    response = client.get(url, params)
    assert response.status_code == status, (url, response.content[:500])
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    return json.loads(response.content)


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def list_all(client, url: str, **params) -> list[dict[str, Any]]:
    """Every entry of an external list, page by page, each page checked."""
    entries: list[dict[str, Any]] = []
    page = get(client, url, **params)
    while True:
        check_page(page)
        entries += page["data"]
        if "next" not in page["links"]:
            return entries
        page = get(client, path_of(page["links"]["next"]))


def check_page(page: dict[str, Any]) -> None:
    assert set(page) == {"data", "pagination", "links"}
    assert page["pagination"]["elementsPerPage"] >= len(page["data"])
    for obj in page["data"]:
        check(obj)
    assert not schemas.rule_violations(page)


def check(obj: dict[str, Any]) -> None:
    schemas.validate(obj)
    assert not schemas.rule_violations(obj), schemas.rule_violations(obj)


# ----------------------------------------------------------------------------- helpers


@dataclass
class Crawl:
    """Everything reachable from the system object, each object fetched at its id."""

    responses: list[str] = field(default_factory=list)
    objects: dict[str, dict[str, Any]] = field(default_factory=dict)


LISTS = ("organization", "person", "meeting", "paper", "agendaItem", "file", "locationList",
         "legislativeTermList", "membership")  # fmt: skip


def crawl(client, **params) -> Crawl:
    result = Crawl()
    system = get(client, "/oparl/v1/system")
    check(system)
    result.objects[system["id"]] = system
    for body in list_all(client, path_of(system["body"]), **params):
        result.objects[body["id"]] = body
        for name in LISTS:
            for obj in list_all(client, path_of(body[name]), **params):
                result.objects[obj["id"]] = obj
                if obj["type"].endswith("/Organization") and "meeting" in obj:
                    for meeting in list_all(client, path_of(obj["meeting"]), **params):
                        assert meeting["id"] in {m["id"] for m in meeting_list(body, client)}
    for url, obj in result.objects.items():
        response = client.get(path_of(url))
        assert response.status_code == 200, url
        result.responses.append(response.content.decode())
        assert json.loads(response.content) == obj, url
    return result


def meeting_list(body: dict[str, Any], client) -> list[dict[str, Any]]:
    return list_all(client, path_of(body["meeting"]), modified_since="2000-01-01T00:00:00+01:00")


def types(crawled: Crawl) -> set[str]:
    return {schemas.type_of(obj) for obj in crawled.objects.values()}


# ----------------------------------------------------------------------------- schema


def test_every_object_and_list_page_is_valid(world, client):
    crawled = crawl(client)
    assert types(crawled) == {
        "System", "Body", "Organization", "Person", "Membership", "Meeting", "AgendaItem",
        "File", "Location", "LegislativeTerm",
    }  # fmt: skip


def test_deleted_objects_are_valid(world, client):
    factories_delete(world)
    crawled = crawl(client, modified_since="2000-01-01T00:00:00+01:00")
    assert any(obj.get("deleted") for obj in crawled.objects.values())


def factories_delete(world: World) -> None:
    with scope(district=world.meeting.district):
        services.meeting_delete(meeting=world.meeting, actor=None)  # type: ignore[arg-type]


def test_a_broken_embedded_object_fails_validation(world, client):
    meeting = get(client, f"/oparl/v1/body/{world.board.district.slug}/meeting/{world.meeting.pk}")
    schemas.validate(meeting)
    for breaking in (
        lambda m: m["agendaItem"][0].__setitem__("order", "first"),
        lambda m: m["agendaItem"][0]["auxiliaryFile"][0].pop("accessUrl"),
        lambda m: m["location"].__setitem__("type", "https://schema.oparl.org/1.1/Body"),
        lambda m: m["invitation"].__setitem__("date", "02.12.2026"),
        lambda m: m["invitation"].__setitem__("accessUrl", "not a url"),
        lambda m: m.__setitem__("start", "2026-12-02T17:00:00"),
    ):
        broken = copy.deepcopy(meeting)
        breaking(broken)
        with pytest.raises(jsonschema.ValidationError):
            schemas.validate(broken)


def test_rule_check_finds_empty_values_and_missing_stamps():
    obj = {
        "type": "https://schema.oparl.org/1.1/Meeting",
        "created": "x",
        "modified": "x",
        "name": "",
        "agendaItem": [{"type": "https://schema.oparl.org/1.1/AgendaItem", "created": "x"}],
        "auxiliaryFile": [],
    }
    assert schemas.rule_violations(obj) == [
        "$.name: empty value ''",
        "$.agendaItem[0]: no modified",
        "$.auxiliaryFile: empty value []",
    ]


# ----------------------------------------------------------------------------- content


def test_meeting_object(world, client):
    slug = world.board.district.slug
    meeting = get(client, f"/oparl/v1/body/{slug}/meeting/{world.meeting.pk}")
    base = f"http://testserver/oparl/v1/body/{slug}"
    assert meeting["id"] == f"{base}/meeting/{world.meeting.pk}"
    assert meeting["name"] == "Integrationsbeirat"
    assert meeting["start"] == "2026-12-02T17:00:00+01:00"
    assert meeting["end"] == "2026-12-02T19:00:00+01:00"
    assert meeting["cancelled"] is False
    assert meeting["meetingState"] == "terminiert"
    assert meeting["organization"] == [f"{base}/organization/{world.board.pk}"]
    assert meeting["location"]["streetAddress"] == "Alice-Salomon-Platz 3"
    assert meeting["invitation"]["fileName"] == "einladung.pdf"
    assert [item["name"] for item in meeting["agendaItem"]] == ["Begrüßung"]
    item = meeting["agendaItem"][0]
    assert item["resolutionText"] == "Die Tagesordnung wird angenommen."
    assert [f["fileName"] for f in item["auxiliaryFile"]] == ["anlage.pdf"]
    assert "auxiliaryFile" not in meeting and "resultsProtocol" not in meeting


def test_cancelled_meeting_and_sub_organization(world, client):
    slug = world.board.district.slug
    group = get(client, f"/oparl/v1/body/{slug}/organization/{world.group.pk}")
    assert group["subOrganizationOf"].endswith(f"/organization/{world.board.pk}")
    assert group["classification"] == "Arbeitsgruppe"
    meetings = list_all(client, path_of(group["meeting"]))
    assert [(m["cancelled"], m["meetingState"]) for m in meetings] == [(True, "abgesagt")]


def test_person_and_membership(world, client):
    slug = world.board.district.slug
    person = get(client, f"/oparl/v1/body/{slug}/person/{world.member.person_id}")
    assert person["name"] == "Erika Öffentlich"
    assert "email" not in person and "phone" not in person
    [membership] = person["membership"]
    assert membership["role"] == "Vorsitz"
    assert membership["votingRight"] is True
    assert membership["startDate"] == "2026-01-01"
    assert membership["organization"].endswith(f"/organization/{world.board.pk}")
    assert get(client, path_of(membership["id"])) == membership


def test_omit_internal_leaves_out_embedded_lists(world, client):
    slug = world.board.district.slug
    [person] = get(client, f"/oparl/v1/body/{slug}/person", omit_internal="true")["data"]
    assert "membership" not in person
    meetings = get(client, f"/oparl/v1/body/{slug}/meeting", omit_internal="true")["data"]
    assert all("auxiliaryFile" not in item for m in meetings for item in m.get("agendaItem", []))


def test_body_and_system(world, client):
    system = get(client, "/oparl/v1/system")
    assert system["oparlVersion"] == "https://schema.oparl.org/1.1/"
    bodies = list_all(client, path_of(system["body"]))
    assert len(bodies) == 12
    body = next(b for b in bodies if b["id"].endswith("/marzahn-hellersdorf"))
    assert body["shortName"] == "Marzahn-Hellersdorf"
    assert [term["name"] for term in body["legislativeTerm"]] == ["Amtszeit 2026–2031"]
    assert get(client, path_of(body["id"])) == body
    assert get(client, path_of(body["paper"]))["data"] == []


# ----------------------------------------------------------------------------- privacy


def test_private_records_never_appear(world, client):
    texts = crawl(client).responses
    texts += crawl(client, modified_since="2000-01-01T00:00:00+01:00").responses
    for marker in MARKERS:
        assert not any(marker in text for text in texts), marker


def test_depublished_records_are_deleted_objects_without_content(world, client):
    slug = world.board.district.slug
    stub = {"id", "type", "created", "modified", "deleted"}
    for url, required in (
        (f"/oparl/v1/body/{slug}/agendaitem/{world.private_item.pk}", {"order"}),
        (f"/oparl/v1/body/{slug}/file/{world.private_file.pk}", {"accessUrl"}),
        (f"/oparl/v1/body/{slug}/membership/{world.hidden_member.pk}", set()),
        (f"/oparl/v1/body/{slug}/person/{world.hidden_member.person_id}", set()),
    ):
        obj = get(client, url)
        assert obj["deleted"] is True
        assert set(obj) == stub | required
        check(obj)


def test_internal_bodies_and_their_meetings_do_not_exist(world, client):
    slug = world.board.district.slug
    with scope(district=world.internal.district):
        internal_meeting = Meeting.objects.get(body=world.internal)
    for url in (
        f"/oparl/v1/body/{slug}/organization/{world.internal.pk}",
        f"/oparl/v1/body/{slug}/organization/{world.internal.pk}/meeting",
        f"/oparl/v1/body/{slug}/meeting/{internal_meeting.pk}",
    ):
        assert get(client, url, status=404)["status"] == 404


def test_private_file_content_is_not_served(world, client):
    slug = world.board.district.slug
    base = f"/oparl/v1/body/{slug}/file"
    response = client.get(f"{base}/{world.invitation.pk}/access")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    download = client.get(f"{base}/{world.invitation.pk}/download")
    assert download["Content-Disposition"].startswith("attachment")
    get(client, f"{base}/{world.private_file.pk}/access", status=404)
    get(client, f"{base}/{world.private_file.pk}/download", status=404)


def test_other_districts_data_only_under_its_own_body(world, client):
    a, b = world.board.district.slug, world.other_meeting.district.slug
    meetings_a = list_all(client, f"/oparl/v1/body/{a}/meeting")
    meetings_b = list_all(client, f"/oparl/v1/body/{b}/meeting")
    assert "Sitzung in Spandau" not in json.dumps(meetings_a)
    assert [m["name"] for m in meetings_b] == ["Sitzung in Spandau"]
    assert all(f"/body/{b}/" in m["id"] for m in meetings_b)
    # A's records under B's slug do not exist.
    get(client, f"/oparl/v1/body/{b}/meeting/{world.meeting.pk}", status=404)
    get(client, f"/oparl/v1/body/{b}/file/{world.invitation.pk}/access", status=404)
    get(client, f"/oparl/v1/body/{a}/meeting/{world.other_meeting.pk}", status=404)


# ----------------------------------------------------------------------------- lists


def many_meetings(body: Body, count: int, with_content: bool = True) -> list[Meeting]:
    meetings = []
    for number in range(count):
        meeting = factories.meeting(body, start=BERLIN_DAY + datetime.timedelta(days=number + 30))
        if with_content:
            item = factories.agenda_item(meeting, f"Punkt {number}")
            add_file(meeting, f"einladung-{number}.pdf", "invitation", True)
            add_file(meeting, f"anlage-{number}.pdf", "attachment", True, item=item)
        meetings.append(meeting)
    return meetings


def test_pagination_walks_the_whole_list_once(world, client):
    many_meetings(world.board, 23, with_content=False)
    slug = world.board.district.slug
    with scope(district=world.board.district):
        expected = set(
            Meeting.objects.filter(body__is_public=True, deleted_at__isnull=True).values_list(
                "pk", flat=True
            )
        )
    pages = 0
    url = f"/oparl/v1/body/{slug}/meeting?limit=7&created_since=2000-01-01T00%3A00%3A00%2B01%3A00"
    seen: list[int] = []
    while url:
        page = get(client, url)
        check_page(page)
        pages += 1
        assert page["pagination"]["elementsPerPage"] == 7
        assert "created_since=2000-01-01T00%3A00%3A00%2B01%3A00" in page["links"]["self"]
        seen += [int(m["id"].rsplit("/", 1)[1]) for m in page["data"]]
        url = path_of(page["links"]["next"]) if "next" in page["links"] else ""
    assert pages == -(-len(expected) // 7)
    assert len(seen) == len(set(seen)) and set(seen) == expected
    assert seen == sorted(seen)


def test_limit_is_capped(world, client):
    slug = world.board.district.slug
    page = get(client, f"/oparl/v1/body/{slug}/meeting", limit="100000")
    assert page["pagination"]["elementsPerPage"] == 1000


def _set_stamps(model, moment: datetime.datetime, **filters) -> None:
    with scope(district=filters.pop("district")):
        model.objects.filter(**filters).update(created_at=moment, updated_at=moment)


def test_created_and_modified_filters(world, client):
    district = world.board.district
    old = datetime.datetime(2026, 1, 10, 12, 0, tzinfo=datetime.UTC)
    new = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.UTC)
    for model in (Body, Meeting, AgendaItem, MeetingFile):
        _set_stamps(model, old, district=district)
    with scope(district=district):
        place_model = type(world.meeting.location)
        place_model.objects.update(created_at=old, updated_at=old)
    _set_stamps(Meeting, new, district=district, pk=world.meeting.pk)
    slug = district.slug

    def names(**params) -> list[int]:
        page = get(client, f"/oparl/v1/body/{slug}/meeting", **params)
        return [int(m["id"].rsplit("/", 1)[1]) for m in page["data"]]

    everything = names()
    assert names(created_since="2026-03-01T00:00:00+01:00") == [world.meeting.pk]
    assert names(modified_since="2026-03-01T00:00:00+01:00") == [world.meeting.pk]
    assert world.meeting.pk not in names(created_until="2026-03-01T00:00:00+01:00")
    assert world.meeting.pk not in names(modified_until="2026-03-01T00:00:00+01:00")
    assert len(names(modified_until="2026-03-01T00:00:00+01:00")) == len(everything) - 1
    # An unencoded "+" arrives as a space; the offset is still understood.
    response = client.get(f"/oparl/v1/body/{slug}/meeting?created_since=2026-03-01T00:00:00+01:00")
    assert len(json.loads(response.content)["data"]) == 1
    # A change to an embedded agenda item makes the meeting modified again.
    other = next(pk for pk in everything if pk != world.meeting.pk)
    with scope(district=district):
        item = factories.agenda_item(Meeting.objects.get(pk=other), "Neu")
    _set_stamps(AgendaItem, new, district=district, pk=item.pk)
    assert other in names(modified_since="2026-03-01T00:00:00+01:00")


@pytest.mark.parametrize(
    "params",
    [
        {"created_since": "gestern"},
        {"modified_since": "2026-01-01"},
        {"modified_until": "2026-01-01T00:00:00"},
        {"created_until": "2026-13-01T00:00:00+01:00"},
        {"limit": "0"},
        {"limit": "viele"},
        {"after": "-3"},
        {"omit_internal": "ja"},
    ],
)
def test_bad_list_parameters_answer_400_with_a_message(world, client, params):
    slug = world.board.district.slug
    answer = get(client, f"/oparl/v1/body/{slug}/meeting", status=400, **params)
    assert answer["status"] == 400
    assert next(iter(params)) in answer["error"]


def test_unknown_ids_answer_404_json(world, client):
    slug = world.board.district.slug
    for name in ("organization", "person", "membership", "meeting", "agendaitem", "file",
                 "location", "legislativeterm"):  # fmt: skip
        answer = get(client, f"/oparl/v1/body/{slug}/{name}/999999", status=404)
        assert answer == {"status": 404, "error": "There is no such object."}


def test_deleted_meeting_appears_with_deleted_true(world, client):
    slug = world.board.district.slug
    factories_delete(world)
    url = f"/oparl/v1/body/{slug}/meeting"
    assert world.meeting.pk not in [m["id"] for m in get(client, url)["data"]]
    listed = get(client, url, modified_since="2000-01-01T00:00:00+01:00")["data"]
    [gone] = [m for m in listed if m["id"].endswith(f"/meeting/{world.meeting.pk}")]
    assert gone["deleted"] is True
    assert set(gone) == {"id", "type", "created", "modified", "deleted"}
    assert get(client, path_of(gone["id"])) == gone
    # Its agenda items and documents are gone with it.
    item = get(client, f"/oparl/v1/body/{slug}/agendaitem/{world.item.pk}")
    assert item["deleted"] is True
    get(client, f"/oparl/v1/body/{slug}/file/{world.invitation.pk}/access", status=404)


def test_cors_and_read_only(world, client):
    response = client.options("/oparl/v1/system")
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    response = client.post("/oparl/v1/system")
    assert response.status_code == 405
    assert response["Access-Control-Allow-Origin"] == "*"
    assert json.loads(response.content)["status"] == 405


def test_urls_are_canonical_and_absolute(world, client):
    slug = world.board.district.slug
    meeting = get(
        client, reverse("oparl:meeting", kwargs={"district": slug, "meeting": world.meeting.pk})
    )
    assert meeting["id"] == "http://testserver" + reverse(
        "oparl:meeting", kwargs={"district": slug, "meeting": world.meeting.pk}
    )


# ----------------------------------------------------------------------------- queries

LIST_NAMES = ["organization", "person", "membership", "meeting", "agendaitem", "file",
              "location", "legislativeterm"]  # fmt: skip


def grow(world: World, count: int) -> None:
    district = world.board.district
    many_meetings(world.board, count)
    for number in range(count):
        person = factories.person(district, f"Person {number}")
        factories.member(
            world.board, person, start=datetime.date(2026, 1, 1) + datetime.timedelta(days=number)
        )
        body = factories.body(district, name=f"AG {number}", is_public=True, parent=world.board)
        factories.meeting(body, start=BERLIN_DAY + datetime.timedelta(days=number))
        with scope(district=district):
            place = services.location_create(
                district=district,
                actor=None,  # type: ignore[arg-type]
                data={"name": f"Ort {number}"},
            )
            Meeting.objects.filter(body=body).update(location=place)


def queries(client, url: str, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        get(client, url, **params)
    return len(captured)


@pytest.mark.parametrize("name", LIST_NAMES)
def test_list_queries_do_not_grow_with_data(world, client, name):
    slug = world.board.district.slug
    url = f"/oparl/v1/body/{slug}/{name}"
    grow(world, 3)
    small = queries(client, url), queries(client, url, modified_since="2000-01-01T00:00:00Z")
    grow(world, 27)
    large = queries(client, url), queries(client, url, modified_since="2000-01-01T00:00:00Z")
    assert small == large
    assert max(large) <= 4


def test_system_and_body_queries_are_constant(world, client):
    assert queries(client, "/oparl/v1/system") <= 2
    assert queries(client, "/oparl/v1/body") <= 3
    assert queries(client, f"/oparl/v1/body/{world.board.district.slug}") <= 3


def test_object_queries(world, client):
    slug = world.board.district.slug
    assert queries(client, f"/oparl/v1/body/{slug}/meeting/{world.meeting.pk}") <= 4
    assert queries(client, f"/oparl/v1/body/{slug}/person/{world.member.person_id}") <= 3


def test_local_time_in_summer_has_summer_offset(world, client):
    summer = timezone.make_aware(datetime.datetime(2027, 7, 1, 18, 30))  # noqa: DTZ001
    meeting = factories.meeting(world.board, start=summer)
    slug = world.board.district.slug
    obj = get(client, f"/oparl/v1/body/{slug}/meeting/{meeting.pk}")
    assert obj["start"] == "2027-07-01T18:30:00+02:00"
