"""Documents attached to a complaint: what is accepted, and the writes that keep them.

The type of a file is decided by its content, never by its name or by what the browser
claims: a few magic bytes for PDF and images, the package's own declaration for office
files (the `[Content_Types].xml` of Word/Excel/PowerPoint, the `mimetype` entry of
OpenDocument), the stream names of the old binary Word and Excel files, and strict UTF-8
without NUL bytes for plain text. Anything else is refused: programs and scripts, web
pages and SVG (they could run script), archives, documents with macros. The stored name
keeps what the person sees ("Bescheid Öztürk.pdf") but loses path parts and control
characters, and ends in an extension that matches the content, so a download never
opens as something else. Files are deleted from storage only once the deleting
transaction has committed.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from functools import partial
from typing import IO, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.accounts.models import User
from teilhabe.core.audit import audit_log

from .models import Attachment, Complaint, private_storage

MB = 1024 * 1024
HEAD = 4096  # bytes looked at for magic numbers and markup
CHUNK = 64 * 1024
MAX_MEMBER = 1024 * 1024  # most read of one member of an office package (zip bombs)
MAX_NAME = 200  # Attachment.name

ALLOWED = gettext_lazy(
    "PDF, images (JPEG, PNG, GIF, WebP, TIFF), Word, Excel and PowerPoint documents, "
    "OpenDocument text and spreadsheets, plain text"
)


@dataclass(frozen=True)
class FileType:
    label: str | Promise
    extensions: tuple[str, ...]  # the first is added to a name that lacks all of them


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
DOC = "application/msword"
XLS = "application/vnd.ms-excel"
TEXT = "text/plain"

TYPES: dict[str, FileType] = {
    "application/pdf": FileType("PDF", (".pdf",)),
    "image/jpeg": FileType(gettext_lazy("JPEG image"), (".jpg", ".jpeg", ".jpe", ".jfif")),
    "image/png": FileType(gettext_lazy("PNG image"), (".png",)),
    "image/gif": FileType(gettext_lazy("GIF image"), (".gif",)),
    "image/webp": FileType(gettext_lazy("WebP image"), (".webp",)),
    "image/tiff": FileType(gettext_lazy("TIFF image"), (".tif", ".tiff")),
    DOCX: FileType(gettext_lazy("Word document"), (".docx",)),
    XLSX: FileType(gettext_lazy("Excel workbook"), (".xlsx",)),
    PPTX: FileType(gettext_lazy("PowerPoint presentation"), (".pptx",)),
    ODT: FileType(gettext_lazy("OpenDocument text"), (".odt",)),
    ODS: FileType(gettext_lazy("OpenDocument spreadsheet"), (".ods",)),
    DOC: FileType(gettext_lazy("Word document (97–2003)"), (".doc",)),
    XLS: FileType(gettext_lazy("Excel workbook (97–2003)"), (".xls",)),
    TEXT: FileType(gettext_lazy("plain text"), (".txt",)),
}
# What the file input suggests to the browser's file picker (a hint, not a check).
ACCEPT = ",".join(ext for kind in TYPES.values() for ext in kind.extensions)

MAGIC = [
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
]
EXECUTABLES = (
    b"MZ",  # DOS/Windows (PE)
    b"\x7fELF",  # Linux, BSD
    b"\xfe\xed\xfa\xce",  # Mach-O, 32 and 64 bit, both byte orders, and fat binaries
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # also Java classes
    b"#!",  # scripts
)
ZIP = b"PK\x03\x04"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OOXML = {
    b"officedocument.wordprocessingml.document.main+xml": DOCX,
    b"officedocument.spreadsheetml.sheet.main+xml": XLSX,
    b"officedocument.presentationml.presentation.main+xml": PPTX,
}
ODF = {ODT.encode(): ODT, ODS.encode(): ODS}
# Browsers take a text starting like this for a web page or an image with script.
MARKUP = re.compile(rb"<(?:!doctype|html|head|body|script|svg|iframe|\?xml)", re.IGNORECASE)
# Windows refuses these in names; the others of category C are control characters,
# format characters such as the right-to-left override (U+202E, "rechnung<RLO>fdp.exe").
FORBIDDEN = set('<>:"|?*')


# ----------------------------------------------------------------------------- checks


def limit_mb() -> str:
    """The size limit in MB as people read it ("20", "2,5")."""
    value = settings.COMPLAINTS_MAX_ATTACHMENT_BYTES / MB
    return number_format(int(value)) if value.is_integer() else number_format(value, 1)


def too_large() -> ValidationError:
    return ValidationError(
        _("The file is larger than %(limit)s MB. Please reduce it or split it into parts.")
        % {"limit": limit_mb()},
        code="too_large",
    )


def _refused() -> ValidationError:
    return ValidationError(
        _("This kind of file cannot be attached. Allowed are: %(types)s.") % {"types": ALLOWED},
        code="type",
    )


def _macros() -> ValidationError:
    return ValidationError(
        _("Documents with macros cannot be attached. Please save the document without macros."),
        code="macros",
    )


def sniff(file: IO[bytes]) -> str:
    """The content type of `file` by its content; a ValidationError when it is not one
    of the accepted types."""
    file.seek(0)
    head = file.read(HEAD)
    if not head:
        raise ValidationError(_("The file is empty."), code="empty")
    if head.startswith(EXECUTABLES):
        raise ValidationError(_("Programs and scripts cannot be attached."), code="executable")
    for magic, content_type in MAGIC:
        if head.startswith(magic):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(ZIP):
        return _office_package(file)
    if head.startswith(OLE2):
        return _legacy_office(file)
    if _is_plain_text(file) and not MARKUP.search(head[:1024]):
        return TEXT
    raise _refused()


def _member(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as member:
        return member.read(MAX_MEMBER)


def _office_package(file: IO[bytes]) -> str:
    """A Word/Excel/PowerPoint or OpenDocument file, by the package's own declaration;
    any other ZIP archive is refused."""
    content_type, names = None, []
    try:
        with zipfile.ZipFile(file) as archive:
            names = [name.lower() for name in archive.namelist()]
            if "mimetype" in names:
                content_type = ODF.get(_member(archive, "mimetype").strip())
            elif "[content_types].xml" in names:
                declared = _member(archive, "[Content_Types].xml")
                content_type = next((t for key, t in OOXML.items() if key in declared), None)
    except (
        zipfile.BadZipFile,
        KeyError,
        OSError,
        EOFError,
        RuntimeError,
        NotImplementedError,
        ValueError,
        zlib.error,
    ):
        content_type = None  # damaged, crafted, encrypted or with an unknown compression
    if content_type is None:
        raise _refused()
    # VBA in Office files (whatever the declared type), Basic and scripts in OpenDocument.
    if any(
        name.endswith("vbaproject.bin") or name.startswith(("basic/", "scripts/")) for name in names
    ):
        raise _macros()
    return content_type


def _legacy_office(file: IO[bytes]) -> str:
    """An old binary Word or Excel file (an OLE2 compound file with their main stream);
    other compound files (installers, mails, encrypted documents) are refused."""
    names = _compound_names(file)
    if names & {"Macros", "_VBA_PROJECT_CUR", "VBA"}:
        raise _macros()
    if "WordDocument" in names:
        return DOC
    if names & {"Workbook", "Book"}:
        return XLS
    raise _refused()


def _compound_names(file: IO[bytes]) -> set[str]:
    """The names in the directory of an OLE2 compound file ([MS-CFB]); empty if damaged."""
    free = 0xFFFFFFFA  # sector numbers from here on mark free, end of chain and the like
    try:
        file.seek(0)
        header = file.read(512)
        sector = 1 << struct.unpack_from("<H", header, 30)[0]
        if sector not in (512, 4096):
            return set()
        file.seek(0, 2)
        budget = file.tell() // sector + 1  # no chain is longer than the file: no loops

        def read(number: int) -> tuple[int, ...]:
            file.seek((number + 1) * sector)
            return struct.unpack(f"<{sector // 4}I", file.read(sector))

        fat_count, directory = struct.unpack_from("<II", header, 44)
        difat_next, difat_count = struct.unpack_from("<II", header, 68)
        fat_sectors = list(struct.unpack_from("<109I", header, 76))
        for _step in range(min(difat_count, budget)):
            if difat_next >= free:
                break
            *more, difat_next = read(difat_next)
            fat_sectors += more
        fat = [n for s in fat_sectors[: min(fat_count, budget)] if s < free for n in read(s)]
        names: set[str] = set()
        for _step in range(budget):
            if directory >= min(free, len(fat)):
                break
            file.seek((directory + 1) * sector)
            data = file.read(sector)
            for offset in range(0, sector, 128):
                length = struct.unpack_from("<H", data, offset + 64)[0]
                if 2 <= length <= 64:
                    names.add(data[offset : offset + length - 2].decode("utf-16-le", "replace"))
            directory = fat[directory]
        return names
    except (struct.error, OSError, ValueError):
        return set()


def _is_plain_text(file: IO[bytes]) -> bool:
    """Strict UTF-8 throughout, and no NUL byte."""
    file.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := file.read(CHUNK):
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def clean_name(name: str, content_type: str) -> str:
    """The name to store and offer for download: no path, no control or format
    characters, Unicode kept, and an extension that matches the content."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(" " if char.isspace() else char for char in name)  # tabs, line breaks
    name = "".join(
        char for char in name if unicodedata.category(char)[0] != "C" and char not in FORBIDDEN
    )
    name = " ".join(name.split()).strip(" .") or _("document")
    extensions = TYPES[content_type].extensions
    suffix = next((ext for ext in extensions if name.lower().endswith(ext)), None)
    if suffix is None:
        suffix = extensions[0]
        name += suffix
    if len(name) > MAX_NAME:
        name = name[: MAX_NAME - len(suffix)].rstrip(" .") + name[-len(suffix) :]
    return name


