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

from .walk import Route, World, all_routes, plain_keywords, populate, providers

pytestmark = pytest.mark.django_db

WALKERS = ["commissioner", "staff", "assistant", "lag_viewer"]


@pytest.fixture
def world(members, district_a, district_b) -> World:
    world = World(district_a=district_a, district_b=district_b, users=members)
    populate(world)
    return world


def build_url(route: Route, world: World, district_slug: str | None = None) -> str:
    """The route's URL with A's records; `district_slug` puts another district in front."""
    fill = providers()
    kwargs = {name: fill[name](world) for name in route.kwarg_names}
    if district_slug is not None:
        kwargs["district"] = district_slug
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


def test_own_slug_with_foreign_records(world, client_for):
    """B's members in their own district, with A's record ids in the URL: never A's data.

    This reaches the views (the middleware lets B's members into B), so it checks that
    every object lookup is scoped, not only the district in front.
    """
    failures: list[str] = []
    plain = plain_keywords()
    routes = [r for r in all_routes() if is_staff_district_route(r) and set(r.kwarg_names) - plain]
    assert routes, "no staff route with a record in its URL"
    audit_before = AuditEntry.objects.with_scopes_disabled().count()
    for route in routes:
        url = build_url(route, world, district_slug=world.district_b.slug)
        for role in ("commissioner", "staff", "assistant"):
            client = client_for(world.users[("b", role)])
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                where = f"{method.upper()} {url} as {role} of B"
                if response.status_code not in (403, 404):
                    failures.append(f"{where}: status {response.status_code}, expected 404")
                body = (
                    response.content.decode(errors="replace")
                    if hasattr(response, "content")
                    else ""
                )
                failures += [f"{where}: shows {m!r}" for m in world.markers if m in body]
    assert AuditEntry.objects.with_scopes_disabled().count() == audit_before
    assert not failures, "Records of A reachable from B:\n" + "\n".join(failures)


def test_every_staff_and_portal_page_opens_for_its_own_district(world, client_for):
    """Positive control for the walk: with the same URLs, A's commissioner gets the page.

    A URL that answers 404 to everybody would pass the walk while testing nothing.
    """
    client = client_for(world.users[("a", "commissioner")])
    failures = []
    for route in all_routes():
        if "district" not in route.kwarg_names:
            continue
        url = build_url(route, world)
        status = client.get(url).status_code
        # 405: a POST-only action; the walk's POSTs above still cover it.
        if status not in (200, 405):
            failures.append(f"GET {url}: {status}")
    assert not failures, "Pages A's commissioner cannot open:\n" + "\n".join(failures)


def test_member_of_district_a_sees_its_own_records(world, client_for):
    """Positive control: A sees the markers, so their absence for B means something."""
    client = client_for(world.users[("a", "commissioner")])
    body = client.get(reverse("districts:office", kwargs={"district": "marzahn-hellersdorf"}))
    assert "MARKER-A-POSITION" in body.content.decode()
    assert "MARKER-A-PERSON" in body.content.decode()
    audit = client.get(reverse("core:district_audit", kwargs={"district": "marzahn-hellersdorf"}))
    assert "MARKER-A-AUDIT" in audit.content.decode()
