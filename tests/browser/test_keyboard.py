"""Keyboard only: skip link, tab order, signing in and switching the language."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import DEMO_PASSWORD, DISTRICT, STAFF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_TABS = 15


def focused(page: Page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute("name"),
                    cls: el.className, value: el.getAttribute("value"),
                    text: el.textContent.trim(), inMain: !!el.closest("main")};
        }"""
    )


def tab_to(page: Page, matches) -> None:
    """Press Tab until the focused element satisfies `matches`."""
    for _ in range(MAX_TABS):
        if matches(focused(page)):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached the element; focus is on {focused(page)}")


def test_login_tab_order_starts_with_skip_link(page):
    page.goto("/konto/anmelden/")
    page.keyboard.press("Tab")
    assert "skip-link" in focused(page)["cls"]
    expect(page.locator(".skip-link")).to_be_in_viewport()
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "teilhabe"
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "username"
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "password"
    page.keyboard.press("Tab")
    assert focused(page)["tag"] == "button"


def test_sign_in_with_keyboard_only(page):
    page.goto("/konto/anmelden/")
    tab_to(page, lambda el: el["name"] == "username")
    page.keyboard.type(STAFF)
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "password"
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/{DISTRICT}/$"))


def test_skip_link_moves_focus_to_main(sign_in):
    page = sign_in(STAFF)
    page.goto(f"/{DISTRICT}/buero/")
    page.keyboard.press("Tab")
    assert "skip-link" in focused(page)["cls"]
    expect(page.locator(".skip-link")).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"
    # The next Tab continues inside the content, past header and navigation.
    page.keyboard.press("Tab")
    assert focused(page)["inMain"]


def test_language_switch_by_keyboard(page):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "de"
    tab_to(page, lambda el: el["tag"] == "button" and el["value"] == "en")
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/en/$"))


def test_language_switch_back_to_german(page):
    page.goto(f"/en/bezirke/{DISTRICT}/")
    tab_to(page, lambda el: el["tag"] == "button" and el["value"] == "de")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/bezirke/{DISTRICT}/$"), timeout=2000)
    assert "/en/" not in page.url
    expect(page.locator("html")).to_have_attribute("lang", "de")
