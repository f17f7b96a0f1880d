"""Individual counselling: one record per contact, with as little personal data as possible.

No name is needed. A pseudonym or a way to reach the person is kept only when they ask
for a follow-up, encrypted with a key outside the database. A follow-up contact points
to the first consultation of the case (`follows`); the case's last contact starts the
retention period, after which contact data are erased and notes emptied
(`services.consultations_anonymise_expired`). What statistics need stays.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from teilhabe.core.crypto import EncryptedTextField
from teilhabe.core.models import DistrictScopedModel, VersionedModel


class Consultation(DistrictScopedModel, VersionedModel):
    """One counselling contact with one person (or family)."""

    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        PHONE = "phone", _("phone")
        EMAIL = "email", _("e-mail")
        VIDEO = "video", _("video")
        OUTREACH = "outreach", _("outreach")

    class Outcome(models.TextChoices):
        INFORMED = "informed", _("information given")
        REFERRED = "referred", _("referred")
        RESOLVED = "resolved", _("resolved")
        FOLLOW_UP = "follow_up", _("follow-up needed")
        ABANDONED = "abandoned", _("broken off")

    class AgeGroup(models.TextChoices):
        UNDER_18 = "0-17", _("under 18")
        YOUNG = "18-26", _("18 to 26")
        ADULT = "27-44", _("27 to 44")
        MIDDLE = "45-64", _("45 to 64")
        SENIOR = "65+", _("65 and older")

    class Gender(models.TextChoices):
        FEMALE = "f", _("female")
        MALE = "m", _("male")
        DIVERSE = "d", _("diverse")

    AUDIT_REDACTED_FIELDS = ("pseudonym", "contact")

    date = models.DateField(_("date"), default=timezone.localdate)
    position = models.ForeignKey(
        "districts.Position",
        verbose_name=_("position"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    channel = models.CharField(
        _("channel"), max_length=12, choices=Channel.choices, default=Channel.IN_PERSON
    )
    language = models.ForeignKey(
        "directory.Language",
        verbose_name=_("language used"),
        on_delete=models.PROTECT,
        related_name="+",
        default="de",
    )
    interpreter = models.BooleanField(_("with interpreter"), default=False)
    topics = models.ManyToManyField(
        "directory.Topic", verbose_name=_("topics"), related_name="consultations"
    )
    note = models.TextField(
        _("short note"),
        blank=True,
        help_text=_("No names or other identifying details; emptied after the retention period."),
    )
    follow_up_on = models.DateField(_("follow-up on"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.INFORMED
    )
    referrals: models.ManyToManyField = models.ManyToManyField(
        "directory.Organisation",
        verbose_name=_("referred to"),
        through="Referral",
        blank=True,
        related_name="+",
    )
    follows = models.ForeignKey(
        "self",
        verbose_name=_("follow-up of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
    )
    wants_follow_up = models.BooleanField(
        _("the person wants us to get back to them"), default=False
    )
    pseudonym = EncryptedTextField(_("pseudonym"), blank=True)
    contact = EncryptedTextField(_("phone or e-mail"), blank=True)
    age_group = models.CharField(_("age group"), max_length=5, choices=AgeGroup.choices, blank=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    nationality = CountryField(_("nationality"), blank=True)
    last_contact = models.DateField(_("last contact"), editable=False)
    anonymised_at = models.DateTimeField(_("anonymised on"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["district", "-date", "-id"]),
            models.Index(fields=["district", "last_contact"]),
            models.Index(fields=["district", "follow_up_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(wants_follow_up=True) | (Q(pseudonym="") & Q(contact="")),
                name="counselling_contact_only_with_follow_up",
            )
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} · {self.position.code}"

    @property
    def has_contact_data(self) -> bool:
        return bool(self.pseudonym or self.contact)

    @property
    def case_root_id(self) -> int:
        return self.follows_id or self.pk

    def clean(self) -> None:
        super().clean()
        errors = {}
        if not self.wants_follow_up and (self.pseudonym or self.contact):
            errors["contact"] = _(
                "A pseudonym or contact detail is kept only if the person wants a follow-up."
            )
        if self.follow_up_on and self.follow_up_on < self.date:
            errors["follow_up_on"] = _("The follow-up cannot be before the consultation.")
        if self.follows_id is not None and self.follows_id == self.pk:
            errors["follows"] = _("A consultation cannot follow itself.")
        if errors:
            raise ValidationError(errors)


class Referral(DistrictScopedModel):
    """A referral made in a consultation to an organisation of the directory.

    The organisation may be another district's public entry (a Berlin-wide advice
    centre); `services._check_referrals` refuses anything else.
    """

    CROSS_DISTRICT_FIELDS = ("organisation",)

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="referral_set"
    )
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="referrals_received"
    )

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "organisation"], name="counselling_referral_once"
            )
        ]
        indexes = [models.Index(fields=["district", "organisation"])]

    def __str__(self) -> str:
        return str(self.organisation)
