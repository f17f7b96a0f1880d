"""Users sign in by e-mail; what they may do comes from their membership in a district."""

from __future__ import annotations

import rules
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. `is_superuser` makes a platform admin."""

    AUDIT_REDACTED_FIELDS = ("password",)

    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(_("name"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("may use the admin site"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def has_perm(self, perm: str, obj=None) -> bool:
        """District permissions come from the role only; a platform admin is no member."""
        if obj is not None and obj._meta.label == "districts.District":
            return self.is_active and rules.has_perm(perm, self, obj)
        return super().has_perm(perm, obj)

    # Memberships are read once per request object and kept on the instance.
    def _memberships(self) -> list[Membership]:
        cache = getattr(self, "_membership_cache", None)
        if cache is None:
            cache = list(self.memberships.select_related("district").order_by("district__number"))
            self._membership_cache = cache
        return cache

    def working_memberships(self) -> list[Membership]:
        """Memberships that open a district's staff area."""
        return [m for m in self._memberships() if m.role in Membership.WORKING_ROLES]

    def working_membership(self, district) -> Membership | None:
        """The membership in `district` that opens its staff area, if any."""
        for membership in self.working_memberships():
            if membership.district_id == district.pk:
                return membership
        return None

    def has_lag_access(self) -> bool:
        return any(m.role == Membership.Role.LAG_VIEWER for m in self._memberships())


def is_verified(user: object) -> bool:
    """Whether django-otp's middleware verified a second factor in this session."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


class Membership(models.Model):
    """A user's role in one district."""

    class Role(models.TextChoices):
        COMMISSIONER = "commissioner", _("Commissioner")
        STAFF = "staff", _("Staff")
        ASSISTANT = "assistant", _("Assistant")
        LAG_VIEWER = "lag_viewer", _("LAG viewer")

    WORKING_ROLES = frozenset({Role.COMMISSIONER, Role.STAFF, Role.ASSISTANT})

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    district = models.ForeignKey(
        "districts.District", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["district__number", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "district"], name="accounts_membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.district} ({self.get_role_display()})"
