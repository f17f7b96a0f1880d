"""Demo entries of the directory: public bodies named in the seeds, and fictional local ones.

Names of real public bodies (LADS, Jobcenter, named partners of the seed districts) are
facts from the seed documents; addresses, people and all other organisations are made up
and marked as demo data.
"""

from __future__ import annotations

from django.db import transaction

from teilhabe.districts.models import District, Locality

from . import services
from .models import Language, Organisation, Topic

K = Organisation.Kind

# (name, kind, languages, topics, public, Berlin-wide, description)
COMMON = [
    (
        "Migrationsberatung im Kiez e.V. (Demo)",
        K.ADVICE_CENTRE,
        "ar fa kmr tr",
        "residence asylum benefits",
        True,
        False,
        "Beratung zu Aufenthalt, Asylverfahren und Sozialleistungen; Termine nach Vereinbarung.",
    ),
    (
        "Vietnamesischer Kulturverein (Demo)",
        K.MIGRANT_ORGANISATION,
        "vi",
        "culture family education",
        True,
        False,
        "Begegnung, Hausaufgabenhilfe und Feste wie das Mondfest.",
    ),
    (
        "Ukrainischer Treffpunkt (Demo)",
        K.MIGRANT_ORGANISATION,
        "uk ru",
        "housing work language-courses",
        True,
        False,
        "Erste Orientierung, Wohnungssuche und Sprachcafé.",
    ),
    (
        "Frauenzentrum Brücke e.V. (Demo)",
        K.PROVIDER,
        "ar tr ru",
        "family health discrimination",
        True,
        False,
        "Beratung und Kurse für Frauen, Kinderbetreuung während der Kurse.",
    ),
    (
        "Gemeinschaftsunterkunft Am Park (Demo)",
        K.ACCOMMODATION,
        "ar fa ps",
        "asylum housing",
        False,
        False,
        "Unterkunft für Geflüchtete; Sozialdienst vor Ort.",
    ),
    (
        "Amt für Soziales, Bezirksamt (Demo)",
        K.DISTRICT_DEPARTMENT,
        "",
        "benefits housing",
        True,
        False,
        "",
    ),
    (
        "Volkshochschule (Demo)",
        K.SCHOOL,
        "en",
        "language-courses education",
        True,
        False,
        "Integrations- und Orientierungskurse.",
    ),
]
BERLIN_WIDE = [
    (
        "Landesstelle für Gleichbehandlung – gegen Diskriminierung (LADS)",
        K.STATE_OFFICE,
        "en tr ar",
        "discrimination",
        True,
        True,
        "Anlaufstelle des Landes bei Benachteiligung nach dem AGG.",
    ),
]
SEED_PARTNERS = {
    "spandau": [
        ("GiZ e.V.", K.PROVIDER, "tr ar", "discrimination", True, False,
         "Partner der Registerstelle für Vorfälle gruppenbezogener Menschenfeindlichkeit."),
        ("Jugendberatungshaus Spandau", K.ADVICE_CENTRE, "tr ar ru", "education work", True,
         False, ""),
    ],
    "treptow-koepenick": [
        ("Netzwerk für Integration Treptow-Köpenick", K.OTHER, "", "culture", True, False,
         "Netzwerk der im Bezirk tätigen Träger, gegründet im März 2001."),
    ],
}  # fmt: skip


def entries_for(slug: str) -> list[tuple]:
    rows = list(COMMON) + SEED_PARTNERS.get(slug, [])
    return rows + (BERLIN_WIDE if slug == "mitte" else [])


@transaction.atomic
def load(district: District) -> int:
    """Create the district's demo entries that are missing; returns how many were new."""
    created = 0
    localities = list(Locality.objects.filter(district=district).order_by("code"))
    operator = None
    for index, (name, kind, langs, topics, public, berlin, text) in enumerate(
        entries_for(district.slug)
    ):
        if "Bezirksamt" in name:
            name = f"{name.replace('(Demo)', '')}{district.name} (Demo)"
        if Organisation.objects.filter(district=district, name=name).exists():
            continue
        data = {
            "name": name,
            "kind": kind,
            "description": text,
            "street": f"Musterstraße {index + 1}",
            "postal_code": "10115",
            "locality": localities[index % len(localities)] if localities else None,
            "phone": f"030 555 {district.number:02d}{index:02d}",
            "step_free": "yes" if index % 2 == 0 else "partly",
            "is_public": public,
            "serves_all_berlin": berlin,
        }
        if kind == K.ACCOMMODATION:
            data.update(operator=operator, capacity=350, laf_region="Ost")
        org = services.organisation_create(
            district=district,
            actor=None,
            data=data,
            m2m={
                "languages": list(Language.objects.filter(code__in=langs.split())),
                "topics": list(Topic.objects.filter(code__in=topics.split())),
            },
            action="directory.organisation.demo_loaded",
        )
        if kind == K.PROVIDER and operator is None:
            operator = org
        created += 1
    return created
