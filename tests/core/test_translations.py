"""Every interface string has a Vietnamese translation that keeps its placeholders."""

import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def extracted_messages(tmp_path: Path) -> set:
    """msgids found in the code and templates right now."""
    pot = tmp_path / "messages.pot"
    command = [str(Path(sys.executable).parent / "pybabel"), "extract", "-F", "babel.cfg",
               "-k", "_l", "-k", "lazy_gettext", "-k", "N_", "-o", str(pot), "."]  # fmt: skip
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    with pot.open("rb") as source:
        return {m.id for m in read_po(source) if m.id}


def test_every_interface_string_is_translated_to_vietnamese(tmp_path):
    with (ROOT / "incubator/translations/vi/LC_MESSAGES/messages.po").open("rb") as source:
        catalogue = {m.id: m for m in read_po(source) if m.id}
    missing = [i for i in extracted_messages(tmp_path) if i not in catalogue or catalogue[i].fuzzy]
    assert missing == [], "run pybabel extract/update and translate these"
    for message in catalogue.values():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), message.id
        expected = set(PLACEHOLDER.findall(ids[-1]))
        assert all(set(PLACEHOLDER.findall(s)) == expected for s in strings), message.id
