"""Template helpers available in every template (registered as a builtin)."""

from __future__ import annotations

import markdown as markdown_lib
import nh3
from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info

register = template.Library()

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3", "h4", "blockquote", "code",
    "pre", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}


def render_markdown(text: str) -> SafeString:
    """Markdown as HTML with every tag, attribute and URL scheme outside a safe list removed."""
    html = markdown_lib.markdown(text or "", extensions=["sane_lists", "tables"])
    # Headings inside content start below the page's own h1.
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # noqa: S308  sanitised by nh3 above


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return render_markdown(text)


@register.simple_tag(takes_context=True)
def has_perm(context, perm: str, obj=None) -> bool:
    """`{% has_perm "districts.change_office" district as can_edit %}`."""
    user = context["request"].user
    return bool(user.has_perm(perm, obj))


@register.filter
def get_item(mapping: dict, key: str):
    """`{{ texts|get_item:code }}`: a dictionary lookup with a variable key."""
    return mapping.get(key) if mapping else None


@register.filter
def language_choices(request) -> list[dict]:
    """The portal languages with this page's address in each (for the language switch).

    The address is translated while the page's own language is active, because
    `set_language` would resolve it in the default language and miss /en/… paths.
    """
    current = get_language()
    choices = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        choices.append(
            {
                "code": code,
                "name": capfirst(info["name_local"]),
                "url": translate_url(request.get_full_path(), code),
                "current": code == current,
            }
        )
    return choices
