"""Understanding the rows of a file: coded columns, the model's checks, likely duplicates."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from teilhabe.core.search import fold
from teilhabe.districts.models import District, Locality

from .. import selectors
from ..models import Language, Organisation, Topic
from .columns import ACCESS_WORDS, COLUMN_OF, TEXT_FIELDS

TRUE_WORDS = ("ja", "j", "yes", "y", "x", "1", "wahr", "true")
FALSE_WORDS = ("nein", "n", "no", "0", "falsch", "false", "")


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


def read_row(line: int, values: dict[str, str], lookups: Lookups) -> ImportRow:
    """One line of the file, its references resolved and checked as the edit form would."""
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


def flag_duplicates(rows: list[ImportRow], district: District) -> None:
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
