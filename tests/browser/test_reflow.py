"""WCAG 1.4.10 (reflow): at 320 CSS pixels no page scrolls sideways."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/bezirke/marzahn-hellersdorf/",
    "/marzahn-hellersdorf/",
    "/marzahn-hellersdorf/buero/",
    "/marzahn-hellersdorf/protokoll/",
]


def test_pages_reflow_at_320_pixels(sign_in):
    page = sign_in("intb@marzahn-hellersdorf.demo")
    page.set_viewport_size({"width": 320, "height": 640})
    wide = {}
    for url in PAGES:
        page.goto(url)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            wide[url] = overflow
    assert wide == {}, f"pages wider than 320px (overflow in px): {wide}"
