"""Demo data drawn from the seed documents: five districts' offices, positions and users.

Facts (names of bodies, positions, legal references) come from the seeds; people are
fictional; addresses are those of the district town halls and marked as demo data.
"""

from __future__ import annotations

DEMO_PASSWORD = "teilhabe-demo"  # noqa: S105  printed by `make run`, refused in production

# slug: (street, postal code, room)
TOWN_HALLS = {
    "mitte": ("Karl-Marx-Allee 31", "10178", "Rathaus Mitte"),
    "friedrichshain-kreuzberg": ("Frankfurter Allee 35/37", "10247", "Rathaus Friedrichshain"),
    "pankow": ("Breite Straße 24a–26", "13187", "Rathaus Pankow"),
    "charlottenburg-wilmersdorf": ("Otto-Suhr-Allee 100", "10585", "Rathaus Charlottenburg"),
    "spandau": ("Carl-Schurz-Straße 2/6", "13597", "Rathaus Spandau"),
    "steglitz-zehlendorf": ("Kirchstraße 1/3", "14163", "Rathaus Zehlendorf"),
    "tempelhof-schoeneberg": ("John-F.-Kennedy-Platz 1", "10825", "Rathaus Schöneberg"),
    "neukoelln": ("Karl-Marx-Straße 83", "12040", "Rathaus Neukölln"),
    "treptow-koepenick": ("Neue Krugallee 4", "12435", "Rathaus Treptow"),
    "marzahn-hellersdorf": ("Alice-Salomon-Platz 3", "12627", "Rathaus Hellersdorf"),
    "lichtenberg": ("Möllendorffstraße 6", "10367", "Rathaus Lichtenberg"),
    "reinickendorf": ("Eichborndamm 215", "13437", "Rathaus Reinickendorf"),
}

OFFICE_HOURS = "Dienstag 9–12 Uhr\nDonnerstag 14–17 Uhr\nund nach Vereinbarung"

# slug: list of (code, title, is_head)
POSITIONS = {
    "marzahn-hellersdorf": [
        ("IntB", "Integrationsbeauftragter", True),
        ("Int1", "Koordination für Flüchtlingsfragen", False),
        ("Int2", "Koordination für Flüchtlingsfragen", False),
    ],
    "spandau": [
        ("IntB", "Beauftragter für Migration und Integration", True),
        ("Int1", "Registerstelle und Ombudsstelle", False),
    ],
    "treptow-koepenick": [
        ("IntB", "Integrationsbeauftragter", True),
        ("Int1", "Geschäftsführung Netzwerk für Integration", False),
    ],
    "steglitz-zehlendorf": [
        ("IntB", "Beauftragte für Partizipation und Integration", True),
        ("Int1", "Koordination Unterkünfte und Geflüchtete", False),
    ],
    "charlottenburg-wilmersdorf": [
        ("IntB", "Beauftragte für Partizipation und Integration", True),
        ("Int1", "Migrationsgesellschaftliche Öffnung der Verwaltung", False),
    ],
}

# slug: list of (local part, full name, role, position code or None)
USERS = {
    "marzahn-hellersdorf": [
        ("intb", "Samir Haddad", "commissioner", "IntB"),
        ("int1", "Jonas Becker", "staff", "Int1"),
        ("int2", "Thu Trang Nguyễn", "staff", "Int2"),
        ("assistenz", "Karin Lehmann", "assistant", None),
    ],
    "spandau": [
        ("intb", "Mehmet Yılmaz", "commissioner", "IntB"),
        ("int1", "Ewa Nowak", "staff", "Int1"),
        ("assistenz", "Paul Schröder", "assistant", None),
    ],
    "treptow-koepenick": [
        ("intb", "Andreas Krüger", "commissioner", "IntB"),
        ("int1", "Olena Kovalenko", "staff", "Int1"),
        ("assistenz", "Heike Wagner", "assistant", None),
    ],
    "steglitz-zehlendorf": [
        ("intb", "Leyla Aydın", "commissioner", "IntB"),
        ("int1", "Tobias Hahn", "staff", "Int1"),
        ("assistenz", "Monika Fischer", "assistant", None),
    ],
    "charlottenburg-wilmersdorf": [
        ("intb", "Nadia Rahimi", "commissioner", "IntB"),
        ("int1", "Felix Baumann", "staff", "Int1"),
        ("assistenz", "Sabine Koch", "assistant", None),
    ],
}

