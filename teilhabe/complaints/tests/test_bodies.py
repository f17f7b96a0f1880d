"""Choosing bodies concerned: the forms offer what is chosen and what a directory search
finds, never the whole directory; a search sends the form back unsaved."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from teilhabe.directory.tests.factories import organisation

from . import factories
from .test_views import intake_post, stored, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(district_a, district_b):
    """Own entries, a public entry of another district and a private one there."""
    return {
        "own": organisation(district_a, name="Bürgeramt Hellersdorf"),
        "other": organisation(district_a, name="Stadtteilzentrum Marzahn"),
        "public_b": organisation(district_b, name="Jobcenter Pankow", is_public=True),
        "private_b": organisation(district_b, name="Jobclub Pankow intern", is_public=False),
    }


def offered(response) -> set[str]:
    field = response.context["form"].fields
    name = "organisations" if "organisations" in field else "organisation"
    return {label for _value, label in field[name].widget.choices if _value != ""}


def test_the_intake_form_lists_no_directory_until_searched(
    client_for, staff_a, district_a, directory
):
    response = client_for(staff_a).get(url(district_a, "create"))
    assert response.status_code == 200
    assert offered(response) == set()
    assert "Bürgeramt Hellersdorf" not in response.content.decode()


def test_a_search_sends_the_form_back_unsaved_with_the_matches(
    client_for, staff_a, district_a, directory
):
    post = intake_post(subject="", stellen_suche="Jobc", stellen_suchen="1")
    response = client_for(staff_a).post(url(district_a, "create"), post)
    page = response.content.decode()
    assert response.status_code == 200
    assert stored(district_a) == []
    # Public entries of every district are found, another district's private ones are not.
    assert any("Jobcenter Pankow" in label for label in offered(response))
    assert "Jobclub Pankow intern" not in page
    assert "errorlist" not in page  # a search is not a failed save
    assert "Beim Termin gab es keine Möglichkeit" in page  # what was typed is kept


def test_a_found_body_is_ticked_and_saved(client_for, staff_a, district_a, directory):
    client = client_for(staff_a)
    chosen = [str(directory["public_b"].pk), str(directory["own"].pk)]
    # Ticked bodies stay offered when the next search finds others.
    again = client.post(
        url(district_a, "create"),
        intake_post(organisations=chosen, stellen_suche="Stadtteil", stellen_suchen="1"),
    )
    assert {"Jobcenter Pankow", "Bürgeramt Hellersdorf", "Stadtteilzentrum Marzahn"} <= {
        label.split(" (")[0] for label in offered(again)
    }
    response = client.post(url(district_a, "create"), intake_post(organisations=chosen))
    assert response.status_code == 200  # the receipt
    [complaint] = stored(district_a)
    with scope(district=district_a):
        named = set(complaint.concernedbody_set.values_list("organisation_id", flat=True))
    assert named == {directory["public_b"].pk, directory["own"].pk}


def test_another_districts_private_entry_is_refused(client_for, staff_a, district_a, directory):
    post = intake_post(organisations=[str(directory["private_b"].pk)])
    response = client_for(staff_a).post(url(district_a, "create"), post)
    assert response.status_code == 200
    assert response.context["form"].errors["organisations"]
    assert stored(district_a) == []


def test_the_edit_form_offers_the_bodies_of_the_case(client_for, staff_a, district_a, directory):
    complaint = factories.complaint(district_a, organisations=[directory["own"]])
    response = client_for(staff_a).get(url(district_a, "edit", complaint=complaint.pk))
    assert {label.split(" (")[0] for label in offered(response)} == {"Bürgeramt Hellersdorf"}


def test_a_statement_goes_to_a_body_found_in_the_directory(
    client_for, staff_a, district_a, directory
):
    complaint = factories.complaint(district_a)
    client = client_for(staff_a)
    page = client.get(url(district_a, "statement_new", complaint=complaint.pk))
    assert offered(page) == set()
    found = client.post(
        url(district_a, "statement_new", complaint=complaint.pk),
        {"stellen_suche": "Jobcenter", "stellen_suchen": "1", "text_sent": "x"},
    )
    assert any("Jobcenter Pankow" in label for label in offered(found))
    with scope(district=district_a):
        assert not complaint.statements.exists()
    sent = client.post(
        url(district_a, "statement_new", complaint=complaint.pk),
        {
            "organisation": str(directory["public_b"].pk),
            "text_sent": "Bitte nehmen Sie Stellung.",
            "deadline": "2099-01-01",
        },
    )
    assert sent.status_code == 302
    with scope(district=district_a):
        assert complaint.statements.get().organisation == directory["public_b"]


def test_the_intake_form_costs_the_same_with_a_large_directory(client_for, staff_a, district_a):
    client = client_for(staff_a)
    path = url(district_a, "create")
    client.get(path)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        client.get(path)
    for number in range(30):
        organisation(district_a, name=f"Verein Nummer {number}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(path)
    assert "Verein Nummer" not in response.content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
