"""Import a work plan from a text or Word file: `import_workplan FILE --district SLUG --year YYYY`.

The same analysis as the staff page: the summary, notes and problems (with line numbers)
are printed first; with problems, or with `--dry-run`, nothing is saved.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_scopes import scopes_disabled

from teilhabe.districts.models import District
from teilhabe.workplan import importer


def read_file(path: Path) -> str:
    """The plan's text: a Word document (recognised by its content) or UTF-8 text."""
    try:
        with path.open("rb") as file:
            raw = file.read(importer.MAX_BYTES + 1)
    except OSError as error:
        raise CommandError(
            _("The file %(path)s cannot be read: %(error)s") % {"path": path, "error": error}
        ) from error
    try:
        return importer.file_text(raw)
    except ValidationError as error:
        raise CommandError(" ".join(error.messages)) from error


def summary(preview: importer.PlanPreview) -> list[str]:
    """The preview's counts, as the staff page's summary gives them."""
    lines = [
        _("Work plan %(year)s of %(district)s:")
        % {"year": preview.year, "district": preview.district.name},
        ngettext("%(n)s running task", "%(n)s running tasks", len(preview.tasks))
        % {"n": len(preview.tasks)},
        _("%(rows)s rows of the bodies table: %(new)s bodies to create, %(found)s recorded")
        % {
            "rows": len(preview.gremien_rows),
            "new": preview.bodies_to_create,
            "found": preview.bodies_found,
        },
        ngettext(
            "%(n)s participation to record",
            "%(n)s participations to record",
            preview.participations_to_create,
        )
        % {"n": preview.participations_to_create},
        ngettext("%(n)s planned activity", "%(n)s planned activities", len(preview.activities))
        % {"n": len(preview.activities)},
    ]
    if preview.new_positions:
        codes = ", ".join(item.position.code for item in preview.new_positions)
        lines.append(_("Positions to be created: %(codes)s") % {"codes": codes})
    if preview.adopts and preview.decision_date:
        lines.append(
            _("Adopted by the Bezirksamt on %(date)s (paper no. %(number)s)")
            % {"date": f"{preview.decision_date:%d.%m.%Y}", "number": preview.paper_number}
        )
    if preview.submits and preview.bvv_session_date:
        lines.append(
            _("Submitted to the BVV for its session on %(date)s")
            % {"date": f"{preview.bvv_session_date:%d.%m.%Y}"}
        )
    return lines[:1] + [f"  {line}" for line in lines[1:]]


def issue_lines(title: str, issues: list[importer.Issue]) -> list[str]:
    if not issues:
        return []
    return [title] + [
        "  " + (_("Line %(line)s: %(message)s") % {"line": i.line, "message": i.message})
        if i.line
        else f"  {i.message}"
        for i in issues
    ]


class Command(BaseCommand):
    help = "Imports a work plan (text in the layout of the BVV paper, or DOCX) for a district."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The plan as .txt (UTF-8) or .docx.")
        parser.add_argument("--district", required=True, help="The district's slug.")
        parser.add_argument("--year", required=True, type=int, help="The plan's year.")
        parser.add_argument("--dry-run", action="store_true", help="Check only; save nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        text = read_file(options["file"])
        year = options["year"]
        with scopes_disabled():
            district = District.objects.filter(slug=options["district"]).first()
            if district is None:
                raise CommandError(
                    _("There is no district “%(slug)s”.") % {"slug": options["district"]}
                )
            self._analyse(district, year, text)
            if options["dry_run"]:
                self.stdout.write(_("Dry run: nothing was saved."))
                return
            result = importer.plan_import(district=district, year=year, actor=None, text=text)
        self.stdout.write(self.style.SUCCESS(result.message()))

    def _analyse(self, district: District, year: int, text: str) -> None:
        try:
            preview = importer.analyse(district=district, year=year, text=text)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        for line in summary(preview) + issue_lines(_("Notes:"), preview.flags):
            self.stdout.write(line)
        for line in issue_lines(_("Problems:"), preview.errors):
            self.stderr.write(line)
        if preview.errors:
            raise CommandError(importer.refusal(preview.errors))
