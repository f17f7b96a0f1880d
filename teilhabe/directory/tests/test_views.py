"""Directory staff pages: search, add with duplicate warning, edit, contact persons."""

from __future__ import annotations

import pytest
from django_scopes import scope

from teilhabe.core.models import AuditEntry
from teilhabe.directory.models import ContactPerson, Organisation

from .factories import contact, organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def base(district_a) -> str:
    return f"/{district_a.slug}/verzeichnis/"


def form_data(**overrides) -> dict:
    data = {
        "name": "Nachbarschaftshaus Kaulsdorf",
        "kind": "provider",
        "street": "Brodowiner Ring 5",
        "postal_code": "12685",
        "city": "Berlin",
        "languages": ["ar", "vi"],
        "topics": ["housing"],
        "is_active": "on",
    }
    data.update(overrides)
    return data


def names(response) -> str:
    return response.content.decode()


def test_search_finds_by_word_prefix_without_diacritics(
    client_for, commissioner_a, district_a, base
):
    organisation(
        district_a,
        "Türkischer Elternverein Hellersdorf e.V.",
        languages=("tr",),
        kind="migrant_org",
    )
    organisation(district_a, "Beratungsstelle Wohnen", topics=("housing",))
    client = client_for(commissioner_a)
    body = names(client.get(base, {"q": "turk eltern"}))
    assert "Türkischer Elternverein" in body
    assert "Beratungsstelle Wohnen" not in body
    body = names(client.get(base, {"q": "Beratungs"}))
    assert "Beratungsstelle Wohnen" in body and "Elternverein" not in body


def test_filters_combine(client_for, commissioner_a, district_a, base):
    organisation(district_a, "Arabisch Wohnen", topics=("housing",), languages=("ar",))
    organisation(district_a, "Arabisch Gesundheit", topics=("health",), languages=("ar",))
    organisation(district_a, "Farsi Wohnen", topics=("housing",), languages=("fa",))
    body = names(client_for(commissioner_a).get(base, {"thema": "housing", "sprache": "ar"}))
    assert "Arabisch Wohnen" in body
    assert "Arabisch Gesundheit" not in body and "Farsi Wohnen" not in body


def test_unknown_filter_value_is_ignored_with_a_note(client_for, commissioner_a, district_a, base):
    organisation(district_a, "Eine Stelle")
    response = client_for(commissioner_a).get(base, {"sprache": "xx"})
    assert response.status_code == 200
    assert "Eine Stelle" in names(response)
    assert "nicht verstanden" in names(response) or "not understood" in names(response)


def test_other_districts_private_entries_never_listed(
    client_for, commissioner_a, district_a, district_b, base
):
    organisation(district_b, "Spandauer Geheimtipp", is_public=False)
    organisation(district_b, "Spandauer Landesweit", is_public=True)
    client = client_for(commissioner_a)
    assert "Spandauer" not in names(client.get(base))
    berlin = names(client.get(base, {"bereich": "berlin"}))
    assert "Spandauer Landesweit" in berlin
    assert "Spandauer Geheimtipp" not in berlin


def test_htmx_request_gets_only_the_results(client_for, commissioner_a, district_a, base):
    organisation(district_a, "Fragment-Test")
    response = client_for(commissioner_a).get(base, {"q": "fragment"}, HTTP_HX_REQUEST="true")
    body = names(response)
    assert 'id="results"' in body and "Fragment-Test" in body
    assert "<html" not in body


