"""Concepts at every level, language per document, inflections and folding (issue 26), on small fixtures."""

from __future__ import annotations

import numpy as np

from incubator.matchcore import Document, Matcher, MatchParams
from incubator.matchcore.glossary import DATA, compiled, heads_table
from incubator.matchcore.hierarchy import parents
from incubator.matchcore.inflect import plural, singulars
from incubator.matchcore.keys import english_documents, stopped_and_english, word_keys
from incubator.matchcore.normalize import tokens


def phrases(text: str) -> set[str]:
    """The concepts `text` counts (its terms' and their ancestors'), by name without the prefix."""
    concepts, words = compiled(), tokens(text)
    keys, owner = word_keys(words), np.zeros(len(words), np.int64)
    found = concepts.scan(keys, owner, *stopped_and_english(keys, owner, 1))[2]
    return {concepts.names[key].removeprefix("concept:") for key in found.tolist()}


def test_a_specific_term_also_counts_as_its_head_in_both_languages():
    assert {"arc_welding", "welding"} <= phrases("hàn hồ quang cho khung thép")
    assert {"gas_chromatography", "chromatography"} <= phrases("gas chromatography of solvents")
    assert "chromatography" in phrases("phân tích sắc ký khí")


def test_a_concept_both_sides_contain_is_a_parent_but_one_syllable_heads_are_not():
    pairs = [
        (("patent", "registration"), ("dang", "ky", "sang", "che")),
        (("patent",), ("sang", "che")),
        (("microscope",), ("kinh", "hien", "vi")),
        (("glass",), ("kinh",)),
    ]
    names = {term: f"c:{pairs[i // 2][0][0]}" for i, term in enumerate(t for pair in pairs for t in pair)}
    names |= {("patent", "registration"): "c:reg", ("dang", "ky", "sang", "che"): "c:reg"}
    assert parents(pairs, names, names) == {"c:reg": {"c:patent"}}  # "kính hiển vi" is no kind of "kính"


def test_the_shipped_hierarchy_file_is_in_step_with_the_glossary():
    assert (DATA / "heads.tsv").read_text(encoding="utf-8") == heads_table()


def test_terse_english_lists_read_as_english_and_unaccented_vietnamese_as_vietnamese():
    texts = [
        "barcode, traceability, footwear",
        "CNC lathes, spindle heat, thermal error",
        "kiem tra bo mach bang camera, thieu linh kien",
        "Kiểm tra kích thước chi tiết dập bằng camera",
        "We need help with predictive maintenance of the presses.",
    ]
    assert english_documents([(t, ()) for t in texts]).tolist() == [True, True, False, False, True]
    assert {"barcode", "traceability"} <= phrases("barcode, traceability, footwear")


def test_english_inflections_meet_their_entry():
    assert plural("glaze") == "glazes" and plural("press") == "presses" and plural("battery") == "batteries"
    assert singulars("moulds") == ["mould"] and singulars("presses") == ["press"] and singulars("glass") == []
    assert phrases("injection moulds") == phrases("injection mould")


def test_one_syllable_vietnamese_terms_that_fold_like_common_words_never_fire():
    assert not phrases("kích thước chi tiết") & phrases("thuốc")  # thuốc (medicine) inside kích thước
    assert phrases("bộ điều khiển") == phrases("bo dieu khien")  # no "bò" (cattle) from "bộ"
    assert "cattle" not in phrases("bo dieu khien") | phrases("bỏ qua")


VISION_VI = "Phòng thí nghiệm thị giác máy tính: kiểm tra ngoại quan sản phẩm bằng camera."
HIRING_EN = "We help companies in Binh Duong hire and train workers for their factories."
FINANCE_EN = "Financial advice for companies in Binh Duong: loans, grants and accounts."
NEED_EN = "Our company in Binh Duong needs computer vision for visual inspection."


def test_a_cross_language_pair_outranks_same_language_pairs_that_share_only_generic_words():
    targets = [
        Document("vi-vision", "lab", VISION_VI),
        Document("en-hr", "lab", HIRING_EN),
        Document("en-fin", "lab", FINANCE_EN),
    ]
    source = Document("need", "challenge", NEED_EN)
    calibrated = {m.target: m for m in Matcher().fit(targets).rank_one(source, k=3)}
    plain = {
        m.target: m
        for m in Matcher(MatchParams(cross_language_weight=1.0)).fit(targets).rank_one(source, k=3)
    }
    assert max(calibrated, key=lambda t: calibrated[t].score) == "vi-vision"
    assert "computer vision ↔ thị giác máy tính" in calibrated["vi-vision"].terms
    assert plain["vi-vision"].score < calibrated["vi-vision"].score  # only the other language is scaled
    assert all(np.isclose(plain[t].score, calibrated[t].score) for t in plain if t.startswith("en-"))


def test_reasons_never_start_or_end_inside_a_vietnamese_word():
    targets = [
        Document("food", "lab", "Phòng thử nghiệm thực phẩm: thời hạn sử dụng của trái cây sấy, vi sinh."),
        Document("cnc", "lab", "Xưởng cơ khí: máy tiện CNC và máy phay."),
        Document("robot", "lab", "Robot công nghiệp và tự động hóa dây chuyền."),
    ]
    need = Document("need", "challenge", "Cần kiểm nghiệm thực phẩm trái cây sấy xuất khẩu")
    terms = Matcher().fit(targets).rank_one(need, k=1)[0].terms
    assert "thực phẩm" in terms and "trái cây sấy" in terms
    assert not any(term.startswith("nghiệm") for term in terms)  # never "nghiệm thực (phẩm)"
