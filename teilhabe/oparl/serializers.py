"""OParl 1.1 objects built from the committees' records, as plain dicts for JSON.

Rules the schemas do not express and every function here keeps: each object, embedded
ones too, carries `created` and `modified`; a property without a value is left out
(never null, "" or an empty list); times are local Berlin time with their offset
("2026-12-02T17:00:00+01:00"), dates are YYYY-MM-DD. Values of OParl's vocabularies
(meetingState, organizationType, classification, role) are the German terms the spec
recommends, not translated texts: the API speaks one language to every client.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from teilhabe.committees.models import (
    AgendaItem,
    Body,
    BodyMember,
    LegislativeTerm,
    Location,
    Meeting,
    MeetingFile,
    Person,
)

from .selectors import DistrictBody

OPARL = "https://schema.oparl.org/1.1/"
VERSION = "https://schema.oparl.org/1.1/"
SYSTEM_NAME = "teilhabe – Integrationsbüros der Berliner Bezirke"

# The URL keyword of one object, by URL name.
KEYWORDS = {
    "organization": "body",
    "organization_meetings": "body",
    "person": "person",
    "membership": "member",
    "meeting": "meeting",
    "agendaitem": "item",
    "file": "document",
    "file_access": "document",
    "file_download": "document",
    "location": "location",
    "legislativeterm": "term",
}
_MARK = 918273645  # stands in for the id when an object URL is reversed once per name

MEETING_STATE: dict[str, str] = {
    Meeting.Status.PLANNED: "terminiert",
    Meeting.Status.INVITED: "eingeladen",
    Meeting.Status.HELD: "durchgeführt",
    Meeting.Status.CANCELLED: "abgesagt",
    Meeting.Status.MOVED: "verschoben",
}
CLASSIFICATION: dict[str, str] = {
    Body.Kind.ADVISORY_BOARD: "Beirat",
    Body.Kind.WORKING_GROUP: "Arbeitsgruppe",
    Body.Kind.COMMITTEE: "Ausschuss",
    Body.Kind.NETWORK: "Netzwerk",
    Body.Kind.ROUND_TABLE: "Runder Tisch",
    Body.Kind.JOUR_FIXE: "Jour fixe",
    Body.Kind.CONFERENCE: "Konferenz",
    Body.Kind.STEERING_GROUP: "Steuerungsrunde",
    Body.Kind.OTHER: "Gremium",
}
MEMBER_ROLE: dict[str, str] = {
    BodyMember.Role.CHAIR: "Vorsitz",
    BodyMember.Role.VICE_CHAIR: "stellvertretender Vorsitz",
    BodyMember.Role.MEMBER: "Mitglied",
    BodyMember.Role.DEPUTY_MEMBER: "stellvertretendes Mitglied",
    BodyMember.Role.ADVISORY_MEMBER: "beratendes Mitglied",
}


@dataclass
class Output:
    """Canonical absolute URLs of one request, and the client's `omit_internal` wish."""

    base: str
    district: str = ""
    omit_internal: bool = False
    _templates: dict[str, tuple[str, str]] = field(default_factory=dict)
    _urls: dict[tuple[Any, ...], str] = field(default_factory=dict)

    @classmethod
    def for_request(
        cls, request: HttpRequest, district: str = "", omit_internal: bool = False
    ) -> Output:
        base = request.build_absolute_uri("/").rstrip("/")
        return cls(base=base, district=district, omit_internal=omit_internal)

    def of_district(self, slug: str) -> Output:
        return replace(self, district=slug, _templates={}, _urls={})

    def url(self, name: str, **kwargs: Any) -> str:
        key = (name, *sorted(kwargs.items()))
        if key not in self._urls:
            self._urls[key] = self.base + reverse(f"oparl:{name}", kwargs=kwargs)
        return self._urls[key]

    def list_url(self, name: str) -> str:
        return self.url(f"{name}_list", district=self.district)

    def body_url(self) -> str:
        return self.url("body", district=self.district)

    def object_url(self, name: str, pk: int) -> str:
        """The URL of object `pk`; reversed once per name, as a page holds hundreds."""
        if name not in self._templates:
            path = self.url(name, district=self.district, **{KEYWORDS[name]: _MARK})
            head, _, tail = path.rpartition(str(_MARK))
            self._templates[name] = (head, tail)
        head, tail = self._templates[name]
        return f"{head}{pk}{tail}"


