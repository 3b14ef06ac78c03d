"""Command line: JSON lines in, one JSON line per source out; bad input is refused whole."""

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from incubator.matchcore import MatchParams
from incubator.matchcore.__main__ import params, parser

ROOT = Path(__file__).resolve().parents[2]
TARGETS = [
    {"id": "t1", "text": "Phòng thí nghiệm công nghệ thực phẩm", "kind": "lab"},
    {"id": "t2", "text": "Cơ khí chính xác, gia công CNC", "tags": ["cnc"]},
]
SOURCES = [{"id": "s1", "text": "cong nghe thuc pham"}, {"id": 7, "text": "gia cong co khi"}]


def write(path: Path, rows) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def run(sources: Path, targets: Path, *extra: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "incubator.matchcore", "rank", "--sources", str(sources)]
    command += ["--targets", str(targets), "--top-k", "2", *extra]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)


def test_rank_writes_one_json_line_per_source_best_first(tmp_path):
    result = run(write(tmp_path / "s.jsonl", SOURCES), write(tmp_path / "t.jsonl", TARGETS), "--explain")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 0
    assert [line["source"] for line in lines] == ["s1", "7"]
    assert lines[0]["matches"][0]["target"] == "t1"
    assert any("công nghệ" in term for term in lines[0]["matches"][0]["terms"])
    assert lines[1]["matches"][0]["target"] == "t2"


BAD_LINES = {
    "not JSON": (b'{"id": "a", "text": "x"}\n{oops\n', 2, "not valid JSON"),
    "missing id": (b'{"id": "a", "text": "x"}\n{"text": "y"}\n', 2, "'id'"),
    "missing text": (b'{"id": "a"}\n', 1, "'text'"),
    "duplicate id": (b'{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n', 2, "duplicate id"),
    "empty file": (b"", 1, "empty file"),
    "wrong encoding": (
        '{"id": "a", "text": "x"}\n{"id": "b", "text": "công"}\n'.encode("cp1258"),
        2,
        "UTF-8",
    ),
    "not an object": (b'["a", "x"]\n', 1, "JSON object"),
    "bad tags": (b'{"id": "a", "text": "x", "tags": "cnc"}\n', 1, "'tags'"),
}


@pytest.mark.parametrize("side", ["sources", "targets"])
@pytest.mark.parametrize("case", BAD_LINES)
def test_bad_input_gets_one_line_naming_file_and_line_and_no_output(tmp_path, case, side):
    content, line, reason = BAD_LINES[case]
    good_s, good_t = write(tmp_path / "s.jsonl", SOURCES), write(tmp_path / "t.jsonl", TARGETS)
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(content)
    result = run(bad, good_t) if side == "sources" else run(good_s, bad)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert f"{bad}:{line}:" in result.stderr and reason in result.stderr


@pytest.mark.parametrize(
    ("flags", "crosses"), [((), True), (("--glossary",), True), (("--no-glossary",), False)]
)
def test_at_its_defaults_an_english_need_finds_a_vietnamese_lab(tmp_path, flags, crosses):
    sources = write(tmp_path / "s.jsonl", [{"id": "s", "text": "Predictive maintenance for a stamping line"}])
    targets = write(tmp_path / "t.jsonl", [*TARGETS, {"id": "t3", "text": "Bảo trì dự đoán, dây chuyền dập"}])
    result = run(sources, targets, "--explain", *flags)
    matches = json.loads(result.stdout)["matches"]
    assert result.returncode == 0
    assert bool(matches) is crosses
    if crosses:
        assert matches[0]["target"] == "t3"
        assert "predictive maintenance ↔ bảo trì dự đoán" in matches[0]["terms"]


@pytest.mark.parametrize(
    ("flags", "changed"),
    [
        ((), {}),
        (("--glossary", "--background"), {}),
        (("--no-glossary",), {"glossary": False}),
        (("--no-background",), {"background": False}),
        (("--segments",), {}),
        (("--no-segments",), {"segment_weight": 0.0}),
    ],
)
def test_the_command_line_defaults_are_the_platform_s_and_its_flags_opt_out(flags, changed):
    args = parser().parse_args(["rank", "--sources", "s", "--targets", "t", *flags])
    assert params(args) == replace(MatchParams(), **changed)
    assert MatchParams() == DEFAULTS


# The defaults, pinned (bench/README.md, "Expertise through the defaults"): background IDF, the
# glossary counted across languages only, per-segment scoring below 10,000 targets, titles x3.
DEFAULTS = MatchParams(
    background=True, glossary=True, segment_weight="auto", title_weight=3, same_language_concepts=False
)
