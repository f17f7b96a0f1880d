"""Default texts of a new work plan and its papers.

The BVV paper is an official German document whatever language the user interface
speaks, so these defaults are German content, not translatable interface strings. Each
plan keeps its own copy (the office edits them per year); the defaults only fill a new
plan. They cite the legal basis of the procedure: the Bezirksamt decides on the plan
(§ 15 BezVG) and informs the BVV of it (§ 36 BezVG).
"""

from __future__ import annotations

from typing import Any

from teilhabe.districts.models import District


def plan_title(district: District, year: int) -> str:
    return f"Arbeitsplan des Integrationsbüros des Bezirksamtes {district.name} für {year}"


def plan_defaults(district: District, year: int) -> dict[str, Any]:
    """Field values of a new plan for `district` and `year`."""
    title = plan_title(district, year)
    return {
        "title": title,
        "introduction": (
            f"Dieser Arbeitsplan fasst die Vorhaben des Integrationsbüros für {year} "
            "zusammen: die Aufgaben der Integrationsbeauftragten und der Koordination "
            "für Flüchtlingsfragen.\n\n"
            "Neue Aufgaben, entfallende Vorhaben oder veränderte Arbeitskapazitäten können "
            "im Laufe des Jahres zu Änderungen führen. Das Integrationsbüro berichtet dem "
            "Integrationsausschuss der Bezirksverordnetenversammlung und dem "
            "Integrationsbeirat regelmäßig über den Stand und über Änderungen."
        ),
        "running_tasks_intro": (
            "Zu den laufenden Aufgaben innerhalb und außerhalb der Verwaltung gehören insbesondere:"
        ),
        "gremien_intro": (
            "Das Integrationsbüro arbeitet in den folgenden bezirklichen und "
            "überbezirklichen Gremien mit oder leitet sie (L):"
        ),
        "activities_intro": "",
        "section_subject": f"{title}",
        "section_rapporteur": "",
        "section_resolution": f"Das Bezirksamt beschließt den {title}.",
        "section_forwarding": (
            "Das Bezirksamt beschließt außerdem, diese Vorlage der "
            "Bezirksverordnetenversammlung zur Kenntnisnahme vorzulegen und sie zu "
            "veröffentlichen."
        ),
        "section_reasoning": (
            "Die bezirklichen Beauftragten legen zu Beginn jedes Jahres einen terminierten "
            "Plan ihrer laufenden Aufgaben und der Vorhaben vor, die sie federführend "
            "bearbeiten. Der vorliegende Plan umfasst die Vorhaben aller Stellen des "
            "Integrationsbüros."
        ),
        "section_legal_basis": (
            "§ 15, § 36 Abs. 2 Buchstabe b, f und Abs. 3 Bezirksverwaltungsgesetz (BezVG)"
        ),
        "section_budget": "keine",
        "section_target_groups": (
            "Das Integrationsbüro stärkt mit diesen Vorhaben die gleichberechtigte Teilhabe "
            "von Menschen mit Migrations- und Fluchtgeschichte im Bezirk."
        ),
    }
