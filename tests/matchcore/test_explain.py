"""Explanations: the terms behind a score, in readable words with diacritics."""

from incubator.matchcore import Document


def test_terms_are_shown_with_the_diacritics_of_the_accented_side(matcher):
    match = matcher.rank_one(Document("q", "startup", "kiem nghiem vi sinh thuc pham"), k=1)[0]
    assert match.target == "lab-food"
    assert "vi sinh" in match.terms
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
