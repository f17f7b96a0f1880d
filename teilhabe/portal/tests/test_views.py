"""The public portal: districts, office pages, languages."""

from __future__ import annotations

import pytest
from django.test import Client

from teilhabe.districts.models import Office, OfficeText

pytestmark = pytest.mark.django_db


def test_home_lists_all_twelve_districts():
    body = Client().get("/").content.decode()
    for slug in ("mitte", "spandau", "marzahn-hellersdorf", "reinickendorf"):
        assert f"/bezirke/{slug}/" in body
    assert body.count('href="/bezirke/') == 12


def test_english_home_links_stay_english():
    body = Client().get("/en/").content.decode()
    assert '<html lang="en"' in body
    assert "/en/bezirke/spandau/" in body


def test_office_page_shows_contact_and_sanitised_text(district_a, in_scope):
    with in_scope(district_a):
        office = Office.objects.get()
        office.email = "integration@example.org"
        office.save()
        OfficeText.objects.create(
            district=district_a, language="de", mission="Wir **helfen**.<script>x()</script>"
        )
    body = Client().get("/bezirke/marzahn-hellersdorf/").content.decode()
    assert "<strong>helfen</strong>" in body
    assert "<script>x()" not in body
    assert "mailto:integration@example.org" in body


def test_english_page_falls_back_to_german_with_a_note(district_a, in_scope):
    with in_scope(district_a):
        OfficeText.objects.create(district=district_a, language="de", mission="Nur deutsch.")
    body = Client().get("/en/bezirke/marzahn-hellersdorf/").content.decode()
    assert "Nur deutsch." in body
    assert 'lang="de"' in body
    assert "only available in German" in body


def test_unpublished_office_is_not_shown(district_a, in_scope):
    with in_scope(district_a):
        Office.objects.update(is_published=False)
    assert Client().get("/bezirke/marzahn-hellersdorf/").status_code == 404


def test_unknown_district_is_404():
    assert Client().get("/bezirke/atlantis/").status_code == 404


def test_language_switch_redirects_to_the_english_page():
    response = Client().post("/i18n/setlang/", {"language": "en", "next": "/bezirke/spandau/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/bezirke/spandau/"


def test_language_switch_offers_this_page_in_each_language():
    english = Client().get("/en/bezirke/spandau/").content.decode()
    assert 'name="next" type="hidden" value="/bezirke/spandau/"' in english
    response = Client().post("/i18n/setlang/", {"language": "de", "next": "/bezirke/spandau/"})
    assert response["Location"] == "/bezirke/spandau/"
