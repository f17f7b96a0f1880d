"""Positions and who holds them; the office's public texts."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from teilhabe.core.models import AuditEntry
from teilhabe.core.versioning import ConcurrentEditError
from teilhabe.districts import selectors, services
from teilhabe.districts.models import Position, PositionHolding
from teilhabe.districts.tests.factories import PositionFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def scoped(district_a, in_scope):
    with in_scope(district_a):
        yield


def test_position_create_audits(district_a, commissioner_a):
    position = services.position_create(
        district=district_a, actor=commissioner_a, data={"code": "Int3", "title": "Koordination"}
    )
    entry = AuditEntry.objects.get(action="districts.position.created")
    assert entry.object_id == str(position.pk)


def test_position_code_is_unique_in_the_district_ignoring_case(district_a, commissioner_a):
    PositionFactory(district=district_a, code="IntB")
    with pytest.raises(ValidationError):
        services.position_create(
            district=district_a, actor=commissioner_a, data={"code": "intb", "title": "x"}
        )
    assert Position.objects.filter(code__iexact="intb").count() == 1


def test_same_code_in_another_district_is_fine(district_a, district_b, commissioner_a, in_scope):
    with in_scope(district_b):
        PositionFactory(district=district_b, code="IntB")
    services.position_create(
        district=district_a, actor=commissioner_a, data={"code": "IntB", "title": "x"}
    )


def test_holding_start_and_end(district_a, commissioner_a, staff_a):
    position = PositionFactory(district=district_a)
    holding = services.holding_start(
        position=position, user=staff_a, actor=commissioner_a, start=D(2024, 1, 1)
    )
    assert list(selectors.positions_of(district=district_a, user=staff_a)) == [position]
    services.holding_end(holding=holding, actor=commissioner_a, end=D(2024, 6, 30))
    assert list(selectors.positions_of(district=district_a, user=staff_a)) == []
    history = list(selectors.position_history(position=position))
    assert [(h.start, h.end) for h in history] == [(D(2024, 1, 1), D(2024, 6, 30))]


def test_overlapping_holding_by_the_same_person_is_refused(district_a, commissioner_a, staff_a):
    position = PositionFactory(district=district_a)
    services.holding_start(
        position=position, user=staff_a, actor=commissioner_a, start=D(2024, 1, 1)
    )
    with pytest.raises(ValidationError):
        services.holding_start(
            position=position, user=staff_a, actor=commissioner_a, start=D(2025, 1, 1)
        )
    assert PositionHolding.objects.count() == 1


def test_two_people_may_share_a_position(district_a, commissioner_a, staff_a, members):
    position = PositionFactory(district=district_a)
    services.holding_start(
        position=position, user=staff_a, actor=commissioner_a, start=D(2024, 1, 1)
    )
    services.holding_start(
        position=position,
        user=members[("a", "assistant")],
        actor=commissioner_a,
        start=D(2024, 1, 1),
    )
    current = selectors.position_list(district=district_a).get(pk=position.pk).current_holdings
    assert len(current) == 2


def test_only_members_of_the_district_can_hold_its_positions(district_a, commissioner_a, members):
    position = PositionFactory(district=district_a)
    with pytest.raises(ValidationError):
        services.holding_start(
            position=position,
            user=members[("b", "staff")],
            actor=commissioner_a,
            start=D(2024, 1, 1),
        )


def test_holding_end_before_start_is_refused(district_a, commissioner_a, staff_a):
    holding = services.holding_start(
        position=PositionFactory(district=district_a),
        user=staff_a,
        actor=commissioner_a,
        start=D(2024, 1, 1),
    )
    with pytest.raises(ValidationError):
        services.holding_end(holding=holding, actor=commissioner_a, end=D(2023, 12, 31))
    holding.refresh_from_db()
    assert holding.end is None


def test_office_text_is_created_then_versioned(district_a, staff_a, commissioner_a):
    text = services.office_text_save(
        district=district_a,
        language="en",
        actor=staff_a,
        data={"mission": "We help.", "tasks": ""},
        expected_version=None,
    )
    assert text.version == 1
    services.office_text_save(
        district=district_a,
        language="en",
        actor=staff_a,
        data={"mission": "We help a lot.", "tasks": ""},
        expected_version=1,
    )
    with pytest.raises(ConcurrentEditError):
        services.office_text_save(
            district=district_a,
            language="en",
            actor=commissioner_a,
            data={"mission": "Overwritten", "tasks": ""},
            expected_version=1,
        )
    text.refresh_from_db()
    assert text.mission == "We help a lot."


def test_ended_holding_cannot_be_ended_again(district_a, commissioner_a, staff_a):
    position = PositionFactory(district=district_a)
    holding = services.holding_start(
        position=position, user=staff_a, actor=commissioner_a, start=D(2024, 1, 1)
    )
    services.holding_end(holding=holding, actor=commissioner_a, end=D(2024, 3, 31))
    services.holding_start(
        position=position, user=staff_a, actor=commissioner_a, start=D(2024, 4, 1)
    )
    with pytest.raises(ValidationError):
        services.holding_end(holding=holding, actor=commissioner_a, end=D(2030, 1, 1))
    holding.refresh_from_db()
    assert holding.end == D(2024, 3, 31)
    assert len(list(PositionHolding.objects.current(D(2025, 1, 1)))) == 1


def test_database_refuses_codes_differing_only_in_case(district_a):
    from django.db import IntegrityError, transaction

    Position.objects.create(district=district_a, code="IntB", title="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Position.objects.create(district=district_a, code="INTB", title="y")


def test_a_record_cannot_point_into_another_district(district_a, district_b, in_scope, staff_a):
    with in_scope(district_b):
        foreign = PositionFactory(district=district_b)
    holding = PositionHolding(
        district=district_a, position=foreign, user=staff_a, start=D(2024, 1, 1)
    )
    with pytest.raises(ValidationError) as caught:
        holding.full_clean()
    assert "position" in caught.value.message_dict
