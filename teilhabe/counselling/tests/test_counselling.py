"""Counselling: recording, referrals, encryption, audit of reads, retention, statistics."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from teilhabe.core.models import AuditEntry
from teilhabe.counselling import selectors, services
from teilhabe.counselling.models import Consultation
from teilhabe.directory.tests.factories import organisation
from teilhabe.districts.models import Position

from .factories import consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def position_a(district_a) -> Position:
    with scope(district=district_a):
        return Position.objects.create(district=district_a, code="Int1", title="Koordination")


def expire(today: datetime.date) -> int:
    """The retention job, as the scheduled task runs it (without a district scope)."""
    with scopes_disabled():
        return services.consultations_anonymise_expired(today=today)


def post_data(position: Position, **overrides) -> dict:
    data = {
        "date": "2026-11-20",
        "position": position.pk,
        "channel": "phone",
        "language": "ar",
        "topics": ["residence"],
        "note": "Frage zur Verlängerung",
        "outcome": "informed",
    }
    data.update(overrides)
    return data


def test_contact_details_are_encrypted_at_rest(district_a):
    record = consultation(district_a, wants_follow_up=True, contact="0176 555 123")
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact FROM counselling_consultation WHERE id = %s", [record.pk])
        stored = cursor.fetchone()[0]
    assert "0176" not in stored and stored.startswith("fernet:")
    with scope(district=district_a):
        assert Consultation.objects.get(pk=record.pk).contact == "0176 555 123"


def test_contact_details_need_the_wish_for_a_follow_up(client_for, staff_a, district_a, position_a):
    url = f"/{district_a.slug}/beratung/neu/"
    response = client_for(staff_a).post(url, post_data(position_a, contact="0176 1"))
    assert response.status_code == 200
    assert "contact" in response.context["form"].errors
    with scope(district=district_a):
        assert not Consultation.objects.exists()


def test_record_with_referral_and_save_and_next(client_for, staff_a, district_a, position_a):
    org = organisation(district_a, "Beratung Aufenthalt", topics=("residence",), languages=("ar",))
    data = post_data(position_a, referrals=[org.pk], save_and_new="1")
    response = client_for(staff_a).post(f"/{district_a.slug}/beratung/neu/", data)
    assert response.status_code == 302 and response["Location"].endswith("/beratung/neu/")
    with scope(district=district_a):
        record = Consultation.objects.get()
        assert list(record.referrals.all()) == [org]
        assert record.last_contact == datetime.date(2026, 11, 20)
        assert record.referral_set.get().district == district_a


def test_referral_to_another_districts_private_organisation_is_refused(
    client_for, staff_a, district_a, district_b, position_a
):
    private = organisation(district_b, "Spandau intern", is_public=False)
    public = organisation(district_b, "Spandau öffentlich", is_public=True)
    client = client_for(staff_a)
    url = f"/{district_a.slug}/beratung/neu/"
    response = client.post(url, post_data(position_a, referrals=[private.pk]))
    assert response.status_code == 200
    assert "referrals" in response.context["form"].errors
    with scope(district=district_a):
        assert not Consultation.objects.exists()
    assert client.post(url, post_data(position_a, referrals=[public.pk])).status_code == 302


def test_service_refuses_private_referral_too(district_a, district_b):
    private = organisation(district_b, "Spandau intern", is_public=False)
    with pytest.raises(Exception, match="not public|nicht öffentlich"):
        consultation(district_a, referrals=(private,))


def test_unknown_language_code_is_a_clear_error(client_for, staff_a, district_a, position_a):
    response = client_for(staff_a).post(
        f"/{district_a.slug}/beratung/neu/", post_data(position_a, language="xx")
    )
    assert response.status_code == 200
    assert "language" in response.context["form"].errors


def test_suggestions_match_topic_and_language(client_for, staff_a, district_a, position_a):
    organisation(district_a, "Passt genau", topics=("housing",), languages=("uk",))
    organisation(district_a, "Falsche Sprache", topics=("housing",), languages=("vi",))
    organisation(district_a, "Falsches Thema", topics=("health",), languages=("uk",))
    url = f"/{district_a.slug}/beratung/vorschlaege/"
    body = client_for(staff_a).get(url, {"topics": "housing", "language": "uk"}).content.decode()
    assert "Passt genau" in body
    assert "Falsche Sprache" not in body and "Falsches Thema" not in body


def test_suggest_button_rerenders_without_saving(client_for, staff_a, district_a, position_a):
    organisation(district_a, "Vorschlag", topics=("residence",), languages=("ar",))
    response = client_for(staff_a).post(
        f"/{district_a.slug}/beratung/neu/", post_data(position_a, suggest="1")
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Vorschlag" in body and "Frage zur Verlängerung" in body
    with scope(district=district_a):
        assert not Consultation.objects.exists()


def test_reading_contact_data_is_audited_but_plain_records_are_not(client_for, staff_a, district_a):
    plain = consultation(district_a)
    private = consultation(district_a, wants_follow_up=True, pseudonym="Herr K.")
    client = client_for(staff_a)
    client.get(f"/{district_a.slug}/beratung/{plain.pk}/")
    client.get(f"/{district_a.slug}/beratung/{private.pk}/")
    with scope(district=district_a):
        reads = AuditEntry.objects.filter(action="counselling.consultation.viewed")
        assert [entry.object_id for entry in reads] == [str(private.pk)]
        assert reads.get().actor == staff_a


def test_assistant_sees_no_counselling_records(client_for, members, district_a):
    record = consultation(district_a)
    assistant = client_for(members[("a", "assistant")])
    for path in ("beratung/", f"beratung/{record.pk}/", "beratung/neu/"):
        assert assistant.get(f"/{district_a.slug}/{path}").status_code == 403
    assert assistant.get(f"/{district_a.slug}/beratung/statistik/").status_code == 200


def test_follow_up_extends_the_case_and_points_to_its_first_contact(district_a):
    first = consultation(district_a, date=datetime.date(2024, 1, 10))
    second = consultation(district_a, date=datetime.date(2024, 6, 1), follows=first)
    third = consultation(district_a, date=datetime.date(2025, 2, 1), follows=second)
    with scope(district=district_a):
        assert third.follows_id == first.pk
        dates = set(Consultation.objects.values_list("last_contact", flat=True))
    assert dates == {datetime.date(2025, 2, 1)}


@override_settings(COUNSELLING_RETENTION_MONTHS=24)
def test_retention_erases_contact_and_note_but_keeps_statistics(district_a, district_b):
    old = consultation(
        district_a,
        date=datetime.date(2023, 1, 5),
        wants_follow_up=True,
        contact="old@example.org",
        note="alte Notiz",
    )
    case = consultation(
        district_a, date=datetime.date(2023, 1, 5), wants_follow_up=True, contact="x"
    )
    consultation(district_a, date=datetime.date(2025, 3, 1), follows=case)
    other = consultation(district_b, date=datetime.date(2023, 1, 5), note="B alt")
    count = expire(datetime.date(2026, 11, 21))
    assert count == 2
    with scope(district=district_a):
        old.refresh_from_db()
        case.refresh_from_db()
    assert (old.contact, old.note, old.wants_follow_up) == ("", "", False)
    assert old.anonymised_at is not None and old.version == 2
    assert list(old.topics.values_list("code", flat=True)) == ["residence"]
    assert case.contact == "x"  # its follow-up in 2025 keeps the case within the period
    with scope(district=district_b):
        other.refresh_from_db()
    assert other.note == ""
    assert expire(datetime.date(2026, 11, 21)) == 0


def test_anonymised_consultation_cannot_be_edited(district_a, staff_a):
    record = consultation(district_a, date=datetime.date(2020, 1, 1), note="alt")
    expire(datetime.date(2026, 11, 21))
    with scope(district=district_a):
        record.refresh_from_db()
        with pytest.raises(Exception, match="anonymised|anonymisiert"):
            services.consultation_update(
                consultation=record,
                actor=staff_a,
                data={"note": "neu"},
                topics=list(record.topics.all()),
                referrals=[],
                expected_version=record.version,
            )


def test_months_before_handles_short_months():
    assert services.months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert services.months_before(datetime.date(2026, 11, 21), 24) == datetime.date(2024, 11, 21)


def test_statistics_count_persons_and_hide_small_cells(district_a):
    for _ in range(4):
        consultation(district_a, date=datetime.date(2026, 3, 2), topics=("housing",))
    for _ in range(3):
        consultation(district_a, date=datetime.date(2026, 4, 2), topics=("housing",))
    first = consultation(district_a, date=datetime.date(2026, 5, 2), topics=("health",))
    consultation(district_a, date=datetime.date(2026, 5, 9), topics=("health",), follows=first)
    consultation(district_a, date=datetime.date(2025, 5, 9), topics=("health",))
    with scope(district=district_a):
        stats = selectors.statistics(district=district_a, year=2026)
    assert stats["persons"].shown == "8" and stats["contacts"] == 9
    months = {cell.label: cell for cell in stats["months"]}
    assert months["März"].shown == "4"
    # One person in May: hidden, and the next smallest cell (April) too, or the total gives it away.
    assert months["Mai"].shown == "< 3" and months["April"].shown == "< 3"
    topics = {cell.label: cell.shown for cell in stats["topics"]}
    assert topics["Gesundheit"] == "< 3"


def test_suppress_leaves_zero_and_large_cells():
    cells = selectors.suppress([("a", 0), ("b", 5), ("c", 7), ("d", 2), ("e", 1)])
    assert [cell.shown for cell in cells] == ["0", "5", "7", "< 3", "< 3"]


def test_statistics_page_and_csv_show_no_small_numbers(client_for, members, district_a):
    consultation(district_a, date=datetime.date(2026, 2, 3), topics=("family",))
    client = client_for(members[("a", "assistant")])
    page = client.get(f"/{district_a.slug}/beratung/statistik/", {"jahr": "2026"})
    assert page.status_code == 200
    assert "&lt; 3" in page.content.decode()
    csv = client.get(f"/{district_a.slug}/beratung/statistik.csv", {"jahr": "2026"})
    text = csv.content.decode("utf-8-sig")
    rows = [line.split(";") for line in text.splitlines()[1:]]
    assert all(row[2] in {"0", "< 3"} or int(row[2]) >= 3 for row in rows)
    assert any(row[2] == "< 3" for row in rows)


def test_list_query_count_does_not_grow(
    client_for, staff_a, district_a, django_assert_max_num_queries
):
    client = client_for(staff_a)
    consultation(district_a)
    with django_assert_max_num_queries(30) as few:
        client.get(f"/{district_a.slug}/beratung/")
    for _ in range(30):
        consultation(district_a, topics=("work", "health"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(f"/{district_a.slug}/beratung/")


def test_edit_detects_concurrent_change(client_for, members, district_a, position_a):
    record = consultation(district_a, position=position_a)
    url = f"/{district_a.slug}/beratung/{record.pk}/bearbeiten/"
    first = post_data(position_a, note="erste", version=record.version)
    second = post_data(position_a, note="zweite", version=record.version)
    assert client_for(members[("a", "staff")]).post(url, first).status_code == 302
    response = client_for(members[("a", "commissioner")]).post(url, second)
    assert response.status_code == 200 and response.context["form"].conflict
    with scope(district=district_a):
        record.refresh_from_db()
    assert record.note == "erste"


def test_dashboard_lists_due_follow_ups_for_case_workers_only(client_for, members, district_a):
    today = timezone.localdate()
    due = consultation(
        district_a, date=today - datetime.timedelta(days=20), follow_up_on=today, note="fällig"
    )
    answered = consultation(
        district_a,
        date=today - datetime.timedelta(days=20),
        follow_up_on=today - datetime.timedelta(days=2),
    )
    consultation(district_a, date=today - datetime.timedelta(days=1), follows=answered)
    consultation(district_a, date=today, follow_up_on=today + datetime.timedelta(days=30))
    body = client_for(members[("a", "staff")]).get(f"/{district_a.slug}/").content.decode()
    assert f"/beratung/{due.pk}/" in body
    assert f"/beratung/{answered.pk}/" not in body
    assistant = client_for(members[("a", "assistant")]).get(f"/{district_a.slug}/")
    assert "/beratung/" not in assistant.content.decode()


def test_new_form_starts_with_today_german_and_the_users_position(client_for, district_a):
    from conftest import make_member
    from teilhabe.districts.models import PositionHolding

    user = make_member(district_a, "staff")
    with scope(district=district_a):
        mine = Position.objects.create(district=district_a, code="Int2", title="Beratung")
        Position.objects.create(district=district_a, code="Int3", title="Andere")
        PositionHolding.objects.create(
            district=district_a, position=mine, user=user, start=datetime.date(2020, 1, 1)
        )
    body = client_for(user).get(f"/{district_a.slug}/beratung/neu/").content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in body
    assert f'<option value="{mine.pk}" selected>' in body
    assert '<option value="de" selected>' in body
