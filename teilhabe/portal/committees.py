"""The portal's committee pages (Gremien): bodies, meetings, documents and calendars.

Only what the office published is read (`committees_selectors`); the calendars are
built by `teilhabe.committees.ical`. A position's "my meetings" calendar has a secret
address outside the portal: the token is the only key, so it is looked up before any
district is known, and everything after runs in the feed's own district.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scope

from teilhabe.committees import ical, rhythm
from teilhabe.committees.downloads import document_response
from teilhabe.committees.models import Body, CalendarFeed, Meeting
from teilhabe.core.http import DistrictRequest
from teilhabe.districts.models import District

from . import committees_selectors as selectors

PAGE_PARAM = "seite"
# Headings of the list's groups, in the order shown.
LEVELS = {
    Body.Level.DISTRICT: gettext_lazy("Bodies in the district"),
    Body.Level.CROSS_DISTRICT: gettext_lazy("Bodies across districts"),
    Body.Level.STATE: gettext_lazy("Bodies of the State of Berlin"),
    Body.Level.FEDERAL: gettext_lazy("Federal bodies"),
}
PUBLIC_STATUS: dict[str, Any] = {
    Meeting.Status.PLANNED: gettext_lazy("Planned"),
    Meeting.Status.INVITED: gettext_lazy("Invitations sent"),
    Meeting.Status.HELD: gettext_lazy("Held"),
    Meeting.Status.CANCELLED: gettext_lazy("Cancelled"),
    Meeting.Status.MOVED: gettext_lazy("Moved"),
}
CALENDAR_CACHE = "public, max-age=900"
PRIVATE_CALENDAR_CACHE = "private, max-age=300"


@dataclass(frozen=True)
class Rhythm:
    """How often a body meets: the office's own words and the rule in the page language."""

    office: str
    rule: str


def rhythm_of(body: Body) -> Rhythm:
    """Both wordings; the rule's is left out where it says what the office's words say."""
    rule = rhythm.describe(body.rhythm_rule) if body.rhythm_rule else ""
    office = body.rhythm_text.strip()
    if office and rule.casefold() == office.casefold():
        rule = ""
    return Rhythm(office=office, rule=rule)


@dataclass(frozen=True)
class Group:
    heading: str
    bodies: list[Body]


def bodies(request: DistrictRequest, district: str) -> HttpResponse:
    found = selectors.body_list(district=request.district)
    active = [body for body in found if body.status != Body.Status.DISSOLVED]
    groups = []
    for level, heading in LEVELS.items():
        in_level = [body for body in active if body.level == level]
        # The advisory board first: it is the body the district elects.
        in_level.sort(key=lambda body: (not body.is_advisory_board, body.name.casefold()))
        if in_level:
            groups.append(Group(heading=str(heading), bodies=in_level))
    context = {
        "groups": groups,
        "dissolved": [body for body in found if body.status == Body.Status.DISSOLVED],
        "rhythms": {body.pk: rhythm_of(body) for body in found},
    }
    return render(request, "portal/committees/bodies.html", context)


def body(request: DistrictRequest, district: str, body: int) -> HttpResponse:
    try:
        obj = selectors.public_body(district=request.district, pk=body)
    except Body.DoesNotExist:
        raise Http404 from None
    members = selectors.public_members(body=obj)
    upcoming = selectors.upcoming_meetings(body=obj)
    context = {
        "body": obj,
        "rhythm": rhythm_of(obj),
        "upcoming": upcoming[: selectors.UPCOMING_SHOWN],
        "more_upcoming": len(upcoming) > selectors.UPCOMING_SHOWN,
        "past": selectors.past_meetings_page(body=obj, number=request.GET.get(PAGE_PARAM)),
        "members": members,
        "terms": sorted({m.term.name for m in members if m.term is not None}),
    }
    return render(request, "portal/committees/body.html", context)


def meeting(request: DistrictRequest, district: str, meeting: int) -> HttpResponse:
    try:
        found = selectors.public_meeting(district=request.district, pk=meeting)
    except Meeting.DoesNotExist:
        raise Http404 from None
    obj = found.meeting
    moved_from = _alive_or_none(obj, "moved_from")
    context = {
        "meeting": obj,
        "body": obj.body,
        "status": _public_status(obj),
        "moved_to": obj.moved_to if obj.moved_to and not obj.moved_to.is_deleted else None,
        "moved_from": moved_from,
        "items": found.items,
        "files": found.files,
        "present": found.present,
    }
    return render(request, "portal/committees/meeting.html", context)


