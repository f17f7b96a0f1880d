"""Large imports run in the worker: enqueued on commit, idempotent, failures reported."""

from __future__ import annotations

import pytest
from django.utils.html import escape
from django.utils.translation import gettext as _

from teilhabe.core.models import AuditEntry
from teilhabe.directory import services, tasks, transfer
from teilhabe.directory.models import DirectoryImport

from .test_transfer import names, upload, url

pytestmark = pytest.mark.django_db

RUNNING = "The import is running; reload this page in a minute."


def lines(valid: int, rejected: int = 0) -> str:
    good = "".join(f"Verein {number};school;Weg {number};12627\n" for number in range(valid))
    bad = "".join(f"Falsch {number};school;Weg 1;123\n" for number in range(rejected))
    return "name;typ;strasse;plz\n" + good + bad


def main(response) -> str:
    return response.content.decode().split("<main", 1)[-1].split("</main>")[0]


@pytest.fixture
def large(client_for, members, district_a):
    """A stored upload with one valid line more than the request imports itself."""
    client = client_for(members[("a", "commissioner")])
    return client, upload(client, district_a, lines(transfer.BACKGROUND_ABOVE + 1, rejected=5))


def confirm(client, district, stored, follow=False, **data):
    preview = url("import_preview", district, upload=stored.pk)
    return client.post(preview, {"action": "apply", **data}, follow=follow)


def test_large_import_is_enqueued_on_commit_and_creates_the_lines(
    large, district_a, in_scope, django_capture_on_commit_callbacks
):
    client, stored = large
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = confirm(client, district_a, stored)
        stored.refresh_from_db()
        assert stored.status == DirectoryImport.Status.RUNNING
    assert len(callbacks) == 1
    assert response.status_code == 302
    assert response.url == url("import_preview", district_a, upload=stored.pk)
    stored.refresh_from_db()
    assert stored.status == DirectoryImport.Status.DONE and stored.error == ""
    assert stored.created_count == transfer.BACKGROUND_ABOVE + 1
    assert len(names(district_a, in_scope)) == transfer.BACKGROUND_ABOVE + 1
    with in_scope(district_a):
        actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"directory.import.started", "directory.import.applied"} <= actions


def test_import_up_to_the_threshold_stays_in_the_request(
    client_for, members, district_a, in_scope, django_capture_on_commit_callbacks
):
    client = client_for(members[("a", "commissioner")])
    stored = upload(client, district_a, lines(transfer.BACKGROUND_ABOVE, rejected=5))
    with django_capture_on_commit_callbacks() as callbacks:
        response = confirm(client, district_a, stored)
    assert callbacks == []
    assert response.url == url("list", district_a)
    assert len(names(district_a, in_scope)) == transfer.BACKGROUND_ABOVE


def test_running_import_shows_no_buttons_and_refuses_to_start_again(
    large, district_a, in_scope, django_capture_on_commit_callbacks
):
    client, stored = large
    with django_capture_on_commit_callbacks(execute=False):
        confirm(client, district_a, stored)
    page = client.get(url("import_preview", district_a, upload=stored.pk))
    assert escape(_(RUNNING)) in main(page)
    assert "<button" not in main(page)
    for action in ("apply", "discard"):
        response = confirm(client, district_a, stored, action=action, follow=True)
        assert escape(_("This file is already being imported.")) in main(response)
    stored.refresh_from_db()
    assert stored.status == DirectoryImport.Status.RUNNING
    assert names(district_a, in_scope) == []


def test_failing_import_returns_to_pending_with_the_error(
    large, district_a, in_scope, monkeypatch, django_capture_on_commit_callbacks
):
    def fail(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "organisations_import", fail)
    client, stored = large
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, district_a, stored)
    stored.refresh_from_db()
    assert stored.status == DirectoryImport.Status.PENDING
    assert stored.error == "RuntimeError: disk full"
    assert names(district_a, in_scope) == []
    with in_scope(district_a):
        assert AuditEntry.objects.filter(action="directory.import.failed").count() == 1
    body = main(client.get(url("import_preview", district_a, upload=stored.pk)))
    assert "RuntimeError: disk full" in body and 'value="apply"' in body


def test_running_the_task_twice_is_refused(
    large, members, district_a, in_scope, django_capture_on_commit_callbacks
):
    client, stored = large
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, district_a, stored)
    actor = members[("a", "commissioner")]
    assert tasks.apply_directory_import.call(stored.pk, actor.pk, False) is None
    stored.refresh_from_db()
    assert stored.status == DirectoryImport.Status.DONE
    assert stored.created_count == transfer.BACKGROUND_ABOVE + 1
    assert len(names(district_a, in_scope)) == transfer.BACKGROUND_ABOVE + 1


def test_task_refuses_a_discarded_upload(client_for, members, district_a, in_scope):
    actor = members[("a", "commissioner")]
    client = client_for(actor)
    stored = upload(client, district_a, lines(3))
    confirm(client, district_a, stored, action="discard")
    assert tasks.apply_directory_import.call(stored.pk, actor.pk, True) is None
    assert names(district_a, in_scope) == []
