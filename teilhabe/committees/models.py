"""Gremien: the bodies an office leads or sits in, their meetings and their members.

- `Body`: a committee, working group, network … with its rhythm (an RFC 5545 rule plus
  the office's own words) from which meetings are generated (`committees.rhythm`).
- `Participation`: which *position* (IntB, Int1 …) takes part in a body, in which role.
- `Meeting` with `AgendaItem`, `MeetingFile`, `Attendance` and `MeetingTask`.
- `Person`, `BodyMember` and `LegislativeTerm`: members of bodies that have them, the
  elected advisory board's 15 seats and its terms of office.

Public bodies, their meetings, public agenda items and files, and members who consented
are published on the portal, as iCalendar and through the OParl API. Records that were
published are deleted softly (`deleted_at`), so OParl clients learn of the deletion.
"""

from __future__ import annotations

import datetime
import secrets

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from teilhabe.core.models import DistrictScopedModel, VersionedModel


class SoftDeleteQuerySet(models.QuerySet):
    def alive(self) -> SoftDeleteQuerySet:
        return self.filter(deleted_at__isnull=True)


def _scoped_soft_delete_manager() -> ScopedManager:
    return ScopedManager(
        _manager_class=models.Manager.from_queryset(SoftDeleteQuerySet), district="district"
    )


