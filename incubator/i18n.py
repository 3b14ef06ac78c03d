"""The request's translation catalog, looked up once per request, and the templates' gettext on it.

Flask-Babel finds the catalog anew for every string (the locale, its name, the domain, the cache): about
10 µs, so a page of 300 strings spent 3 ms on it. `catalog()` keeps the catalog of the request's locale
in the request's Babel context; `force_locale` (mails in the recipient's language) sets another locale
object, so the kept catalog is used only while the locale it was found for is still the current one.
"""

from __future__ import annotations

from pathlib import Path

from babel import support
from flask import Flask, current_app, g
from flask_babel import get_locale, get_translations
from flask_babel.speaklater import LazyString
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

NO_CATALOG = support.NullTranslations()  # outside an application context: the source texts
# Our "wtforms" domain: the languages WTForms ships no catalogue for (Vietnamese), merged over its own.
OWN_FORM_MESSAGES = Path(__file__).parent / "translations"
_FORM_CATALOGS: dict[str, support.NullTranslations] = {}


def catalog():  # noqa: ANN201  (babel.support.Translations or NullTranslations)
    """The translations of the current locale, as `flask_babel.get_translations()` returns them."""
    try:
        babel = g.get("_flask_babel")
    except RuntimeError:  # outside an application context
        return NO_CATALOG
    if babel is not None:
        kept = getattr(babel, "incubator_catalog", None)
        if kept is not None and kept[0] is getattr(babel, "babel_locale", None):
            return kept[1]
    translations = get_translations()  # selects the locale first when needed
    babel = g.get("_flask_babel")
    if babel is not None:
        babel.incubator_catalog = (getattr(babel, "babel_locale", None), translations)
    return translations


def catalog_gettext(string: str, **variables: object) -> str:
    """`flask_babel.gettext` on `catalog()`: the same text without the per-string lookup."""
    text = catalog().ugettext(string)
    return text % variables if variables else text


def lazy_gettext(string: str, **variables: object) -> LazyString:
    """`flask_babel.lazy_gettext` resolved through `catalog_gettext` (form labels, menus, messages)."""
    return LazyString(catalog_gettext, string, **variables)


def template_catalog(context: Context):  # noqa: ANN201
    """`catalog()`, kept while the request's Babel context and locale stay the ones it was found for.

    Not kept for the template's life alone: the macros of a template imported without context live in a
    module Jinja caches across requests, so their text stayed in the first reader's language."""
    try:
        babel = g.get("_flask_babel")
    except RuntimeError:  # outside an application context
        return NO_CATALOG
    kept = getattr(context.eval_ctx, "incubator_catalog", None)
    if kept is not None and kept[0] is babel and kept[1] is getattr(babel, "babel_locale", None):
        return kept[2]
    found = catalog()
    babel = g.get("_flask_babel")  # (made by the lookup when the request had none yet)
    context.eval_ctx.incubator_catalog = (babel, getattr(babel, "babel_locale", None), found)
    return found


@pass_context
def gettext(__context: Context, __string: str, **variables: object) -> str:
    """Jinja's new-style `_()`/`gettext()` (autoescaped, always %-formatted) on the request's catalog."""
    rv = template_catalog(__context).ugettext(__string)
    if __context.eval_ctx.autoescape:
        rv = Markup(rv)  # noqa: S704  (the catalog's own text, as Jinja's i18n does)
    return rv % variables


@pass_context
def ngettext(__context: Context, __singular: str, __plural: str, __num: int, **variables: object) -> str:
    """Jinja's new-style `ngettext()` on the request's catalog (`num` is available to the text)."""
    variables.setdefault("num", __num)
    rv = template_catalog(__context).ungettext(__singular, __plural, __num)
    if __context.eval_ctx.autoescape:
        rv = Markup(rv)  # noqa: S704  (the catalog's own text, as Jinja's i18n does)
    return rv % variables


def form_catalog(locale: str) -> support.NullTranslations:
    """WTForms' own catalogue of its validation messages for `locale`, with ours merged over it."""
    found = _FORM_CATALOGS.get(locale)
    if found is None:
        from wtforms.i18n import messages_path

        found = support.Translations.load(messages_path(), [locale], domain="wtforms")
        own = support.Translations.load(str(OWN_FORM_MESSAGES), [locale], domain="wtforms")
        if isinstance(own, support.Translations):  # (NullTranslations: no catalogue of ours)
            found = own if not isinstance(found, support.Translations) else found.merge(own)
        _FORM_CATALOGS[locale] = found
    return found


class FormTranslations:
    """WTForms' messages in the reader's language (Flask-Babel's locale), as Flask-WTF's `translations`
    does, but with our catalogue for the languages WTForms has none of."""

    def gettext(self, string: str) -> str:
        return form_catalog(str(get_locale())).ugettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return form_catalog(str(get_locale())).ungettext(singular, plural, n)


FORM_TRANSLATIONS = FormTranslations()


def form_translations() -> FormTranslations | None:
    """The translations a form's Meta hands WTForms: ours, unless `WTF_I18N_ENABLED` is turned off."""
    try:
        enabled = current_app.config.get("WTF_I18N_ENABLED", True)
    except RuntimeError:  # outside an application context: WTForms' English
        return None
    return FORM_TRANSLATIONS if enabled else None


@pass_context
def pgettext(__context: Context, __msgctxt: str, __string: str, **variables: object) -> str:
    """Jinja's new-style `pgettext()`: one English word with two meanings ("Open": a link, a state)."""
    rv = template_catalog(__context).upgettext(__msgctxt, __string)
    if __context.eval_ctx.autoescape:
        rv = Markup(rv)  # noqa: S704  (the catalog's own text, as Jinja's i18n does)
    return rv % variables


def install(app: Flask) -> None:
    """Replace the gettext callables Flask-Babel installed in Jinja with the ones above (same output)."""
    app.jinja_env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext, pgettext=pgettext)