def _digest(file: IO[bytes]) -> str:
    file.seek(0)
    digest = hashlib.sha256()
    while chunk := file.read(CHUNK):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def type_label(content_type: str) -> str:
    kind = TYPES.get(content_type)
    return str(kind.label) if kind is not None else content_type


# ----------------------------------------------------------------------------- writes


def _delete_files(names: list[str]) -> None:
    storage = private_storage()
    for name in names:
        if storage.exists(name):
            storage.delete(name)


@transaction.atomic
def attachment_add(
    *, complaint: Complaint, actor: User, upload: UploadedFile, description: str = ""
) -> Attachment:
    """Attach a document of an accepted type within the size limit; an anonymised
    complaint takes none. The type stored is the one the content shows."""
    if complaint.anonymised_at is not None:
        raise ValidationError(_("This complaint has been anonymised; it takes no documents."))
    if upload.size is not None and upload.size > settings.COMPLAINTS_MAX_ATTACHMENT_BYTES:
        raise ValidationError({"upload": too_large()})
    file = cast(IO[bytes], upload)
    try:
        content_type = sniff(file)
    except ValidationError as error:
        raise ValidationError({"upload": error}) from error
    name = clean_name(upload.name or "", content_type)
    attachment = Attachment(
        district=complaint.district,
        complaint=complaint,
        name=name,
        content_type=content_type,
        size=upload.size or 0,
        sha256=_digest(file),
        description=description.strip(),
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    attachment.file.save(name, upload, save=False)
    try:
        attachment.full_clean()
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)  # nothing stays behind a refused upload
        raise
    audit_log(
        actor=actor,
        obj=complaint,  # the attachment's name may identify the person: not in the log
        action="complaints.attachment.created",
        changes={"attachments": (None, attachment.pk), "sha256": (None, attachment.sha256)},
    )
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment, actor: User) -> None:
    """Remove an attachment; its file goes once the deletion is committed."""
    complaint, pk = attachment.complaint, attachment.pk
    transaction.on_commit(partial(_delete_files, [attachment.file.name]), robust=True)
    attachment.delete()
    audit_log(
        actor=actor,
        obj=complaint,
        action="complaints.attachment.deleted",
        changes={"attachments": (pk, None)},
    )


@transaction.atomic
def attachments_erase(complaint: Complaint) -> int:
    """Anonymisation: delete the complaint's attachments; their files go once the
    anonymisation is committed (a rolled-back one keeps them). Returns the count."""
    rows = Attachment.objects.filter(district=complaint.district, complaint=complaint)
    names = [name for name in rows.values_list("file", flat=True) if name]
    count = rows.delete()[0]
    if names:
        transaction.on_commit(partial(_delete_files, names), robust=True)
    return count