def test_list_query_count_does_not_grow(
    client_for, commissioner_a, district_a, base, django_assert_max_num_queries
):
    client = client_for(commissioner_a)
    for i in range(3):
        organisation(district_a, f"Stelle {i}")
    with django_assert_max_num_queries(30) as few:
        client.get(base)
    for i in range(3, 40):
        organisation(district_a, f"Stelle {i}", languages=("ar", "tr"), topics=("work", "health"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(base)


def test_create_warns_about_a_likely_duplicate_and_saves_after_confirmation(
    client_for, staff_a, district_a, base
):
    organisation(district_a, "Nachbarschaftshaus Kaulsdorf e.V.", street="Brodowiner Ring 5")
    client = client_for(staff_a)
    response = client.post(base + "neu/", form_data())
    assert response.status_code == 200
    assert "Nachbarschaftshaus Kaulsdorf e.V." in names(response)
    with scope(district=district_a):
        assert Organisation.objects.count() == 1
    response = client.post(base + "neu/", form_data(confirm_duplicate="on"))
    assert response.status_code == 302
    with scope(district=district_a):
        created = Organisation.objects.get(name="Nachbarschaftshaus Kaulsdorf")
        assert sorted(created.languages.values_list("code", flat=True)) == ["ar", "vi"]
        assert AuditEntry.objects.filter(action="directory.organisation.created").exists()


def test_create_rejects_bad_input_and_keeps_nothing(client_for, staff_a, district_a, base):
    response = client_for(staff_a).post(
        base + "neu/", form_data(postal_code="123", languages=["xx"], capacity="50")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "postal_code" in errors and "languages" in errors
    with scope(district=district_a):
        assert not Organisation.objects.exists()


def test_only_accommodations_have_places(client_for, staff_a, district_a, base):
    response = client_for(staff_a).post(base + "neu/", form_data(capacity="50"))
    assert response.status_code == 200
    assert "capacity" in response.context["form"].errors


def test_edit_detects_concurrent_change(client_for, staff_a, commissioner_a, district_a, base):
    org = organisation(district_a, "Stelle am See")
    url = f"{base}{org.pk}/bearbeiten/"
    first = form_data(name="Stelle am See (neu)", version=org.version)
    second = form_data(name="Stelle am Wald", version=org.version, topics=["health"])
    assert client_for(staff_a).post(url, first).status_code == 302
    response = client_for(commissioner_a).post(url, second)
    assert response.status_code == 200
    assert response.context["form"].conflict
    with scope(district=district_a):
        org.refresh_from_db()
        assert org.name == "Stelle am See (neu)"
        assert list(org.topics.values_list("code", flat=True)) == ["housing"]


def test_changing_only_languages_counts_as_a_change(client_for, staff_a, district_a, base):
    org = organisation(district_a, "Sprachen-Test", languages=("ar",))
    data = form_data(name="Sprachen-Test", street="", postal_code="", version=org.version)
    data["languages"] = ["ar", "uk"]
    assert client_for(staff_a).post(f"{base}{org.pk}/bearbeiten/", data).status_code == 302
    with scope(district=district_a):
        org.refresh_from_db()
        assert org.version == 2
        entry = AuditEntry.objects.filter(action="directory.organisation.updated").get()
        assert "languages" in entry.changes


def test_contact_person_lifecycle(client_for, staff_a, district_a, base):
    org = organisation(district_a, "Kontakt-Test")
    client = client_for(staff_a)
    url = f"{base}{org.pk}/ansprechpersonen/neu/"
    assert client.post(url, {"name": "Leyla Rahimi", "role": "Beraterin"}).status_code == 302
    with scope(district=district_a):
        person = ContactPerson.objects.get()
    detail = names(client.get(f"{base}{org.pk}/"))
    assert "Leyla Rahimi" in detail
    delete_url = f"/{district_a.slug}/ansprechpersonen/{person.pk}/entfernen/"
    assert client.post(delete_url).status_code == 302
    with scope(district=district_a):
        assert not ContactPerson.objects.exists()
        assert AuditEntry.objects.filter(action="directory.contactperson.deleted").exists()


def test_other_district_cannot_open_or_change_an_entry(client_for, members, district_a, base):
    org = organisation(district_a, "Nur für A")
    person = contact(org)
    outsider = client_for(members[("b", "commissioner")])
    assert outsider.get(f"{base}{org.pk}/").status_code == 404
    own_slug = f"/spandau/verzeichnis/{org.pk}/bearbeiten/"
    assert outsider.post(own_slug, form_data(version=1)).status_code == 404
    assert outsider.post(f"/spandau/ansprechpersonen/{person.pk}/entfernen/").status_code == 404
    with scope(district=district_a):
        assert ContactPerson.objects.filter(pk=person.pk).exists()


def test_search_finds_the_type_in_german_and_english(client_for, commissioner_a, district_a, base):
    organisation(district_a, "Haus am Park", kind="accommodation")
    client = client_for(commissioner_a)
    assert "Haus am Park" in names(client.get(base, {"q": "Unterkunft"}))
    assert "Haus am Park" in names(client.get(base, {"q": "accommodation"}))
