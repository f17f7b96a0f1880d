"""Template helpers of the portal's committee pages."""

from __future__ import annotations

import datetime
import re
from pathlib import PurePosixPath

from django import template
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from teilhabe.committees.models import Meeting
from teilhabe.core.templatetags.teilhabe import render_markdown

register = template.Library()

HEADING = re.compile(r"<(/?)h([2-6])>")


@register.filter
def when(moment: datetime.datetime) -> SafeString:
    """A point in time as weekday, date and time, machine-readable in `datetime`."""
    local = timezone.localtime(moment).replace(microsecond=0)
    text = ", ".join(
        (date_format(local, "l"), date_format(local, "DATE_FORMAT"), time_format(local))
    )
    return format_html('<time datetime="{}">{}</time>', local.isoformat(), text)


@register.filter
def markdown_below(text: str, level: int) -> SafeString:
    """Markdown (sanitised) whose headings sit below a heading of `level` on the page.

    The shared filter starts content headings at h2; the minutes of a meeting sit under
    the page's h2 "Minutes", an item's decision under an h4, so their headings move down.
    """
    html = render_markdown(text)
    shift = max(int(level) - 1, 0)

    def lower(match: re.Match[str]) -> str:
        return f"<{match.group(1)}h{min(int(match.group(2)) + shift, 6)}>"

    # Only tag names change in markup the sanitiser has already cleaned.
    return mark_safe(HEADING.sub(lower, html))  # noqa: S308


@register.filter
def file_type(name: str) -> str:
    """ "PDF" for "einladung.pdf": the kind of a download, as its link says it."""
    return PurePosixPath(str(name)).suffix.lstrip(".").upper()


@register.filter
def status_note(meeting: Meeting) -> str:
    """The office's note on a cancelled or moved meeting, without the "Moved to …" that
    the page already says with a link to the new date."""
    note = meeting.status_note.strip()
    target = meeting.moved_to if meeting.status == Meeting.Status.MOVED else None
    if target is None or not note:
        return note
    date = f"{timezone.localtime(target.start):%d.%m.%Y, %H:%M}"
    for language in {"de", translation.get_language() or "de"}:
        with translation.override(language):
            written = gettext("Moved to %(date)s.") % {"date": date}
        if note.startswith(written):
            return note.removeprefix(written).strip()
    return note
