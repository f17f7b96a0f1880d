"""Demo consultations: about forty per district over the current and the last year."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from teilhabe.directory.models import Organisation, Topic
from teilhabe.districts.models import District, Position

from . import services
from .models import Consultation

NOTES = [
    "Fragen zur Verlängerung des Aufenthaltstitels; Unterlagen besprochen.",
    "Suche nach einem Sprachkurs mit Kinderbetreuung.",
    "Schwierigkeiten bei der Wohnungssuche, Hinweise auf Beratungsstellen gegeben.",
    "Erfahrung von Benachteiligung bei einer Behörde geschildert.",
    "Antrag auf Einbürgerung: Ablauf und Voraussetzungen erklärt.",
    "Anerkennung eines ausländischen Berufsabschlusses.",
]
LANGUAGES = ["de", "de", "ar", "tr", "ru", "uk", "fa", "vi", "kmr"]


@transaction.atomic
def load(district: District, count: int = 40) -> int:
    """Create demo consultations unless the district has some already."""
    if Consultation.objects.filter(district=district).exists():
        return 0
    rng = random.Random(district.number)  # noqa: S311  demo data, not security
    positions = list(Position.objects.filter(district=district, is_active=True))
    topics = list(Topic.objects.all())
    organisations = list(Organisation.objects.filter(district=district, is_public=True))
    today = timezone.localdate()
    for _ in range(count):
        day = today - datetime.timedelta(days=rng.randint(0, 420))
        chosen = rng.sample(topics, rng.randint(1, 3))
        follow_up = rng.random() < 0.2
        services.consultation_create(
            district=district,
            actor=None,
            data={
                "date": day,
                "position": rng.choice(positions),
                "channel": rng.choice(Consultation.Channel.values),
                "language_id": rng.choice(LANGUAGES),
                "interpreter": rng.random() < 0.15,
                "note": rng.choice(NOTES),
                "outcome": Consultation.Outcome.FOLLOW_UP
                if follow_up
                else rng.choice([Consultation.Outcome.INFORMED, Consultation.Outcome.REFERRED]),
                "follow_up_on": day + datetime.timedelta(days=14) if follow_up else None,
                "wants_follow_up": follow_up,
                "pseudonym": "Frau A." if follow_up else "",
                "age_group": rng.choice(Consultation.AgeGroup.values + [""]),
                "gender": rng.choice(Consultation.Gender.values + [""]),
            },
            topics=chosen,
            referrals=rng.sample(organisations, min(len(organisations), rng.randint(0, 2))),
        )
    return count
