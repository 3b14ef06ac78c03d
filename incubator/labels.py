"""Translated labels of the codes users see (statuses, kinds, roles): one registry, one filter."""

from __future__ import annotations

from collections.abc import Mapping

LABELS: dict[str, dict[str, object]] = {}


def register(group: str, labels: Mapping[str, object]) -> dict[str, object]:
    """Record the labels of `group` (a domain's codes) and return them."""
    LABELS.setdefault(group, {}).update(labels)
    return LABELS[group]


def label(code: object, group: str) -> str:
    """The reader's-language label of `code` in `group`; an unknown code shows as itself."""
    if code is None or code == "":
        return "—"
    return str(LABELS[group].get(str(code), code))
