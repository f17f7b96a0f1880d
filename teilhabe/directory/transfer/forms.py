"""The forms of the import pages: the upload, and the confirmation after the preview."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .reading import MAX_ROWS


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV file"), allow_empty_file=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "A table saved as CSV, with the column names in the first line; only “name” is "
            "required. At most %(max)s lines and 2 MB."
        ) % {"max": MAX_ROWS}


class ImportConfirmForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("apply", gettext_lazy("Import")), ("discard", gettext_lazy("Discard"))]
    )
    include_duplicates = forms.BooleanField(
        label=gettext_lazy("Create possible duplicates anyway"), required=False
    )
