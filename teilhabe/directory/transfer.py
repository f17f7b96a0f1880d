"""Bulk transfer of the directory: CSV import with a row-by-row preview, CSV/XLSX export.

Export and import share one set of German column headers, so an exported file
re-imports. An upload is stored (DirectoryImport) between preview and confirmation;
confirming re-reads the stored text and never trusts what the preview showed.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from teilhabe.accounts.models import User
from teilhabe.core.audit import audit_log
from teilhabe.core.search import fold
from teilhabe.districts.models import District, Locality

from . import selectors, services
from .models import DirectoryImport, Language, Organisation, Topic
from .selectors import DirectoryFilter

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
EXPORT_CHUNK = 500

# (header, model field): the file format, in the order of an export.
COLUMNS: list[tuple[str, str]] = [
    ("name", "name"),
    ("typ", "kind"),
    ("beschreibung", "description"),
    ("strasse", "street"),
    ("plz", "postal_code"),
    ("ort", "city"),
    ("ortsteil", "locality"),
    ("telefon", "phone"),
    ("email", "email"),
    ("website", "website"),
    ("oeffnungszeiten", "opening_hours"),
    ("barrierefrei", "step_free"),
    ("sprachen", "languages"),
    ("themen", "topics"),
    ("oeffentlich", "is_public"),
    ("ganz_berlin", "serves_all_berlin"),
    ("interne_notiz", "internal_note"),
]
HEADERS = [header for header, _field in COLUMNS]
COLUMN_OF = {name: header for header, name in COLUMNS}
TEXT_FIELDS = [
    "name", "description", "street", "postal_code", "city", "phone", "email", "website",
    "opening_hours", "internal_note",
]  # fmt: skip
COLUMN_HELP = {
    "name": gettext_lazy("Name of the organisation (required)."),
    "typ": gettext_lazy("Type: its code (e.g. advice_centre) or its name."),
    "ortsteil": gettext_lazy("Ortsteil: its four-digit code or its name."),
    "barrierefrei": gettext_lazy("Step-free access: ja, teilweise, nein or empty."),
    "sprachen": gettext_lazy("Languages: ISO codes separated by commas (e.g. ar, tr, uk)."),
    "themen": gettext_lazy("Topics: codes or names separated by commas."),
    "oeffentlich": gettext_lazy("Shown on the portal: ja or nein (empty means nein)."),
    "ganz_berlin": gettext_lazy("Serves all of Berlin: ja or nein (empty means nein)."),
}
TRUE_WORDS = ("ja", "j", "yes", "y", "x", "1", "wahr", "true")
FALSE_WORDS = ("nein", "n", "no", "0", "falsch", "false", "")
# A cell Excel would run as a formula; a leading +/- only counts if more than a number follows.
FORMULA = re.compile(r"^(?:[=@\t\r]|[+-](?![\d\s()/+-]*$))")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
ACCESS_WORDS = {"ja": "yes", "teilweise": "partly", "nein": "no"}


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


# Reading the file ---------------------------------------------------------------------


@dataclass
class Table:
    """The rows of an uploaded file as {header: cell}, with their line numbers."""

    rows: list[tuple[int, dict[str, str]]]
    ignored_columns: list[str]


def _not_text() -> ValidationError:
    return ValidationError(
        _("The file is not a CSV text file. Save the table as “CSV (UTF-8)” and try again."),
        code="not_text",
    )


def decode_upload(raw: bytes) -> str:
    """The text of an uploaded file: UTF-8 (with or without BOM), else Windows-1252."""
    if len(raw) > MAX_BYTES:
        raise ValidationError(
            _("The file is larger than 2 MB. Please split it into several files."),
            code="too_large",
        )
    if b"\x00" in raw:
        raise _not_text()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise _not_text() from None
    if CONTROL.search(text):
        raise _not_text()
    return text


def _header_key(header: str) -> str:
    """'Öffnungszeiten' → 'oeffnungszeiten', 'Ganz Berlin' → 'ganz_berlin'."""
    key = header.strip().lstrip("\ufeff").lower()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        key = key.replace(umlaut, plain)
    return "_".join(key.replace("-", " ").split())


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {char: first.count(char) for char in ";,\t"}
    best = max(counts, key=lambda char: counts[char])
    return best if counts[best] else ";"


def _cell(value: str) -> str:
    value = value.strip()
    # Undo the quote an export puts before values Excel would take for a formula.
    if value.startswith("'") and FORMULA.match(value[1:]):
        return value[1:]
    return value


def read_table(text: str) -> Table:
    """Parse CSV text with a `name` header row; raises ValidationError with German text."""
    if not text.strip():
        raise ValidationError(_("The file is empty."), code="empty")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        header = next(row for row in reader if any(cell.strip() for cell in row))
        keys = [_header_key(cell) for cell in header]
        if "name" not in keys:
            raise ValidationError(
                _("The file has no column “name”. The first line must name the columns."),
                code="no_name",
            )
        index = {key: keys.index(key) for key in HEADERS if key in keys}
        rows = _read_rows(reader, index)
    except csv.Error as error:
        raise ValidationError(
            _("The file could not be read as CSV (line %(line)s)."),
            code="csv",
            params={"line": reader.line_num},
        ) from error
    ignored = [cell.strip() for cell, key in zip(header, keys, strict=True) if key not in index]
    return Table(rows=rows, ignored_columns=[name for name in ignored if name])


def _read_rows(reader: Any, index: dict[str, int]) -> list[tuple[int, dict[str, str]]]:
    rows: list[tuple[int, dict[str, str]]] = []
    line = reader.line_num + 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            if len(rows) == MAX_ROWS:
                raise ValidationError(
                    _("The file has more than %(max)s lines. Please split it."),
                    code="too_many",
                    params={"max": MAX_ROWS},
                )
            values = {key: _cell(cells[i]) if i < len(cells) else "" for key, i in index.items()}
            rows.append((line, values))
        line = reader.line_num + 1
    if not rows:
        raise ValidationError(_("The file has no entries below the header line."), code="no_rows")
    return rows


# Understanding the rows ---------------------------------------------------------------


@dataclass
class Lookups:
    """What the coded columns may say, by folded spelling; loaded once per file."""

    kinds: dict[str, str]
    access: dict[str, str]
    localities: dict[str, Locality]
    languages: dict[str, Language]
    topics: dict[str, Topic]
    booleans: dict[str, bool]


def _labels(choices: Any) -> dict[str, str]:
    found = {}
    for language in ("en", "de"):
        with translation.override(language):
            found.update({fold(str(label)): value for value, label in choices if value})
    return found | {fold(value): value for value, _label in choices if value}


def load_lookups() -> Lookups:
    """The reference lists the import understands (a constant number of queries)."""
    languages, topics = {}, {}
    for language in Language.objects.all():
        for key in (language.name_en, language.name_de, language.code):
            languages[fold(key)] = language
    for topic in Topic.objects.all():
        for key in (topic.name_en, topic.name_de, topic.code):
            topics[fold(key)] = topic
    localities = {}
    for locality in Locality.objects.all():
        localities[fold(locality.name)] = localities[locality.code] = locality
    access = _labels(Organisation.Access.choices) | ACCESS_WORDS
    access.update({"x": "yes", "1": "yes", "0": "no", "": ""})
    booleans = dict.fromkeys(TRUE_WORDS, True) | dict.fromkeys(FALSE_WORDS, False)
    return Lookups(
        kinds=_labels(Organisation.Kind.choices),
        access=access,
        localities=localities,
        languages=languages,
        topics=topics,
        booleans=booleans,
    )


class RowStatus:
    CREATE = "create"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"


@dataclass
class ImportRow:
    """One line of the file: what it becomes, and why not if it does not."""

    line: int
    name: str
    data: dict[str, Any] = field(default_factory=dict)
    languages: list[Language] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    similar: list[str] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)

    @property
    def status(self) -> str:
        if self.problems:
            return RowStatus.REJECTED
        return RowStatus.DUPLICATE if self.similar else RowStatus.CREATE

    @property
    def kind_label(self) -> str:
        return str(Organisation.Kind(self.data["kind"]).label) if self.data.get("kind") else ""

    @property
    def m2m(self) -> dict[str, list]:
        return {"languages": self.languages, "topics": self.topics}

    def fail(self, field_name: str, message: str) -> None:
        self.failed.add(field_name)
        self.problems.append(f"{COLUMN_OF[field_name]}: {message}")


def _one(row: ImportRow, values: dict, name: str, choices: dict, message: str) -> Any:
    raw = values.get(COLUMN_OF[name], "")
    found = choices.get(fold(raw) if raw else "")
    if found is None and raw:
        row.fail(name, message % {"value": raw})
    return found


def _many(row: ImportRow, values: dict, name: str, choices: dict, message: str) -> list:
    """Several references in one cell; a multi-word part may be a name or several codes."""
    found = []
    for part in re.split(r"[,;\n]+", values.get(COLUMN_OF[name], "")):
        if not part.strip():
            continue
        whole = choices.get(fold(part))
        words = {word: choices.get(fold(word)) for word in part.split()}
        unknown = [word for word, obj in words.items() if obj is None]
        if whole is not None:
            found.append(whole)
        elif not unknown:
            found += words.values()
        else:
            for value in unknown if len(unknown) < len(words) else [part.strip()]:
                row.fail(name, message % {"value": value})
    return list(dict.fromkeys(found))


def _with_scheme(website: str) -> str:
    """As the form does: 'www.example.org' means a web address."""
    if website and "://" not in website and "." in website and " " not in website:
        return f"https://{website}"
    return website


def _read_row(line: int, values: dict[str, str], lookups: Lookups) -> ImportRow:
    row = ImportRow(line=line, name=values.get("name", ""))
    data: dict[str, Any] = {name: values.get(COLUMN_OF[name], "") for name in TEXT_FIELDS}
    data["city"] = data["city"] or "Berlin"
    data["website"] = _with_scheme(data["website"])
    data["kind"] = _one(row, values, "kind", lookups.kinds, _("Unknown type “%(value)s”.")) or ""
    data["locality"] = _one(
        row, values, "locality", lookups.localities, _("Unknown Ortsteil “%(value)s”.")
    )
    data["step_free"] = (
        _one(row, values, "step_free", lookups.access, _("Unknown value “%(value)s”.")) or ""
    )
    for name in ("is_public", "serves_all_berlin"):
        yes_no = _("“%(value)s” is neither ja nor nein.")
        data[name] = bool(_one(row, values, name, lookups.booleans, yes_no))
    row.languages = _many(
        row, values, "languages", lookups.languages, _("Unknown language code “%(value)s”.")
    )
    row.topics = _many(row, values, "topics", lookups.topics, _("Unknown topic “%(value)s”."))
    row.data = data
    _validate(row)
    return row


def _validate(row: ImportRow) -> None:
    """The model's own checks, so the messages are those of the edit form."""
    organisation = Organisation(**row.data)
    organisation.refresh_search_fields()
    # The references were resolved above; checking them again would cost queries per row.
    exclude = {"district", "locality", "updated_by", "operator", *row.failed}
    exclude |= {"name_key", "search_text"}  # derived from the name: its message suffices
    try:
        organisation.full_clean(exclude=sorted(exclude), validate_unique=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            for message in messages:
                if name in COLUMN_OF:
                    row.fail(name, message)
                else:
                    row.problems.append(message)


def _flag_duplicates(rows: list[ImportRow], district: District) -> None:
    """Likely duplicates: an existing entry, or an earlier line with the same name and address."""
    seen: dict[tuple[str, str, str], int] = {}
    # One query per line otherwise; a first import into an empty directory needs none.
    has_entries = Organisation.objects.filter(district=district).exists()
    for row in rows:
        if row.problems:
            continue
        street, postal_code = row.data["street"], row.data["postal_code"]
        key = (fold(row.name), fold(street), postal_code)
        if key in seen:
            row.similar.append(_("line %(line)s of this file") % {"line": seen[key]})
        else:
            seen[key] = row.line
        if has_entries:
            similar = selectors.organisations_similar(
                district=district, name=row.name, street=street, postal_code=postal_code, limit=3
            )
            row.similar += [str(organisation) for organisation in similar]


@dataclass
class ImportPreview:
    rows: list[ImportRow]
    ignored_columns: list[str]

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def to_create(self) -> int:
        return self.count(RowStatus.CREATE)

    @property
    def rejected(self) -> int:
        return self.count(RowStatus.REJECTED)

    @property
    def duplicates(self) -> int:
        return self.count(RowStatus.DUPLICATE)


def import_analyse(*, district: District, text: str) -> ImportPreview:
    """What importing `text` into the district's directory would do, line by line."""
    table = read_table(text)
    lookups = load_lookups()
    rows = [_read_row(line, values, lookups) for line, values in table.rows]
    _flag_duplicates(rows, district)
    return ImportPreview(rows=rows, ignored_columns=table.ignored_columns)


# Writes ------------------------------------------------------------------------------


@transaction.atomic
def directory_import_create(
    *, district: District, actor: User, filename: str, raw: bytes
) -> DirectoryImport:
    """Keep a readable CSV file for its preview; an unreadable file is refused, not stored."""
    text = decode_upload(raw)
    table = read_table(text)
    upload = DirectoryImport.objects.create(
        district=district, filename=filename[:200], content=text, created_by=actor
    )
    audit_log(
        actor=actor,
        obj=upload,
        action="directory.directoryimport.created",
        changes={"filename": (None, upload.filename), "lines": (None, len(table.rows))},
    )
    return upload


def _lock_pending(upload: DirectoryImport) -> DirectoryImport:
    locked = DirectoryImport.objects.select_for_update().get(pk=upload.pk)
    if locked.status != DirectoryImport.Status.PENDING:
        raise ValidationError(_("This file has already been imported or discarded."))
    return locked


@transaction.atomic
def directory_import_apply(
    *, upload: DirectoryImport, actor: User, include_duplicates: bool = False
) -> DirectoryImport:
    """Create the valid lines of a pending upload; likely duplicates only if asked to."""
    upload = _lock_pending(upload)
    preview = import_analyse(district=upload.district, text=upload.content)
    wanted = {RowStatus.CREATE, RowStatus.DUPLICATE} if include_duplicates else {RowStatus.CREATE}
    created = 0
    for row in preview.rows:
        if row.status in wanted:
            services.organisation_create(
                district=upload.district,
                actor=actor,
                data=row.data,
                m2m=row.m2m,
                action="directory.organisation.imported",
            )
            created += 1
    upload.status = DirectoryImport.Status.DONE
    upload.created_count = created
    upload.save(update_fields=["status", "created_count", "updated_at"])
    audit_log(
        actor=actor,
        obj=upload,
        action="directory.import.applied",
        changes={"created_count": (0, created), "include_duplicates": (None, include_duplicates)},
    )
    return upload


@transaction.atomic
def directory_import_discard(*, upload: DirectoryImport, actor: User) -> DirectoryImport:
    """Drop a pending upload without creating anything."""
    upload = _lock_pending(upload)
    upload.status = DirectoryImport.Status.DISCARDED
    upload.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, obj=upload, action="directory.import.discarded")
    return upload


# Export ------------------------------------------------------------------------------


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


# Forms -------------------------------------------------------------------------------


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV file"), allow_empty_file=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "A table saved as CSV, with the column names in the first line; only “name” is "
            "required. At most %(max)s lines and 2 MB."
        ) % {"max": MAX_ROWS}


class ImportConfirmForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("apply", gettext_lazy("Import")), ("discard", gettext_lazy("Discard"))]
    )
    include_duplicates = forms.BooleanField(
        label=gettext_lazy("Create possible duplicates anyway"), required=False
    )


def column_help() -> list[tuple[str, str]]:
    """(header, explanation) for the upload page; plain text columns show their field name."""
    names = {f.name: f.verbose_name for f in Organisation._meta.concrete_fields}
    return [
        (header, str(COLUMN_HELP.get(header) or capfirst(names[name]))) for header, name in COLUMNS
    ]
