"""The miner reads English ↔ Vietnamese pairs from bilingual text, both orders, and only term-like ones."""

import unicodedata

from incubator.glossary.mining import mine, mine_text


def pairs(text: str) -> list[tuple[str, str]]:
    return [(pair.english, pair.vietnamese) for pair in mine_text(text)]


def test_a_parenthesis_after_a_title_or_a_list_item_both_orders():
    assert pairs("Xử lý ngôn ngữ tự nhiên tiếng Việt (AI for Vietnamese NLP)") == [
        ("ai for vietnamese nlp", "xử lý ngôn ngữ tự nhiên tiếng việt")
    ]
    assert pairs("Chatbot, phân loại văn bản, nhận dạng chữ (OCR) cho hồ sơ") == [("ocr", "nhận dạng chữ")]
    assert pairs("Services: computer vision (thị giác máy tính); drones (máy bay không người lái)") == [
        ("computer vision", "thị giác máy tính"),
        ("drones", "máy bay không người lái"),
    ]


def test_a_dash_or_a_slash_between_two_short_sides():
    text = "Cắt laser – Laser cutting\nIn 3D / 3D printing\nĐóng gói - Packaging, Bao bì/Packaging film"
    assert pairs(text) == [
        ("laser cutting", "cắt laser"),
        ("packaging", "đóng gói"),
        ("packaging film", "bao bì"),
    ]


def test_terms_are_composed_lower_case_and_the_snippet_shows_where():
    found = mine_text(unicodedata.normalize("NFD", "Thiết bị: Máy đo cấu trúc (Texture Analyser), lò sấy"))
    assert [(p.english, p.vietnamese) for p in found] == [("texture analyser", "máy đo cấu trúc")]
    assert unicodedata.is_normalized("NFC", found[0].vietnamese)
    assert "Máy đo cấu trúc (Texture Analyser)" in found[0].snippet


def test_what_is_not_a_term_pair_is_left_out():
    for text in (
        # Vietnamese typed without diacritics cannot be told from English: not mined
        "Thi giac may tinh (computer vision)",
        "Computer vision (thi giac may tinh)",
        # a long sentence before a short parenthesis is not trimmed into a term
        "Kéo dài thời hạn sử dụng trái cây tươi và thực phẩm đông lạnh (shelf life)",
        # a list or examples inside the parenthesis, two sides in one language, a name, a language
        "Tuân thủ xanh (CBAM, due diligence)",
        "Gia công (ví dụ CNC)",
        "Mon–Sat 07:30–17:30 (night shifts on request)",
        "Trường Đại học Thủ Dầu Một (TDMU)",
        "Tiếng Việt (Vietnamese)",
        "Müller (máy hàn)",
    ):
        assert pairs(text) == [], text


def test_known_pairs_are_skipped_even_without_diacritics_and_sources_are_counted():
    texts = [
        ("a", "Thị giác máy tính (Computer vision)"),
        ("b", "Cắt laser – laser cutting"),
        ("c", "Dịch vụ: cắt laser (laser cutting)"),
    ]
    found = mine(texts, known=[("computer vision", "thi giac may tinh")])
    assert [(f.english, f.vietnamese, f.source, f.seen) for f in found] == [
        ("laser cutting", "cắt laser", "b", 2)
    ]
