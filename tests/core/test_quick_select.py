"""The quick select widget writes exactly what WTForms' own select widget writes."""

from wtforms import Form, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import Select

from incubator.fields import QuickSelect

CHOICES = [
    SelectChoice("", "All <kinds>"),
    SelectChoice('a"b', "Quote & co"),
    SelectChoice("x", "Styled", render_kw={"disabled": True}),
    SelectChoice("y"),
]

FLAGS = [SelectChoice(True, "yes"), SelectChoice(False, "no")]


class Quick(Form):
    kind = SelectField("Kind", choices=CHOICES, widget=QuickSelect())
    flag = SelectField("Flag", choices=FLAGS, coerce=bool, widget=QuickSelect())


class Plain(Form):
    kind = SelectField("Kind", choices=CHOICES, widget=Select())
    flag = SelectField("Flag", choices=FLAGS, coerce=bool, widget=Select())


def test_the_same_html_as_wtforms_select():
    for data in ({}, {"kind": 'a"b', "flag": False}, {"kind": "x"}):
        quick, plain = Quick(data=data), Plain(data=data)
        assert str(quick.kind(class_="form-select")) == str(plain.kind(class_="form-select"))
        assert str(quick.flag()) == str(plain.flag())
    assert 'selected value="a&#34;b">Quote &amp; co</option>' in str(Quick(data={"kind": 'a"b'}).kind())
