"""Sending a meeting document: one place for the staff page, the portal and OParl."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.http import FileResponse, Http404

from .models import MeetingFile

# Documents a browser may show as they are. Anything else (HTML, SVG …) is sent with a
# sandboxing Content-Security-Policy, so an uploaded document cannot run script here.
INLINE_TYPES = {
    "application/pdf",
    "image/gif",
    "image/jpeg",
    "image/png",
    "image/webp",
    "text/plain",
}
SANDBOX = "sandbox; default-src 'none'"


def document_response(record: MeetingFile, *, attachment: bool) -> FileResponse:
    """The document's file under its own name; a file missing from storage is a 404."""
    try:
        content = record.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        content,
        as_attachment=attachment,
        filename=PurePosixPath(record.file.name).name,
        content_type=record.mime_type or "application/octet-stream",
    )
    if record.mime_type not in INLINE_TYPES:
        response["Content-Security-Policy"] = SANDBOX
    return response
