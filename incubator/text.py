"""Text hygiene for everything users type: Unicode NFC, trimmed."""

from __future__ import annotations

import unicodedata


def clean_text(value: str | None) -> str | None:
    """NFC-normalise and strip `value` (a WTForms filter; None passes through)."""
    if value is None:
        return None
    return unicodedata.normalize("NFC", value).strip()


def clean_email(value: str | None) -> str | None:
    """Trim and lower-case an e-mail address."""
    return value.strip().lower() if value else value
