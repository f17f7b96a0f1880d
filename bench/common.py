"""Names and look-ups shared by generators and pages (known users, the measured district)."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection, models
from django_scopes import scopes_disabled

from teilhabe.accounts.models import User
from teilhabe.districts.models import District, Office

# Generated data ends here, whatever the day of the run, so a build is reproducible.
DATA_END = datetime.date(2025, 12, 31)
BERLIN = ZoneInfo("Europe/Berlin")

# Pages of one district are measured in this one: the largest district by population.
BENCH_DISTRICT = "pankow"
# Workload of each district relative to the average, roughly by population.
DISTRICT_WEIGHT = {
    "mitte": 1.2,
    "friedrichshain-kreuzberg": 1.1,
    "pankow": 1.3,
    "charlottenburg-wilmersdorf": 1.05,
    "spandau": 0.85,
    "steglitz-zehlendorf": 0.95,
    "tempelhof-schoeneberg": 1.1,
    "neukoelln": 1.1,
    "treptow-koepenick": 0.9,
    "marzahn-hellersdorf": 0.8,
    "lichtenberg": 0.95,
    "reinickendorf": 0.8,
}
EMAIL_DOMAIN = "bench.example"
LAG_EMAIL = f"bench-lag@{EMAIL_DOMAIN}"
# Generated users cannot sign in with a password; the benchmark uses force_login.
UNUSABLE_PASSWORD = "!bench"  # noqa: S105


def morning(day: datetime.date) -> datetime.datetime:
    """8:00 UTC on `day`: the time stamp of records that the window starts with."""
    return datetime.datetime.combine(day, datetime.time(8), tzinfo=datetime.UTC)


def commissioner_email(slug: str) -> str:
    """The known commissioner of a district, whom pages are requested as."""
    return f"bench-{slug}@{EMAIL_DOMAIN}"


def district(slug: str = BENCH_DISTRICT) -> District:
    return District.objects.get(slug=slug)


def user(email: str) -> User:
    return User.objects.get(email=email)


def commissioner(slug: str = BENCH_DISTRICT) -> User:
    return user(commissioner_email(slug))


def lag_viewer() -> User:
    return user(LAG_EMAIL)


def office(slug: str = BENCH_DISTRICT) -> Office:
    """The district's office, read outside any request scope."""
    with scopes_disabled():
        return Office.objects.get(district__slug=slug)


def insert_rows(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    batch_size: int = 10_000,
) -> None:
    """Insert raw rows: for the large tables, where bulk_create's per-object cost (about
    0.3 ms a row on a small machine) would dominate the build. PostgreSQL gets COPY.

    Values must already be in database form: ids, strings, JSON text, and datetimes
    passed through `connection.ops.adapt_datetimefield_value`.
    """
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
        iterator = iter(rows)
        while batch := list(itertools.islice(iterator, batch_size)):
            cursor.executemany(sql, batch)
