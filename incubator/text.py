"""Text hygiene for everything users type: Unicode NFC, trimmed."""

from __future__ import annotations

import unicodedata


def clean_text(value: str | None) -> str | None:
    """NFC-normalise and strip `value` (a WTForms filter; None passes through)."""
    if value is None:
        return None
    return unicodedata.normalize("NFC", value).strip()


def clean_tags(value: str | None) -> str | None:
    """NFC, trimmed, comma-separated tags: "a ,b,, c" becomes "a, b, c"."""
    value = clean_text(value)
    if not value:
        return value
    return ", ".join(tag.strip() for tag in value.split(",") if tag.strip())


def clean_email(value: str | None) -> str | None:
    """Trim and lower-case an e-mail address."""
    return value.strip().lower() if value else value