TEXTS = {
    "marzahn-hellersdorf": {
        "de": (
            "Das Integrationsbüro unterstützt Menschen mit Migrations- und Fluchtgeschichte "
            "in Marzahn-Hellersdorf und bringt Verwaltung, Vereine und Nachbarschaften "
            "zusammen. Grundlage ist das Partizipationsgesetz des Landes Berlin (PartMigG).",
            "- Geschäftsführung des Integrationsbeirats und seiner Arbeitsgruppen\n"
            "- monatlicher Jour fixe mit den Leitungen der Unterkünfte für Geflüchtete\n"
            "- Interkulturelle Tage im September\n"
            "- Begleitung der Projekte aus dem Integrationsfonds\n"
            "- Antworten auf Anfragen aus BVV, Abgeordnetenhaus und Bürgerschaft",
        ),
        "en": (
            "The integration office supports people with a history of migration or flight "
            "in Marzahn-Hellersdorf and brings together administration, associations and "
            "neighbourhoods. Its legal basis is Berlin's participation act (PartMigG).",
            "- running the advisory board on integration and its working groups\n"
            "- a monthly meeting with the managers of refugee accommodation\n"
            "- the Intercultural Days in September\n"
            "- accompanying projects funded by the integration fund\n"
            "- answering questions from the district assembly, the state parliament and residents",
        ),
    },
    "spandau": {
        "de": (
            "Der Beauftragte für Migration und Integration ist Ansprechpartner für alle, "
            "die in Spandau leben – mit und ohne Migrationsgeschichte.",
            "- Ombudsstelle: Beschwerden und Anregungen, auf Wunsch anonym\n"
            "- Registerstelle für rassistische, antisemitische und rechtsextreme Vorfälle\n"
            "- Beratung und Vermittlung zu Angeboten in der eigenen Sprache\n"
            "- Stellungnahmen zu Förderanträgen von Vereinen\n"
            "- Fragen rund um Unterkünfte für Geflüchtete",
        ),
    },
    "treptow-koepenick": {
        "de": (
            "Der Integrationsbeauftragte berät, vernetzt und informiert – für ein gutes "
            "Zusammenleben in Treptow-Köpenick.",
            "- Beratung zu Aufenthalt, Asyl und Einbürgerung, Vermittlung zu Fachstellen\n"
            "- Interkulturelle Woche und Begegnungsfeste\n"
            "- Leitung des Netzwerks für Integration im Bezirk",
        ),
    },
    "steglitz-zehlendorf": {
        "de": (
            "Die Beauftragte für Partizipation und Integration setzt sich für die "
            "gleichberechtigte Teilhabe aller Menschen im Bezirk ein.",
            "- Austausch mit den Unterkünften und dem Landesamt für Flüchtlingsangelegenheiten\n"
            "- ständiger Gast im Beirat für Partizipation und Integration\n"
            "- Netzwerk zur Arbeitsmarktintegration zugewanderter Frauen",
        ),
    },
    "charlottenburg-wilmersdorf": {
        "de": (
            "Das Integrationsbüro wirkt in die Verwaltung hinein und in den Bezirk hinaus: "
            "für Teilhabe in allen Bereichen des Lebens.",
            "- nachholende Integration\n- Neuzuwanderung\n- Zusammenleben in Vielfalt\n"
            "- migrationsgesellschaftliche Ausrichtung der Verwaltung",
        ),
    },
}

# The other seven districts get a standard office so every district and role can be
# tried: IntB and Int1, and a commissioner, a staff member and an assistant.
STANDARD_POSITIONS = [
    ("IntB", "Integrationsbeauftragte/r", True),
    ("Int1", "Koordination Integration", False),
]
STANDARD_NAMES = {
    "mitte": ("Selin Kaya", "Lukas Meyer", "Ines Wolf"),
    "friedrichshain-kreuzberg": ("Daniel Okafor", "Marta Kowalczyk", "Uwe Braun"),
    "pankow": ("Julia Neumann", "Hassan Al-Masri", "Petra Vogel"),
    "tempelhof-schoeneberg": ("Miriam Schulz", "Arash Karimi", "Dirk Hoffmann"),
    "neukoelln": ("Zeynep Arslan", "Jan Richter", "Elke Krause"),
    "lichtenberg": ("Minh Tran", "Svetlana Ivanova", "Frank Lange"),
    "reinickendorf": ("Katrin Schmitt", "Yusuf Demir", "Gabi Werner"),
}


def users_for(slug: str) -> list[tuple[str, str, str, str | None]]:
    """Demo users of a district: those of the seeds, or the standard three."""
    if slug in USERS:
        return USERS[slug]
    commissioner, staff, assistant = STANDARD_NAMES[slug]
    return [
        ("intb", commissioner, "commissioner", "IntB"),
        ("int1", staff, "staff", "Int1"),
        ("assistenz", assistant, "assistant", None),
    ]


def positions_for(slug: str) -> list[tuple[str, str, bool]]:
    return POSITIONS.get(slug, STANDARD_POSITIONS)


LAG_USER = ("lag@teilhabe.demo", "Birgit Sommer")
ADMIN_USER = ("admin@teilhabe.demo", "Plattform-Administration")


def email_for(local: str, slug: str) -> str:
    return f"{local}@{slug}.demo"
