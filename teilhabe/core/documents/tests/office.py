"""Opening a generated DOCX in a real word processor: LibreOffice converts it to PDF,
which the tests read back. CI installs LibreOffice Writer; elsewhere the tests skip."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None and not os.environ.get("CI"),
    reason="LibreOffice is not installed (CI installs it)",
)


def libreoffice_pdf(source: Path, workdir: Path) -> pypdf.PdfReader:
    """`source` (a DOCX) converted by LibreOffice, as a PDF read back."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is required in CI"
    subprocess.run(  # noqa: S603  LibreOffice on a file this test wrote
        [
            soffice,
            f"-env:UserInstallation={(workdir / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return pypdf.PdfReader(source.with_suffix(".pdf"))
