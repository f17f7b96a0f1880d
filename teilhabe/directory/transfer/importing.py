"""The import's preview and its writes: keep an upload, apply or discard it.

Confirming a file with more than BACKGROUND_ABOVE valid lines marks it "running" and
hands it to the worker (`directory.tasks.apply_directory_import`), since creating
thousands of entries takes longer than a proxy waits for a response.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from teilhabe.accounts.models import User
from teilhabe.core.audit import audit_log
from teilhabe.districts.models import District

from .. import services
from ..models import DirectoryImport
from .reading import decode_upload, read_table
from .rows import ImportRow, RowStatus, flag_duplicates, load_lookups, read_row

BACKGROUND_ABOVE = 200
Status = DirectoryImport.Status


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


def import_analyse(*, district: District, text: str, find_duplicates: bool = True) -> ImportPreview:
    """What importing `text` into the district's directory would do, line by line."""
    table = read_table(text)
    lookups = load_lookups()
    rows = [read_row(line, values, lookups) for line, values in table.rows]
    if find_duplicates:
        flag_duplicates(rows, district)
    return ImportPreview(rows=rows, ignored_columns=table.ignored_columns)


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


def _lock(upload: DirectoryImport, *allowed: str) -> DirectoryImport:
    locked = DirectoryImport.objects.select_for_update().get(pk=upload.pk)
    if locked.status == Status.RUNNING and Status.RUNNING not in allowed:
        raise ValidationError(_("This file is already being imported."), code="running")
    if locked.status not in allowed:
        raise ValidationError(_("This file has already been imported or discarded."), code="done")
    return locked


@transaction.atomic
def directory_import_confirm(
    *, upload: DirectoryImport, actor: User, include_duplicates: bool = False
) -> DirectoryImport:
    """Apply a pending upload now, or, if it has many valid lines, in the worker."""
    upload = _lock(upload, Status.PENDING)
    preview = import_analyse(district=upload.district, text=upload.content, find_duplicates=False)
    if preview.to_create <= BACKGROUND_ABOVE:
        return directory_import_apply(
            upload=upload, actor=actor, include_duplicates=include_duplicates
        )
    from ..tasks import apply_directory_import  # the task module imports this one

    upload.status = Status.RUNNING
    upload.error = ""
    upload.save(update_fields=["status", "error", "updated_at"])
    audit_log(
        actor=actor,
        obj=upload,
        action="directory.import.started",
        changes={"include_duplicates": (None, include_duplicates)},
    )
    transaction.on_commit(
        partial(apply_directory_import.enqueue, upload.pk, actor.pk, include_duplicates)
    )
    return upload


@transaction.atomic
def directory_import_apply(
    *, upload: DirectoryImport, actor: User | None, include_duplicates: bool = False
) -> DirectoryImport:
    """Create the valid lines of a pending (or running) upload; duplicates only if asked to."""
    upload = _lock(upload, Status.PENDING, Status.RUNNING)
    # Every valid line is wanted when duplicates are, so looking for them would be wasted.
    preview = import_analyse(
        district=upload.district, text=upload.content, find_duplicates=not include_duplicates
    )
    wanted = {RowStatus.CREATE, RowStatus.DUPLICATE} if include_duplicates else {RowStatus.CREATE}
    created = services.organisations_import(
        district=upload.district,
        actor=actor,
        rows=[(row.data, row.m2m) for row in preview.rows if row.status in wanted],
    )
    upload.status = Status.DONE
    upload.created_count = len(created)
    upload.error = ""
    upload.save(update_fields=["status", "created_count", "error", "updated_at"])
    audit_log(
        actor=actor,
        obj=upload,
        action="directory.import.applied",
        changes={
            "created_count": (0, len(created)),
            "include_duplicates": (None, include_duplicates),
        },
    )
    return upload


@transaction.atomic
def directory_import_fail(*, upload: DirectoryImport, error: str) -> DirectoryImport:
    """Return an upload whose import failed in the worker to its preview, with the reason."""
    upload = DirectoryImport.objects.select_for_update().get(pk=upload.pk)
    # Only a running import can have failed; a finished one stays as it is.
    if upload.status == Status.RUNNING:
        upload.status = Status.PENDING
        upload.error = error
        upload.save(update_fields=["status", "error", "updated_at"])
        audit_log(
            actor=None,
            obj=upload,
            action="directory.import.failed",
            changes={"error": (None, error)},
        )
    return upload


@transaction.atomic
def directory_import_discard(*, upload: DirectoryImport, actor: User) -> DirectoryImport:
    """Drop a pending upload without creating anything."""
    upload = _lock(upload, Status.PENDING)
    upload.status = Status.DISCARDED
    upload.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, obj=upload, action="directory.import.discarded")
    return upload
