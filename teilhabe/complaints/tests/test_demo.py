"""The Ombudsstelle's demo cases: every state of the procedure, dated as the story goes,
loaded through the services and idempotent."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scopes_disabled

from teilhabe.complaints import demo
from teilhabe.complaints.models import (
    Assessment,
    Complaint,
    ComplaintEvent,
    Referral,
    StatementRequest,
)
from teilhabe.districts.models import District

pytestmark = pytest.mark.django_db

SLUG = "marzahn-hellersdorf"


@pytest.fixture
def loaded() -> District:
    call_command(
        "load_demo",
        records_for=[SLUG],
        without=["counselling", "committees", "workplan"],
        stdout=StringIO(),
    )
    return District.objects.get(slug=SLUG)


def test_every_state_of_the_procedure_is_shown(loaded):
    with scopes_disabled():
        complaints = Complaint.objects.filter(district=loaded)
        assert complaints.count() == len(demo.CASES)
        assert set(complaints.values_list("status", flat=True)) >= {
            "received", "in_review", "statement_requested", "assessment_draft", "closed",
            "referred",
        }  # fmt: skip
        assert complaints.filter(is_anonymous=True, name="").count() == 2
        assert Referral.objects.filter(district=loaded, sent_on__isnull=False).count() == 1
        assert StatementRequest.objects.filter(district=loaded, received_on__isnull=False)
        assert Assessment.objects.filter(district=loaded, approved_at__isnull=False)


def test_the_story_is_dated_in_the_past(loaded):
    today = timezone.localdate()
    with scopes_disabled():
        events = ComplaintEvent.objects.filter(district=loaded)
        assert not events.filter(at__gt=timezone.now()).exists()
        for complaint in Complaint.objects.filter(district=loaded):
            first = events.filter(complaint=complaint).earliest("at", "pk")
            assert first.kind == "received"
            assert timezone.localdate(first.at) == complaint.received_on
            if complaint.closed_on:
                assert complaint.received_on < complaint.closed_on <= today
        # Some feedback came late, some in time; one open case is overdue now.
        in_time = [c.feedback_answered_in_time for c in Complaint.objects.filter(district=loaded)]
        assert True in in_time and False in in_time
        assert Complaint.objects.filter(
            district=loaded, status__in=Complaint.OPEN_STATUSES, feedback_due__lt=today
        ).exists()


def test_loading_twice_adds_nothing(loaded):
    with scopes_disabled():
        assert demo.load(loaded) == 0
        assert Complaint.objects.filter(district=loaded).count() == len(demo.CASES)
