"""Explanations: the terms behind a score, in readable words with diacritics."""

from incubator.matchcore import Document, Matcher


def test_terms_are_shown_with_the_diacritics_of_the_accented_side(matcher):
    match = matcher.rank_one(Document("q", "startup", "kiem nghiem vi sinh thuc pham"), k=1)[0]
    assert match.target == "lab-food"
    assert "kiểm nghiệm vi sinh" in match.terms
    assert any("thực phẩm" in term for term in match.terms)
    assert not any("thuc" in term for term in match.terms)


def test_english_terms_are_plain_words(matcher):
    match = matcher.rank_one(Document("q", "startup", "computer vision for inspection"), k=1)[0]
    assert match.terms[0] == "computer vision"


def test_tags_contribute_and_are_shown_as_written(matcher):
    match = matcher.rank_one(Document("q", "startup", "device fleet", ("IoT",)), k=1)[0]
    assert match.target == "lab-iot" and "iot" in [t.casefold() for t in match.terms]


def test_explanations_can_be_skipped(matcher):
    match = matcher.rank_one(Document("q", "startup", "computer vision"), k=1, explain=False)[0]
    assert match.terms == ()


def test_a_tag_and_the_same_words_in_the_text_are_shown_once():
    target = Document(
        "m", "mentor", "Mentor for mechanical engineering suppliers", ("Mechanical engineering",)
    )
    matcher = Matcher().fit([target, Document("x", "lab", "Food safety lab")])
    source = Document(
        "c", "challenge", "Stamping presses, mechanical engineering", ("mechanical engineering",)
    )
    terms = matcher.rank_one(source, k=1)[0].terms
    assert [t.casefold() for t in terms].count("mechanical engineering") == 1
    assert "mechanical" not in terms and "engineering" not in terms


def test_numbers_and_single_characters_are_never_shown():
    target = Document("w", "lab", "Workshop of 16,000 m² with 6 presses, 0 downtime, x axis")
    matcher = Matcher().fit([target, Document("x", "lab", "Food safety lab")])
    source = Document("s", "startup", "We need 16,000 m² and 6 presses with 0 downtime on the x axis")
    terms = matcher.rank_one(source, k=1)[0].terms
    assert terms and not any(sum(map(str.isalpha, w)) < 2 for t in terms for w in t.split())


def test_chained_vietnamese_syllables_are_shown_as_one_phrase_with_diacritics():
    target = Document("cap", "capability", "Bảo trì dự đoán và kiểm tra kích thước bằng máy đo, thời gian.")
    matcher = Matcher().fit([target, Document("x", "lab", "Phòng thí nghiệm thực phẩm")])
    source = Document("c", "challenge", "Cần bảo tri du doan cho máy dập; kiem tra kich thuoc bằng thời gian")
    terms = matcher.rank_one(source, k=1)[0].terms
    assert "bảo trì dự đoán" in terms and "kiểm tra kích thước" in terms
    assert not {"máy", "bằng", "thời gian", "trì", "kích thước"} & set(terms)


def test_phrases_do_not_run_across_punctuation():
    target = Document("t", "lab", "Xử lý nước thải, môi trường công nghiệp")
    matcher = Matcher().fit([target, Document("x", "lab", "Phòng thí nghiệm thực phẩm")])
    source = Document("s", "startup", "xu ly nuoc thai moi truong")
    terms = matcher.rank_one(source, k=1)[0].terms
    assert "xử lý nước thải" in terms and "môi trường" in terms
    assert not any("thải môi" in t for t in terms)
