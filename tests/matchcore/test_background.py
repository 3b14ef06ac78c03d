"""Background IDF: words common in the shipped background corpus are damped in a small corpus."""

import json
import unicodedata

from incubator.matchcore import Document, Matcher, MatchParams
from incubator.matchcore.background import DATA, background_texts

PROFILES = [
    "Giải pháp hệ thống cho nhà máy",
    "Sonotrode design for ultrasonic welding",
    "Xử lý nước thải dệt nhuộm",
    "Kiểm nghiệm vi sinh thực phẩm",
    "CNC machining of precision moulds",
    "Computer vision inspection of solder joints",
    "Cold chain for fresh fruit exports",
    "Sấy gỗ cao su bằng năng lượng mặt trời",
    "Route optimisation for container trucks",
    "Battery storage and inverter testing",
]


def idf(matcher: Matcher, term: str) -> float:
    return float(matcher.weights_.idf_[matcher.weights_.column(term)])


def fitted(background: bool) -> Matcher:
    documents = [Document(f"p{i}", "lab", text) for i, text in enumerate(PROFILES)]
    return Matcher(MatchParams(background=background)).fit(documents)


def test_a_word_common_in_the_background_is_damped_in_a_ten_profile_corpus():
    plain, blended = fitted(False), fitted(True)
    assert idf(plain, "giai phap") == idf(plain, "sonotrode")  # each in one of ten profiles
    assert idf(blended, "giai phap") < 0.7 * idf(blended, "sonotrode")
    assert idf(blended, "he thong") < idf(blended, "giai phap") < idf(blended, "sonotrode")


def test_the_background_changes_weights_not_the_vocabulary():
    plain, blended = fitted(False), fitted(True)
    assert (plain.weights_.keys_ == blended.weights_.keys_).all()


def test_the_background_corpus_is_bilingual_nfc_text():
    lines = (DATA / "background.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    assert len(rows) == len(background_texts()) >= 400
    assert {r["lang"] for r in rows} == {"en", "vi"}
    assert all(unicodedata.is_normalized("NFC", r["text"]) for r in rows)
