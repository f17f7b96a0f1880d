"""Tenancy-walk providers of the platform: districts, audit trail, admin site."""

from __future__ import annotations

from django_scopes import scope

from teilhabe.core.audit import audit_log
from teilhabe.districts.models import Office


def populate(world) -> None:
    with scope(district=world.district_a):
        office = Office.objects.get()
    world.objects["office"] = office
    audit_log(
        actor=world.users[("a", "commissioner")],
        obj=office,
        action="districts.office.updated",
        changes={"room": ("alt", "MARKER-A-AUDIT")},
    )
    world.markers.append("MARKER-A-AUDIT")


# Keywords that name no record of district A: the district itself, a language, a model.
PLAIN_KEYWORDS = {"district", "language", "label"}

PROVIDERS = {
    "district": lambda world: world.district_a.slug,
    "label": lambda world: "districts.office",
    "object_id": lambda world: str(world.objects["office"].pk),
    # Admin site (platform admins only): generic keywords.
    "app_label": lambda world: "accounts",
    "content_type_id": lambda world: "1",
    "id": lambda world: str(world.users[("a", "staff")].pk),
    "pk": lambda world: "1",
    "url": lambda world: "accounts/user/",
    "uidb64": lambda world: "MQ",
    "token": lambda world: "set-password",
    "language": lambda world: "de",
}
