"""Form fields shared by every domain."""

from __future__ import annotations

import math

from flask_babel import lazy_gettext as _l
from wtforms import FloatField


class FiniteFloatField(FloatField):
    """A float that is a real number: "inf", "nan" and overflowing values such as 1e309 are refused."""

    def process_formdata(self, valuelist: list) -> None:
        super().process_formdata(valuelist)
        if self.data is not None and not math.isfinite(self.data):
            self.data = None
            raise ValueError(_l("Enter a number, such as 120 or 85.5."))
