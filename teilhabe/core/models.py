"""Base models every domain app builds on, and the audit trail.

- `DistrictScopedModel`: carries its district; its default manager raises unless a
  district scope is active (django-scopes), so a forgotten filter cannot leak.
- `VersionedModel`: a version counter that edit forms check (see `core.versioning`).
- `AuditEntry`: who did what to which record, when, and which fields changed.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(
        pgettext_lazy("point in time", "created"), default=timezone.now, editable=False
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        abstract = True


class DistrictScopedModel(TimeStampedModel):
    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("district"),
    )

    objects = ScopedManager(district="district")

    # Relations that may point at another district's record (e.g. a referral to a public
    # organisation another office keeps); the service checks what is allowed there.
    CROSS_DISTRICT_FIELDS: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def clean(self) -> None:
        """A district's record never points at another district's record."""
        super().clean()
        for field in self._meta.concrete_fields:
            if field.name in self.CROSS_DISTRICT_FIELDS:
                continue
            related = field.related_model
            if not field.many_to_one or not isinstance(related, type):
                continue
            if not issubclass(related, DistrictScopedModel):
                continue
            target_id = getattr(self, field.attname)
            if target_id is None:
                continue
            target_district = (
                related._base_manager.filter(pk=target_id)
                .values_list("district_id", flat=True)
                .first()
            )
            if target_district != self.district_id:
                raise ValidationError({field.name: _("This record belongs to another district.")})


class VersionedModel(models.Model):
    """A record whose edit forms detect concurrent changes by a version counter."""

    version = models.PositiveIntegerField(default=1, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """One write (or a read of a sensitive record) by one actor on one object."""

    district = models.ForeignKey(
        "districts.District",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=100)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(district="district")

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created_at", "-id"]
        indexes = [
            # Every read goes through the scoped manager, so district leads both indexes.
            models.Index(fields=["district", "content_type", "object_id", "-created_at"]),
            models.Index(fields=["district", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    @property
    def verb(self) -> str:
        """The last part of the action, e.g. "updated" of "districts.office.updated"."""
        return self.action.rsplit(".", 1)[-1]


class ScheduledRun(models.Model):
    """One slot of a periodic job; the unique key lets several schedulers run safely."""

    job = models.CharField(max_length=100)
    slot = models.DateTimeField()
    enqueued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "slot"], name="core_scheduledrun_unique_slot")
        ]

    def __str__(self) -> str:
        return f"{self.job} @ {self.slot:%Y-%m-%d %H:%M}"
