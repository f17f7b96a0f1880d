"""The directory's search in the browser: live results with htmx, the same without JavaScript."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import DISTRICT, STAFF, sign_in_with

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIST = f"/{DISTRICT}/verzeichnis/"
ORGANISATION = "Migrationsberatung im Kiez e.V. (Demo)"
OTHER = "Vietnamesischer Kulturverein (Demo)"


def test_search_narrows_results_while_typing(sign_in):
    page = sign_in(STAFF)
    page.goto(LIST)
    rows = page.locator("#results tbody tr")
    expect(rows.filter(has_text=OTHER)).to_have_count(1)
    total = rows.count()
    assert total > 2
    page.evaluate("window.notReloaded = true")

    page.locator("input[name=q]").press_sequentially("kiez", delay=50)

    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(ORGANISATION)
    expect(page.locator("#results-heading")).to_contain_text("1")
    expect(page).to_have_url(re.compile(r"[?&]q=kiez"))
    assert page.evaluate("window.notReloaded") is True
    # The search field keeps focus and its text: typing goes on.
    expect(page.locator("input[name=q]")).to_be_focused()
    expect(page.locator("input[name=q]")).to_have_value("kiez")

    # A filter applies at once too, on top of the words.
    page.locator("input[name=q]").fill("")
    page.locator("select[name=sprache]").select_option("vi")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(OTHER)
    assert page.evaluate("window.notReloaded") is True


def test_search_without_javascript(new_context, demo):
    page = new_context(java_script_enabled=False).new_page()
    sign_in_with(page, STAFF)
    page.goto(LIST)
    rows = page.locator("#results tbody tr")
    expect(rows.filter(has_text=OTHER)).to_have_count(1)

    page.locator("input[name=q]").fill("kiez")
    page.locator("form[role=search] button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"[?&]q=kiez"))
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(ORGANISATION)
    expect(page.locator("input[name=q]")).to_have_value("kiez")

    page.locator("form[role=search] a.button").click()
    expect(page).to_have_url(re.compile(rf"{LIST}$"))
    expect(rows.filter(has_text=OTHER)).to_have_count(1)
