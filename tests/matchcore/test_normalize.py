"""Normalisation: NFC, case folding, Vietnamese diacritics, stop words, n-grams."""

import unicodedata

from incubator.matchcore.normalize import fold, tokens, word_ngrams


def test_text_without_accents_meets_accented_text():
    assert tokens("Công Nghệ Thực Phẩm") == tokens("cong nghe thuc pham")


def test_d_with_stroke_folds_to_d():
    assert fold("Đại học Đà Nẵng") == "dai hoc da nang"


def test_decomposed_input_folds_like_composed_input():
    composed = "phòng thí nghiệm"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert tokens(decomposed) == tokens(composed) == ["phong", "thi", "nghiem"]


def test_multi_syllable_vietnamese_words_become_bigrams():
    assert "cong nghe" in word_ngrams(tokens("công nghệ sinh học"))


def test_english_stop_words_are_dropped_and_do_not_form_bigrams():
    terms = word_ngrams(tokens("The analysis of the food samples"))
    assert "the" not in terms and "of the" not in terms
    assert "food samples" in terms


def test_vietnamese_content_syllables_that_look_like_english_stop_words_survive():
    terms = word_ngrams(tokens("may moc an toan, in an bao bi"))
    assert {"may moc", "an toan", "bao bi"} <= set(terms)
