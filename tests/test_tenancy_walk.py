"""The tenancy walk: every registered URL, as every role of district B and anonymously,
with real records of district A in the URL.

- A staff URL of district A must answer 404 to members of B (and to platform admins
  without membership) and send anonymous visitors to the sign-in page, for GET and POST,
  and a POST must change nothing.
- Any other URL may answer, but a 200 must never contain a private marker of A.
- A URL keyword that no provider fills fails the walk, so no pattern goes unchecked.
"""

from __future__ import annotations

import re

import pytest
from django.urls import NoReverseMatch, reverse

from teilhabe.core.middleware import PUBLIC_NAMESPACES
from teilhabe.core.models import AuditEntry

from .walk import Route, World, all_routes, populate, providers

pytestmark = pytest.mark.django_db

WALKERS = ["commissioner", "staff", "assistant", "lag_viewer"]


@pytest.fixture
def world(members, district_a, district_b) -> World:
    world = World(district_a=district_a, district_b=district_b, users=members)
    populate(world)
    return world


def build_url(route: Route, world: World) -> str:
    fill = providers()
    kwargs = {name: fill[name](world) for name in route.kwarg_names}
    if route.name:
        full_name = ":".join((*route.namespaces, route.name))
        try:
            return reverse(full_name, kwargs=kwargs)
        except NoReverseMatch:
            pass
    url = re.sub(r"<(?:[^>:]+:)?([^>]+)>", lambda m: kwargs[m.group(1)], route.route)
    return "/" + url


def is_staff_district_route(route: Route) -> bool:
    return "district" in route.kwarg_names and not PUBLIC_NAMESPACES.intersection(route.namespaces)


def test_every_url_keyword_has_a_provider():
    known = providers()
    missing = sorted(
        {
            f"{route.route} → <{name}>"
            for route in all_routes()
            for name in route.kwarg_names
            if name not in known
        }
    )
    assert not missing, "URL keywords without a tenancy-walk provider:\n" + "\n".join(missing)


def test_walk_finds_the_staff_routes():
    """A guard on the walk itself: it must see the district staff area."""
    staff = [r for r in all_routes() if is_staff_district_route(r)]
    assert len(staff) >= 10
    assert any(r.name == "office_edit" for r in staff)


def test_tenancy_walk(world, client_for):
    failures: list[str] = []
    walkers = {role: world.users[("b", role)] for role in WALKERS}
    walkers["platform_admin_without_membership"] = None  # checked below for staff routes
    audit_before = AuditEntry.objects.with_scopes_disabled().count()
    for route in all_routes():
        url = build_url(route, world)
        staff_route = is_staff_district_route(route)
        visitors = [(role, world.users[("b", role)]) for role in WALKERS] + [("anonymous", None)]
        if staff_route:
            visitors.append(("platform_admin", world.users[("any", "platform_admin")]))
        for label, user in visitors:
            client = client_for(user)
            for method in ("get", "post") if staff_route else ("get",):
                response = getattr(client, method)(url)
                failures += check(route, url, label, method, response, staff_route, world)
    assert AuditEntry.objects.with_scopes_disabled().count() == audit_before, (
        "a request from outside district A wrote to the audit trail"
    )
    assert not failures, "Tenancy walk found leaks:\n" + "\n".join(failures)


def check(route, url, label, method, response, staff_route, world) -> list[str]:
    where = f"{method.upper()} {url} as {label}"
    if staff_route:
        if label == "anonymous":
            expected = response.status_code == 302 and "/konto/anmelden/" in response["Location"]
        else:
            expected = response.status_code == 404
        if not expected:
            return [f"{where}: status {response.status_code}, expected 404 / sign-in redirect"]
        return []
    if response.status_code != 200 or not hasattr(response, "content"):
        return []
    body = response.content.decode(errors="replace")
    return [f"{where}: shows {marker!r}" for marker in world.markers if marker in body]


def test_member_of_district_a_sees_its_own_records(world, client_for):
    """Positive control: A sees the markers, so their absence for B means something."""
    client = client_for(world.users[("a", "commissioner")])
    body = client.get(reverse("districts:office", kwargs={"district": "marzahn-hellersdorf"}))
    assert "MARKER-A-POSITION" in body.content.decode()
    assert "MARKER-A-PERSON" in body.content.decode()
    audit = client.get(reverse("core:district_audit", kwargs={"district": "marzahn-hellersdorf"}))
    assert "MARKER-A-AUDIT" in audit.content.decode()
