"""Counselling: about 1,500 consultations per district and year, and their pages.

Per district (weighted by its size) and weekday of the window: consultations by the
district's positions, 1–3 topics each, about 30 % with one or two referrals to the
district's own active organisations (`ctx.data["referable"]` from the directory
generator), about 20 % follow-ups of an earlier case (`follows` → the case's first
contact; every contact of a case carries the case's latest date as `last_contact`),
about 15 % where the person wants a follow-up and left an encrypted pseudonym or contact.
Age group, gender and nationality are filled for most. Cases whose last contact lies
beyond the retention period are anonymised as the scheduled job would have left them.
"""

from __future__ import annotations

import bisect
import datetime
import random
import string
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.management.color import no_style
from django.db import connection
from django.db.models import F, Max
from django.db.models.functions import Coalesce
from django.utils.html import escape
from django_countries import countries

from bench.common import (
    BENCH_DISTRICT,
    BERLIN,
    DATA_END,
    DISTRICT_WEIGHT,
    commissioner,
    district,
    insert_rows,
    morning,
)
from bench.registry import BuildContext, generator, register_page
from teilhabe.accounts.models import User
from teilhabe.counselling.models import Consultation, Referral
from teilhabe.counselling.services import months_before
from teilhabe.directory.models import Language, Organisation, Topic
from teilhabe.districts.models import District, Position

CONSULTATIONS_PER_DISTRICT_YEAR = 1_500
# A follow-up continues a case opened at most this many days before.
CASE_DAYS = 180

CHANNELS = {"in_person": 55, "phone": 25, "email": 10, "video": 5, "outreach": 5}
OUTCOMES = {"informed": 45, "resolved": 25, "follow_up": 20, "abandoned": 5, "referred": 5}
LANGUAGES = {
    "de": 40, "ar": 12, "uk": 8, "tr": 8, "ru": 6, "en": 6, "fa": 5, "vi": 3, "kmr": 3,
    "pl": 2, "prs": 2, "ro": 1, "bg": 1, "ti": 1, "fr": 1, "es": 1,
}  # fmt: skip
TOPICS = {
    "residence": 12, "asylum": 8, "naturalisation": 5, "work": 10, "housing": 12,
    "education": 6, "health": 5, "benefits": 10, "family": 6, "discrimination": 4,
    "language-courses": 6, "culture": 2,
}  # fmt: skip
TOPIC_COUNTS = (55, 30, 15)  # 1, 2 or 3 topics
NATIONALITIES = {
    "SY": 15, "UA": 14, "TR": 12, "AF": 10, "IQ": 6, "VN": 6, "PL": 5, "RU": 5, "IR": 5,
    "DE": 5, "ER": 3, "BG": 3, "RO": 3, "LB": 2, "MD": 2, "GE": 2, "NG": 1, "CM": 1, "SO": 1,
}  # fmt: skip
AGE_GROUPS = tuple(value for value, _ in Consultation.AgeGroup.choices)
GENDERS = {"f": 52, "m": 46, "d": 2}
NOTES = (
    "Fragen zur Verlängerung des Aufenthaltstitels, Unterlagen besprochen.",
    "Unterstützung beim Antrag auf Wohngeld.",
    "Wohnungssuche, WBS beantragt; Liste der Wohnungsbaugesellschaften mitgegeben.",
    "Anerkennung des Berufsabschlusses: Zuständigkeit geklärt.",
    "Kita-Platz gesucht, Kita-Gutschein erklärt.",
    "Bescheid des Jobcenters erklärt, Widerspruchsfrist notiert.",
    "Diskriminierung bei der Wohnungssuche geschildert, Beschwerdewege erläutert.",
    "Termin bei der Ausländerbehörde (LEA) vorbereitet.",
    "Anmeldung zum Integrationskurs besprochen.",
    "Krankenversicherung geklärt, Hinweis auf Clearingstelle.",
    "Einbürgerungsvoraussetzungen besprochen.",
    "Schulanmeldung der Kinder, Willkommensklasse.",
)


