"""Browser fixtures: Debian's Chromium through Playwright, axe-core, screenshots.

One browser per xdist worker (session scope), one fresh context per test. Pages are
served by pytest-django's `live_server`; the demo data is loaded into the test
database before each test, as transactional tests empty it afterwards.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps as django_apps
from django.conf import settings
from django.core.management import call_command
from django_scopes import scopes_disabled
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    ViewportSize,
    expect,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError

from teilhabe.complaints import demo as complaints_demo
from teilhabe.districts.demo import DEMO_PASSWORD
from teilhabe.districts.models import District
from teilhabe.workplan import demo as workplan_demo

CHROMIUM = Path("/usr/bin/chromium")
# The machine has no network: these flags keep Chromium from waiting for it.
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # German browser chrome: date fields show TT.MM.JJJJ as a case worker sees them.
    "--lang=de-DE",
]
NARROW: ViewportSize = {"width": 375, "height": 812}
WIDE: ViewportSize = {"width": 1280, "height": 800}
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}

DISTRICT = "marzahn-hellersdorf"
COMMISSIONER = f"intb@{DISTRICT}.demo"
STAFF = f"int1@{DISTRICT}.demo"
ASSISTANT = f"assistenz@{DISTRICT}.demo"
LAG = "lag@teilhabe.demo"
ADMIN = "admin@teilhabe.demo"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium package."
        if os.environ.get("CI") == "true":
            pytest.fail(f"Browser tests cannot run in CI: {message}")
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db) -> None:
    """Berlin's districts, the directory's languages and topics, and the demo data.

    Transactional tests empty the database afterwards, the data migrations' rows
    included, so the migrations' functions put them back first (they are idempotent).
    `serialized_rollback` would not do: under Playwright the test's connection object
    may lack the serialized copy once other tests ran first in the worker.
    """
    migration = importlib.import_module("teilhabe.districts.migrations.0002_berlin_districts")
    reference = importlib.import_module("teilhabe.directory.migrations.0002_reference_and_search")
    with scopes_disabled():
        migration.create_districts(django_apps, None)
        # The directory's languages and topics, which the demo consultations need.
        reference.load_reference(django_apps, None)
    # Consultations of the one district the browser tests work in, no Gremien (the tests
    # that need them build their own) and no work plans (`work_plans`): the full demo
    # would cost seconds in every test.
    call_command(
        "load_demo",
        records_for=["marzahn-hellersdorf"],
        without=["committees", "workplan", "complaints"],
        stdout=StringIO(),
    )


@pytest.fixture
def complaints(demo) -> None:
    """The district's demo complaints, in every state of the procedure."""
    with scopes_disabled():
        complaints_demo.load(District.objects.get(slug=DISTRICT))


@pytest.fixture
def work_plans(demo) -> None:
    """The district's demo work plans: this year's adopted plan with notes, the imported
    plan of 2021 and a draft for next year. Only for the tests that show them: the import
    of 2021 alone costs about a second."""
    with scopes_disabled():
        workplan_demo.load(District.objects.get(slug=DISTRICT))


@pytest.fixture
def new_context(browser: Browser, live_server) -> Iterator[Callable[..., BrowserContext]]:
    """new_context(**options) → a browser context on the live server, closed after the test."""
    contexts: list[BrowserContext] = []

    def build(**options) -> BrowserContext:
        options = {"viewport": WIDE, "locale": "de-DE", **options}
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield build
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context, demo) -> Iterator[Page]:
    """A page that fails the test on script errors and Content-Security-Policy violations."""
    page = new_context().new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text}")
            # A 4xx/5xx page the test asked for is logged as a failed load; that is expected.
            if message.type == "error" and "Failed to load resource" not in message.text
            else None
        ),
    )
    yield page
    assert not problems, "\n".join(problems)


def sign_in_with(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/konto/anmelden/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/konto/anmelden/$"))


@pytest.fixture
def sign_in(page: Page) -> Callable[[str], Page]:
    """sign_in(email) → the page, signed in through the login form with the demo password."""

    def run(email: str) -> Page:
        sign_in_with(page, email)
        return page

    return run


def violation_report(name: str, width: str, violations: list[dict]) -> str:
    lines = [f"axe-core found {len(violations)} WCAG 2.1 A/AA violation(s) on {name} ({width}):"]
    for violation in violations:
        lines.append(f"- {violation['id']} [{violation['impact']}]: {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


def screenshot(page: Page, path: Path) -> None:
    """A full-page screenshot once the resized page has painted; Chromium under load
    sometimes refuses the first capture, so it is tried twice."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => done()))")
    try:
        page.screenshot(path=path, full_page=True)
    except PlaywrightError:
        page.wait_for_timeout(250)
        page.screenshot(path=path, full_page=True)


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


@pytest.fixture
def check_page(axe: Axe) -> Callable[[Page, str], None]:
    """check_page(page, name): structure, no horizontal overflow, axe at both widths,
    and full-page screenshots var/screenshots/<name>-narrow.png and -wide.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def run(page: Page, name: str) -> None:
        page.wait_for_load_state("load")
        assert page.locator("h1").count() == 1, f"{name}: expected exactly one <h1>"
        assert page.locator("html").get_attribute("lang"), f"{name}: <html lang> is not set"
        reports = []
        for width, viewport in (("narrow", NARROW), ("wide", WIDE)):
            page.set_viewport_size(viewport)
            screenshot(page, SCREENSHOTS / f"{name}-{width}.png")
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{name} ({width}): the page scrolls sideways by {overflow}px"
            violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
            if violations:
                reports.append(violation_report(name, width, violations))
        page.set_viewport_size(WIDE)
        assert not reports, "\n\n".join(reports)

    return run
