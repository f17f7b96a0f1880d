"""System checks of the platform's own settings."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured


@register(Tags.security, deploy=True)
def field_keys_configured(app_configs: Any, **kwargs: Any) -> list[Error]:
    """A deployment must be able to encrypt contact details before it takes any."""
    from .crypto import cipher

    try:
        cipher()
    except ImproperlyConfigured as error:
        return [Error(str(error), id="teilhabe.E001")]
    return []
