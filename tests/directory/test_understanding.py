"""Reading what patients type (directory.understanding): pure functions, a small lexicon."""

import pytest

from directory.understanding import Lexicon, Place, TextQuery, Tongue, read, tokens

PUNE, BENGALURU, HYDERABAD = (
    Place(1, "pune", "Pune"),
    Place(2, "bengaluru", "Bengaluru"),
    Place(3, "hyderabad", "Hyderabad"),
)
MARATHI, HINDI = Tongue(3, "marathi", "Marathi"), Tongue(1, "hindi", "Hindi")
LEXICON = Lexicon.build(
    terms=[
        ("gynaecologist", "gynecologist"),
        ("Lady Doctor", "female doctor"),
        ("C-Section", "caesarean"),
        ("lscs", "caesarean"),
        ("acidity", "heartburn"),
        ("swelling feet", "swollen feet"),
        ("bangalore", "bengaluru"),
        ("बेंगलुरु", "bengaluru"),
        ("पैर", "leg"),
        ("ऐंठन", "cramps"),
        ("womens", "women"),
        *[(word, "") for word in ("in", "near", "speaking", "में", "dr", "a", "how", "to", "with")],
    ],
    places=[PUNE, BENGALURU, HYDERABAD],
    tongues=[MARATHI, HINDI],
)


def parts(*words_or_alternatives):
    """TextQuery parts: a string is one word; a tuple of strings is alternatives (each may be "a b")."""
    built = []
    for item in words_or_alternatives:
        alternatives = item if isinstance(item, tuple) else (item,)
        built.append(tuple(tuple(a.split()) for a in alternatives))
    return tuple(built)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Leg  CRAMPS!", ["leg", "cramps"]),
        ("c-section/LSCS", ["c", "section", "lscs"]),
        ("women's", ["women", "s"]),
        ("पैर में ऐंठन", ["पैर", "में", "ऐंठन"]),  # vowel signs stay in their word
        ("न\u200dहीं", ["नहीं"]),  # a zero-width joiner does not split a word
        ("₹1,000 १२३", ["1", "000", "१२३"]),
        ("'; DROP TABLE x; --", ["drop", "table", "x"]),
        ('"NEAR" AND * OR', ["near", "and", "or"]),
        ("🤰🏽 %%% ___", []),
        ("ＰＵＮＥ", ["pune"]),  # full-width letters
    ],
)
def test_tokens_are_words_in_any_script(text, words):
    assert tokens(text) == words


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("gynecologist pune", {"kind": "doctors", "city": PUNE}),
        ("gynaecologists", {"kind": "doctors"}),
        ("Gynecologists in Pune", {"kind": "doctors", "city": PUNE}),
        ("lady doctor bangalore", {"kind": "doctors", "city": BENGALURU, "gender": "female"}),
        ("marathi speaking gynecologist", {"kind": "doctors", "tongues": (MARATHI,)}),
        ("marathi hindi", {"tongues": (MARATHI, HINDI)}),
        ("male doctor", {"kind": "doctors", "gender": "male"}),
        ("c section cost hyderabad", {"city": HYDERABAD, "delivery_type": "caesarean", "by_price": True}),
        ("LSCS", {"delivery_type": "caesarean"}),
        ("normal delivery", {"delivery_type": "normal"}),
        ("caesarean with tubectomy", {"delivery_type": "caesarean_tubectomy"}),
        ("maternity packages pune", {"kind": "packages", "city": PUNE}),
        ("nursing home", {"kind": "hospitals"}),
        ("gynecologist fees", {"kind": "doctors", "by_price": True}),
        ("बेंगलुरु", {"city": BENGALURU, "hindi": True}),
    ],
)
def test_filters_are_read_from_the_words(typed, expected):
    reading = read(typed, LEXICON)
    defaults = {"kind": None, "city": None, "tongues": (), "gender": None, "delivery_type": None,
                "by_price": False, "hindi": False}  # fmt: skip
    for name, value in {**defaults, **expected}.items():
        assert getattr(reading, name) == value, name
    assert reading.text == TextQuery()


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ("leg cramps", parts("leg", "cramps")),
        # A term is searched as typed or as it means.
        ("acidity", parts(("acidity", "heartburn"))),
        ("swelling feet", parts(("swelling feet", "swollen feet"))),
        ("पैर में ऐंठन", parts(("पैर", "leg"), ("ऐंठन", "cramps"))),
        # Filler words and filters leave the rest.
        ("dr asha kulkarni in pune", parts("asha", "kulkarni")),
        ("how to stop leg cramps", parts("stop", "leg", "cramps")),
        # A stray letter from an apostrophe would match everything: it goes.
        ("womens hospital", parts(("womens", "women"))),
        ("sahyadri women's", parts("sahyadri", "women")),
        # A second city stays as words to search (only one city is a filter).
        ("pune hyderabad", parts("hyderabad")),
    ],
)
def test_what_is_left_is_searched_as_text(typed, text):
    assert read(typed, LEXICON).text.parts == text


def test_articles_are_searched_for_topics_and_a_city_alone():
    assert read("caesarean cost pune", LEXICON).article_query().parts == parts("caesarean")
    assert read("c section", LEXICON).article_query().parts == parts("caesarean")
    assert read("pune", LEXICON).article_query().parts == parts("pune")
    assert read("gynecologist pune", LEXICON).article_query().parts == ()  # doctors only
    assert read("leg cramps pune", LEXICON).article_query().parts == parts("leg", "cramps")


@pytest.mark.parametrize(
    ("typed", "listing"),
    [
        ("marathi", "doctors"),
        ("female", "doctors"),
        ("caesarean", "packages"),
        ("cost", "packages"),
        ("gynecologist cost", "doctors"),
        ("hospital caesarean", "hospitals"),
        ("pune", None),
        ("leg cramps", None),
    ],
)
def test_the_listing_asked_for_is_said_or_implied(typed, listing):
    assert read(typed, LEXICON).listing == listing


@pytest.mark.parametrize("typed", ["", "   ", "%%%", "in near a", "🙂", "---"])
def test_nothing_to_search_for(typed):
    assert read(typed, LEXICON).empty


def test_long_queries_are_cut_to_a_bounded_number_of_words():
    reading = read("cramps " * 200, LEXICON)
    assert len(reading.text.parts) == 8
    assert read("x" * 500, LEXICON).text.parts == parts("x" * 500)
