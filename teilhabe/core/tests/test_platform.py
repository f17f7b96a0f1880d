"""Scheduling, markdown, error pages and the scoped manager."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone
from django_scopes.exceptions import ScopeError

from teilhabe.core import scheduling
from teilhabe.core.models import ScheduledRun
from teilhabe.core.templatetags.teilhabe import render_markdown
from teilhabe.districts.models import Office

pytestmark = pytest.mark.django_db


def test_scoped_manager_raises_without_scope():
    with pytest.raises(ScopeError):
        list(Office.objects.all())


def test_scoped_manager_filters_to_the_district(district_a, in_scope):
    with in_scope(district_a):
        assert [office.district for office in Office.objects.all()] == [district_a]


def test_tick_enqueues_each_job_once_per_slot():
    now = timezone.now()
    first = scheduling.tick(now)
    assert "teilhabe.core.tasks.purge_expired_sessions" in first
    assert scheduling.tick(now) == []
    assert ScheduledRun.objects.count() == len(first)
    later = scheduling.tick(now + datetime.timedelta(hours=1))
    assert "teilhabe.core.tasks.purge_expired_sessions" in later


def test_purge_task_deletes_expired_sessions_only():
    from teilhabe.core.tasks import purge_expired_sessions

    old = SessionStore()
    old.create()
    Session.objects.filter(session_key=old.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(days=1)
    )
    fresh = SessionStore()
    fresh.create()
    result = purge_expired_sessions.enqueue()
    assert result.return_value == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [fresh.session_key]


def test_current_slot_is_stable_within_the_interval():
    job = scheduling.PeriodicJob("x", None, datetime.timedelta(days=1), datetime.timedelta(hours=1))
    morning = datetime.datetime(2026, 11, 21, 5, 0, tzinfo=datetime.UTC)
    evening = datetime.datetime(2026, 11, 21, 23, 0, tzinfo=datetime.UTC)
    assert scheduling.current_slot(job, morning) == scheduling.current_slot(job, evening)
    assert scheduling.current_slot(job, morning).hour == 1


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script"),
        ("[klick](javascript:alert(1))", "javascript:"),
        ('<img src=x onerror="alert(1)">', "onerror"),
        ("<iframe src='https://evil.example'></iframe>", "<iframe"),
    ],
)
def test_markdown_removes_unsafe_content(source, forbidden):
    assert forbidden not in render_markdown(source)


def test_markdown_keeps_formatting_and_safe_links():
    html = render_markdown("# Titel\n\n- **fett**\n- [BVV](https://www.berlin.de)")
    assert "<h2>Titel</h2>" in html
    assert "<strong>fett</strong>" in html
    assert 'href="https://www.berlin.de"' in html


def test_404_page_is_german_with_a_way_back():
    response = Client().get("/gibt-es-nicht/seite/")
    assert response.status_code == 404
    body = response.content.decode()
    assert 'lang="de"' in body
    assert 'href="/"' in body


def test_csrf_failure_page_explains_and_offers_a_way_back():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/konto/anmelden/", {"username": "a@b.de", "password": "x"})
    assert response.status_code == 403
    assert 'href="/"' in response.content.decode()


def test_500_page_renders_without_context():
    from teilhabe.core.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert "Es ist ein Fehler aufgetreten" in response.content.decode()


def test_pages_allow_only_their_own_origin():
    policy = Client().get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
