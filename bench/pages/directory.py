"""Directory: about 2,000 organisations per district and unit of scale, and their pages.

Per district (weighted by its size): Träger, migrant organisations, advice centres,
refugee accommodations run by one of the district's Träger, Bezirksamt and Senate
departments, Jobcenter, schools, religious communities and others, each in an Ortsteil
of the district, with 0–4 languages (mostly Arabic, Turkish, Russian, Ukrainian, Farsi,
Vietnamese, Polish, Kurmanji), 1–4 topics, about 40 % public and 5 % closed. About
half have a contact person. The search fields are filled as the services fill them, so
the full-text index (FTS5 triggers / GIN index) holds every entry.

The active entries a consultation can be referred to are handed to the counselling
generator via `ctx.data["referable"]` (district pk → organisation pks).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import Count, F
from django.utils.http import urlencode
from django.utils.text import slugify

from bench.common import (
    BENCH_DISTRICT,
    DISTRICT_WEIGHT,
    commissioner,
    district,
    insert_rows,
    morning,
)
from bench.pages.districts import FIRST_NAMES, LAST_NAMES
from bench.registry import BuildContext, generator, register_page
from teilhabe.directory.models import ContactPerson, Language, Organisation, Topic
from teilhabe.districts.models import District, Locality

ORGANISATIONS_PER_DISTRICT = 2_000
Kind = Organisation.Kind

# Share of each kind among a district's entries.
KIND_SHARES: dict[str, float] = {
    Kind.PROVIDER: 0.16,
    Kind.MIGRANT_ORGANISATION: 0.15,
    Kind.ADVICE_CENTRE: 0.2,
    Kind.ACCOMMODATION: 0.06,
    Kind.DISTRICT_DEPARTMENT: 0.06,
    Kind.SENATE_DEPARTMENT: 0.01,
    Kind.STATE_OFFICE: 0.01,
    Kind.JOBCENTER: 0.02,
    Kind.SCHOOL: 0.14,
    Kind.RELIGIOUS_COMMUNITY: 0.07,
    Kind.OTHER: 0.12,
}
# Kinds a consultation refers people to.
REFERABLE_KINDS = {
    Kind.PROVIDER, Kind.MIGRANT_ORGANISATION, Kind.ADVICE_CENTRE, Kind.DISTRICT_DEPARTMENT,
    Kind.STATE_OFFICE, Kind.JOBCENTER, Kind.OTHER,
}  # fmt: skip
# Languages help is offered in: the large communities of Berlin first; any other 0.3.
LANGUAGE_WEIGHTS = {
    "ar": 10, "tr": 10, "ru": 8, "uk": 8, "fa": 6, "vi": 5, "pl": 5, "kmr": 4, "en": 6,
    "prs": 2, "ro": 2, "bg": 2, "es": 1.5, "fr": 1.5, "ckb": 1.5, "sr": 1, "bs": 1, "ti": 1,
}  # fmt: skip
LANGUAGE_COUNT_WEIGHTS = (20, 30, 25, 15, 10)  # 0, 1, 2, 3 or 4 languages
# Topics each kind offers most; any other topic may come on top.
KIND_TOPICS: dict[str, tuple[str, ...]] = {
    Kind.PROVIDER: ("family", "education", "benefits", "housing"),
    Kind.MIGRANT_ORGANISATION: ("culture", "family", "education", "language-courses"),
    Kind.ADVICE_CENTRE: ("residence", "asylum", "benefits", "housing", "work", "discrimination"),
    Kind.ACCOMMODATION: ("housing", "asylum"),
    Kind.DISTRICT_DEPARTMENT: ("benefits", "family", "health", "housing"),
    Kind.SENATE_DEPARTMENT: ("residence", "naturalisation", "discrimination"),
    Kind.STATE_OFFICE: ("residence", "asylum", "naturalisation", "benefits"),
    Kind.JOBCENTER: ("work", "benefits"),
    Kind.SCHOOL: ("education", "language-courses"),
    Kind.RELIGIOUS_COMMUNITY: ("culture", "family"),
    Kind.OTHER: ("culture", "education", "family", "health"),
}
TOPIC_COUNT_WEIGHTS = (40, 30, 20, 10)  # 1, 2, 3 or 4 topics

POSTAL_CODES = {
    "mitte": "10115 10117 10119 10178 10557 10559 13347 13353 13355 13357",
    "friedrichshain-kreuzberg": "10243 10245 10247 10249 10961 10963 10965 10967 10997 10999",
    "pankow": "10405 10407 10409 10435 10437 10439 13086 13088 13125 13156 13187 13189",
    "charlottenburg-wilmersdorf": "10585 10587 10623 10625 10627 10707 10713 10717 14050 14057",
    "spandau": "13581 13583 13585 13587 13589 13591 13593 13595 13597 14089",
    "steglitz-zehlendorf": "12157 12163 12165 12167 12169 12203 12207 14129 14163 14167",
    "tempelhof-schoeneberg": "10777 10781 10783 10823 10825 10827 12099 12103 12105 12277",
    "neukoelln": "12043 12045 12047 12049 12051 12053 12055 12057 12347 12351 12353 12359",
    "treptow-koepenick": "12435 12437 12439 12459 12487 12489 12524 12555 12557 12587",
    "marzahn-hellersdorf": "12619 12621 12623 12627 12629 12679 12681 12683 12685 12689",
    "lichtenberg": "10315 10317 10318 10319 10365 10367 10369 13051 13053 13055 13059",
    "reinickendorf": "13403 13405 13407 13409 13435 13437 13439 13465 13469 13507 13509",
}
STREETS = (
    "Hauptstraße", "Bahnhofstraße", "Schulstraße", "Kirchstraße", "Parkstraße", "Gartenstraße",
    "Berliner Straße", "Dorfstraße", "Lindenstraße", "Wilhelmstraße", "Karl-Marx-Straße",
    "Schönhauser Allee", "Greifswalder Straße", "Turmstraße", "Sonnenallee", "Müllerstraße",
    "Frankfurter Allee", "Kottbusser Damm", "Hermannstraße", "Residenzstraße", "Potsdamer Straße",
    "Badstraße", "Prinzenallee", "Landsberger Allee", "Am Kiez", "Rosa-Luxemburg-Platz",
    "Zingster Straße", "Ahornweg", "Birkenweg", "Friedrich-Engels-Straße", "Alt-Tegel",
    "Falkenseer Chaussee", "Brunnenstraße", "Stralauer Allee", "Breite Straße", "Seestraße",
)  # fmt: skip
COMMUNITIES = (
    # (adjective before a masculine noun, before a neuter noun, language of the community)
    ("Türkischer", "Türkisches", "tr"), ("Arabischer", "Arabisches", "ar"),
    ("Vietnamesischer", "Vietnamesisches", "vi"), ("Ukrainischer", "Ukrainisches", "uk"),
    ("Russischsprachiger", "Russischsprachiges", "ru"), ("Polnischer", "Polnisches", "pl"),
    ("Kurdischer", "Kurdisches", "kmr"), ("Afghanischer", "Afghanisches", "prs"),
    ("Syrischer", "Syrisches", "ar"), ("Iranischer", "Iranisches", "fa"),
    ("Eritreischer", "Eritreisches", "ti"), ("Rumänischer", "Rumänisches", "ro"),
    ("Bulgarischer", "Bulgarisches", "bg"), ("Bosnischer", "Bosnisches", "bs"),
    ("Lateinamerikanischer", "Lateinamerikanisches", "es"),
    ("Afrikanischer", "Afrikanisches", "fr"),
)  # fmt: skip
CLUBS = ("Elternverein", "Kulturverein", "Frauenverein", "Jugendverein", "Sportverein",
         "Hilfsverein", "Bildungsverein", "Seniorenverein")  # fmt: skip
CENTRES = ("Kulturzentrum", "Frauenzentrum", "Familienzentrum", "Netzwerk", "Elternforum")
WELFARE = (
    "AWO Kreisverband", "Caritasverband", "Diakonisches Werk", "DRK Kreisverband",
    "Paritätischer Wohlfahrtsverband", "Internationaler Bund", "Johanniter", "Volkssolidarität",
)  # fmt: skip
PROJECT_NAMES = (
    "Brückenbau", "Kiezwerkstatt", "Bunte Nachbarschaft", "Offene Türen", "Lebenswelten",
    "Zusammenleben", "Perspektiven", "Weltküche", "Gemeinsam stark", "Ankommen", "Mittendrin",
    "Vielfalt leben", "Kiezlotsen", "Stadtteilmütter", "Nachbarn für Nachbarn",
)  # fmt: skip
LEGAL_FORMS = ("e.V.", "e.V.", "e.V.", "gGmbH", "gUG")
ADVICE = (
    "Migrationsberatung für Erwachsene (MBE)", "Jugendmigrationsdienst", "Beratungsstelle für "
    "Geflüchtete", "Mieterberatung", "Sozialberatung", "Antidiskriminierungsberatung",
    "Schuldnerberatung", "Beratungszentrum", "Frauenberatungsstelle", "Asylverfahrensberatung",
    "Anerkennungsberatung (IQ Netzwerk)", "Erziehungs- und Familienberatung",
    "Beratungsstelle für Wohnungslose", "Gesundheitsberatung für Migrant*innen",
)  # fmt: skip
ACCOMMODATIONS = (
    "Gemeinschaftsunterkunft", "Modulare Unterkunft für Flüchtlinge (MUF)", "Tempohome",
    "Aufnahmeeinrichtung", "Wohnheim für Geflüchtete",
)  # fmt: skip
DEPARTMENTS = (
    "Jugendamt", "Sozialamt", "Gesundheitsamt", "Bürgeramt", "Schul- und Sportamt",
    "Ordnungsamt", "Wohnungsamt", "Sozialpsychiatrischer Dienst", "Volkshochschule",
    "Kinder- und Jugendgesundheitsdienst", "Stadtbibliothek", "Musikschule",
    "Sozialraumorientierte Planungskoordination",
)  # fmt: skip
SENATE = (
    "Senatsverwaltung für Arbeit, Soziales, Gleichstellung, Integration, Vielfalt und "
    "Antidiskriminierung", "Senatsverwaltung für Bildung, Jugend und Familie",
    "Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen",
    "Senatsverwaltung für Wissenschaft, Gesundheit und Pflege",
    "Beauftragte des Senats für Integration und Migration",
)  # fmt: skip
STATE_OFFICES = (
    "Landesamt für Flüchtlingsangelegenheiten (LAF)", "Landesamt für Einwanderung (LEA)",
    "Landesamt für Gesundheit und Soziales (LAGeSo)", "Landesstelle für Gleichbehandlung",
)  # fmt: skip
SCHOOL_NAMES = (
    "Käthe-Kollwitz", "Heinrich-Heine", "Anne-Frank", "Bettina-von-Arnim", "Sophie-Scholl",
    "Carl-von-Ossietzky", "Albert-Schweitzer", "Hannah-Arendt", "Janusz-Korczak", "Lessing",
    "Humboldt", "Kurt-Tucholsky", "Nelson-Mandela", "Astrid-Lindgren", "Erich-Kästner",
    "Rosa-Parks", "Marie-Curie", "Lise-Meitner", "Theodor-Fontane", "Alexander-Puschkin",
)  # fmt: skip
SCHOOL_TYPES = ("Grundschule", "Schule (Integrierte Sekundarschule)", "Gymnasium",
                "Gemeinschaftsschule", "Oberstufenzentrum")  # fmt: skip
RELIGIOUS = (
    "Moscheegemeinde", "Ev. Kirchengemeinde", "Kath. Pfarrei", "Alevitische Gemeinde",
    "Russisch-Orthodoxe Gemeinde", "Vietnamesische Buddhistische Gemeinde", "Ezidische Gemeinde",
    "Afrikanische Christengemeinde", "Jüdische Gemeinde",
)  # fmt: skip
OTHERS = (
    "Familienzentrum", "Kiezladen", "Stadtteilbibliothek", "Jugendfreizeiteinrichtung",
    "Quartiersmanagement", "Interkultureller Garten", "Willkommensbündnis", "Ehrenamtsbüro",
    "Nachbarschaftscafé", "Sprachcafé",
)  # fmt: skip
DESCRIPTIONS = (
    "Kostenlose Beratung und Begleitung zu Behörden, auch mit Sprachmittlung.",
    "Offene Sprechstunde: Beratung zu Aufenthalt, Sozialleistungen und Wohnen.",
    "Beratung und Unterstützung bei Anträgen, Bescheiden und Widersprüchen.",
    "Hausaufgabenhilfe, Elterncafé und Freizeitangebote für Kinder und Jugendliche.",
    "Deutschkurse für Anfänger*innen, mit Kinderbetreuung.",
    "Unterstützung bei der Wohnungssuche und Beratung zum Mietrecht.",
    "Beratung zur Anerkennung ausländischer Berufsabschlüsse und zum Arbeitsmarkt.",
    "Treffpunkt im Kiez mit Kulturveranstaltungen, Festen und Ausflügen.",
    "Vertrauliche Beratung bei Diskriminierung, auch anonym.",
    "Termine nach Vereinbarung; Beratung auf Arabisch, Türkisch und Russisch möglich.",
    "Gesundheitsberatung und Vermittlung in die Regelversorgung.",
    "Ehrenamtliche begleiten zu Terminen und helfen beim Ankommen im Bezirk.",
    "",
)  # fmt: skip
OPENING_HOURS = (
    "Mo–Fr 9–16 Uhr",
    "Mo, Mi 10–13 Uhr\nDo 14–18 Uhr",
    "Di 9–12 Uhr\nDo 14–17 Uhr\nund nach Vereinbarung",
    "nach telefonischer Vereinbarung",
    "Mo–Do 8–15 Uhr, Fr 8–12 Uhr",
    "",
)
ACCESS = tuple(value for value, _ in Organisation.Access.choices)
LAF_REGIONS = ("Nord", "Ost", "Süd", "West", "Mitte")
ROLES = (
    "Geschäftsführung", "Projektleitung", "Sozialberatung", "Koordination Ehrenamt",
    "Schulsozialarbeit", "Einrichtungsleitung", "Migrationsberatung", "Vorstand",
    "Integrationslotsin", "Sachbearbeitung",
)  # fmt: skip
NOTES = (
    "Rückmeldungen zur Vermittlung bisher gut.",
    "Träger wechselt 2026, Kontakt prüfen.",
    "Wartezeit derzeit etwa vier Wochen.",
    "Nimmt keine neuen Anfragen aus anderen Bezirken an.",
)


@generator("directory", requires=("districts",))
def directory(rng: random.Random, scale: float, ctx: BuildContext) -> None:
    """Organisations, their languages, topics and contact persons in every district."""
    languages = list(Language.objects.values_list("code", flat=True))
    language_weights = [LANGUAGE_WEIGHTS.get(code, 0.3) for code in languages]
    topics = list(Topic.objects.values_list("code", flat=True))
    localities: dict[int, list[Locality]] = {obj.pk: [] for obj in ctx.districts}
    for locality in Locality.objects.order_by("code"):
        localities[locality.district_id].append(locality)
    pick = _Picker(rng, languages, language_weights, topics)
    ctx.data["referable"] = {}
    m2m: dict[str, list[tuple[Any, ...]]] = {"languages": [], "topics": [], "served": []}
    contact_languages: list[tuple[int, str]] = []
    for obj in ctx.districts:
        count = round(ORGANISATIONS_PER_DISTRICT * DISTRICT_WEIGHT[obj.slug] * scale)
        organisations = _organisations(rng, obj, ctx, count, localities[obj.pk], pick, m2m)
        contact_languages += _contacts(rng, obj, organisations, pick)
        ctx.data["referable"][obj.pk] = [
            org.pk for org in organisations if org.is_active and org.kind in REFERABLE_KINDS
        ]
    insert_rows(
        Organisation.languages.through, ("organisation_id", "language_id"), m2m["languages"]
    )
    insert_rows(Organisation.topics.through, ("organisation_id", "topic_id"), m2m["topics"])
    insert_rows(
        Organisation.served_districts.through, ("organisation_id", "district_id"), m2m["served"]
    )
    insert_rows(
        ContactPerson.languages.through, ("contactperson_id", "language_id"), contact_languages
    )
    # auto_now stamped the build's own time; the data's time is when an entry was added.
    Organisation.objects.update(updated_at=F("created_at"))
    ContactPerson.objects.update(updated_at=F("created_at"))


class _Picker:
    """Weighted draws of languages and topics."""

    def __init__(
        self, rng: random.Random, languages: list[str], weights: list[float], topics: list[str]
    ) -> None:
        self.rng = rng
        self.languages = languages
        self.cumulative = list(_accumulate(weights))
        self.topics = topics

    def languages_for(self, first: str | None = None) -> list[str]:
        """0–4 distinct languages, the community's own first."""
        count = self.rng.choices(range(5), LANGUAGE_COUNT_WEIGHTS)[0]
        chosen = [first] if first and count else []
        while len(chosen) < count:
            code = self.rng.choices(self.languages, cum_weights=self.cumulative)[0]
            if code not in chosen:
                chosen.append(code)
        return chosen

    def topics_for(self, kind: str) -> list[str]:
        """1–4 distinct topics, mostly those the kind usually offers."""
        count = self.rng.choices(range(1, 5), TOPIC_COUNT_WEIGHTS)[0]
        preferred = KIND_TOPICS[kind]
        chosen: list[str] = []
        while len(chosen) < count:
            pool = preferred if self.rng.random() < 0.75 else self.topics
            code = self.rng.choice(pool)
            if code not in chosen:
                chosen.append(code)
        return chosen


