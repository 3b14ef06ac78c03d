"""The one CSV writer of every export: no cell reaches a spreadsheet as a formula (CSV injection)."""

from __future__ import annotations

import io
from collections.abc import Iterable

from defusedcsv import csv as defused_csv

# defusedcsv quotes a text cell starting with = + - @ | % (a real number such as -1.5 stays a number);
# OWASP also names a leading tab and carriage return, which spreadsheets skip before reading a formula.
BLANK_STARTS = ("\t", "\r")


def neutral(cell: object) -> object:
    """`cell` as written: a text starting with a tab or carriage return behind a quote, as defusedcsv does."""
    return f"'{cell}" if isinstance(cell, str) and cell.startswith(BLANK_STARTS) else cell


def csv_text(rows: Iterable[Iterable[object]]) -> str:
    """`rows` (the header first) as CSV text with CRLF line ends, every cell neutralised."""
    out = io.StringIO()
    defused_csv.writer(out, lineterminator="\r\n").writerows(map(neutral, row) for row in rows)
    return out.getvalue()


def csv_of_dicts(fields: list[str], rows: Iterable[dict]) -> str:
    """A header of `fields`, then each row's values in that order (a missing value is empty)."""
    return csv_text([fields, *([row.get(name, "") for name in fields] for row in rows)])
