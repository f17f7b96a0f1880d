"""Bulk transfer of the directory: CSV import with a row-by-row preview, CSV/XLSX export.

Export and import share one set of German column headers (`columns`), so an exported
file re-imports. An upload is stored (DirectoryImport) between preview and confirmation;
confirming re-reads the stored text and never trusts what the preview showed.

- `reading`: decoding, delimiter, size limits, the header line.
- `rows`: each line's references and checks, likely duplicates.
- `importing`: the preview, and keeping, applying (in the worker if large) or discarding.
- `exporting`: CSV and XLSX.
- `forms`: the upload and confirmation forms.
"""

from .columns import COLUMNS, HEADERS, column_help
from .exporting import directory_export, export_filename, export_rows, filter_from_params
from .forms import ImportConfirmForm, ImportUploadForm
from .importing import (
    BACKGROUND_ABOVE,
    ImportPreview,
    directory_import_apply,
    directory_import_confirm,
    directory_import_create,
    directory_import_discard,
    directory_import_fail,
    import_analyse,
)
from .reading import MAX_BYTES, MAX_ROWS, Table, decode_upload, read_table
from .rows import ImportRow, RowStatus

__all__ = [
    "BACKGROUND_ABOVE",
    "COLUMNS",
    "HEADERS",
    "MAX_BYTES",
    "MAX_ROWS",
    "ImportConfirmForm",
    "ImportPreview",
    "ImportRow",
    "ImportUploadForm",
    "RowStatus",
    "Table",
    "column_help",
    "decode_upload",
    "directory_export",
    "directory_import_apply",
    "directory_import_confirm",
    "directory_import_create",
    "directory_import_discard",
    "directory_import_fail",
    "export_filename",
    "export_rows",
    "filter_from_params",
    "import_analyse",
    "read_table",
]