def _accumulate(weights: Sequence[float]) -> list[float]:
    total, result = 0.0, []
    for weight in weights:
        total += weight
        result.append(total)
    return result


def _organisations(
    rng: random.Random,
    obj: District,
    ctx: BuildContext,
    count: int,
    localities: list[Locality],
    pick: _Picker,
    m2m: dict[str, list[tuple[Any, ...]]],
) -> list[Organisation]:
    """`count` entries of the district; accommodations last, each run by one of its Träger."""
    kinds = rng.choices(list(KIND_SHARES), list(KIND_SHARES.values()), k=count)
    kinds.sort(key=lambda kind: kind == Kind.ACCOMMODATION)
    postal_codes = POSTAL_CODES[obj.slug].split()
    others = [d for d in ctx.districts if d.pk != obj.pk]
    created: list[Organisation] = []
    pending: list[tuple[Organisation, list[str], list[str], list[int]]] = []
    providers: list[Organisation] = []
    for index, kind in enumerate(kinds):
        if kind == Kind.ACCOMMODATION and not providers:
            providers = [o for o in _save(pending, created, m2m) if o.kind == Kind.PROVIDER]
        locality = rng.choice(localities)
        name, community_language = _name(rng, kind, obj, locality.name)
        domain = slugify(name)[:40].strip("-") + ".example.org"
        org = Organisation(
            district=obj,
            name=name[:200],
            kind=kind,
            description=rng.choice(DESCRIPTIONS),
            street=f"{rng.choice(STREETS)} {rng.randint(1, 180)}",
            postal_code=rng.choice(postal_codes),
            locality=locality,
            phone=f"030 {rng.randint(2000000, 99999999)}" if rng.random() < 0.85 else "",
            email=f"info-{index}@{domain}" if rng.random() < 0.7 else "",
            website=f"https://www.{domain}" if rng.random() < 0.5 else "",
            opening_hours=rng.choice(OPENING_HOURS),
            step_free=rng.choice(ACCESS),
            accessibility_note="Klingel am Seiteneingang" if rng.random() < 0.1 else "",
            is_public=rng.random() < 0.4,
            is_active=rng.random() >= 0.05,
            serves_all_berlin=kind in (Kind.STATE_OFFICE, Kind.SENATE_DEPARTMENT)
            or rng.random() < 0.02,
            internal_note=rng.choice(NOTES) if rng.random() < 0.1 else "",
            created_at=morning(ctx.start + datetime.timedelta(days=rng.randrange(ctx.days))),
        )
        if kind == Kind.ACCOMMODATION and providers:
            org.operator = rng.choice(providers)
            org.capacity = rng.randrange(50, 700, 10)
            org.laf_region = rng.choice(LAF_REGIONS)
        org.refresh_search_fields()
        served = (
            [d.pk for d in rng.sample(others, rng.randint(1, 2))] if rng.random() < 0.05 else []
        )
        pending.append((org, pick.languages_for(community_language), pick.topics_for(kind), served))
    _save(pending, created, m2m)
    return created


