"""Encryption at rest for the few personal details a person asks us to keep.

Values are encrypted with Fernet (AES-128-CBC with HMAC-SHA256) under keys that live
outside the database: `TEILHABE_FIELD_KEYS` (comma-separated, newest first) or the file
`TEILHABE_FIELD_KEY_FILE` (one key per line, newest first). The first key encrypts;
all keys decrypt, so a key can be rotated (`manage.py rotate_field_keys`) without
downtime. A database dump alone reveals nothing. See docs/operations.md.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "fernet:"


def configured_keys() -> list[str]:
    """The keys from the settings, newest first; empty if none is configured."""
    keys = [key.strip() for key in settings.TEILHABE_FIELD_KEYS if key.strip()]
    path = settings.TEILHABE_FIELD_KEY_FILE
    if not keys and path and Path(path).exists():
        lines = Path(path).read_text(encoding="ascii").splitlines()
        keys = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return keys


@cache
def _cipher(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key.encode("ascii")) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            "A field encryption key is not a valid Fernet key (32 url-safe base64 bytes)."
        ) from error


def cipher() -> MultiFernet:
    keys = configured_keys()
    if not keys:
        raise ImproperlyConfigured(
            "No field encryption key: set TEILHABE_FIELD_KEYS or TEILHABE_FIELD_KEY_FILE."
        )
    return _cipher(tuple(keys))


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")


def encrypt(value: str) -> str:
    return PREFIX + cipher().encrypt(value.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    if not token.startswith(PREFIX):
        raise ValueError("Stored value is not encrypted.")
    try:
        return cipher().decrypt(token[len(PREFIX) :].encode("ascii")).decode("utf-8")
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "An encrypted field cannot be read with the configured keys; was a key removed?"
        ) from error


def rotate(token: str) -> str:
    """The same value, encrypted under the newest key."""
    return PREFIX + cipher().rotate(token[len(PREFIX) :].encode("ascii")).decode("ascii")


class EncryptedTextField(models.TextField):
    """A text column whose value is stored encrypted; '' stays '' (nothing to hide)."""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value in (None, ""):
            return value
        return decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return encrypt(value)