@generator("counselling", requires=("directory",))
def counselling(rng: random.Random, scale: float, ctx: BuildContext) -> None:
    """Consultations, their topics and referrals in every district, in date order."""
    days = [
        ctx.start + datetime.timedelta(days=offset)
        for offset in range(ctx.days)
        if (ctx.start + datetime.timedelta(days=offset)).weekday() < 5
    ]
    known = set(Language.objects.values_list("code", flat=True))
    topics = set(Topic.objects.values_list("code", flat=True))
    draw = _Draw(
        rng,
        languages={code: w for code, w in LANGUAGES.items() if code in known},
        topics={code: w for code, w in TOPICS.items() if code in topics},
    )
    next_pk = (Consultation.objects.aggregate(last=Max("id"))["last"] or 0) + 1
    topic_rows: list[tuple[int, str]] = []
    for obj in ctx.districts:
        total = round(CONSULTATIONS_PER_DISTRICT_YEAR * DISTRICT_WEIGHT[obj.slug] * ctx.days / 365)
        records, referrals, topics_of = _consultations(
            rng, draw, obj, ctx, sorted(rng.choice(days) for _ in range(total)), next_pk
        )
        next_pk += len(records)
        # Ids are given, so a follow-up can point to its case before the case is saved.
        Consultation.objects.bulk_create(records, batch_size=1000)
        Referral.objects.bulk_create(referrals, batch_size=2000)
        topic_rows += topics_of
    insert_rows(Consultation.topics.through, ("consultation_id", "topic_id"), topic_rows)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Consultation]):
            cursor.execute(sql)
    # auto_now stamped the build's own time; the data's time is the last write.
    Consultation.objects.update(updated_at=Coalesce("anonymised_at", "created_at"))
    Referral.objects.update(updated_at=F("created_at"))


class _Draw:
    """Weighted draws of languages and topics."""

    def __init__(
        self, rng: random.Random, languages: dict[str, float], topics: dict[str, float]
    ) -> None:
        self.rng = rng
        self.languages, self.language_weights = list(languages), list(languages.values())
        self.topics, self.topic_weights = list(topics), list(topics.values())

    def language(self) -> str:
        return self.rng.choices(self.languages, self.language_weights)[0]

    def topics_for(self) -> list[str]:
        count = self.rng.choices((1, 2, 3), TOPIC_COUNTS)[0]
        chosen: list[str] = []
        while len(chosen) < count:
            code = self.rng.choices(self.topics, self.topic_weights)[0]
            if code not in chosen:
                chosen.append(code)
        return chosen