def _save(
    pending: list[tuple[Organisation, list[str], list[str], list[int]]],
    created: list[Organisation],
    m2m: dict[str, list[tuple[Any, ...]]],
) -> list[Organisation]:
    """Insert the pending entries (their pks come back) and queue their M2M rows."""
    batch = Organisation.objects.bulk_create([org for org, *_ in pending], batch_size=1000)
    for org, languages, topics, served in pending:
        m2m["languages"] += [(org.pk, code) for code in languages]
        m2m["topics"] += [(org.pk, code) for code in topics]
        m2m["served"] += [(org.pk, pk) for pk in served]
    created += batch
    pending.clear()
    return batch


def _name(rng: random.Random, kind: str, obj: District, locality: str) -> tuple[str, str | None]:
    """A realistic name for the kind, and the language of a migrant community if any."""
    if kind == Kind.MIGRANT_ORGANISATION:
        masculine, neuter, language = rng.choice(COMMUNITIES)
        if rng.random() < 0.6:
            return f"{masculine} {rng.choice(CLUBS)} {locality} e.V.", language
        return f"{neuter} {rng.choice(CENTRES)} {obj.name} e.V.", language
    return NAMES[kind](rng, obj.name, locality), None


def _provider(rng: random.Random, district_name: str, locality: str) -> str:
    form = rng.choice(LEGAL_FORMS)
    return rng.choice(
        (
            f"Nachbarschaftshaus {locality} {form}",
            f"Stadtteilzentrum {locality}",
            f"{rng.choice(WELFARE)} {district_name}",
            f"{rng.choice(PROJECT_NAMES)} {form}",
            f"{rng.choice(PROJECT_NAMES)} {locality} {form}",
        )
    )


