"""The Ombudsstelle: complaints from every channel and what happens to them.

A `Complaint` arrives by phone, e-mail, post, in person or through the public form. It
gets a reference number (district, year, sequence) and a receipt code that only the
complainant knows (stored as an Argon2 hash), so an anonymous complainant can follow
the case on the public status page. Contact details are encrypted at rest and absent
for anonymous complaints. Every step of the case is a `ComplaintEvent` on its
timeline: receipt, status changes, messages between office and complainant, the
feedback the office owes every two weeks while the case is open, statement requests,
the AGG referral and the assessment. After the retention period a closed complaint is
anonymised: contact details, texts and attachments go, the figures for the statistics
stay.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.files.storage import Storage, storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from teilhabe.core.crypto import EncryptedTextField
from teilhabe.core.models import DistrictScopedModel, VersionedModel

FEEDBACK_INTERVAL = datetime.timedelta(days=14)


def language_name(code: str) -> str:
    """The language's name in the interface language ("vi" → "Vietnamesisch"); codes
    Django does not know stay as they are."""
    info = LANG_INFO.get(code)
    return str(gettext(info["name"])) if info and "name" in info else code


class Channel(models.TextChoices):
    PHONE = "phone", _("phone")
    EMAIL = "email", _("e-mail")
    POST = "post", _("post")
    IN_PERSON = "in_person", _("in person")
    WEB_FORM = "web_form", _("web form")


class Category(models.TextChoices):
    """The examples of the Ombudsstelle's work in seed 000."""

    NEIGHBOURHOOD = (
        "neighbourhood",
        _("neighbourhood questions and conflicts arising from new immigration"),
    )
    APPEARANCE = "appearance", _("reduction of people to appearance or origin")
    CULTURE = "culture", _("cultural misunderstandings")
    LANGUAGE = "language", _("language barriers when using public services")
    COMPETENCE = "competence", _("lack of intercultural competence in public institutions")
    OTHER = "other", _("other")


class Ground(models.TextChoices):
    """The grounds of the General Equal Treatment Act (AGG, § 1)."""

    ETHNIC_ORIGIN = "ethnic_origin", _("ethnic origin")
    GENDER = "gender", _("gender")
    RELIGION = "religion", _("religion or belief")
    DISABILITY = "disability", _("disability")
    AGE = "age", _("age")
    SEXUAL_IDENTITY = "sexual_identity", _("sexual identity")


class Complaint(DistrictScopedModel, VersionedModel):
    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        IN_REVIEW = "in_review", _("in review")
        STATEMENT_REQUESTED = "statement_requested", _("statement requested")
        ASSESSMENT_DRAFT = "assessment_draft", _("assessment in draft")
        APPROVED = "approved", _("assessment approved")
        CLOSED = "closed", _("closed")
        REFERRED = "referred", _("referred")

    # What the complainant wrote and who they are stays out of the change log.
    AUDIT_REDACTED_FIELDS = ("name", "email", "phone", "address", "subject", "description")

    # Statuses in which the office owes the complainant feedback every two weeks.
    OPEN_STATUSES = (
        Status.RECEIVED,
        Status.IN_REVIEW,
        Status.STATEMENT_REQUESTED,
        Status.ASSESSMENT_DRAFT,
        Status.APPROVED,
    )

    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    sequence = models.PositiveIntegerField(_("sequence number"), editable=False)
    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    receipt_hash = models.CharField(max_length=200, editable=False)
    # A keyed hash of the public form's one-time token: sending the same form twice (a
    # reload of the confirmation, a double click) records one complaint, not two.
    submission = models.CharField(max_length=64, blank=True, editable=False)

    channel = models.CharField(_("received by"), max_length=12, choices=Channel.choices)
    received_on = models.DateField(_("received on"))
    is_anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_("No name, no contact details; the complainant follows the case with the code."),
    )
    name = EncryptedTextField(_("name"), blank=True)
    email = EncryptedTextField(_("e-mail"), blank=True)
    phone = EncryptedTextField(_("phone"), blank=True)
    address = EncryptedTextField(_("postal address"), blank=True)
    language = models.CharField(
        _("language for replies"), max_length=10, default="de", help_text=_("ISO 639 code.")
    )

    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("what happened"), max_length=20000)
    organisations: models.ManyToManyField = models.ManyToManyField(
        "directory.Organisation",
        through="ConcernedBody",
        related_name="+",
        verbose_name=_("bodies concerned"),
        blank=True,
    )
    responsible = models.ForeignKey(
        "districts.Position",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("responsible"),
    )

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    feedback_due = models.DateField(_("feedback due"), null=True, blank=True)
    first_feedback_on = models.DateField(_("first feedback"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    # The feedback deadline the responsible position was last reminded of by e-mail.
    feedback_reminder_for = models.DateField(null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_on", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "year", "sequence"], name="complaints_sequence_per_year"
            ),
            models.UniqueConstraint(
                fields=["district", "submission"],
                condition=~Q(submission=""),
                name="complaints_submission_once",
            ),
            models.CheckConstraint(
                condition=Q(is_anonymous=False)
                | (Q(name="") & Q(email="") & Q(phone="") & Q(address="")),
                name="complaints_anonymous_without_contact",
                violation_error_message=_(
                    "An anonymous complaint keeps no name or contact details."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["district", "status", "feedback_due"]),
            models.Index(fields=["district", "received_on"]),
        ]

    def __str__(self) -> str:
        # The reference only: the change log names records by their str(), and what the
        # complainant wrote (the subject) stays out of it.
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def language_name(self) -> str:
        return language_name(self.language)

    @property
    def feedback_answered_in_time(self) -> bool | None:
        """Whether the first feedback came within two weeks (None while none is due yet)."""
        limit = self.received_on + FEEDBACK_INTERVAL
        if self.first_feedback_on is not None:
            return self.first_feedback_on <= limit
        return None


class ConcernedBody(DistrictScopedModel):
    """A body concerned by a complaint: the district's own directory entry or a public
    one of another district (a Senate department, the Jobcenter)."""

    CROSS_DISTRICT_FIELDS = ("organisation",)

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE)
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("body concerned")
        verbose_name_plural = _("bodies concerned")
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "organisation"], name="complaints_body_once"
            )
        ]


