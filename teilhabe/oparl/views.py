"""The OParl 1.1 read API: public, read-only JSON for any origin.

Every answer is JSON (errors too: 400 for a list parameter that cannot be used, 404 for
an object that does not exist or is not published) and carries
`Access-Control-Allow-Origin: *`. URLs under /oparl/v1/body/<district>/ run inside the
district's scope (the `oparl` namespace is public in `DistrictScopeMiddleware`), so
every lookup is limited to that district by the scoped managers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.views.decorators.csrf import csrf_exempt

from teilhabe.committees.downloads import document_response
from teilhabe.core.http import DistrictRequest
from teilhabe.districts.models import District

from . import listing, selectors, serializers
from .serializers import Output

CONTENT_TYPE = "application/json; charset=utf-8"


@dataclass(frozen=True)
class Kind:
    """One OParl type of a district: its name in URLs, selector and serializer."""

    name: str
    type: str
    select: Callable[..., QuerySet]
    write: Callable[[Any, Output], dict[str, Any]]


KINDS = {
    kind.name: kind
    for kind in (
        Kind("organization", "Organization", selectors.organizations, serializers.organization),
        Kind("person", "Person", selectors.persons, serializers.person),
        Kind("membership", "Membership", selectors.memberships, serializers.membership),
        Kind("meeting", "Meeting", selectors.meetings, serializers.meeting),
        Kind("agendaitem", "AgendaItem", selectors.agenda_items, serializers.agenda_item),
        Kind("file", "File", selectors.files, serializers.file),
        Kind("location", "Location", selectors.locations, serializers.location),
        Kind("legislativeterm", "LegislativeTerm", selectors.terms, serializers.legislative_term),
    )
}


def _json(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(
        data,
        status=status,
        safe=False,
        encoder=DjangoJSONEncoder,
        json_dumps_params={"ensure_ascii": False},
        content_type=CONTENT_TYPE,
    )


def _error(status: int, message: str) -> JsonResponse:
    return _json({"status": status, "error": message}, status=status)


def endpoint(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """GET only, errors as JSON, and open to scripts of any origin (CORS)."""

    # Nothing here changes state, so there is no request forgery to guard against;
    # exempting lets a POST get the JSON 405 instead of the HTML 403 page.
    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response: HttpResponseBase
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Max-Age"] = "86400"
        elif request.method not in ("GET", "HEAD"):
            response = _error(405, "The OParl API is read-only; use GET.")
            response["Allow"] = "GET, HEAD, OPTIONS"
        else:
            try:
                response = view(request, *args, **kwargs)
            except Http404:
                response = _error(404, "There is no such object.")
            except listing.BadQuery as exc:
                response = _error(400, str(exc))
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapper


def _write(kind: Kind, obj: Any, out: Output) -> dict[str, Any]:
    if obj.oparl_live:
        return kind.write(obj, out)
    return serializers.deleted(obj, out, kind.type, kind.name)


def _list(
    request: DistrictRequest, kind: Kind, queryset: QuerySet, query: listing.ListQuery
) -> JsonResponse:
    out = Output.for_request(request, request.district.slug, query.omit_internal)
    page = listing.page(queryset, query)
    data = [_write(kind, obj, out) for obj in page.items]
    return _json(listing.envelope(request, out.base, query, data, page.next_after))


@endpoint
def system(request: HttpRequest) -> JsonResponse:
    created = selectors.system_created(districts=list(District.objects.all()))
    if created is None:
        raise Http404
    return _json(serializers.system(Output.for_request(request), created))


@endpoint
def body_list(request: HttpRequest) -> JsonResponse:
    query = listing.parse(request.GET)
    out = Output.for_request(request, omit_internal=query.omit_internal)
    bodies = selectors.district_bodies(districts=list(District.objects.all()))
    page = listing.page_of(
        bodies,
        query,
        key=lambda item: item.district.pk,
        stamps=lambda item: {"created": item.office.created_at, "modified": item.modified},
    )
    data = [serializers.body(item, out) for item in page.items]
    return _json(listing.envelope(request, out.base, query, data, page.next_after))


@endpoint
def body(request: DistrictRequest, district: str) -> JsonResponse:
    found = selectors.district_bodies(districts=[request.district])
    if not found:
        raise Http404
    return _json(serializers.body(found[0], Output.for_request(request)))


@endpoint
def object_list(request: DistrictRequest, district: str, kind: str) -> JsonResponse:
    query = listing.parse(request.GET)
    spec = KINDS[kind]
    queryset = spec.select(district=request.district, deleted=query.with_deleted)
    return _list(request, spec, queryset, query)


@endpoint
def object_detail(request: DistrictRequest, district: str, kind: str, **ids: int) -> JsonResponse:
    """One object; a deleted or depublished one answers 200 with `deleted: true`."""
    spec = KINDS[kind]
    pk = ids[serializers.KEYWORDS[kind]]
    obj = spec.select(district=request.district, deleted=True).filter(pk=pk).first()
    if obj is None:
        raise Http404
    omit = request.GET.get("omit_internal") == "true"
    return _json(_write(spec, obj, Output.for_request(request, request.district.slug, omit)))


@endpoint
def organization_meetings(request: DistrictRequest, district: str, body: int) -> JsonResponse:
    """The meetings of one public body (the Organization's `meeting` list)."""
    if not selectors.organization_exists(district=request.district, pk=body):
        raise Http404
    query = listing.parse(request.GET)
    meetings = selectors.meetings(district=request.district, deleted=query.with_deleted)
    return _list(request, KINDS["meeting"], meetings.filter(body_id=body), query)


@endpoint
def paper_list(request: DistrictRequest, district: str) -> JsonResponse:
    """Papers (Drucksachen) are not kept here; the list the Body requires is empty."""
    query = listing.parse(request.GET)
    out = Output.for_request(request)
    return _json(listing.envelope(request, out.base, query, [], None))


@endpoint
def file_content(
    request: DistrictRequest, district: str, document: int, attachment: bool = False
) -> FileResponse:
    """A published document: inline at its accessUrl, as attachment at its downloadUrl."""
    record = selectors.files(district=request.district).filter(pk=document).first()
    if record is None:
        raise Http404
    # OParl forbids `attachment` on the accessUrl; the downloadUrl sets it.
    return document_response(record, attachment=attachment)
