"""Corrections of a complaint after intake: two staff editing the same complaint, the
second save is refused and nothing is overwritten; contact data stay out of the log."""

from __future__ import annotations

import pytest
from django_scopes import scope

from teilhabe.complaints.models import Complaint
from teilhabe.core.models import AuditEntry
from teilhabe.directory.tests.factories import organisation

from . import factories
from .test_views import url

pytestmark = pytest.mark.django_db


def edit_post(complaint: Complaint, **overrides) -> dict:
    data = {
        "channel": complaint.channel,
        "name": "Ayşe Yılmaz",
        "email": "ayse@example.org",
        "phone": "",
        "address": "",
        "language": "tr",
        "subject": complaint.subject,
        "description": complaint.description,
        "categories": ["language", "competence"],
        "grounds": ["ethnic_origin"],
        "version": str(complaint.version),
    }
    data.update(overrides)
    return data


def reload(complaint: Complaint) -> Complaint:
    with scope(district=complaint.district):
        return Complaint.objects.get(pk=complaint.pk)


def tags(complaint: Complaint) -> set[tuple[str, str]]:
    with scope(district=complaint.district):
        return set(complaint.tags.values_list("kind", "value"))


def test_correcting_topics_bodies_and_language(client_for, staff_a, district_a):
    complaint = factories.complaint(district_a)
    body = organisation(district_a, name="Bürgeramt Hellersdorf")
    post = edit_post(complaint, organisations=[str(body.pk)])
    response = client_for(staff_a).post(url(district_a, "edit", complaint=complaint.pk), post)
    assert response.status_code == 302
    saved = reload(complaint)
    assert saved.language == "tr" and saved.version == complaint.version + 1
    assert tags(saved) == {
        ("category", "language"),
        ("category", "competence"),
        ("ground", "ethnic_origin"),
    }
    with scope(district=district_a):
        assert list(saved.organisations.all()) == [body]


def test_only_a_new_topic_still_counts_as_a_new_version(client_for, staff_a, district_a):
    complaint = factories.complaint(district_a, categories=("language",))
    post = edit_post(complaint, language="de", categories=["language", "other"], grounds=[])
    client = client_for(staff_a)
    assert client.post(url(district_a, "edit", complaint=complaint.pk), post).status_code == 302
    assert reload(complaint).version == complaint.version + 1
    # A colleague who opened the form before that change is refused.
    stale = edit_post(complaint, language="de", categories=["language"], grounds=[])
    response = client.post(url(district_a, "edit", complaint=complaint.pk), stale)
    assert response.status_code == 200
    assert tags(complaint) == {("category", "language"), ("category", "other")}


def test_the_second_of_two_editors_is_refused_and_keeps_the_input(
    client_for, staff_a, commissioner_a, district_a
):
    complaint = factories.complaint(district_a)
    first = edit_post(complaint, subject="Keine Dolmetschung im Jobcenter")
    client_for(commissioner_a).post(url(district_a, "edit", complaint=complaint.pk), first)
    second = edit_post(complaint, subject="Wartezeit im Bürgeramt")
    response = client_for(staff_a).post(url(district_a, "edit", complaint=complaint.pk), second)
    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].conflict  # the differences are listed
    assert "Wartezeit im Bürgeramt" in page  # the second writer's text is kept in the form
    assert reload(complaint).subject == "Keine Dolmetschung im Jobcenter"


def test_making_a_complaint_anonymous_erases_the_contact_data(client_for, staff_a, district_a):
    complaint = factories.complaint(district_a)
    post = edit_post(complaint, is_anonymous="on")
    assert client_for(staff_a).post(url(district_a, "edit", complaint=complaint.pk), post)
    saved = reload(complaint)
    assert saved.is_anonymous
    assert (saved.name, saved.email, saved.phone, saved.address) == ("", "", "", "")


def test_the_change_log_names_fields_but_not_contact_data(client_for, staff_a, district_a):
    complaint = factories.complaint(district_a)
    post = edit_post(complaint, email="neu@example.org", subject="Neuer Betreff")
    client_for(staff_a).post(url(district_a, "edit", complaint=complaint.pk), post)
    entries = AuditEntry.objects.with_scopes_disabled().filter(
        action="complaints.complaint.updated"
    )
    changes = {key: value for entry in entries for key, value in entry.changes.items()}
    assert {"email", "subject", "language", "categories"} <= set(changes)
    logged = str(changes)
    assert "neu@example.org" not in logged and "Neuer Betreff" not in logged


def test_bad_input_changes_nothing(client_for, staff_a, district_a, district_b):
    complaint = factories.complaint(district_a)
    foreign = organisation(district_b, name="Nachbarschaftshaus B", is_public=False)
    client = client_for(staff_a)
    for post in (
        edit_post(complaint, subject=""),
        edit_post(complaint, categories=["unknown"]),
        edit_post(complaint, organisations=[str(foreign.pk)]),
    ):
        response = client.post(url(district_a, "edit", complaint=complaint.pk), post)
        assert response.status_code == 200
        assert response.context["form"].errors
    saved = reload(complaint)
    assert saved.version == complaint.version and saved.subject == complaint.subject


def test_assistant_and_other_district_cannot_edit(client_for, members, district_a, district_b):
    complaint = factories.complaint(district_a)
    assistant = client_for(members[("a", "assistant")])
    assert assistant.get(url(district_a, "edit", complaint=complaint.pk)).status_code == 403
    other = client_for(members[("b", "staff")])
    assert other.get(url(district_b, "edit", complaint=complaint.pk)).status_code == 404


def test_an_anonymised_complaint_is_not_edited(client_for, staff_a, district_a):
    from teilhabe.complaints import services

    complaint = factories.complaint(district_a)
    with scope(district=district_a):
        services.anonymise(complaint=complaint)
    response = client_for(staff_a).get(url(district_a, "edit", complaint=complaint.pk))
    assert response.status_code == 302
