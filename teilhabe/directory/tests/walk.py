"""Tenancy-walk providers of the directory: a private organisation of A, a contact, an import."""

from __future__ import annotations

from django_scopes import scope

from teilhabe.directory.models import DirectoryImport

from .factories import contact, organisation


def populate(world) -> None:
    """A public entry (portal pages open for it) whose private parts are markers, and a
    private entry that must never appear outside A's staff area."""
    district = world.district_a
    organisation(district, "MARKER-A-ORGANISATION", is_public=False)
    org = organisation(
        district,
        "Öffentliche Beratungsstelle A",
        street="Markerweg 1",
        postal_code="12627",
        is_public=True,
        internal_note="MARKER-A-NOTE",
    )
    # No consent to publication: never on the portal.
    person = contact(org, "MARKER-A-CONTACT", email="marker-a@example.org")
    with scope(district=district):
        upload = DirectoryImport.objects.create(
            district=district,
            filename="marker.csv",
            content="name;typ\nMARKER-A-IMPORT;advice_centre\n",
            created_by=world.users[("a", "staff")],
        )
    world.objects.update(organisation=org, contact=person, upload=upload)
    world.markers += [
        "MARKER-A-ORGANISATION",
        "MARKER-A-NOTE",
        "MARKER-A-CONTACT",
        "marker-a@example.org",
        "MARKER-A-IMPORT",
    ]


PROVIDERS = {
    "organisation": lambda world: str(world.objects["organisation"].pk),
    "contact": lambda world: str(world.objects["contact"].pk),
    "upload": lambda world: str(world.objects["upload"].pk),
}
