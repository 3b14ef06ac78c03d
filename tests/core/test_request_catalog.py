"""Templates and labels translate through the request's catalog, which follows `force_locale`."""

from flask import render_template_string
from flask_babel import force_locale, get_translations
from flask_babel import gettext as babel_gettext

from incubator.i18n import catalog
from incubator.labels import label


def test_the_catalog_is_flask_babels_and_follows_force_locale(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert catalog() is get_translations()
        english = label("strong", "strength")
        with force_locale("vi"):
            assert catalog() is get_translations()
            assert label("strong", "strength") == babel_gettext("Strong match") != english
            assert render_template_string("{{ _('Log in') }}") == babel_gettext("Log in")
        assert catalog() is get_translations()
        assert english == "Strong match" and label("strong", "strength") == english
        assert render_template_string("{{ _('Log in') }}") == "Log in"


def test_template_gettext_escapes_and_formats_as_jinjas_new_style(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        html = render_template_string(
            "{{ _('%(name)s x', name='<b>') }}|{{ ngettext('%(num)d lab', '%(num)d labs', 2) }}"
        )
        assert html == "&lt;b&gt; x|2 labs"


def test_labels_of_unknown_codes_show_the_code(app):
    with app.test_request_context():
        assert label("no-such-code", "strength") == "no-such-code"
        assert label(None, "strength") == label("", "strength") == "—"
    assert label("strong", "strength") == "Strong match"  # outside a request: the source text


def test_lazy_texts_resolve_like_flask_babels_in_each_locale(app):
    from flask_babel import lazy_gettext as babel_lazy

    from incubator.i18n import lazy_gettext

    ours, theirs = lazy_gettext("Log in"), babel_lazy("Log in")
    formatted = lazy_gettext("%(num)d labs", num=3)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert str(ours) == str(theirs) == "Log in"
        assert str(formatted) == "3 labs"
        with force_locale("vi"):
            assert str(ours) == str(theirs) != "Log in"
        assert str(ours) == "Log in"
    assert str(ours) == "Log in"  # outside an application context: the source text