def _advice_centre(rng: random.Random, district_name: str, locality: str) -> str:
    where = locality if rng.random() < 0.7 else district_name
    operator = f" – {rng.choice(WELFARE)}" if rng.random() < 0.3 else ""
    return f"{rng.choice(ADVICE)} {where}{operator}"


def _jobcenter(rng: random.Random, district_name: str, locality: str) -> str:
    return rng.choice(
        (
            f"Jobcenter Berlin {district_name} – Standort {locality}",
            f"Jugendberufsagentur Berlin {district_name}",
            f"Agentur für Arbeit – Geschäftsstelle {locality}",
        )
    )


Namer = Callable[[random.Random, str, str], str]
NAMES: dict[str, Namer] = {
    Kind.PROVIDER: _provider,
    Kind.ADVICE_CENTRE: _advice_centre,
    Kind.ACCOMMODATION: lambda rng, _d, _l: (
        f"{rng.choice(ACCOMMODATIONS)} {rng.choice(STREETS)} {rng.randint(1, 120)}"
    ),
    Kind.DISTRICT_DEPARTMENT: lambda rng, d, loc: (
        f"Bezirksamt {d} – {rng.choice(DEPARTMENTS)} {loc}"
    ),
    Kind.SENATE_DEPARTMENT: lambda rng, _d, _l: rng.choice(SENATE),
    Kind.STATE_OFFICE: lambda rng, _d, loc: f"{rng.choice(STATE_OFFICES)} – Standort {loc}",
    Kind.JOBCENTER: _jobcenter,
    Kind.SCHOOL: lambda rng, _d, loc: (
        f"{rng.choice(SCHOOL_NAMES)}-{rng.choice(SCHOOL_TYPES)} {loc}"
    ),
    Kind.RELIGIOUS_COMMUNITY: lambda rng, _d, loc: f"{rng.choice(RELIGIOUS)} {loc}",
    Kind.OTHER: lambda rng, _d, loc: f"{rng.choice(OTHERS)} {loc}",
}