def moment(value: datetime.datetime) -> str:
    """Berlin time with its offset (TIME_ZONE; no request activates another zone here)."""
    return value.astimezone(timezone.get_default_timezone()).isoformat(timespec="seconds")


def _day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out properties without a value, as OParl asks (False and 0 are values)."""
    return {
        key: value
        for key, value in data.items()
        if value is not None and not (isinstance(value, str | list | dict) and not value)
    }


def _stamps(created: datetime.datetime, modified: datetime.datetime) -> dict[str, str]:
    return {"created": moment(created), "modified": moment(modified)}


def _head(out: Output, type_name: str, name: str, pk: int) -> dict[str, str]:
    return {"id": out.object_url(name, pk), "type": OPARL + type_name}


def deleted(obj: Any, out: Output, type_name: str, name: str) -> dict[str, Any]:
    """A deleted or depublished object: id, type, created, modified and what its schema
    requires (an agenda item's order, a file's accessUrl, which then answers 404)."""
    required: dict[str, Any] = {}
    if type_name == "AgendaItem":
        required["order"] = obj.order
    elif type_name == "File":
        required["accessUrl"] = out.object_url("file_access", obj.pk)
    return {
        **_head(out, type_name, name, obj.pk),
        **required,
        **_stamps(obj.created_at, obj.oparl_modified),
        "deleted": True,
    }


# ----------------------------------------------------------------------------- objects


def system(out: Output, created: datetime.datetime) -> dict[str, Any]:
    return {
        "id": out.url("system"),
        "type": OPARL + "System",
        "oparlVersion": VERSION,
        "body": out.url("body_list"),
        "name": SYSTEM_NAME,
        "website": out.base + "/",
        **_stamps(created, created),
    }


def body(item: DistrictBody, out: Output) -> dict[str, Any]:
    out = out.of_district(item.district.slug)
    office = item.office
    data = _clean(
        {
            "id": out.body_url(),
            "type": OPARL + "Body",
            "system": out.url("system"),
            "shortName": item.district.name,
            "name": item.district.official_name,
            "website": office.website if office.is_published else None,
            "contactEmail": office.email if office.is_published else None,
            "contactName": office.name if office.is_published else None,
            "classification": "Bezirk",
            **{
                prop: out.list_url(name)
                for prop, name in (
                    ("organization", "organization"),
                    ("person", "person"),
                    ("meeting", "meeting"),
                    ("paper", "paper"),
                    ("agendaItem", "agendaitem"),
                    ("file", "file"),
                    ("locationList", "location"),
                    ("legislativeTermList", "legislativeterm"),
                    ("membership", "membership"),
                )
            },
            **_stamps(office.created_at, item.modified),
        }
    )
    # Required by the schema, so present even for a district without terms.
    data["legislativeTerm"] = [legislative_term(term, out) for term in item.terms]
    return data


def legislative_term(obj: LegislativeTerm, out: Output) -> dict[str, Any]:
    return _clean(
        {
            **_head(out, "LegislativeTerm", "legislativeterm", obj.pk),
            "body": out.body_url(),
            "name": obj.name,
            "startDate": _day(obj.start),
            "endDate": _day(obj.end),
            **_stamps(obj.created_at, obj.updated_at),
        }
    )


def location(obj: Location, out: Output) -> dict[str, Any]:
    return _clean(
        {
            **_head(out, "Location", "location", obj.pk),
            "description": obj.one_line,
            "streetAddress": obj.street,
            "room": obj.room,
            "postalCode": obj.postal_code,
            "locality": obj.city,
            **_stamps(obj.created_at, obj.updated_at),
        }
    )


def organization(obj: Body, out: Output) -> dict[str, Any]:
    parent = obj.parent
    published_parent = parent is not None and parent.is_public and parent.deleted_at is None
    place = obj.default_location
    return _clean(
        {
            **_head(out, "Organization", "organization", obj.pk),
            "body": out.body_url(),
            "name": obj.name,
            "shortName": obj.short_name,
            "organizationType": (
                "Gremium" if obj.level == Body.Level.DISTRICT else "externes Gremium"
            ),
            "classification": CLASSIFICATION.get(obj.kind, "Gremium"),
            "subOrganizationOf": (
                out.object_url("organization", parent.pk) if published_parent else None  # type: ignore[union-attr]
            ),
            "website": obj.website,
            "location": location(place, out) if place is not None else None,
            "meeting": out.object_url("organization_meetings", obj.pk),
            **_stamps(obj.created_at, obj.oparl_modified),  # type: ignore[attr-defined]
        }
    )


def membership(obj: BodyMember, out: Output) -> dict[str, Any]:
    return _clean(
        {
            **_head(out, "Membership", "membership", obj.pk),
            "person": out.object_url("person", obj.person_id),  # type: ignore[arg-type]
            "organization": out.object_url("organization", obj.body_id),
            "role": MEMBER_ROLE.get(obj.role, "Mitglied"),
            "votingRight": obj.voting_right,
            "startDate": _day(obj.start),
            "endDate": _day(obj.end),
            **_stamps(obj.created_at, obj.oparl_modified),  # type: ignore[attr-defined]
        }
    )


def person(obj: Person, out: Output) -> dict[str, Any]:
    members = obj.oparl_memberships  # type: ignore[attr-defined]
    return _clean(
        {
            **_head(out, "Person", "person", obj.pk),
            "body": out.body_url(),
            "name": obj.name,
            "formOfAddress": obj.form_of_address,
            "membership": None if out.omit_internal else [membership(m, out) for m in members],
            **_stamps(obj.created_at, obj.oparl_modified),  # type: ignore[attr-defined]
        }
    )


def file(obj: MeetingFile, out: Output) -> dict[str, Any]:
    item = obj.agenda_item_id
    return _clean(
        {
            **_head(out, "File", "file", obj.pk),
            "name": obj.name,
            "fileName": PurePosixPath(obj.file.name).name,
            "mimeType": obj.mime_type,
            "date": obj.created_at.astimezone(timezone.get_default_timezone()).date().isoformat(),
            "size": obj.size or None,
            # OParl names sha1 and sha512 only; the office's records keep SHA-256.
            "sha256Checksum": obj.sha256,
            "accessUrl": out.object_url("file_access", obj.pk),
            "downloadUrl": out.object_url("file_download", obj.pk),
            "meeting": [out.object_url("meeting", obj.meeting_id)],
            "agendaItem": [out.object_url("agendaitem", item)] if item else None,
            **_stamps(obj.created_at, obj.oparl_modified),  # type: ignore[attr-defined]
        }
    )


def agenda_item(
    obj: AgendaItem, out: Output, files: list[MeetingFile] | None = None
) -> dict[str, Any]:
    files = obj.oparl_files if files is None else files  # type: ignore[attr-defined]
    return _clean(
        {
            **_head(out, "AgendaItem", "agendaitem", obj.pk),
            "meeting": out.object_url("meeting", obj.meeting_id),
            "number": obj.number,
            "order": obj.order,
            "name": obj.title,
            "public": True,
            "resolutionText": obj.decision,
            "auxiliaryFile": None if out.omit_internal else [file(f, out) for f in files],
            **_stamps(obj.created_at, obj.oparl_modified),  # type: ignore[attr-defined]
        }
    )


def meeting(obj: Meeting, out: Output) -> dict[str, Any]:
    documents: list[MeetingFile] = obj.oparl_files  # type: ignore[attr-defined]
    own = [document for document in documents if document.agenda_item_id is None]
    invitation = _first(own, MeetingFile.Role.INVITATION)
    protocol = _first(own, MeetingFile.Role.MINUTES)
    auxiliary = [document for document in own if document not in (invitation, protocol)]
    place = obj.location
    return _clean(
        {
            **_head(out, "Meeting", "meeting", obj.pk),
            "name": obj.name or obj.body.name,
            "meetingState": MEETING_STATE.get(obj.status),
            "cancelled": obj.is_cancelled,
            "start": moment(obj.start),
            "end": moment(obj.end) if obj.end else None,
            "location": location(place, out) if place is not None else None,
            "organization": [out.object_url("organization", obj.body_id)],
            "invitation": file(invitation, out) if invitation else None,
            "resultsProtocol": file(protocol, out) if protocol else None,
            "auxiliaryFile": None if out.omit_internal else [file(f, out) for f in auxiliary],
            "agendaItem": [
                agenda_item(item, out, [f for f in documents if f.agenda_item_id == item.pk])
                for item in obj.oparl_items  # type: ignore[attr-defined]
            ],
            **_stamps(obj.created_at, obj.oparl_modified),  # type: ignore[attr-defined]
        }
    )


def _first(documents: list[MeetingFile], role: str) -> MeetingFile | None:
    return next((document for document in documents if document.role == role), None)