class SoftDeleteModel(models.Model):
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class Location(DistrictScopedModel, VersionedModel):
    """Where meetings take place (OParl Location)."""

    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    city = models.CharField(_("city"), max_length=100, default="Berlin")
    room = models.CharField(_("room"), max_length=200, blank=True)
    accessibility = models.CharField(_("step-free access"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("meeting place")
        verbose_name_plural = _("meeting places")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def one_line(self) -> str:
        """ "Rathaus Hellersdorf, Raum 3.12, Alice-Salomon-Platz 3, 12627 Berlin"."""
        place = f"{self.postal_code} {self.city}".strip()
        parts = [self.name, self.room, self.street, place]
        return ", ".join(part for part in parts if part)


class Body(DistrictScopedModel, VersionedModel, SoftDeleteModel):
    """A Gremium the office leads or takes part in."""

    class Kind(models.TextChoices):
        ADVISORY_BOARD = "advisory_board", _("Advisory board")
        WORKING_GROUP = "working_group", _("Working group")
        COMMITTEE = "committee", _("Committee")
        NETWORK = "network", _("Network")
        ROUND_TABLE = "round_table", _("Round table")
        JOUR_FIXE = "jour_fixe", _("Jour fixe")
        CONFERENCE = "conference", _("Conference")
        STEERING_GROUP = "steering_group", _("Steering group")
        OTHER = "other", _("Other body")

    class Level(models.TextChoices):
        DISTRICT = "district", _("District")
        CROSS_DISTRICT = "cross_district", _("Cross-district")
        STATE = "state", _("State of Berlin")
        FEDERAL = "federal", _("Federal")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        DISSOLVED = "dissolved", _("Dissolved")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("part of"),
    )
    host_organisation = models.ForeignKey(
        "directory.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_bodies",
        verbose_name=_("host organisation"),
    )
    description = models.TextField(_("description"), blank=True)
    focus_topic = models.ForeignKey(
        "directory.Topic",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("focus topic"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    is_public = models.BooleanField(_("shown on the public portal"), default=False)
    website = models.URLField(_("website"), blank=True)
    seats = models.PositiveSmallIntegerField(
        _("seats"),
        null=True,
        blank=True,
        help_text=_("For elected bodies such as the advisory board."),
    )
    # The rhythm: an RFC 5545 RRULE (without the "RRULE:" prefix) from `rhythm_start` on,
    # and how the office says it ("ca. alle 2 Monate").
    rhythm_rule = models.CharField(_("rule (RFC 5545)"), max_length=300, blank=True)
    rhythm_start = models.DateField(_("rhythm starts on"), null=True, blank=True)
    rhythm_text = models.CharField(_("rhythm in the office's words"), max_length=300, blank=True)
    meeting_time = models.TimeField(_("usual start time"), null=True, blank=True)
    meeting_minutes = models.PositiveSmallIntegerField(_("usual length in minutes"), default=120)
    default_location = models.ForeignKey(
        Location,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("usual meeting place"),
    )

    objects = _scoped_soft_delete_manager()  # type: ignore[misc]

    CROSS_DISTRICT_FIELDS = ("host_organisation",)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["name"]
        indexes = [models.Index(fields=["district", "updated_at"])]

    def __str__(self) -> str:
        return self.name

    @property
    def generates_meetings(self) -> bool:
        return self.status == self.Status.ACTIVE and bool(self.rhythm_rule and self.rhythm_start)

    @property
    def is_advisory_board(self) -> bool:
        return self.kind == self.Kind.ADVISORY_BOARD


class RhythmException(DistrictScopedModel):
    """A date the rhythm skips (summer break, a clash), recorded by the office."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("exception to the rhythm")
        verbose_name_plural = _("exceptions to the rhythm")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "date"],
                name="committees_exception_unique",
                violation_error_message=_("This date is already recorded as an exception."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.body}: {self.date:%d.%m.%Y}"


class ParticipationQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None) -> ParticipationQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(start__lte=on), Q(end__isnull=True) | Q(end__gte=on))


class Participation(DistrictScopedModel, VersionedModel):
    """A position's part in a body: "IntB (L)", "Int1" …"""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        PARTICIPANT = "participant", _("Participant")
        DEPUTY = "deputy", _("Deputy")
        GUEST = "guest", _("Guest")
        MINUTE_TAKER = "minute_taker", _("Minute-taker")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="participations")
    position = models.ForeignKey(
        "districts.Position",
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("position"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    start = models.DateField(_("from"), default=timezone.localdate)
    end = models.DateField(_("until"), null=True, blank=True)

    objects = ScopedManager(  # type: ignore[misc]
        _manager_class=models.Manager.from_queryset(ParticipationQuerySet), district="district"
    )

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["position__sort_order", "position__code", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="committees_participation_end_after_start",
                violation_error_message=_("The end cannot be before the start."),
            )
        ]

    def __str__(self) -> str:
        suffix = " (L)" if self.role == self.Role.LEAD else ""
        return f"{self.position.code}{suffix}"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.start <= today and (self.end is None or self.end >= today)


class LegislativeTerm(DistrictScopedModel, VersionedModel):
    """A term of office (Wahlperiode), e.g. of the advisory board (OParl LegislativeTerm)."""

    name = models.CharField(_("name"), max_length=100)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    election_date = models.DateField(_("election on"), null=True, blank=True)

    class Meta:
        verbose_name = _("term of office")
        verbose_name_plural = _("terms of office")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="committees_term_end_after_start",
                violation_error_message=_("The end cannot be before the start."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Person(DistrictScopedModel, VersionedModel, SoftDeleteModel):
    """A member of a body who is not office staff. Public only with recorded consent."""

    AUDIT_REDACTED_FIELDS = ("email", "phone")

    name = models.CharField(_("name"), max_length=200)
    form_of_address = models.CharField(_("form of address"), max_length=50, blank=True)
    affiliation = models.CharField(_("organisation or group"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    public_consent_on = models.DateField(
        _("agreed to publication on"),
        null=True,
        blank=True,
        help_text=_("Name and membership are published only when the person agreed."),
    )

    objects = _scoped_soft_delete_manager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_public(self) -> bool:
        return self.public_consent_on is not None and self.deleted_at is None


class MemberQuerySet(SoftDeleteQuerySet):
    def current(self, on: datetime.date | None = None) -> MemberQuerySet:
        on = on or timezone.localdate()
        return self.filter(
            Q(deleted_at__isnull=True), Q(start__lte=on), Q(end__isnull=True) | Q(end__gte=on)
        )


class BodyMember(DistrictScopedModel, VersionedModel, SoftDeleteModel):
    """A person or an organisation holding a membership (OParl Membership)."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        MEMBER = "member", _("Member")
        DEPUTY_MEMBER = "deputy_member", _("Deputy member")
        ADVISORY_MEMBER = "advisory_member", _("Advisory member")

    class Appointment(models.TextChoices):
        ELECTED = "elected", _("Elected")
        APPOINTED = "appointed", _("Appointed")
        DELEGATED = "delegated", _("Delegated by an organisation")
        SUCCEEDED = "succeeded", _("Moved up as successor")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="body_memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    voting_right = models.BooleanField(_("entitled to vote"), default=True)
    deputy_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deputies",
        verbose_name=_("deputy of"),
    )
    seat = models.PositiveSmallIntegerField(_("seat"), null=True, blank=True)
    term = models.ForeignKey(
        LegislativeTerm,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("term of office"),
    )
    appointment = models.CharField(
        _("how the seat was filled"),
        max_length=20,
        choices=Appointment.choices,
        default=Appointment.APPOINTED,
    )
    start = models.DateField(_("from"), default=timezone.localdate)
    end = models.DateField(_("until"), null=True, blank=True)
    end_reason = models.CharField(_("reason for leaving"), max_length=200, blank=True)
    successor_of = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successor",
        verbose_name=_("successor of"),
    )

    objects = ScopedManager(  # type: ignore[misc]
        _manager_class=models.Manager.from_queryset(MemberQuerySet), district="district"
    )

    CROSS_DISTRICT_FIELDS = ("organisation",)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["seat", "start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(organisation__isnull=False),
                name="committees_member_person_or_organisation",
                violation_error_message=_("Choose a person or an organisation."),
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="committees_member_end_after_start",
                violation_error_message=_("The end cannot be before the start."),
            ),
        ]

    def __str__(self) -> str:
        if self.person_id and self.organisation_id:
            return f"{self.person} ({self.organisation})"
        return str(self.person or self.organisation)

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        alive = self.deleted_at is None
        return alive and self.start <= today and (self.end is None or self.end >= today)

    @property
    def is_public(self) -> bool:
        """A person's membership is published only with their consent."""
        if self.deleted_at is not None:
            return False
        return self.person.is_public if self.person_id else True  # type: ignore[union-attr]


class Meeting(DistrictScopedModel, VersionedModel, SoftDeleteModel):
    """One meeting of a body (OParl Meeting)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        INVITED = "invited", _("Invited")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")
        MOVED = "moved", _("Moved")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="meetings")
    name = models.CharField(_("title"), max_length=200, blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"), null=True, blank=True)
    location = models.ForeignKey(
        Location,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("meeting place"),
    )
    online_url = models.URLField(_("video conference link"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    # The date the rhythm produced this meeting for; generation skips dates it has seen.
    occurrence = models.DateField(_("date from the rhythm"), null=True, blank=True, editable=False)
    moved_to = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moved_from",
        verbose_name=_("moved to"),
    )
    status_note = models.CharField(_("note on the status"), max_length=300, blank=True)
    invitation = models.TextField(_("invitation"), blank=True)
    invited_on = models.DateField(_("invitation sent on"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_public = models.BooleanField(_("publish the minutes"), default=False)

    objects = _scoped_soft_delete_manager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["start", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "occurrence"],
                name="committees_meeting_one_per_occurrence",
                violation_error_message=_("The rhythm already has a meeting on this date."),
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gt=F("start")),
                name="committees_meeting_end_after_start",
                violation_error_message=_("A meeting cannot end before it starts."),
            ),
        ]
        indexes = [
            models.Index(fields=["body", "start"]),
            models.Index(fields=["district", "start"]),
            models.Index(fields=["district", "updated_at"]),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.start)
        return f"{self.title} – {local:%d.%m.%Y}"

    @property
    def title(self) -> str:
        return self.name or self.body.name

    @property
    def is_cancelled(self) -> bool:
        return self.status in {self.Status.CANCELLED, self.Status.MOVED}

    @property
    def is_public(self) -> bool:
        return self.body.is_public and self.deleted_at is None and self.body.deleted_at is None


class AgendaItem(DistrictScopedModel, VersionedModel, SoftDeleteModel):
    """A numbered item of a meeting's agenda, with the decision taken on it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.CharField(_("number"), max_length=10)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    is_public = models.BooleanField(_("public item"), default=True)
    description = models.TextField(_("description"), blank=True)
    decision = models.TextField(_("decision"), blank=True)

    objects = _scoped_soft_delete_manager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["order", "pk"]
        indexes = [models.Index(fields=["district", "updated_at"])]

    def __str__(self) -> str:
        return f"TOP {self.number}: {self.title}"


def _meeting_file_path(instance: MeetingFile, filename: str) -> str:
    return f"committees/{instance.district_id}/{secrets.token_hex(8)}/{filename}"


class MeetingFile(DistrictScopedModel, SoftDeleteModel):
    """A document of a meeting: invitation, minutes or an attachment (OParl File)."""

    class Role(models.TextChoices):
        INVITATION = "invitation", _("Invitation")
        MINUTES = "minutes", _("Minutes")
        ATTACHMENT = "attachment", _("Attachment")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="files")
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="files",
        verbose_name=_("agenda item"),
    )
    role = models.CharField(_("kind"), max_length=20, choices=Role.choices)
    name = models.CharField(_("name"), max_length=200)
    file = models.FileField(_("file"), upload_to=_meeting_file_path, max_length=300)
    mime_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    is_public = models.BooleanField(_("public"), default=False)

    objects = _scoped_soft_delete_manager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")
        ordering = ["role", "name", "pk"]
        indexes = [models.Index(fields=["district", "updated_at"])]

    def __str__(self) -> str:
        return self.name


class Attendance(DistrictScopedModel):
    """Who attended a meeting: a member or a participating position. Internal."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(
        BodyMember, null=True, blank=True, on_delete=models.CASCADE, related_name="attendances"
    )
    position = models.ForeignKey(
        "districts.Position",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    status = models.CharField(_("attendance"), max_length=20, choices=Status.choices)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=False, position__isnull=True)
                | Q(member__isnull=True, position__isnull=False),
                name="committees_attendance_member_or_position",
            ),
            models.UniqueConstraint(
                fields=["meeting", "member"], name="committees_attendance_member_once"
            ),
            models.UniqueConstraint(
                fields=["meeting", "position"], name="committees_attendance_position_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member or self.position}: {self.get_status_display()}"


class MeetingTask(DistrictScopedModel, VersionedModel):
    """A task arising from a meeting, with the position responsible and a due date."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="tasks")
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
        verbose_name=_("agenda item"),
    )
    title = models.CharField(pgettext_lazy("task", "what is to be done"), max_length=300)
    responsible = models.ForeignKey(
        "districts.Position",
        on_delete=models.PROTECT,
        related_name="meeting_tasks",
        verbose_name=_("responsible position"),
    )
    due = models.DateField(_("due on"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["done_on", "due", "pk"]

    def __str__(self) -> str:
        return self.title


class CalendarFeed(DistrictScopedModel):
    """The secret address of a position's "my meetings" calendar."""

    position = models.OneToOneField(
        "districts.Position", on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)

    class Meta:
        verbose_name = _("calendar subscription")
        verbose_name_plural = _("calendar subscriptions")

    def __str__(self) -> str:
        return f"{self.position}"
