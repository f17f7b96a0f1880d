"""Full-text search on the database's own engine (DESIGN.md, principle 5).

A searchable model keeps a folded text column (`search_text`, lower case, no
diacritics, see `fold`). PostgreSQL indexes it with a GIN index on
`to_tsvector('german', …)` (German stemming); SQLite with an FTS5 table that
triggers keep in step. `matching()` filters any queryset of such a model, so the
district scope of the queryset still applies.

SQLite drops triggers when Django rebuilds a table in a later migration (e.g. a field
change on that model): such a migration must call `create_index()` again.
"""

# Table and column names below come from model metadata and code, never from users;
# the user's words are always passed as query parameters.
# ruff: noqa: S608, S611
from __future__ import annotations

import unicodedata

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

MAX_TERMS = 8


def fold(text: str) -> str:
    """Lower case without diacritics and punctuation: 'Türkiye e.V.' → 'turkiye e v'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


def terms_of(query: str) -> list[str]:
    """Words of a user's query, folded like the indexed text; at most MAX_TERMS."""
    return fold(query).split()[:MAX_TERMS]


def _fts(table: str) -> str:
    return f"{table}_fts"


def create_index(schema_editor, table: str, column: str = "search_text") -> None:
    """Create (or re-create) the full-text index of `table`; idempotent, fills it."""
    run = schema_editor.execute
    name = _fts(table)
    if schema_editor.connection.vendor == "postgresql":
        run(f"DROP INDEX IF EXISTS {name}")
        run(
            f"CREATE INDEX {name} ON {table} USING gin (to_tsvector('german'::regconfig, {column}))"
        )
        return
    if schema_editor.connection.vendor != "sqlite":
        return
    drop_index(schema_editor, table)
    run(
        f"CREATE VIRTUAL TABLE {name} USING fts5({column}, content='{table}', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
    )
    run(
        f"CREATE TRIGGER {name}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {name}(rowid, {column}) VALUES (new.id, new.{column}); END"
    )
    run(
        f"CREATE TRIGGER {name}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {name}({name}, rowid, {column}) VALUES ('delete', old.id, old.{column}); END"
    )
    run(
        f"CREATE TRIGGER {name}_au AFTER UPDATE ON {table} BEGIN "
        f"INSERT INTO {name}({name}, rowid, {column}) VALUES ('delete', old.id, old.{column}); "
        f"INSERT INTO {name}(rowid, {column}) VALUES (new.id, new.{column}); END"
    )
    run(f"INSERT INTO {name}({name}) VALUES ('rebuild')")


def drop_index(schema_editor, table: str) -> None:
    name = _fts(table)
    run = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        run(f"DROP INDEX IF EXISTS {name}")
    elif schema_editor.connection.vendor == "sqlite":
        for suffix in ("ai", "ad", "au"):
            run(f"DROP TRIGGER IF EXISTS {name}_{suffix}")
        run(f"DROP TABLE IF EXISTS {name}")


def matching(queryset: QuerySet, query: str, column: str = "search_text") -> QuerySet:
    """Rows of `queryset` that contain every word of `query` (as a word prefix)."""
    terms = terms_of(query)
    if not terms:
        return queryset
    table = queryset.model._meta.db_table
    if connection.vendor == "postgresql":
        # Folded terms are letters and digits only, so they cannot carry tsquery syntax.
        expression = " & ".join(f"{term}:*" for term in terms)
        condition = RawSQL(
            f"to_tsvector('german'::regconfig, {table}.{column}) "
            "@@ to_tsquery('german'::regconfig, %s)",
            [expression],
            output_field=BooleanField(),
        )
        return queryset.filter(condition)
    name = _fts(table)
    expression = " ".join(f'"{term}"*' for term in terms)
    condition = RawSQL(
        f"{table}.id IN (SELECT rowid FROM {name} WHERE {name} MATCH %s)",
        [expression],
        output_field=BooleanField(),
    )
    return queryset.filter(condition)