def _public_status(meeting: Meeting) -> str:
    """The status a visitor reads; a past meeting nobody marked as held gets none."""
    open_states = (Meeting.Status.PLANNED, Meeting.Status.INVITED)
    if meeting.status in open_states and meeting.start < timezone.now():
        return ""
    return str(PUBLIC_STATUS.get(meeting.status, meeting.get_status_display()))


def _alive_or_none(meeting: Meeting, relation: str) -> Meeting | None:
    try:
        other = getattr(meeting, relation)
    except ObjectDoesNotExist:
        return None
    return other if other is not None and not other.is_deleted else None


def document(request: DistrictRequest, district: str, document: int) -> FileResponse:
    """A public document; PDFs open in the browser, anything else is downloaded."""
    try:
        record = selectors.public_file(district=request.district, pk=document)
    except ObjectDoesNotExist:
        raise Http404 from None
    response = document_response(record, attachment=record.mime_type != "application/pdf")
    response["Cache-Control"] = "public, max-age=300"
    return response


# ----------------------------------------------------------------------------- calendars


def _calendar_response(data: bytes, filename: str, cache: str) -> HttpResponse:
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = cache
    return response


def _public_url(request: HttpRequest, district: District) -> Callable[[Meeting], str]:
    def url_for(meeting: Meeting) -> str:
        path = reverse("portal:meeting", kwargs={"district": district.slug, "meeting": meeting.pk})
        return request.build_absolute_uri(path)

    return url_for


def body_ical(request: DistrictRequest, district: str, body: int) -> HttpResponse:
    """One public body's meetings, a year back and all ahead."""
    try:
        obj = selectors.public_bodies(district=request.district).get(pk=body)
    except Body.DoesNotExist:
        raise Http404 from None
    calendar = ical.calendar(
        name=f"{obj.name} – {request.district.name}",
        district=request.district,
        meetings=ical.public_meetings(district=request.district, body_id=obj.pk),
        url_for=_public_url(request, request.district),
    )
    return _calendar_response(
        calendar.to_ical(), f"gremium-{obj.pk}-{request.district.slug}.ics", CALENDAR_CACHE
    )


def meetings_ical(request: DistrictRequest, district: str) -> HttpResponse:
    """The meetings of all the district's public bodies."""
    calendar = ical.calendar(
        name=_("Committees in %(district)s") % {"district": request.district.name},
        district=request.district,
        meetings=ical.public_meetings(district=request.district),
        url_for=_public_url(request, request.district),
    )
    return _calendar_response(
        calendar.to_ical(), f"gremien-{request.district.slug}.ics", CALENDAR_CACHE
    )


def _feed_by_token(token: str) -> CalendarFeed | None:
    """The feed a secret address names, in whichever district it is.

    The address carries no district, so the (unique) token is looked up among all
    districts' feeds; this reads nothing but the feed, its position and its district.
    """
    # Reviewed unscoped read (tests/test_scopes_usage.py): by the unique secret only.
    feeds = CalendarFeed._base_manager.select_related("district", "position")
    return feeds.filter(token=token).first()


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A position's meetings, public and internal, at its secret address; German like staff."""
    feed = _feed_by_token(token)
    if feed is None:
        raise Http404
    district, position = feed.district, feed.position

    def url_for(meeting: Meeting) -> str:
        if meeting.body.is_public:
            return _public_url(request, district)(meeting)
        try:
            path = reverse(
                "committees:meeting", kwargs={"district": district.slug, "meeting": meeting.pk}
            )
        except NoReverseMatch:
            return ""
        return request.build_absolute_uri(path)

    with scope(district=district), translation.override("de"):
        calendar = ical.calendar(
            name=_("Meetings of %(position)s – %(district)s")
            % {"position": position.code, "district": district.name},
            district=district,
            meetings=ical.position_meetings(position=position),
            url_for=url_for,
        )
        data = calendar.to_ical()
    response = _calendar_response(
        data, f"sitzungen-{position.code.lower()}.ics", PRIVATE_CALENDAR_CACHE
    )
    response["X-Robots-Tag"] = "noindex"
    return response
