"""The quick widgets write exactly what WTForms' own widgets write, whatever the attributes and flags."""

from markupsafe import Markup
from wtforms import Form, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import NumberInput, Select, TextArea, TextInput, html_params

from incubator.fields import (
    QuickLabels,
    QuickNumberInput,
    QuickSelect,
    QuickTextArea,
    QuickTextInput,
    quick_params,
)

KINDS = [SelectChoice("", "All"), SelectChoice("a", "A & <b>")]
GROUPS = [SelectChoice("x", "X", optgroup="G <1>"), SelectChoice("y", "Y", optgroup="G2")]
ATTRIBUTES = [
    {},
    {"class_": "form-control", "id": "x", "name": "q"},
    {"data_testid": "a_b", "aria_label": 'say "hi" & <go>', "for_": "f", "class": "c"},
    {"checked": True, "readonly": False, "value": 0, "max": 1.5, "min": None},
    {"value": Markup('already "safe" <b>'), "title": Markup("&amp;")},
]


def test_quick_params_are_html_params():
    for attributes in ATTRIBUTES:
        assert quick_params(**attributes) == html_params(**attributes)
        assert isinstance(quick_params(**attributes), Markup)


class Quick(Form):
    class Meta(QuickLabels):
        pass

    text = StringField("Text", validators=[Optional(), Length(max=80)], widget=QuickTextInput())
    needed = StringField("Needed", validators=[DataRequired()], widget=QuickTextInput())
    number = IntegerField(
        "Number", validators=[NumberRange(min=1, max=9)], widget=QuickNumberInput(step="any")
    )
    note = TextAreaField("Note", validators=[Length(min=2, max=1000)], widget=QuickTextArea())
    kind = SelectField("Kind", choices=KINDS, validators=[DataRequired()], widget=QuickSelect())
    grouped = SelectField("Grouped", choices=GROUPS, widget=QuickSelect())


class Plain(Form):
    text = StringField("Text", validators=[Optional(), Length(max=80)], widget=TextInput())
    needed = StringField("Needed", validators=[DataRequired()], widget=TextInput())
    number = IntegerField("Number", validators=[NumberRange(min=1, max=9)], widget=NumberInput(step="any"))
    note = TextAreaField("Note", validators=[Length(min=2, max=1000)], widget=TextArea())
    kind = SelectField("Kind", choices=KINDS, validators=[DataRequired()], widget=Select())
    grouped = SelectField("Grouped", choices=GROUPS, widget=Select())


def test_the_same_html_as_wtforms_widgets():
    data = [{}, {"text": '"quoted" <x> & y', "number": 3, "note": "a\n<b>", "kind": "a", "grouped": "y"}]
    for values in data:
        quick, plain = Quick(data=values), Plain(data=values)
        for name in ("text", "needed", "number", "note", "kind", "grouped"):
            for attributes in (
                {},
                {"class_": "form-control", "id": "other"},
                {"maxlength": 5, "disabled": True},
            ):
                assert str(quick[name](**attributes)) == str(plain[name](**attributes)), (name, attributes)
    assert 'maxlength="80"' in str(Quick().text()) and "required" in str(Quick().kind())


def test_quick_labels_are_wtforms_labels():
    quick, plain = Quick(), Plain()
    assert type(quick.text.label).__name__ == "QuickLabel"
    for name in ("text", "note", "kind"):
        for text, attributes in (
            (None, {}),
            ("Say <b>", {"class_": "small", "for_": "x"}),
            (None, {"for": "y"}),
        ):
            assert quick[name].label(text, **attributes) == plain[name].label(text, **attributes)
    assert str(quick.text.label) == str(plain.text.label) == '<label for="text">Text</label>'


def test_quick_labels_translate_lazy_texts_as_wtforms_in_each_language(app):
    from flask_babel import force_locale

    from incubator.matching.forms import SuggestionFilterForm

    class PlainFilters(SuggestionFilterForm):
        class Meta:
            def bind_field(self, form, unbound_field, options):  # noqa: ANN001, ANN202 (WTForms' own labels)
                return unbound_field.bind(form=form, **options)

    with app.test_request_context(headers={"Accept-Language": "en"}):
        for language in ("en", "vi"):
            with force_locale(language):
                quick, plain = SuggestionFilterForm(formdata=None), PlainFilters(formdata=None)
                assert type(plain.status.label).__name__ == "Label"
                for name in ("status", "kind", "sector", "organization", "min_score", "run"):
                    assert quick[name].label(class_="small") == plain[name].label(class_="small")
        with force_locale("vi"):
            assert "Trạng thái" in SuggestionFilterForm(formdata=None).status.label()