def _contacts(
    rng: random.Random, obj: District, organisations: list[Organisation], pick: _Picker
) -> list[tuple[int, str]]:
    """A contact person for about half of the entries (a second for some); their languages."""
    contacts: list[ContactPerson] = []
    for org in organisations:
        if rng.random() >= 0.5:
            continue
        for _ in range(2 if rng.random() < 0.2 else 1):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            contacts.append(
                ContactPerson(
                    district=obj,
                    organisation=org,
                    name=f"{first} {last}",
                    role=rng.choice(ROLES),
                    phone=f"030 {rng.randint(2000000, 99999999)}" if rng.random() < 0.7 else "",
                    email=f"{slugify(first)}.{slugify(last)}@example.org"
                    if rng.random() < 0.7
                    else "",
                    public_consent_on=org.created_at.date() if rng.random() < 0.3 else None,
                    created_at=org.created_at,
                )
            )
    ContactPerson.objects.bulk_create(contacts, batch_size=1000)
    rows: list[tuple[int, str]] = []
    for contact in contacts:
        if rng.random() < 0.4:
            rows += [(contact.pk, code) for code in pick.languages_for()[:2]]
    return rows


# Pages ------------------------------------------------------------------------------------

PAGE_SIZE = 50
SEARCH = {"q": "beratung", "sprache": "ar", "thema": "housing"}


