"""Import of a whole work plan from the document the office already has.

The document is plain text in the layout of the BVV paper (seed 002: the cover of the
BVV paper and of the Bezirksamt's paper, the plan's title and introduction, "1. laufende
Tätigkeiten" as lines starting "- ", the Gremien table and the activities table as
tab-separated lines with `<i>`-marked header cells), or a Word document whose paragraphs
and tables `docx_to_text` turns into that layout, in document order. The preview page
carries the text in a hidden field, so the confirmation imports exactly what was shown.

`read_plan` finds the parts (no database), `analyse` says per line what will be created
and what is flagged or wrong, `plan_import` applies it in one transaction through the
audited services: positions not recorded yet, the plan and its texts, the running tasks,
the Gremien through the committees import, the activities and, if the document carries
the Bezirksamt's decision, the adoption (and the submission to the BVV).

Errors refuse the whole import rather than skipping their rows. A work plan is one
document the Bezirksamt adopts as a whole: a plan imported without activity 7 or with a
body missing would look complete, would be frozen as adopted and would need its gaps
found and added later as "changes" with reasons. Refusing keeps the rule simple for
users: correct the lines the preview names (the text stays in the form), check again,
import once. Flags (a schedule not understood, text that is no part of the plan) do not
block: the text is kept as written or shown as left out.

Modules: `document` (the parts found and their lines, the limits), `reading` (text →
`PlanDocument`) with `cover` (the papers' cover), `docx` (Word → text), `preview`
(`PlanPreview`), `analysis` (`analyse`: the preview against the database) and `applying`
(`plan_import`, `ImportResult`).
"""

from .analysis import SCHEDULE_LENGTH, analyse
from .analysis import _content as _content
from .applying import ImportResult, plan_import, refusal
from .document import (
    DECISION_FIELDS,
    MAX_ACTIVITIES,
    MAX_BYTES,
    TAG,
    TEXT_FIELDS,
    ActivityLine,
    Found,
    Issue,
    Lines,
    PlanDocument,
    TaskLine,
)
from .docx import docx_to_text, file_text
from .preview import ActivityRow, CoverRow, NewPosition, PlanPreview
from .reading import READERS, Marker, read_plan
from .reading import _not_a_plan as _not_a_plan

__all__ = [
    "DECISION_FIELDS",
    "MAX_ACTIVITIES",
    "MAX_BYTES",
    "READERS",
    "SCHEDULE_LENGTH",
    "TAG",
    "TEXT_FIELDS",
    "ActivityLine",
    "ActivityRow",
    "CoverRow",
    "Found",
    "ImportResult",
    "Issue",
    "Lines",
    "Marker",
    "NewPosition",
    "PlanDocument",
    "PlanPreview",
    "TaskLine",
    "analyse",
    "docx_to_text",
    "file_text",
    "plan_import",
    "read_plan",
    "refusal",
]
