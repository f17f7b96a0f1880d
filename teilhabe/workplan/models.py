"""The annual work plan (Arbeitsplan) of an integration office and its progress.

A `WorkPlan` per district and year holds what the Bezirksamt adopts and the BVV takes
note of: the introduction, the running tasks (`RunningTask`), the Gremien table (live
from the committees module, frozen as `gremien_snapshot` when the plan is adopted) and
the numbered planned activities (`Activity`) with responsible positions and a schedule
(`schedules.parse` turns the office's wording into a period). During the year each
activity gets a status and dated notes (`ActivityNote`); once the plan is adopted,
every change to it is recorded with its reason (`PlanChange`), as the plan itself
announces that things may change in the course of the year.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from teilhabe.core.focus import FocusArea
from teilhabe.core.models import DistrictScopedModel, VersionedModel

from . import schedules


class WorkPlan(DistrictScopedModel, VersionedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        ADOPTED = "adopted", _("adopted by the Bezirksamt")
        SUBMITTED = "submitted", _("submitted to the BVV")
        PUBLISHED = "published", _("published")

    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    title = models.CharField(_("title"), max_length=300)
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Paragraphs separated by an empty line."),
    )
    running_tasks_intro = models.TextField(_("lead text of the running tasks"), blank=True)
    gremien_intro = models.TextField(_("lead text of the bodies table"), blank=True)
    activities_intro = models.TextField(_("lead text of the planned activities"), blank=True)

    # The Bezirksamt's decision and the BVV paper.
    decision_date = models.DateField(_("date of the Bezirksamt's decision"), null=True, blank=True)
    paper_number = models.CharField(
        _("paper number"), max_length=40, blank=True, help_text=_("For example 1221/V.")
    )
    bvv_session_date = models.DateField(_("BVV session"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)

    # Sections A–G of the paper for the Bezirksamt; defaults in `defaults.py`.
    section_subject = models.TextField(_("A. Subject"))
    section_rapporteur = models.CharField(_("B. Rapporteur"), max_length=200, blank=True)
    section_resolution = models.TextField(_("C.1 Draft resolution"))
    section_forwarding = models.TextField(_("C.2 Forwarding to the BVV and publication"))
    section_reasoning = models.TextField(_("D. Reasoning"))
    section_legal_basis = models.TextField(_("E. Legal basis"))
    section_budget = models.TextField(_("F. Budgetary effects"))
    section_target_groups = models.TextField(_("G. Effects on target groups"))

    cover_signatory = models.CharField(_("signed for the BVV paper by"), max_length=200, blank=True)
    cover_signatory_role = models.CharField(_("their office"), max_length=200, blank=True)
    annex_signatory = models.CharField(
        _("signed for the Bezirksamt paper by"), max_length=200, blank=True
    )
    annex_signatory_role = models.CharField(_("their office"), max_length=200, blank=True)
    editors = models.CharField(
        _("prepared by"),
        max_length=300,
        blank=True,
        help_text=_("The staff who prepared the plan, as the letterhead names them."),
    )
    document_date = models.DateField(_("date of the plan document"), null=True, blank=True)
    phone = models.CharField(_("telephone extension"), max_length=40, blank=True)

    gremien_frozen_at = models.DateTimeField(
        _("bodies table frozen"), null=True, blank=True, editable=False
    )
    # [{"body": name, "body_id": pk, "positions": "IntB (L), Int1", "level": "district"}]
    gremien_snapshot = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "year"],
                name="workplan_one_per_year",
                violation_error_message=_("This district already has a work plan for that year."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="workplan_year_range"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_adopted(self) -> bool:
        """After adoption every change is recorded with its reason."""
        return self.status != self.Status.DRAFT

    @property
    def gremien_frozen(self) -> bool:
        return self.gremien_frozen_at is not None

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, 1, 1)

    @property
    def last_day(self) -> datetime.date:
        return datetime.date(self.year, 12, 31)


class RunningTask(DistrictScopedModel, VersionedModel):
    """One of the running tasks (laufende Tätigkeiten), in the plan's order."""

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="running_tasks")
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("task"), max_length=2000)

    class Meta:
        verbose_name = _("running task")
        verbose_name_plural = _("running tasks")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Activity(DistrictScopedModel, VersionedModel):
    """A numbered planned activity with responsible positions and a schedule."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        POSTPONED = "postponed", _("postponed")
        DROPPED = "dropped", _("dropped")

    # Statuses that still ask for work; the rest count as settled on the dashboard.
    OPEN_STATUSES = (Status.PLANNED, Status.IN_PROGRESS, Status.POSTPONED)

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="activities")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.TextField(_("activity"), max_length=2000)
    positions: models.ManyToManyField = models.ManyToManyField(
        "districts.Position",
        through="ActivityPosition",
        related_name="+",
        verbose_name=_("responsible"),
    )
    schedule_text = models.CharField(
        _("schedule"),
        max_length=200,
        blank=True,
        help_text=_(
            "As you would write it in the plan: 06.01.2021, März 2021, II. Quartal, "
            "04.-24.09.2021, ganzjährig (insbes. I. Quartal 2021) …"
        ),
    )
    schedule_kind = models.CharField(max_length=12, editable=False, default="unparsed")
    schedule_start = models.DateField(null=True, blank=True, editable=False)
    schedule_end = models.DateField(null=True, blank=True, editable=False)
    focus_start = models.DateField(null=True, blank=True, editable=False)
    focus_end = models.DateField(null=True, blank=True, editable=False)
    body = models.ForeignKey(
        "committees.Body",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("body concerned"),
    )
    focus_area = models.CharField(
        _("focus area"), max_length=20, choices=FocusArea.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )

    class Meta:
        verbose_name = _("planned activity")
        verbose_name_plural = _("planned activities")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="workplan_activity_number",
                violation_error_message=_("Another activity of this plan has this number."),
            )
        ]
        indexes = [models.Index(fields=["district", "status", "schedule_end"])]

    def __str__(self) -> str:
        return f"{self.number}. {self.title[:80]}"

    @property
    def schedule(self) -> schedules.Schedule:
        return schedules.parse(self.schedule_text, year=self.plan.year)

    @property
    def schedule_understood(self) -> bool:
        return self.schedule_kind != schedules.Kind.UNPARSED or not self.schedule_text

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def apply_schedule(self, year: int) -> None:
        """Store the period the schedule text means; unparsed text is kept as typed."""
        parsed = schedules.parse(self.schedule_text, year=year)
        self.schedule_text = parsed.text
        self.schedule_kind = str(parsed.kind)
        self.schedule_start, self.schedule_end = parsed.start, parsed.end
        focus = parsed.focus
        self.focus_start = focus.start if focus else None
        self.focus_end = focus.end if focus else None


class ActivityPosition(DistrictScopedModel):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE)
    position = models.ForeignKey("districts.Position", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("responsible position")
        verbose_name_plural = _("responsible positions")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "position"], name="workplan_activity_position_once"
            )
        ]


class ActivityNote(DistrictScopedModel):
    """A dated note on an activity's progress, with the status it set (if any)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="notes")
    date = models.DateField(pgettext_lazy("day", "date"))
    text = models.TextField(_("note"), max_length=5000)
    status = models.CharField(
        _("new status"), max_length=12, choices=Activity.Status.choices, blank=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["activity", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y}: {self.text[:60]}"


class PlanChange(DistrictScopedModel):
    """A change to an adopted plan, with its date and reason."""

    class Kind(models.TextChoices):
        ADDED = "added", _("activity added")
        CHANGED = "changed", _("activity changed")
        POSTPONED = "postponed", _("activity postponed")
        DROPPED = "dropped", _("activity dropped")
        REMOVED = "removed", _("activity removed")
        TASK_ADDED = "task_added", _("running task added")
        TASK_CHANGED = "task_changed", _("running task changed")
        TASK_REMOVED = "task_removed", _("running task removed")

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="changes")
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="changes"
    )
    # What the change concerns (an activity's number and title, a running task's text)
    # at the time, kept if the activity or task is removed.
    activity_label = models.CharField(_("concerns"), max_length=300)
    kind = models.CharField(_("kind of change"), max_length=12, choices=Kind.choices)
    date = models.DateField(pgettext_lazy("day", "date"))
    summary = models.TextField(_("what changed"), blank=True)
    reason = models.TextField(_("reason"), max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("change to the plan")
        verbose_name_plural = _("changes to the plan")
        ordering = ["plan", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.activity_label}: {self.get_kind_display()}"