def _agg(expression: str) -> str:
    """A comma-separated list of `expression` over a subquery's rows."""
    function = "string_agg" if connection.vendor == "postgresql" else "group_concat"
    return f"{function}({expression}, ', ')"


def _word_match(column: str) -> str:
    """`column` (folded text) has a word starting with the parameter (see `_word_term`).

    SQLite: a LIKE on the district's rows returns the same rows as the page's FTS5 prefix
    query and costs less for a common word, whose FTS match list covers all of Berlin.
    PostgreSQL: the GIN index the page uses.
    """
    if connection.vendor == "postgresql":
        return f"to_tsvector('german'::regconfig, {column}) @@ to_tsquery('german'::regconfig, %s)"
    return f"(' ' || {column}) LIKE %s"


def _word_term(word: str) -> str:
    return f"{word}:*" if connection.vendor == "postgresql" else f"% {word}%"


def _org_languages(alias: str) -> str:
    return f"""(SELECT {_agg("l.name_de")} FROM directory_organisation_languages ol
        JOIN directory_language l ON l.code = ol.language_id
        WHERE ol.organisation_id = {alias}.id)"""


def _org_topics(alias: str) -> str:
    return f"""(SELECT {_agg("t.name_de")} FROM directory_organisation_topics ot
        JOIN directory_topic t ON t.code = ot.topic_id WHERE ot.organisation_id = {alias}.id)"""


