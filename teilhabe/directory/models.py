"""The office's network: organisations, their contact persons, languages and topics.

Language and Topic are reference lists shared by all districts (unscoped). An
Organisation belongs to the district whose office keeps the entry; other districts
see it only when it is public (`Organisation.public`), e.g. to refer a person to a
Berlin-wide advice centre another office keeps.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.core.models import DistrictScopedModel, VersionedModel
from teilhabe.core.search import fold


class _Localised(models.Model):
    """A reference entry with a German and an English name."""

    name_de = models.CharField(_("German name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the language of the current request (German unless English)."""
        return self.name_en if (get_language() or "de").startswith("en") else self.name_de


class Language(_Localised):
    """A language help is offered or a consultation is held in (ISO 639)."""

    code = models.CharField(_("ISO 639 code"), max_length=3, primary_key=True)
    native_name = models.CharField(_("own name"), max_length=100)
    rtl = models.BooleanField(_("written right to left"), default=False)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["name_de"]

    @property
    def label(self) -> str:
        """'Arabisch – العربية': the name in the page language, then its own name."""
        return self.name if self.name == self.native_name else f"{self.name} – {self.native_name}"


class Topic(_Localised):
    """One entry of the controlled list of topics (residence law, housing …)."""

    code = models.SlugField(_("code"), max_length=30, primary_key=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["sort_order"]


class OrganisationQuerySet(models.QuerySet):
    def serving(self, district) -> OrganisationQuerySet:
        """Entries that help people of `district`: kept there, serving it, or Berlin-wide."""
        # A subquery rather than a join: no duplicate rows, so no DISTINCT over wide rows.
        served = Organisation.served_districts.through.objects.filter(district=district)
        return self.filter(
            models.Q(district=district)
            | models.Q(serves_all_berlin=True)
            | models.Q(pk__in=served.values("organisation_id"))
        )


class PublicOrganisationManager(models.Manager.from_queryset(OrganisationQuerySet)):  # type: ignore[misc]
    """Public, active entries of every district: what the portal and referrals may show."""

    def get_queryset(self) -> OrganisationQuerySet:
        return super().get_queryset().filter(is_public=True, is_active=True)


class Organisation(DistrictScopedModel, VersionedModel):
    """A body the office works with or refers people to."""

    class Kind(models.TextChoices):
        PROVIDER = "provider", _("provider (Träger)")
        MIGRANT_ORGANISATION = "migrant_org", _("migrant organisation")
        ADVICE_CENTRE = "advice_centre", _("advice centre")
        ACCOMMODATION = "accommodation", _("refugee accommodation")
        DISTRICT_DEPARTMENT = "district_dept", _("Bezirksamt department")
        SENATE_DEPARTMENT = "senate_dept", _("Senate department")
        STATE_OFFICE = "state_office", _("state office")
        JOBCENTER = "jobcenter", _("Jobcenter")
        SCHOOL = "school", _("school")
        RELIGIOUS_COMMUNITY = "religious", _("religious community")
        OTHER = "other", _("other")

    class Access(models.TextChoices):
        UNKNOWN = "", _("not known")
        YES = "yes", _("step-free")
        PARTLY = "partly", _("partly step-free")
        NO = "no", _("not step-free")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    description = models.TextField(
        _("what they offer"), blank=True, help_text=_("Shown publicly if the entry is public.")
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    city = models.CharField(_("city"), max_length=100, default="Berlin", blank=True)
    locality = models.ForeignKey(
        "districts.Locality",
        verbose_name=_("Ortsteil"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    step_free = models.CharField(
        _("step-free access"), max_length=10, choices=Access.choices, blank=True
    )
    accessibility_note = models.CharField(_("note on access"), max_length=300, blank=True)
    languages = models.ManyToManyField(
        Language, verbose_name=_("languages help is offered in"), blank=True, related_name="+"
    )
    topics: models.ManyToManyField = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="organisations"
    )
    serves_all_berlin = models.BooleanField(_("serves all of Berlin"), default=False)
    served_districts: models.ManyToManyField = models.ManyToManyField(
        "districts.District",
        verbose_name=_("also serves the districts"),
        blank=True,
        related_name="+",
    )
    # Refugee accommodations only.
    operator = models.ForeignKey(
        "self",
        verbose_name=_("operator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="operated",
    )
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    laf_region = models.CharField(
        _("LAF region"),
        max_length=50,
        blank=True,
        help_text=_("Region of the state office for refugee affairs (LAF)."),
    )
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown in the public guide on the portal.")
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Closed organisations stay for the statistics.")
    )
    internal_note = models.TextField(_("internal note"), blank=True)
    # Folded name and address, kept by the services: duplicate checks and full-text search.
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    search_text = models.TextField(editable=False, blank=True)

    objects = ScopedManager(  # type: ignore[misc]
        _manager_class=models.Manager.from_queryset(OrganisationQuerySet), district="district"
    )
    public = PublicOrganisationManager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_key", "id"]
        indexes = [
            models.Index(fields=["district", "name_key"]),
            models.Index(fields=["district", "kind", "name_key"]),
            models.Index(fields=["is_public", "is_active", "name_key"]),
        ]

    def __str__(self) -> str:
        return self.name

    ACCOMMODATION_FIELDS = ("operator", "capacity", "laf_region")

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.postal_code and not (self.postal_code.isdigit() and len(self.postal_code) == 5):
            errors["postal_code"] = _("A postal code has five digits.")
        if self.kind != self.Kind.ACCOMMODATION:
            for name in self.ACCOMMODATION_FIELDS:
                if getattr(self, name) not in (None, ""):
                    errors[name] = _(
                        "Only refugee accommodations have an operator, places and a LAF region."
                    )
        if self.operator_id is not None and self.operator_id == self.pk:
            errors["operator"] = _("An accommodation cannot operate itself.")
        if errors:
            raise ValidationError(errors)

    def refresh_search_fields(self) -> None:
        """Recompute the folded name and the text the full-text index reads."""
        self.name_key = fold(self.name)[:200]
        # Both names of the type, whatever language the saving request had. Looked up in
        # the choices directly: get_kind_display() hashes them on every call (imports).
        kind = dict(self.Kind.choices).get(self.kind, self.kind)
        with translation.override("de"):
            kind_de = str(kind)
        with translation.override("en"):
            kind_en = str(kind)
        parts = [self.name, kind_de, kind_en, self.description, self.street]
        parts += [self.postal_code, str(self.locality) if self.locality_id else ""]
        self.search_text = fold(" ".join(str(part) for part in parts if part))

    @property
    def address(self) -> str:
        if not self.street:
            return ""
        return f"{self.street}, {self.postal_code} {self.city}".strip(", ")


class ConsentedContactManager(models.Manager):
    """Contact persons who agreed to be named publicly: what the portal may show."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(public_consent_on__isnull=False)


class ContactPerson(DistrictScopedModel, VersionedModel):
    """A person at an organisation; public only with recorded consent."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    languages = models.ManyToManyField(
        Language, verbose_name=_("languages"), blank=True, related_name="+"
    )
    public_consent_on = models.DateField(
        _("consent to publication given on"),
        null=True,
        blank=True,
        help_text=_("Leave empty unless the person agreed to be named on the public portal."),
    )

    objects = ScopedManager(district="district")  # type: ignore[misc]
    public = ConsentedContactManager()

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_public(self) -> bool:
        return self.public_consent_on is not None


class DirectoryImport(DistrictScopedModel):
    """An uploaded CSV file waiting for confirmation after its preview.

    A large file is imported by the worker: it is "running" from the confirmation until
    the task ends, and back to "pending" with `error` set if the task failed.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        RUNNING = "running", _("being imported")
        DONE = "done", _("imported")
        DISCARDED = "discarded", _("discarded")

    filename = models.CharField(_("file name"), max_length=200)
    content = models.TextField(_("content"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_count = models.PositiveIntegerField(default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("directory import")
        verbose_name_plural = _("directory imports")

    def __str__(self) -> str:
        return self.filename
