"""Background work of the directory: large CSV imports, which outlast a web request."""

from __future__ import annotations

import logging

from django_scopes import scope, scopes_disabled
from django_tasks import task

from teilhabe.accounts.models import User

from .models import DirectoryImport
from .transfer import directory_import_apply, directory_import_fail

logger = logging.getLogger(__name__)
ERROR_LENGTH = 2000


@task()
def apply_directory_import(
    upload_id: int, actor_id: int | None, include_duplicates: bool
) -> int | None:
    """Create the lines of a confirmed large upload; a failure returns it to its preview."""
    with scopes_disabled():
        upload = DirectoryImport.objects.select_related("district").get(pk=upload_id)
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    if upload.status not in (DirectoryImport.Status.RUNNING, DirectoryImport.Status.PENDING):
        # Delivered twice, or the upload was dealt with in the meantime.
        logger.warning("Directory import %s is %s; not applied again.", upload_id, upload.status)
        return None
    with scope(district=upload.district):
        try:
            upload = directory_import_apply(
                upload=upload, actor=actor, include_duplicates=include_duplicates
            )
        except Exception as error:
            directory_import_fail(upload=upload, error=_describe(error))
            raise
    return upload.created_count


def _describe(error: Exception) -> str:
    """What the preview page shows staff about a failed import."""
    messages = getattr(error, "messages", None)
    text = " ".join(messages) if messages else f"{type(error).__name__}: {error}"
    return text[:ERROR_LENGTH]