LIST_TEMPLATE = (
    "<h2>{{ rows.0.total }}</h2><table>{% for r in rows %}<tr><th><a href='{{ r.id }}/'>"
    "{{ r.name }}</a>{% if not r.is_active %}closed{% endif %}{% if r.is_public %}public"
    "{% endif %}</th><td>{{ r.kind }}</td><td>{{ r.locality }}</td><td>{{ r.languages }}</td>"
    "<td>{{ r.topics }}</td></tr>{% endfor %}</table>"
)


def _list_sql(condition: str) -> str:
    """The first page of the district's active entries matching `condition`, and their total."""
    where = f"o.district_id = %s AND o.is_active = %s {condition}"
    return f"""
        SELECT p.*, {_org_languages("p")} AS languages, {_org_topics("p")} AS topics,
               (SELECT COUNT(*) FROM directory_organisation o WHERE {where}) AS total
        FROM (
            SELECT o.id, o.name, o.name_key, o.kind, o.is_active, o.is_public,
                   loc.name AS locality
            FROM directory_organisation o
            LEFT JOIN districts_locality loc ON loc.id = o.locality_id
            WHERE {where}
            ORDER BY o.name_key, o.id
            LIMIT {PAGE_SIZE + 1}
        ) p
        ORDER BY p.name_key, p.id
    """  # noqa: S608  fixed fragments only


SEARCH_CONDITION = f"""
    AND o.id IN (SELECT organisation_id FROM directory_organisation_topics WHERE topic_id = %s)
    AND o.id IN (SELECT organisation_id FROM directory_organisation_languages
                 WHERE language_id = %s)
    AND {_word_match("o.search_text")}
"""


def _search_params() -> list[Any]:
    where = [district().pk, True, SEARCH["thema"], SEARCH["sprache"], _word_term(SEARCH["q"])]
    return where * 2


register_page(
    "directory.search",
    url_builder=lambda: f"/{BENCH_DISTRICT}/verzeichnis/?{urlencode(SEARCH)}",
    user_builder=commissioner,
    floor_sql=_list_sql(SEARCH_CONDITION),
    floor_params=_search_params,
    floor_template=LIST_TEMPLATE,
)

