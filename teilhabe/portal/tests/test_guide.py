"""The public guide (Wegweiser): filters, what is public, languages, constant queries."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from teilhabe.directory.models import Organisation
from teilhabe.directory.tests import factories
from teilhabe.districts.models import Locality

pytestmark = pytest.mark.django_db

GUIDE = "/bezirke/marzahn-hellersdorf/wegweiser/"
GUIDE_B = "/bezirke/spandau/wegweiser/"


def entry(district, name, **data) -> Organisation:
    data.setdefault("is_public", True)
    return factories.organisation(district, name, **data)


def names(body: str) -> set[str]:
    """The entry names of a result list (each a heading linking to its detail page)."""
    return set(re.findall(r'<h3><a href="[^"]*/wegweiser/\d+/">([^<]+)</a></h3>', body))


def get(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def detail_url(organisation: Organisation, district_slug: str = "marzahn-hellersdorf") -> str:
    return f"/bezirke/{district_slug}/wegweiser/{organisation.pk}/"


@pytest.fixture
def network(district_a, district_b) -> dict[str, Organisation]:
    """Entries of both districts: public, private, inactive, serving A or not."""
    hellersdorf = Locality.objects.get(code="1005")
    marzahn = Locality.objects.get(code="1001")
    entries = {
        "advice": entry(
            district_a,
            "Beratung Hellersdorf",
            topics=("residence", "asylum"),
            languages=("ar", "fa"),
            locality=hellersdorf,
            street="Alice-Salomon-Platz 3",
            postal_code="12627",
            phone="030 / 902 93-0",
            email="beratung@example.org",
            website="https://beratung.example.org",
            opening_hours="Mo–Fr 9–12 Uhr",
            step_free=Organisation.Access.YES,
        ),
        "parents": entry(
            district_a,
            "Türkischer Elternverein",
            kind=Organisation.Kind.MIGRANT_ORGANISATION,
            topics=("education",),
            languages=("tr",),
            locality=marzahn,
        ),
        "housing": entry(
            district_a, "Kiezladen Wohnen", topics=("housing",), languages=("ru", "uk")
        ),
        "private": entry(district_a, "PRIVATE-MARKER-A", is_public=False),
        "inactive": entry(district_a, "INACTIVE-MARKER-A", is_active=False),
        "berlin": entry(
            district_b, "Landesweite Beratung", serves_all_berlin=True, topics=("work",)
        ),
        "served": entry(district_b, "Spandauer Hilfe für Marzahn", topics=("health",)),
        "b_only": entry(district_b, "ONLY-SPANDAU-MARKER"),
        "b_private": entry(district_b, "PRIVATE-MARKER-B", is_public=False, serves_all_berlin=True),
    }
    with scope(district=district_b):
        entries["served"].served_districts.add(district_a)
        entries["b_private"].served_districts.add(district_a)
    return entries


PUBLIC_FOR_A = {
    "Beratung Hellersdorf",
    "Türkischer Elternverein",
    "Kiezladen Wohnen",
    "Landesweite Beratung",
    "Spandauer Hilfe für Marzahn",
}


def test_guide_lists_exactly_the_public_entries_serving_the_district(client, network):
    body = get(client, GUIDE)
    assert names(body) == PUBLIC_FOR_A
    for marker in ("PRIVATE-MARKER-A", "INACTIVE-MARKER-A", "PRIVATE-MARKER-B", "ONLY-SPANDAU"):
        assert marker not in body
    assert "The guide lists 5 entries." in get(client, "/en" + GUIDE)


def test_other_district_sees_its_own_and_berlin_wide_entries_only(client, network):
    body = get(client, GUIDE_B)
    assert names(body) == {
        "Landesweite Beratung",
        "Spandauer Hilfe für Marzahn",
        "ONLY-SPANDAU-MARKER",
    }
    assert "PRIVATE-MARKER" not in body


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"thema": "residence"}, {"Beratung Hellersdorf"}),
        ({"thema": "work"}, {"Landesweite Beratung"}),
        ({"sprache": "tr"}, {"Türkischer Elternverein"}),
        ({"sprache": "uk"}, {"Kiezladen Wohnen"}),
        ({"ortsteil": "1005"}, {"Beratung Hellersdorf"}),
        ({"typ": "migrant_org"}, {"Türkischer Elternverein"}),
        ({"q": "kiezladen"}, {"Kiezladen Wohnen"}),
        ({"q": "Turkisch"}, {"Türkischer Elternverein"}),
        ({"q": "Alice-Salomon"}, {"Beratung Hellersdorf"}),
        ({"thema": "residence", "sprache": "tr"}, set()),
        ({"sprache": "ar", "ortsteil": "1005", "typ": "advice_centre"}, {"Beratung Hellersdorf"}),
    ],
)
def test_filters_return_exactly_the_matching_public_entries(client, network, params, expected):
    assert names(get(client, GUIDE, **params)) == expected


def test_filters_never_bring_up_private_or_inactive_entries(client, network):
    # The private and inactive entries share the default topic and language.
    body = get(client, GUIDE, thema="residence", sprache="ar", q="marker")
    assert names(body) == set()
    assert "MARKER" not in body


def test_language_options_and_entries_show_the_languages_own_script(client, network):
    body = get(client, GUIDE)
    assert ">Arabisch – العربية</option>" in body
    assert 'Arabisch – <span lang="ar" dir="rtl">العربية</span>' in body
    assert 'Farsi (Persisch) – <span lang="fa" dir="rtl">فارسی</span>' in body
    assert 'Türkisch – <span lang="tr" dir="ltr">Türkçe</span>' in body


def test_entry_shows_how_to_get_in_touch(client, network):
    body = get(client, GUIDE, q="Alice-Salomon")
    assert 'href="tel:030902' in body
    assert 'href="mailto:beratung@example.org"' in body
    assert 'href="https://beratung.example.org"' in body
    assert "Alice-Salomon-Platz 3, 12627 Berlin" in body
    assert "<dd>Hellersdorf</dd>" in body
    assert "Mo–Fr 9–12 Uhr" in body
    assert "Step-free" in get(client, "/en" + GUIDE, q="Alice-Salomon")


def test_english_page_shows_english_names(client, network):
    body = get(client, "/en" + GUIDE, thema="asylum")
    assert '<html lang="en"' in body
    assert "Asylum and refuge" in body
    assert "Residence law" in body
    assert "Aufenthaltsrecht" not in body
    assert ">Arabic – العربية</option>" in body
    assert "1 entry matches your search." in body


def test_unknown_filter_values_are_ignored_with_a_note(client, network):
    body = get(client, "/en" + GUIDE, sprache="xx", thema="nonsense", ortsteil="0501", seite="x")
    assert "Some of the filters in the address are not known" in body
    assert "left out: Topic, Language, Neighbourhood (Ortsteil)." in body
    assert names(body) == PUBLIC_FOR_A


def test_known_filters_have_no_note(client, network):
    body = get(client, "/en" + GUIDE, sprache="ar")
    assert "not known" not in body


def test_empty_result_suggests_removing_filters_and_the_office(client, network):
    body = get(client, "/en" + GUIDE, thema="family")
    assert "No entry matches your search." in body
    assert 'href="/en/bezirke/marzahn-hellersdorf/"' in body
    assert "Remove all filters" in body


def test_pages_of_25_keep_the_filters(client, district_a):
    for number in range(30):
        entry(district_a, f"Verein {number:02d}", topics=("culture",))
    body = get(client, GUIDE, thema="culture")
    assert len(names(body)) == 25
    assert "?thema=culture&amp;seite=2" in body
    second = get(client, GUIDE, thema="culture", seite="2")
    assert names(second) == {f"Verein {number:02d}" for number in range(25, 30)}
    assert '<ol class="guide-list" start="26">' in second


def test_query_count_does_not_grow_with_the_entries(client, district_a, district_b):
    hellersdorf = Locality.objects.get(code="1005")

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            get(client, GUIDE)
        return len(queries)

    def add(first: int, last: int) -> None:
        for number in range(first, last):
            owner = district_a if number % 3 else district_b
            entry(
                owner,
                f"Eintrag {number}",
                locality=hellersdorf if owner == district_a else None,
                serves_all_berlin=owner == district_b,
                topics=("residence", "housing"),
                languages=("ar", "tr", "ru"),
            )

    add(0, 3)
    few = count_queries()
    add(3, 30)
    assert count_queries() == few


def test_detail_shows_public_facts_and_consenting_contacts_only(client, network):
    advice = network["advice"]
    factories.contact(
        advice,
        "Aylin Demir",
        role="Beraterin",
        phone="030 123",
        email="demir@example.org",
        public_consent_on="2024-01-15",
    )
    with scope(district=advice.district):
        consenting = advice.contacts.get()
        consenting.languages.set(["ar", "tr"])
    factories.contact(advice, "NO-CONSENT-MARKER", email="secret@example.org")
    body = get(client, detail_url(advice))
    assert body.count("<h1>") == 1
    assert "<h1>Beratung Hellersdorf</h1>" in body
    assert "Aylin Demir" in body and "Beraterin" in body
    assert 'href="mailto:demir@example.org"' in body
    assert '<span lang="tr" dir="ltr">Türkçe</span>' in body
    assert "NO-CONSENT-MARKER" not in body
    assert "secret@example.org" not in body
    assert "NO-CONSENT-MARKER" not in get(client, GUIDE)


def test_detail_of_other_districts_entry_serving_this_one(client, network):
    assert client.get(detail_url(network["served"])).status_code == 200
    assert client.get(detail_url(network["berlin"])).status_code == 200


@pytest.mark.parametrize("key", ["private", "inactive", "b_only", "b_private"])
def test_detail_of_entries_not_public_here_is_404(client, network, key):
    response = client.get(detail_url(network[key]))
    assert response.status_code == 404
    assert b"MARKER" not in response.content


def test_detail_of_an_entry_is_404_in_a_district_it_does_not_serve(client, network):
    assert client.get(detail_url(network["advice"], "spandau")).status_code == 404
    assert client.get(detail_url(network["b_only"], "spandau")).status_code == 200


def test_unknown_district_or_entry_is_404(client, network):
    assert client.get("/bezirke/atlantis/wegweiser/").status_code == 404
    assert client.get(GUIDE + "999999/").status_code == 404


def test_pages_are_printable_and_follow_the_csp(client, network):
    for url in (GUIDE, detail_url(network["advice"])):
        body = get(client, url)
        assert '<link rel="stylesheet" media="print" href="/static/css/print.css">' in body
        assert "style=" not in body
        assert body.count("<script") == 1  # htmx from the base layout, nothing inline
        assert body.count("<h1") == 1


def test_every_filter_control_has_a_label(client, network):
    body = get(client, GUIDE)
    controls = re.findall(r'<(?:select|input)[^>]*\bid="(id_[a-z]+)"', body)
    assert sorted(controls) == ["id_ortsteil", "id_q", "id_sprache", "id_thema", "id_typ"]
    for control in controls:
        assert f'<label for="{control}"' in body
    assert 'method="get"' in body


def test_office_page_links_to_the_guide(client):
    assert 'href="/bezirke/spandau/wegweiser/"' in get(client, "/bezirke/spandau/")
    assert 'href="/en/bezirke/spandau/wegweiser/"' in get(client, "/en/bezirke/spandau/")
