"""Berlin's districts and Ortsteile, each district's integration office, and its positions.

District and Locality are the tenancy tree itself (reference data, unscoped). Office,
its public texts, positions and who holds them belong to one district and are scoped.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.core.models import DistrictScopedModel, VersionedModel

# Slugs a district may not take, because the URL space above /<district>/ uses them.
RESERVED_SLUGS = {
    *("admin", "api", "bezirke", "i18n", "kalender", "konto", "lag", "oparl", "static", "media"),
} | {code for code, _name in settings.LANGUAGES}


class District(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    slug = models.SlugField(_("short name in web addresses"), unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    official_name = models.CharField(_("official name"), max_length=200)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["number"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This short name is reserved.")})


class Locality(models.Model):
    """An Ortsteil; `code` is the official four-digit number (district + sequence)."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="localities")
    code = models.CharField(_("code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("locality (Ortsteil)")
        verbose_name_plural = _("localities (Ortsteile)")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Office(DistrictScopedModel, VersionedModel):
    """The district's integration office: where to find it and how to reach it."""

    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    city = models.CharField(_("city"), max_length=100, default="Berlin")
    room = models.CharField(_("building and room"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    office_hours = models.TextField(
        _("office hours"), blank=True, help_text=_("One line per day or arrangement.")
    )
    accessibility = models.CharField(
        _("accessibility"),
        max_length=300,
        blank=True,
        help_text=_("For example: step-free access via the side entrance, lift available."),
    )
    is_published = models.BooleanField(_("shown on the public portal"), default=True)

    class Meta:
        verbose_name = _("integration office")
        verbose_name_plural = _("integration offices")
        constraints = [
            models.UniqueConstraint(fields=["district"], name="districts_office_one_per_district")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.postal_code and not (self.postal_code.isdigit() and len(self.postal_code) == 5):
            raise ValidationError({"postal_code": _("A postal code has five digits.")})


class OfficeText(DistrictScopedModel, VersionedModel):
    """The office's public page in one language: mission and tasks, written in Markdown."""

    # Validated against settings.LANGUAGES by the view, so a new language needs no migration.
    language = models.CharField(_("language"), max_length=10)
    mission = models.TextField(_("mission"), blank=True)
    tasks = models.TextField(_("tasks"), blank=True)

    class Meta:
        verbose_name = _("office page text")
        verbose_name_plural = _("office page texts")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "language"], name="districts_officetext_one_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.district} ({self.language})"


class Position(DistrictScopedModel, VersionedModel):
    """A post work is assigned to (IntB, Int1 …); people hold it over time."""

    code = models.CharField(
        _("short code"),
        max_length=20,
        help_text=_("As used in documents, e.g. IntB or Int1."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    is_head = models.BooleanField(
        _("head of the office"), default=False, help_text=_("The commissioner's position.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["sort_order", "code"]
        constraints = [
            models.UniqueConstraint(
                "district",
                Lower("code"),
                name="districts_position_code",
                violation_error_message=_("A position with this code already exists."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"


class PositionHoldingQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None) -> PositionHoldingQuerySet:
        """Holdings that cover the day `on` (today by default)."""
        on = on or timezone.localdate()
        return self.filter(Q(start__lte=on), Q(end__isnull=True) | Q(end__gte=on))


class PositionHolding(DistrictScopedModel):
    """A person holds a position from `start` to `end` (open-ended while current)."""

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="holdings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="position_holdings"
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("holding of a position")
        verbose_name_plural = _("holdings of positions")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="districts_holding_end_after_start",
            )
        ]

    objects = ScopedManager(  # type: ignore[misc]
        _manager_class=models.Manager.from_queryset(PositionHoldingQuerySet), district="district"
    )

    def __str__(self) -> str:
        return f"{self.user} – {self.position.code}"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.start <= today and (self.end is None or self.end >= today)