register_page(
    "directory.list",
    url_builder=lambda: f"/{BENCH_DISTRICT}/verzeichnis/",
    user_builder=commissioner,
    floor_sql=_list_sql(""),
    floor_params=lambda: [district().pk, True] * 2,
    floor_template=LIST_TEMPLATE,
)


@cache
def _detail_pk() -> int:
    """The measured district's entry with the most contact persons (and languages), then
    the most referrals: a detail page with every part filled."""
    organisation = (
        Organisation.objects.filter(district=district())
        .annotate(
            contacts_n=Count("contacts", distinct=True),
            languages_n=Count("languages", distinct=True),
            referrals_n=Count("referrals_received", distinct=True),
        )
        .filter(contacts_n__gte=2, languages_n__gte=1)
        .order_by("-contacts_n", "-referrals_n", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    if organisation is None:
        raise LookupError("No organisation with contact persons in the measured district.")
    return int(organisation)


CONTACT_LANGUAGES = f"""(SELECT {_agg("l.name_de")} FROM directory_contactperson_languages cl
    JOIN directory_language l ON l.code = cl.language_id WHERE cl.contactperson_id = c.id)"""
SERVED = f"""(SELECT {_agg("d.name")} FROM directory_organisation_served_districts sd
    JOIN districts_district d ON d.id = sd.district_id WHERE sd.organisation_id = o.id)"""

register_page(
    "directory.detail",
    url_builder=lambda: f"/{BENCH_DISTRICT}/verzeichnis/{_detail_pk()}/",
    user_builder=commissioner,
    floor_sql=f"""
        SELECT o.name, o.kind, o.description, o.street, o.postal_code, o.city, o.phone,
               o.email, o.website, o.opening_hours, o.step_free, o.accessibility_note,
               o.is_public, o.is_active, o.serves_all_berlin, o.capacity, o.laf_region,
               o.internal_note, o.updated_at, loc.name AS locality, op.name AS operator,
               {_org_languages("o")} AS languages, {_org_topics("o")} AS topics,
               {SERVED} AS served,
               (SELECT COUNT(*) FROM counselling_referral r
                WHERE r.organisation_id = o.id) AS referrals,
               c.name AS contact, c.role, c.phone AS contact_phone, c.email AS contact_email,
               c.public_consent_on, {CONTACT_LANGUAGES} AS contact_languages
        FROM directory_organisation o
        LEFT JOIN districts_locality loc ON loc.id = o.locality_id
        LEFT JOIN directory_organisation op ON op.id = o.operator_id
        LEFT JOIN directory_contactperson c ON c.organisation_id = o.id
        WHERE o.id = %s
        ORDER BY c.name, c.id
    """,  # noqa: S608  fixed fragments only
    floor_params=lambda: [_detail_pk()],
    floor_template=(
        "{% with o=rows.0 %}<h1>{{ o.name }}</h1><p>{{ o.kind }} {{ o.description }}</p><dl>"
        "<dd>{{ o.street }}, {{ o.postal_code }} {{ o.city }} {{ o.locality }}</dd>"
        "<dd>{{ o.phone }}</dd><dd>{{ o.email }}</dd><dd>{{ o.website }}</dd>"
        "<dd>{{ o.opening_hours|linebreaksbr }}</dd><dd>{{ o.step_free }} "
        "{{ o.accessibility_note }}</dd></dl><p>{{ o.languages }}</p><p>{{ o.topics }}</p>"
        "<p>{{ o.served }}</p><p>{{ o.operator }} {{ o.capacity }} {{ o.laf_region }}</p>"
        "{% endwith %}<table>{% for r in rows %}<tr><th>{{ r.contact }}</th><td>{{ r.role }}</td>"
        "<td>{{ r.contact_phone }} {{ r.contact_email }}</td><td>{{ r.public_consent_on }}</td>"
        "<td>{{ r.contact_languages }}</td></tr>{% endfor %}</table>"
        "<p>{{ rows.0.internal_note }}</p><p>{{ rows.0.referrals }} {{ rows.0.updated_at }}</p>"
    ),
)
