"""Export of the directory as CSV or XLSX, in the columns the import reads back."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import replace

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from teilhabe.accounts.models import User
from teilhabe.core.audit import audit_log
from teilhabe.districts.models import District

from .. import selectors
from ..models import Language, Organisation, Topic
from ..selectors import DirectoryFilter
from .columns import ACCESS_WORDS, COLUMNS, FORMULA, HEADERS, TEXT_FIELDS

EXPORT_CHUNK = 500


def filter_from_params(params: Mapping[str, str]) -> DirectoryFilter:
    """The directory filter of a list or export URL; values that make no sense are dropped."""
    kind = params.get("typ", "")
    locality = params.get("ortsteil", "").strip()
    return DirectoryFilter(
        query=params.get("q", "").strip()[:200],
        kind=kind if kind in Organisation.Kind.values else "",
        topic=params.get("thema", "").strip()[:30],
        language=params.get("sprache", "").strip()[:3],
        locality=locality if locality.isdigit() and len(locality) == 4 else "",
        scope="berlin" if params.get("bereich") == "berlin" else "own",
        include_inactive=params.get("inaktiv") == "1",
    )


def export_queryset(*, district: District, criteria: DirectoryFilter) -> QuerySet:
    """The district's own entries matching the filter; other districts' notes stay theirs."""
    queryset = selectors.organisation_search(
        district=district, criteria=replace(criteria, scope="own")
    )
    return queryset.select_related("locality").prefetch_related(
        Prefetch("languages", queryset=Language.objects.order_by("code")),
        Prefetch("topics", queryset=Topic.objects.order_by("sort_order", "code")),
    )


def _yes_no(value: bool) -> str:
    return "ja" if value else "nein"


def export_row(organisation: Organisation) -> list[str]:
    access = {value: word for word, value in ACCESS_WORDS.items()}
    values = {name: getattr(organisation, name) for name in TEXT_FIELDS}
    values |= {
        "kind": organisation.get_kind_display(),
        "locality": organisation.locality.name if organisation.locality else "",
        "step_free": access.get(organisation.step_free, ""),
        "languages": ", ".join(language.code for language in organisation.languages.all()),
        "topics": ", ".join(topic.code for topic in organisation.topics.all()),
        "is_public": _yes_no(organisation.is_public),
        "serves_all_berlin": _yes_no(organisation.serves_all_berlin),
    }
    return [str(values[name]) for _header, name in COLUMNS]


def export_rows(*, district: District, criteria: DirectoryFilter) -> Iterator[list[str]]:
    """The header line, then one line per entry; read in chunks of EXPORT_CHUNK."""
    yield HEADERS
    queryset = export_queryset(district=district, criteria=criteria)
    for organisation in queryset.iterator(chunk_size=EXPORT_CHUNK):
        yield export_row(organisation)


def _csv_bytes(rows: Iterator[list[str]]) -> tuple[bytes, int]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    count = -1
    for row in rows:
        writer.writerow(["'" + value if FORMULA.match(value) else value for value in row])
        count += 1
    # The BOM makes Excel read UTF-8 rather than the Windows code page.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8"), count


def _xlsx_bytes(rows: Iterator[list[str]]) -> tuple[bytes, int]:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Directory")[:31]
    count = -1
    for row in rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", value) for value in row])
        count += 1
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"  # text, never a formula
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    wide = {"name": 40, "beschreibung": 50, "oeffnungszeiten": 30, "interne_notiz": 40}
    for number, header in enumerate(HEADERS, start=1):
        width = wide.get(header, 26 if header in ("strasse", "email", "website") else 14)
        sheet.column_dimensions[get_column_letter(number)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), count


def directory_export(
    *, district: District, actor: User, criteria: DirectoryFilter, file_format: str
) -> bytes:
    """The filtered entries as CSV or XLSX; who exported what is audit-logged."""
    write = _xlsx_bytes if file_format == "xlsx" else _csv_bytes
    content, count = write(export_rows(district=district, criteria=criteria))
    audit_log(
        actor=actor,
        obj=None,
        district=district,
        action="directory.organisation.exported",
        changes={"format": (None, file_format), "count": (None, count)},
    )
    return content


def export_filename(district: District, extension: str) -> str:
    return f"verzeichnis-{district.slug}-{timezone.localdate():%Y-%m-%d}.{extension}"