def _weighted(rng: random.Random, weights: Mapping[str, float]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def _consultations(
    rng: random.Random,
    draw: _Draw,
    obj: District,
    ctx: BuildContext,
    dates: Sequence[datetime.date],
    first_pk: int,
) -> tuple[list[Consultation], list[Referral], list[tuple[int, str]]]:
    """The district's consultations on `dates` (sorted), with ids from `first_pk` on, their
    referrals and their (consultation id, topic) rows."""
    positions: list[Position] = ctx.data.get("positions", {}).get(obj.pk) or list(
        Position.objects.filter(district=obj)
    )
    position_weights = [1.0 if position.is_active else 0.1 for position in positions]
    members: list[User] = ctx.data.get("members", {}).get(obj.pk) or []
    referable: list[int] = ctx.data.get("referable", {}).get(obj.pk) or list(
        Organisation.objects.filter(district=obj, is_active=True).values_list("pk", flat=True)
    )
    records: list[Consultation] = []
    referrals: list[Referral] = []
    topic_rows: list[tuple[int, str]] = []
    case_dates: list[datetime.date] = []  # first contacts of the cases, in date order
    case_pks: list[int] = []
    latest: dict[int, datetime.date] = {}
    for pk, day in enumerate(dates, start=first_pk):
        follows = _case_to_follow(rng, day, case_dates, case_pks)
        if follows is None:
            case_dates.append(day)
            case_pks.append(pk)
        latest[follows or pk] = day
        record = _consultation(rng, draw, obj, pk, day, positions, position_weights, members)
        record.follows_id = follows
        topic_rows += [(pk, code) for code in draw.topics_for()]
        if rng.random() < 0.3 and referable:
            targets = rng.sample(referable, min(len(referable), rng.randint(1, 2)))
            referrals += [
                Referral(
                    district=obj,
                    consultation_id=pk,
                    organisation_id=target,
                    created_at=record.created_at,
                )
                for target in targets
            ]
            if rng.random() < 0.85:
                record.outcome = Consultation.Outcome.REFERRED
        if record.outcome == Consultation.Outcome.FOLLOW_UP:
            record.follow_up_on = day + datetime.timedelta(days=rng.randint(7, 28))
        records.append(record)
    cutoff = months_before(DATA_END, settings.COUNSELLING_RETENTION_MONTHS)
    for record in records:
        record.last_contact = latest[record.follows_id or record.pk]
        if record.last_contact < cutoff:
            _anonymise(record)
    return records, referrals, topic_rows


def _case_to_follow(
    rng: random.Random, day: datetime.date, case_dates: list[datetime.date], case_pks: list[int]
) -> int | None:
    """For about one consultation in five, a case opened in the CASE_DAYS before `day`."""
    if rng.random() >= 0.2:
        return None
    low = bisect.bisect_left(case_dates, day - datetime.timedelta(days=CASE_DAYS))
    high = bisect.bisect_left(case_dates, day)
    if high <= low:
        return None
    # Recent cases are followed up more often than old ones.
    return case_pks[high - 1 - int((high - low) * rng.random() ** 2)]


def _consultation(
    rng: random.Random,
    draw: _Draw,
    obj: District,
    pk: int,
    day: datetime.date,
    positions: list[Position],
    position_weights: list[float],
    members: list[User],
) -> Consultation:
    language = draw.language()
    wants_follow_up = rng.random() < 0.15
    moment = datetime.datetime.combine(
        day, datetime.time(rng.randint(8, 17), rng.randrange(0, 60, 5)), tzinfo=BERLIN
    )
    return Consultation(
        pk=pk,
        district=obj,
        date=day,
        position=rng.choices(positions, position_weights)[0],
        channel=_weighted(rng, CHANNELS),
        language_id=language,
        interpreter=language != "de" and rng.random() < 0.3,
        note=rng.choice(NOTES) if rng.random() < 0.6 else "",
        outcome=_weighted(rng, OUTCOMES),
        wants_follow_up=wants_follow_up,
        pseudonym=_pseudonym(rng) if wants_follow_up and rng.random() < 0.7 else "",
        contact=_contact(rng, pk) if wants_follow_up else "",
        age_group=rng.choice(AGE_GROUPS) if rng.random() < 0.7 else "",
        gender=_weighted(rng, GENDERS) if rng.random() < 0.75 else "",
        nationality=_weighted(rng, NATIONALITIES) if rng.random() < 0.6 else "",
        updated_by=rng.choice(members) if members else None,
        created_at=moment,
    )


def _pseudonym(rng: random.Random) -> str:
    title = rng.choice(("Frau", "Herr", "Familie"))
    return f"{title} {rng.choice(string.ascii_uppercase)}."


def _contact(rng: random.Random, pk: int) -> str:
    if rng.random() < 0.6:
        return f"01{rng.choice('567')}{rng.randint(0, 9)} {rng.randint(1000000, 9999999)}"
    return f"person-{pk}@example.org"


def _anonymise(record: Consultation) -> None:
    """What `consultations_anonymise_expired` leaves: the day after the period ended."""
    expired = months_before(record.last_contact, -settings.COUNSELLING_RETENTION_MONTHS)
    record.pseudonym = record.contact = record.note = ""
    record.wants_follow_up = False
    record.anonymised_at = morning(expired + datetime.timedelta(days=1))
    record.version = 2


# Pages ------------------------------------------------------------------------------------

PAGE_SIZE = 50
STATISTICS_YEAR = DATA_END.year


def _agg(expression: str) -> str:
    function = "string_agg" if connection.vendor == "postgresql" else "group_concat"
    return f"{function}({expression}, ', ')"


def _month(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"CAST(EXTRACT(MONTH FROM {column}) AS VARCHAR(2))"
    return f"strftime('%%m', {column})"


register_page(
    "counselling.list",
    url_builder=lambda: f"/{BENCH_DISTRICT}/beratung/",
    user_builder=commissioner,
    floor_sql=f"""
        SELECT c.id, c.date, c.follows_id, c.anonymised_at, c.channel, c.interpreter,
               c.outcome, c.follow_up_on, p.code AS position, l.name_de AS language,
               (SELECT {_agg("t.name_de")} FROM counselling_consultation_topics ct
                JOIN directory_topic t ON t.code = ct.topic_id
                WHERE ct.consultation_id = c.id) AS topics
        FROM counselling_consultation c
        JOIN districts_position p ON p.id = c.position_id
        JOIN directory_language l ON l.code = c.language_id
        WHERE c.district_id = %s
        ORDER BY c.date DESC, c.id DESC
        LIMIT {PAGE_SIZE + 1}
    """,  # noqa: S608  fixed fragments only
    floor_params=lambda: [district().pk],
    floor_template=(
        "<table>{% for r in rows %}<tr><th><a href='{{ r.id }}/'>{{ r.date|date:'d.m.Y' }}</a>"
        "{% if r.follows_id %}follow-up{% endif %}{% if r.anonymised_at %}anonymised{% endif %}"
        "</th><td>{{ r.position }}</td><td>{{ r.channel }}</td><td>{{ r.language }}"
        "{% if r.interpreter %}(interpreter){% endif %}</td><td>{{ r.topics }}</td>"
        "<td>{{ r.outcome }}</td><td>{{ r.follow_up_on|date:'d.m.Y'|default:'–' }}</td></tr>"
        "{% endfor %}</table>"
    ),
)


def _statistics_params() -> list[Any]:
    return [
        district().pk,
        datetime.date(STATISTICS_YEAR, 1, 1),
        datetime.date(STATISTICS_YEAR, 12, 31),
    ]


PERSONS = "COUNT(DISTINCT c.person) AS persons, COUNT(*) AS contacts"

register_page(
    "counselling.statistics",
    url_builder=lambda: f"/{BENCH_DISTRICT}/beratung/statistik/?jahr={STATISTICS_YEAR}",
    user_builder=commissioner,
    floor_sql=f"""
        WITH c AS (
            SELECT id, COALESCE(follows_id, id) AS person, date, language_id, channel,
                   age_group, gender, nationality
            FROM counselling_consultation
            WHERE district_id = %s AND date BETWEEN %s AND %s
        )
        SELECT 'total' AS dimension, '' AS label, {PERSONS} FROM c
        UNION ALL
        SELECT 'month', {_month("c.date")}, {PERSONS} FROM c GROUP BY {_month("c.date")}
        UNION ALL
        SELECT 'topic', t.name_de, {PERSONS} FROM c
        JOIN counselling_consultation_topics ct ON ct.consultation_id = c.id
        JOIN directory_topic t ON t.code = ct.topic_id
        GROUP BY t.name_de
        UNION ALL
        SELECT 'language', l.name_de, {PERSONS} FROM c
        JOIN directory_language l ON l.code = c.language_id
        GROUP BY l.name_de
        UNION ALL
        SELECT 'channel', c.channel, {PERSONS} FROM c GROUP BY c.channel
        UNION ALL
        SELECT 'age_group', c.age_group, {PERSONS} FROM c GROUP BY c.age_group
        UNION ALL
        SELECT 'gender', c.gender, {PERSONS} FROM c GROUP BY c.gender
        UNION ALL
        SELECT 'nationality', c.nationality, {PERSONS} FROM c GROUP BY c.nationality
        UNION ALL
        SELECT 'referral', o.name, {PERSONS} FROM c
        JOIN counselling_referral r ON r.consultation_id = c.id
        JOIN directory_organisation o ON o.id = r.organisation_id
        GROUP BY o.name
    """,  # noqa: S608  fixed fragments only
    floor_params=_statistics_params,
    floor_template=(
        "<h1>{{ rows.0.persons }} / {{ rows.0.contacts }}</h1><table>{% for r in rows %}<tr>"
        "<th>{{ r.dimension }}</th><td>{{ r.label }}</td><td>{% if r.persons < 3 %}&lt; 3"
        "{% else %}{{ r.persons }}{% endif %}</td></tr>{% endfor %}</table>"
    ),
)


def _country_options() -> str:
    """The nationality choices, which come from django-countries, not from the database."""
    return "".join(f"<option value='{code}'>{escape(name)}</option>" for code, name in countries)


register_page(
    "counselling.create",
    url_builder=lambda: f"/{BENCH_DISTRICT}/beratung/neu/",
    user_builder=commissioner,
    floor_sql="""
        SELECT 1 AS part, CAST(p.id AS VARCHAR(20)) AS value, p.code AS label, p.title AS extra
        FROM districts_position p WHERE p.district_id = %s AND p.is_active = %s
        UNION ALL
        SELECT 2, l.code, l.name_de, l.native_name FROM directory_language l
        UNION ALL
        SELECT 3, t.code, t.name_de, '' FROM directory_topic t
        ORDER BY 1, 3
    """,
    floor_params=lambda: [district().pk, True],
    floor_template=(
        "<form>{% for r in rows %}{% ifchanged r.part %}</select><select>{% endifchanged %}"
        "<option value='{{ r.value }}'>{{ r.label }} – {{ r.extra }}</option>{% endfor %}"
        f"</select><select>{_country_options()}</select></form>"
    ),
)
