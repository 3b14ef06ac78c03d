"""The shipped glossary data passes its own check (data/check.py), which refuses the rows it must."""

import shutil
import subprocess
import sys

import pytest

from incubator.matchcore.glossary import DATA

FILES = ("glossary.tsv", "glossary_extra.tsv", "background.jsonl")


def run_check(folder):
    """Run data/check.py on `folder`; return (exit status, output)."""
    command = [sys.executable, str(DATA / "check.py"), str(folder)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return done.returncode, done.stdout


def test_the_shipped_glossaries_and_background_pass_the_data_check():
    status, output = run_check(DATA)
    assert status == 0, output
    assert "OK: all checks passed" in output


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("manufacturing\tarc welding\thàn hồ quang", "pair already in glossary.tsv"),
        ("manufacturing\twelding\thàn", "folds to one common syllable"),
        ("electronics\tcapacitor bank unit\ttủ điện", "folds like ['tụ điện']"),
        ("food\tfreezer\ttủ đông", "in the background texts"),
    ],
)
def test_the_data_check_refuses_an_extra_row_that_breaks_a_rule(tmp_path, row, problem):
    for name in FILES:
        shutil.copy(DATA / name, tmp_path / name)
    with (tmp_path / "glossary_extra.tsv").open("a", encoding="utf-8") as extra:
        extra.write(row + "\n")
    status, output = run_check(tmp_path)
    assert status == 1
    assert problem in output
