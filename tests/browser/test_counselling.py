"""Counselling in the browser: a routine consultation by keyboard only, and the referral
suggestions with and without JavaScript."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import Page, expect

from teilhabe.counselling.models import Consultation

from .conftest import DISTRICT, STAFF, sign_in_with

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CREATE = f"/{DISTRICT}/beratung/neu/"
# After saving, the detail page; a fragment such as the skip link's #main stays.
DETAIL = re.compile(rf"/{DISTRICT}/beratung/\d+/(#.*)?$")
ORGANISATION = "Migrationsberatung im Kiez e.V. (Demo)"
NOTE = "Fragen zur Verlängerung, Termin bei der Beratungsstelle empfohlen."
# The issue asks for a routine consultation in under 30 seconds; with the form's
# defaults (date, position, channel, language, outcome) that is choosing a topic,
# typing the note and saving. Navigation and selection key presses stand in for time.
MAX_PRESSES = 12
MAX_TABS = 60


def focused(page: Page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {tag: el.tagName.toLowerCase(), name: el.getAttribute("name"),
                    type: el.getAttribute("type"), value: el.value ?? null,
                    cls: el.className, text: el.textContent.trim()};
        }"""
    )


class Keyboard:
    """Presses keys on the page and counts them; typing a text counts as one action."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.presses = 0

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.presses += 1

    def tab_to(self, matches: Callable[[dict], bool]) -> None:
        for _ in range(MAX_TABS):
            if matches(focused(self.page)):
                return
            self.press("Tab")
        pytest.fail(f"Tab never reached the element; focus is on {focused(self.page)}")

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)


def newest_consultation() -> Consultation:
    with scopes_disabled():
        return (
            Consultation.objects.filter(district__slug=DISTRICT)
            .select_related("position", "language")
            .prefetch_related("topics")
            .latest("pk")
        )


def referral_labels(page: Page) -> list[str]:
    return page.locator("#referrals label").all_inner_texts()


def default_button_saves(page: Page) -> bool:
    """Whether Enter in a field submits the form as Save (its first submit button)."""
    return page.evaluate(
        """() => {
            const button = document.querySelector("main form [type=submit]");
            return !!button && !button.name;
        }"""
    )


def test_routine_consultation_by_keyboard_only(sign_in):
    """The fastest keyboard path through the form as it is: past the skip link to the
    note and the topic (in the form's order), then Enter or Tab to Save."""
    page = sign_in(STAFF)
    page.goto(CREATE)
    keys = Keyboard(page)

    def is_note(el: dict) -> bool:
        return el["name"] == "note"

    def is_topic(el: dict) -> bool:
        return el["name"] == "topics" and el["value"] == "housing"

    keys.press("Tab")
    assert "skip-link" in focused(page)["cls"]
    keys.press("Enter")
    keys.tab_to(lambda el: is_note(el) or is_topic(el))
    if is_note(focused(page)):
        keys.type(NOTE)
        keys.tab_to(is_topic)
        keys.press("Space")
    else:
        keys.press("Space")
        keys.tab_to(is_note)
        keys.type(NOTE)
    if default_button_saves(page) and not is_note(focused(page)):
        keys.press("Enter")
    else:
        keys.tab_to(lambda el: el["tag"] == "button" and "primary" in el["cls"])
        keys.press("Enter")
    # The count is the point of this test: show it in the test output (pytest -s).
    print(f"\nRoutine consultation: {keys.presses} key presses plus typing the note")  # noqa: T201

    expect(page).to_have_url(DETAIL)
    expect(page.locator(".messages")).to_be_visible()
    saved = newest_consultation()
    assert saved.note == NOTE
    assert [topic.code for topic in saved.topics.all()] == ["housing"]
    assert saved.date == timezone.localdate()
    assert saved.language_id == "de"
    assert saved.position.code == "Int1"
    assert keys.presses <= MAX_PRESSES, f"{keys.presses} key presses for a routine consultation"


def test_referral_suggestions_follow_topic_and_language(sign_in, check_page):
    page = sign_in(STAFF)
    page.goto(CREATE)
    expect(page.locator("#referrals input[type=checkbox]")).to_have_count(0)
    page.evaluate("window.notReloaded = true")

    with page.expect_response(re.compile(r"/beratung/vorschlaege/")) as topic_response:
        page.locator("input[name=topics][value=residence]").check()
    assert topic_response.value.ok
    with page.expect_response(re.compile(r"/beratung/vorschlaege/.*language=ar")) as response:
        page.locator("select[name=language]").select_option("ar")
    assert response.value.ok

    referrals = page.locator("#referrals")
    expect(referrals.locator("input[type=checkbox]").first).to_be_visible()
    expect(referrals).to_contain_text(ORGANISATION)
    # Only organisations that offer Arabic: the Vietnamese club does not.
    expect(referrals).not_to_contain_text("Vietnamesischer Kulturverein")
    # The district's own entry comes first.
    first = referral_labels(page)[0]
    assert first.startswith(ORGANISATION), first
    assert page.evaluate("window.notReloaded") is True
    expect(page.locator("input[name=topics][value=residence]")).to_be_checked()
    check_page(page, "counselling-create-suggestions")

    # Another language narrows the choice again.
    with page.expect_response(re.compile(r"/beratung/vorschlaege/.*language=vi")):
        page.locator("select[name=language]").select_option("vi")
    expect(referrals).not_to_contain_text(ORGANISATION)
    assert page.evaluate("window.notReloaded") is True


def test_referral_suggestions_without_javascript(new_context, demo):
    page = new_context(java_script_enabled=False).new_page()
    sign_in_with(page, STAFF)
    page.goto(CREATE)
    page.locator("input[name=topics][value=residence]").check()
    page.locator("select[name=language]").select_option("ar")
    page.locator("textarea[name=note]").fill(NOTE)
    page.locator("#referrals button[name=suggest]").click()

    expect(page).to_have_url(re.compile(rf"{CREATE}$"))
    referrals = page.locator("#referrals")
    expect(referrals).to_contain_text(ORGANISATION)
    expect(referrals).not_to_contain_text("Vietnamesischer Kulturverein")
    expect(page.locator("textarea[name=note]")).to_have_value(NOTE)
    expect(page.locator("input[name=topics][value=residence]")).to_be_checked()
    expect(page.locator("select[name=language]")).to_have_value("ar")
    with scopes_disabled():
        assert not Consultation.objects.filter(note=NOTE).exists()

    # Ticking a suggestion and saving records the referral.
    referrals.get_by_label(re.compile(re.escape(ORGANISATION))).first.check()
    page.locator("main form button.primary[type=submit]").click()
    expect(page).to_have_url(DETAIL)
    saved = newest_consultation()
    assert saved.note == NOTE
    with scopes_disabled():
        assert [org.name for org in saved.referrals.all()] == [ORGANISATION]
