"""Berlin's twelve districts and their 96 Ortsteile (official numbering).

Used by the data migration that creates them, and by tests that check completeness.
"""

DISTRICTS: list[tuple[int, str, str, list[tuple[str, str]]]] = [
    (1, "mitte", "Mitte", [
        ("0101", "Mitte"), ("0102", "Moabit"), ("0103", "Hansaviertel"),
        ("0104", "Tiergarten"), ("0105", "Wedding"), ("0106", "Gesundbrunnen"),
    ]),
    (2, "friedrichshain-kreuzberg", "Friedrichshain-Kreuzberg", [
        ("0201", "Friedrichshain"), ("0202", "Kreuzberg"),
    ]),
    (3, "pankow", "Pankow", [
        ("0301", "Prenzlauer Berg"), ("0302", "Weißensee"), ("0303", "Blankenburg"),
        ("0304", "Heinersdorf"), ("0305", "Karow"), ("0306", "Stadtrandsiedlung Malchow"),
        ("0307", "Pankow"), ("0308", "Blankenfelde"), ("0309", "Buch"),
        ("0310", "Französisch Buchholz"), ("0311", "Niederschönhausen"),
        ("0312", "Rosenthal"), ("0313", "Wilhelmsruh"),
    ]),
    (4, "charlottenburg-wilmersdorf", "Charlottenburg-Wilmersdorf", [
        ("0401", "Charlottenburg"), ("0402", "Wilmersdorf"), ("0403", "Schmargendorf"),
        ("0404", "Grunewald"), ("0405", "Westend"), ("0406", "Charlottenburg-Nord"),
        ("0407", "Halensee"),
    ]),
    (5, "spandau", "Spandau", [
        ("0501", "Spandau"), ("0502", "Haselhorst"), ("0503", "Siemensstadt"),
        ("0504", "Staaken"), ("0505", "Gatow"), ("0506", "Kladow"), ("0507", "Hakenfelde"),
        ("0508", "Falkenhagener Feld"), ("0509", "Wilhelmstadt"),
    ]),
    (6, "steglitz-zehlendorf", "Steglitz-Zehlendorf", [
        ("0601", "Steglitz"), ("0602", "Lichterfelde"), ("0603", "Lankwitz"),
        ("0604", "Zehlendorf"), ("0605", "Dahlem"), ("0606", "Nikolassee"),
        ("0607", "Wannsee"),
    ]),
    (7, "tempelhof-schoeneberg", "Tempelhof-Schöneberg", [
        ("0701", "Schöneberg"), ("0702", "Friedenau"), ("0703", "Tempelhof"),
        ("0704", "Mariendorf"), ("0705", "Marienfelde"), ("0706", "Lichtenrade"),
    ]),
    (8, "neukoelln", "Neukölln", [
        ("0801", "Neukölln"), ("0802", "Britz"), ("0803", "Buckow"), ("0804", "Rudow"),
        ("0805", "Gropiusstadt"),
    ]),
    (9, "treptow-koepenick", "Treptow-Köpenick", [
        ("0901", "Alt-Treptow"), ("0902", "Plänterwald"), ("0903", "Baumschulenweg"),
        ("0904", "Johannisthal"), ("0905", "Niederschöneweide"), ("0906", "Altglienicke"),
        ("0907", "Adlershof"), ("0908", "Bohnsdorf"), ("0909", "Oberschöneweide"),
        ("0910", "Köpenick"), ("0911", "Friedrichshagen"), ("0912", "Rahnsdorf"),
        ("0913", "Grünau"), ("0914", "Müggelheim"), ("0915", "Schmöckwitz"),
    ]),
    (10, "marzahn-hellersdorf", "Marzahn-Hellersdorf", [
        ("1001", "Marzahn"), ("1002", "Biesdorf"), ("1003", "Kaulsdorf"),
        ("1004", "Mahlsdorf"), ("1005", "Hellersdorf"),
    ]),
    (11, "lichtenberg", "Lichtenberg", [
        ("1101", "Friedrichsfelde"), ("1102", "Karlshorst"), ("1103", "Lichtenberg"),
        ("1104", "Falkenberg"), ("1106", "Malchow"), ("1107", "Wartenberg"),
        ("1109", "Neu-Hohenschönhausen"), ("1110", "Alt-Hohenschönhausen"),
        ("1111", "Fennpfuhl"), ("1112", "Rummelsburg"),
    ]),
    (12, "reinickendorf", "Reinickendorf", [
        ("1201", "Reinickendorf"), ("1202", "Tegel"), ("1203", "Konradshöhe"),
        ("1204", "Heiligensee"), ("1205", "Frohnau"), ("1206", "Hermsdorf"),
        ("1207", "Waidmannslust"), ("1208", "Lübars"), ("1209", "Wittenau"),
        ("1210", "Märkisches Viertel"), ("1211", "Borsigwalde"),
    ]),
]  # fmt: skip


def official_name(name: str) -> str:
    """The administration's name as it signs: "Bezirksamt Spandau von Berlin"."""
    return f"Bezirksamt {name} von Berlin"


def office_name(name: str) -> str:
    return f"Integrationsbüro des Bezirksamtes {name}"