class Tag(DistrictScopedModel):
    """A topic (`Category`) or AGG ground (`Ground`) of a complaint, several possible; rows
    rather than a list in a column, so lists filter and statistics count by index."""

    class Kind(models.TextChoices):
        CATEGORY = "category", _("topic")
        GROUND = "ground", _("AGG ground")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="tags")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    value = models.CharField(max_length=20)

    class Meta:
        verbose_name = _("topic or ground")
        verbose_name_plural = _("topics and grounds")
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "kind", "value"], name="complaints_tag_once"
            )
        ]
        indexes = [models.Index(fields=["district", "kind", "value"])]

    def __str__(self) -> str:
        choices = Category if self.kind == self.Kind.CATEGORY else Ground
        return str(dict(choices.choices).get(self.value, self.value))


class ComplaintEvent(DistrictScopedModel):
    """One step on a complaint's timeline."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("received")
        STATUS = "status", _("status changed")
        NOTE = "note", _("internal note")
        MESSAGE_OUT = "message_out", _("message to the complainant")
        MESSAGE_IN = "message_in", _("message from the complainant")
        FEEDBACK = "feedback", _("feedback on the state of the case")
        REOPENED = "reopened", _("reopened")
        STATEMENT_REQUESTED = "st_requested", _("statement requested")
        STATEMENT_REMINDED = "st_reminded", _("reminder for a statement")
        STATEMENT_RECEIVED = "st_received", _("statement received")
        CONSENT = "consent", _("consent to the referral recorded")
        REFERRED = "referred", _("referred to the LADS")
        REFERRAL_OUTCOME = "ref_outcome", _("outcome of the referral")
        ASSESSMENT_DRAFTED = "as_drafted", _("assessment drafted")
        ASSESSMENT_APPROVED = "as_approved", _("assessment approved")
        ASSESSMENT_SENT = "as_sent", _("assessment sent")
        ANONYMISED = "anonymised", _("anonymised")

    class Method(models.TextChoices):
        STATUS_PAGE = "status_page", _("message on the status page")
        LETTER = "letter", _("letter")
        EMAIL = "email", _("e-mail")
        CALL = "call", _("phone call")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("text"), blank=True, max_length=20000)
    method = models.CharField(_("how"), max_length=12, choices=Method.choices, blank=True)
    # Shown to the complainant on the status page (messages and feedback).
    public = models.BooleanField(_("visible to the complainant"), default=False)
    status_before = models.CharField(max_length=20, blank=True)
    status_after = models.CharField(max_length=20, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["complaint", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.complaint.reference} {self.get_kind_display()}"

    @property
    def status_change_label(self) -> str:
        """ "in review → closed", in the interface language."""
        labels = dict(Complaint.Status.choices)
        before, after = (str(labels.get(v, v)) for v in (self.status_before, self.status_after))
        return f"{before} → {after}"


class StatementRequest(DistrictScopedModel, VersionedModel):
    """A request to a body concerned for its statement (Stellungnahme), with the text
    sent (a redacted version of the complaint), a deadline, reminders and the answer."""

    CROSS_DISTRICT_FIELDS = ("organisation",)
    AUDIT_REDACTED_FIELDS = ("text_sent", "statement")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="statements")
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("body asked"),
    )
    text_sent = models.TextField(
        _("text sent"),
        max_length=20000,
        help_text=_("What the body learns of the complaint: leave out what identifies the person."),
    )
    sent_on = models.DateField(_("sent on"))
    deadline = models.DateField(_("answer due by"))
    reminded_on = models.DateField(_("last reminder"), null=True, blank=True)
    received_on = models.DateField(_("answer received on"), null=True, blank=True)
    statement = models.TextField(_("statement"), blank=True, max_length=50000)
    # The deadline the responsible position was last reminded of by e-mail.
    deadline_reminder_for = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("statement request")
        verbose_name_plural = _("statement requests")
        ordering = ["complaint", "sent_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("sent_on")),
                name="complaints_statement_deadline_after_sending",
                violation_error_message=_("The deadline cannot lie before the request was sent."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.complaint.reference} → {self.organisation}"

    @property
    def is_answered(self) -> bool:
        return self.received_on is not None


class Referral(DistrictScopedModel, VersionedModel):
    """The referral of a complaint with signs of discrimination under the AGG to the
    Landesstelle für Gleichbehandlung – gegen Diskriminierung, only after the
    complainant agreed, with only the data they agreed to pass on."""

    class How(models.TextChoices):
        IN_WRITING = "in_writing", _("in writing")
        PHONE = "phone", _("by phone")
        IN_PERSON = "in_person", _("in person")
        STATUS_PAGE = "status_page", _("on the status page")

    class Share(models.TextChoices):
        NAME = "name", _("name")
        CONTACT = "contact", _("contact details")
        DESCRIPTION = "description", _("description of what happened")
        STATEMENTS = "statements", _("statements of the bodies concerned")

    AUDIT_REDACTED_FIELDS = ("outcome",)

    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, related_name="referral")
    consent_on = models.DateField(_("consent given on"))
    consent_how = models.CharField(_("consent given"), max_length=12, choices=How.choices)
    shared = models.JSONField(_("data the complainant agreed to pass on"), default=list)
    sent_on = models.DateField(_("referred on"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True, max_length=20000)
    outcome_on = models.DateField(_("outcome known on"), null=True, blank=True)

    class Meta:
        verbose_name = _("AGG referral")
        verbose_name_plural = _("AGG referrals")

    def __str__(self) -> str:
        return f"{self.complaint.reference}: LADS"


class Assessment(DistrictScopedModel, VersionedModel):
    """The office's assessment (Einschätzung) of a case: the full letter to the
    complainant, a redacted one to each body concerned. A second person (the
    commissioner) approves it before it is sent."""

    class Recipient(models.TextChoices):
        COMPLAINANT = "complainant", _("complainant")
        BODY = "body", _("body concerned")

    CROSS_DISTRICT_FIELDS = ("organisation",)
    AUDIT_REDACTED_FIELDS = ("text",)

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="assessments")
    recipient = models.CharField(_("to"), max_length=12, choices=Recipient.choices)
    organisation = models.ForeignKey(
        "directory.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("body"),
    )
    language = models.CharField(_("language"), max_length=10, default="de")
    text = models.TextField(_("assessment"), max_length=50000)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["complaint", "recipient", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient="complainant", organisation__isnull=True)
                | Q(recipient="body", organisation__isnull=False),
                name="complaints_assessment_recipient",
                violation_error_message=_(
                    "A letter to a body names the body; one to the complainant does not."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.complaint.reference}: {self.get_recipient_display()}"

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    @property
    def language_name(self) -> str:
        return language_name(self.language)


def private_storage() -> Storage:
    """Storage outside the web root (settings.STORAGES["private"])."""
    return storages["private"]


def _attachment_path(instance: Attachment, filename: str) -> str:
    # A random name: the original name is kept in the row, never in the path.
    return f"complaints/{instance.district_id}/{uuid.uuid4().hex}"


class Attachment(DistrictScopedModel):
    """A document attached to a complaint (a letter, a photo, a notice); its type is
    checked by content, it is stored outside the web root and deleted on anonymisation."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=_attachment_path, max_length=200
    )
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    description = models.CharField(_("description"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["complaint", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name
