"""Reads of the Ombudsstelle: the filtered list and one complaint with its whole case."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from teilhabe.districts.models import District

from .models import (
    Assessment,
    Complaint,
    ComplaintEvent,
    ConcernedBody,
    Referral,
    StatementRequest,
    Tag,
)

SOON = datetime.timedelta(days=7)


@dataclass(frozen=True)
class ComplaintFilter:
    """What the list asks for; empty values do not filter."""

    status: str = ""
    category: str = ""
    due: str = ""  # "overdue": open and feedback late; "soon": due within a week


def complaint_or_404(pk: int) -> Complaint:
    """The complaint `pk` of the district in scope; 404 for another district's."""
    return get_object_or_404(Complaint.objects.all(), pk=pk)


def complaint_list(
    *, district: District, criteria: ComplaintFilter, today: datetime.date
) -> QuerySet[Complaint]:
    """The district's complaints, newest first; open cases whose feedback is late or due
    within a week on request (closed cases owe no feedback)."""
    queryset = Complaint.objects.filter(district=district).select_related("responsible")
    if criteria.status:
        queryset = queryset.filter(status=criteria.status)
    if criteria.category:
        queryset = queryset.filter(
            tags__kind=Tag.Kind.CATEGORY, tags__value=criteria.category
        ).distinct()
    if criteria.due == "overdue":
        queryset = queryset.filter(status__in=Complaint.OPEN_STATUSES, feedback_due__lt=today)
    elif criteria.due == "soon":
        queryset = queryset.filter(
            status__in=Complaint.OPEN_STATUSES,
            feedback_due__gte=today,
            feedback_due__lte=today + SOON,
        )
    return queryset


def complaint_detail(*, district: District, pk: int) -> Complaint:
    """One complaint with its topics, bodies, timeline, statements, referral and
    assessments loaded in a fixed number of queries."""
    return (
        Complaint.objects.filter(district=district)
        .select_related("responsible")
        .prefetch_related(
            "tags",
            Prefetch(
                "concernedbody_set",
                queryset=ConcernedBody.objects.select_related("organisation__district"),
            ),
            Prefetch("events", queryset=ComplaintEvent.objects.select_related("actor")),
            Prefetch(
                "statements", queryset=StatementRequest.objects.select_related("organisation")
            ),
            Prefetch(
                "assessments",
                queryset=Assessment.objects.select_related(
                    "organisation", "drafted_by", "approved_by"
                ),
            ),
        )
        .get(pk=pk)
    )


def referral_of(complaint: Complaint) -> Referral | None:
    """The complaint's AGG referral, if there is one."""
    return Referral.objects.filter(complaint=complaint).first()
