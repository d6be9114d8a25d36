"""Forgiving mistakes (directory.spelling): pure functions."""

import pytest

from directory.spelling import (
    allowed_edits,
    best_correction,
    edit_distance,
    splits,
    transliterate,
    vocabulary_words,
)


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("cramps", "cramps", 0),
        ("cramsp", "cramps", 1),  # two letters swapped
        ("kulkarmi", "kulkarni", 1),
        ("gynacologist", "gynecologist", 1),
        ("constipaton", "constipation", 1),
        ("gynacolojist", "gynecologist", 2),
        ("pune", "mumbai", 4),  # capped at limit + 1
        ("", "abc", 3),
    ],
)
def test_edit_distance(a, b, distance):
    assert edit_distance(a, b) == distance
    assert edit_distance(b, a) == distance


@pytest.mark.parametrize(("word", "edits"), [("rao", 0), ("pune", 1), ("joshi", 1), ("cramps", 2)])
def test_short_words_are_allowed_fewer_mistakes(word, edits):
    assert allowed_edits(word) == edits


def test_the_closest_word_wins_then_the_same_length_then_the_most_used():
    assert best_correction("cramsp", [("cramp", 9), ("cramps", 1), ("camps", 50)]) == "cramps"
    assert best_correction("kulkarmi", [("kulkarni", 3), ("kulkarmo", 5)]) == "kulkarmo"
    assert best_correction("kulkarmi", [("kulkarni", 3), ("kulkar", 99)]) == "kulkarni"
    assert best_correction("rao", [("rai", 5)]) is None  # too short to guess
    assert best_correction("zzzzzz", [("cramps", 1)]) is None
    assert best_correction("cramps", [("cramps", 1)]) is None  # nothing to correct


def test_splits():
    assert splits("backpain", 3) == [("bac", "kpain"), ("back", "pain"), ("backp", "ain")]
    assert splits("abc", 2) == []


@pytest.mark.parametrize(
    ("devanagari", "latin"),
    [
        ("कुलकर्णी", "kulkarni"),
        ("पुणे", "pune"),
        ("शर्मा", "sharma"),
        ("जोशी", "joshi"),
        ("देशपांडे", "deshpande"),
        ("मुंबई", "mumbai"),
        ("स्नेहल", "snehal"),
        ("कमला", "kamla"),
        ("ज़ैनब", "zainab"),
        ("pune", "pune"),  # not Devanagari: unchanged
    ],
)
def test_devanagari_names_in_latin_letters(devanagari, latin):
    assert transliterate(devanagari) == latin


def test_the_vocabulary_keeps_words_of_three_to_forty_letters_once_per_text():
    counts = vocabulary_words(["Dr Asha Kulkarni, Kulkarni Clinic", "asha " + "x" * 41])
    assert counts == {"asha": 2, "kulkarni": 1, "clinic": 1}
