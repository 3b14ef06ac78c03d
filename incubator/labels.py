"""Translated labels of the codes users see (statuses, kinds, roles): one registry, one filter."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from wtforms.fields.choices import SelectChoice

from incubator.i18n import catalog

LABELS: dict[str, dict[str, object]] = {}
# Texts already translated, per catalog: the catalogs never change while the process runs, and only
# registered codes and module-level lists are kept (a few hundred strings), so showing a label costs a
# dict lookup instead of a lazy string's catalog lookup (or three, for a composed one).
_TRANSLATED: dict[tuple[object, str, str], str] = {}
_LISTS: dict[tuple[object, int], tuple[Sequence, list]] = {}
_MOST = 10_000  # apps made and dropped (tests) must not pin their catalogs forever


def register(group: str, labels: Mapping[str, object]) -> dict[str, object]:
    """Record the labels of `group` (a domain's codes) and return them."""
    LABELS.setdefault(group, {}).update(labels)
    _TRANSLATED.clear()
    return LABELS[group]


def label(code: object, group: str, translations: object = None) -> str:
    """The reader's-language label of `code` in `group`; an unknown code shows as itself.

    `translations`: the request's catalog when the caller holds it already (the template filter)."""
    if code is None or code == "":
        return "—"
    key = (translations or catalog(), group, str(code))
    try:
        return _TRANSLATED[key]
    except KeyError:
        text = LABELS[group].get(key[2])
        if text is None:
            return str(code)
        if len(_TRANSLATED) > _MOST:
            _TRANSLATED.clear()
        _TRANSLATED[key] = str(text)
        return _TRANSLATED[key]


def translated_pairs(pairs: Sequence[tuple[str, object]]) -> list[tuple[str, str]]:
    """A module-level list of (code, lazy text) pairs, its texts in the reader's language."""
    return _translated_list(pairs, lambda: [(code, str(text)) for code, text in pairs])


def translated_choices(choices: Sequence[SelectChoice]) -> list[SelectChoice]:
    """A module-level list of select choices, their labels in the reader's language."""
    return _translated_list(choices, lambda: [replace(c, label=str(c.label)) for c in choices])


def translated_text(text: object) -> str:
    """A module-level lazy text (a form field's label) in the reader's language, kept per catalog."""
    return _translated_list(text, lambda: str(text))


def _translated_list(items: Sequence, translate) -> list:  # noqa: ANN001
    key = (catalog(), id(items))
    found = _LISTS.get(key)
    if found is None:  # (the list is kept with its translation, so its id names no other list)
        if len(_LISTS) > _MOST:
            _LISTS.clear()
        found = _LISTS[key] = (items, translate())
    return found[1]
