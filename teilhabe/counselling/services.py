"""Writes of counselling: record and change consultations, and the retention period."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.accounts.models import User
from teilhabe.core.audit import audit_log
from teilhabe.core.versioning import versioned_save
from teilhabe.directory.models import Organisation, Topic
from teilhabe.directory.selectors import organisations_referable
from teilhabe.districts.models import District

from .models import Consultation


def _check_referrals(district: District, organisations: Iterable[Organisation]) -> list:
    """Referrals go to the district's own entries or to public entries of any district."""
    chosen = list(organisations)
    allowed = set(
        organisations_referable(district=district)
        .filter(pk__in=[org.pk for org in chosen])
        .values_list("pk", flat=True)
    )
    if any(org.pk not in allowed for org in chosen):
        raise ValidationError(
            _("A chosen organisation belongs to another district and is not public.")
        )
    return chosen


def _refresh_case(root_id: int) -> None:
    """Every consultation of a case carries the case's latest contact date."""
    case = Consultation.objects.filter(Q(pk=root_id) | Q(follows_id=root_id))
    latest = case.aggregate(latest=Max("date"))["latest"]
    if latest is not None:
        case.update(last_contact=latest)


@transaction.atomic
def consultation_create(
    *,
    district: District,
    actor: User | None,
    data: dict[str, Any],
    topics: Iterable[Topic],
    referrals: Iterable[Organisation] = (),
) -> Consultation:
    """Record a consultation; a follow-up extends its case's retention period."""
    referrals = _check_referrals(district, referrals)
    topics = list(topics)
    if not topics:
        raise ValidationError(_("Choose at least one topic."))
    follows = data.get("follows")
    if follows is not None and follows.follows_id is not None:
        data = {**data, "follows": follows.follows}  # always point to the case's first contact
    consultation = Consultation(district=district, updated_by=actor, **data)
    consultation.last_contact = consultation.date
    consultation.full_clean()
    consultation.save()
    consultation.topics.set(topics)
    consultation.referrals.set(referrals, through_defaults={"district": district})
    _refresh_case(consultation.case_root_id)
    audit_log(
        actor=actor,
        obj=consultation,
        action="counselling.consultation.created",
        changes={
            **{name: (None, value) for name, value in data.items()},
            "topics": (None, sorted(str(topic) for topic in topics)),
            "referrals": (None, sorted(str(org) for org in referrals)),
        },
    )
    return consultation


@transaction.atomic
def consultation_update(
    *,
    consultation: Consultation,
    actor: User,
    data: dict[str, Any],
    topics: Iterable[Topic],
    referrals: Iterable[Organisation],
    expected_version: int,
) -> Consultation:
    """Change a consultation; anonymised ones are kept as they are for the statistics."""
    if consultation.anonymised_at is not None:
        raise ValidationError(_("This consultation was anonymised and can no longer be changed."))
    topics = list(topics)
    if not topics:
        raise ValidationError(_("Choose at least one topic."))
    referrals = _check_referrals(consultation.district, referrals)
    saved = versioned_save(
        instance=consultation,
        actor=actor,
        data=data,
        expected_version=expected_version,
        action="counselling.consultation.updated",
        m2m={"topics": topics, "referrals": referrals},
        through_defaults={"referrals": {"district": consultation.district}},
    )
    _refresh_case(saved.case_root_id)
    return saved


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` earlier (the month's last day where it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def consultations_anonymise_expired(*, today: datetime.date | None = None) -> int:
    """Erase contact data and notes of cases whose last contact is past the retention period.

    Runs without a district scope (scheduled job); one audit entry per district.
    """
    today = today or timezone.localdate()
    cutoff = months_before(today, settings.COUNSELLING_RETENTION_MONTHS)
    expired = Consultation.objects.filter(last_contact__lt=cutoff, anonymised_at__isnull=True)
    counts: dict[int, int] = {}
    for district_id in expired.values_list("district_id", flat=True).distinct():
        with transaction.atomic():
            rows = expired.filter(district_id=district_id)
            count = rows.update(
                pseudonym="",
                contact="",
                note="",
                wants_follow_up=False,
                anonymised_at=timezone.now(),
                version=F("version") + 1,
            )
            audit_log(
                actor=None,
                obj=None,
                action="counselling.retention.applied",
                district=District.objects.get(pk=district_id),
                changes={"consultations": (None, count), "last_contact_before": (None, cutoff)},
            )
        counts[district_id] = count
    return sum(counts.values())
