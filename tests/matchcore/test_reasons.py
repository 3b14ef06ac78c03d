"""Reasons people read: whole words and phrases with meaning, never syllables, names or filler."""

import pytest

from incubator.matchcore import Document, Matcher
from incubator.matchcore.reasons import is_reason

FILLER = Document("food", "lab", "Phòng thí nghiệm kiểm nghiệm vi sinh thực phẩm và dư lượng thuốc trừ sâu.")


def reasons(target: Document, source: Document) -> tuple[str, ...]:
    matcher = Matcher().fit([target, FILLER, Document("x", "lab", "Wastewater treatment pilot plant")])
    found = [m for m in matcher.rank_one(source, k=3) if m.target == target.id]
    return found[0].terms if found else ()


def test_a_pair_that_shares_only_boilerplate_has_no_reason():
    target = Document(
        "t", "lab", "Our company in Binh Duong has a professional team and reliable quality for customers."
    )
    source = Document(
        "s", "challenge", "Our company in Binh Duong, Vietnam, serves Japanese customers every day."
    )
    assert reasons(target, source) == ()


def test_a_lone_vietnamese_syllable_is_never_a_reason():
    target = Document("t", "capability", "Công nghệ chế tạo khuôn mẫu cơ khí chính xác cho ngành ô tô")
    source = Document("s", "challenge", "Cần công cụ tính chi phí chuyên chở hàng cho khách")
    assert not [t for t in reasons(target, source) if " " not in t]


def test_a_vietnamese_word_without_diacritics_still_meets_its_accented_form():
    target = Document("t", "capability", "Bảo trì dự đoán cho máy dập bằng cảm biến rung")
    source = Document("s", "challenge", "Can bao tri du doan cho may dap trong nha may")
    assert "bảo trì dự đoán" in reasons(target, source)


def test_place_names_and_numbers_are_not_reasons():
    target = Document("t", "lab", "Xưởng 16.000 m2 ở Bình Dương: gia công CNC chính xác 5 trục")
    source = Document("s", "startup", "Khởi nghiệp ở Bình Dương cần gia công CNC chính xác 16.000 m2")
    shown = reasons(target, source)
    assert "gia công cnc chính xác" in [t.casefold() for t in shown]
    assert not any("bình dương" in t.casefold() or any(c.isdigit() for c in t) for t in shown)


@pytest.mark.parametrize(
    ("term", "written", "vietnamese", "expected"),
    [
        ("predictive maintenance", "predictive maintenance", False, True),
        ("iot", "IoT", False, True),
        ("cong", "công", False, False),
        ("cho", "cho", True, False),
        ("binh duong", "Bình Dương", False, False),
        ("customers", "customers", False, False),
        ("the of", "the of", False, False),
        ("16 000", "16.000", False, False),
        ("mm", "mm", False, False),
        ("tag:iot", "IoT", True, True),
    ],
)
def test_is_reason(term, written, vietnamese, expected):
    assert is_reason(term, written, vietnamese) is expected
