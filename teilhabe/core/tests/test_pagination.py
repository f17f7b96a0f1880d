"""Keyset pages of the audit trail: every entry once, in order, whatever the page."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from teilhabe.core.models import AuditEntry
from teilhabe.core.pagination import decode_cursor, keyset_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(district_a, in_scope):
    moment = timezone.now().replace(microsecond=0)
    # Pairs share a timestamp, so the id must break ties.
    rows = [
        AuditEntry(
            district=district_a,
            action="x.y.updated",
            created_at=moment - datetime.timedelta(seconds=n // 2),
        )
        for n in range(11)
    ]
    AuditEntry.objects.bulk_create(rows)
    with in_scope(district_a):
        yield AuditEntry.objects.all()


def test_pages_cover_every_entry_once_in_order(entries):
    expected = list(entries.order_by("-created_at", "-id").values_list("id", flat=True))
    seen, cursor, pages = [], None, 0
    while True:
        page = keyset_page(entries, cursor=cursor, size=4)
        seen += [entry.pk for entry in page.items]
        pages += 1
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == expected
    assert pages == 3


@pytest.mark.parametrize("cursor", ["", "kaputt", "2026-01-01_x", "2026-01-01T00:00:00_5"])
def test_malformed_or_naive_cursor_means_first_page(cursor):
    assert decode_cursor(cursor) is None


def test_audit_page_links_to_older_entries(client_for, commissioner_a, district_a, entries):
    from teilhabe.core import views

    url = f"/{district_a.slug}/protokoll/"
    old = views.PAGE_SIZE
    views.PAGE_SIZE = 5
    try:
        first = client_for(commissioner_a).get(url).content.decode()
        assert "?vor=" in first
        cursor = first.split("?vor=", 1)[1].split('"', 1)[0]
        second = client_for(commissioner_a).get(f"{url}?vor={cursor}")
    finally:
        views.PAGE_SIZE = old
    assert second.status_code == 200
    assert 'href="?"' in second.content.decode()
