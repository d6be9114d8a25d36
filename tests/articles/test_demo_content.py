"""The demo library's clinical content, read straight from `demo_content` and `demo_content_hi` (no
database): each red flag carries one urgency, the danger-signs article covers the signs the MCP card
leaves out and the weeks after the birth, and low mood is not left to the next check-up."""

import re

import pytest

from articles.demo_content import ARTICLES, NICE_MENTAL_HEALTH, TELE_MANAS
from articles.demo_content_hi import DANGER_SIGNS as DANGER_SIGNS_HI
from articles.demo_content_hi import HINDI_ARTICLES
from articles.models import DANGER_SIGNS_SLUG, Urgency

ENGLISH = {article.slug: article for article in ARTICLES}
ALL_ARTICLES = ARTICLES + HINDI_ARTICLES

# Words that tell the reader how soon to act, by the urgency they belong to. A red flag names only its
# own urgency's action: a flag under one heading that sends part of its readers somewhere else at
# another speed, "(... call your doctor today.)" under "Go to hospital now", mixes two urgencies and
# belongs split in two flags.
ACTION_WORDS = {
    Urgency.CALL_108: ("call 108", "108 पर फोन"),
    Urgency.HOSPITAL_NOW: ("go to hospital", "go to the nearest hospital", "अस्पताल जाएँ"),
    Urgency.WITHIN_24_HOURS: (
        "today",
        "same day",
        "within a day",
        "within 24 hours",
        "आज ही",
        "उसी दिन",
        "24 घंटे के अंदर",
    ),
    Urgency.NEXT_VISIT: ("next check-up", "next visit", "next antenatal", "अगली जांच"),
}
# A flag that quietly raises its own urgency ("... two weeks or more (sooner if it is getting worse)").
SOONER = ("sooner", "पहले ही बताएँ")

every_flag = pytest.mark.parametrize(
    ("slug", "urgency", "text"),
    [
        pytest.param(article.slug, urgency, text, id=f"{article.slug}-{n}")
        for article in ALL_ARTICLES
        for n, (urgency, text) in enumerate(article.red_flags, start=1)
    ],
)
every_article = pytest.mark.parametrize("article", ALL_ARTICLES, ids=lambda a: a.slug)


def _flags(article, *words):
    """The urgency of every flag that contains all the words (case-insensitive), in order."""
    return [u for u, text in article.red_flags if all(w.lower() in text.lower() for w in words)]


def _answer(article, heading_start):
    return next(answer for heading, answer, _ in article.sections if heading.startswith(heading_start))


def _callout(article):
    return next(answer for _, answer, callout in article.sections if callout)


# ---- every article, both languages ------------------------------------------------------------


@every_flag
def test_no_red_flag_names_the_action_of_another_urgency(slug, urgency, text):
    lowered = text.lower()
    for other, words in ACTION_WORDS.items():
        if other != urgency:
            assert not [w for w in words if w in lowered], (slug, urgency, text)
    assert not [w for w in SOONER if w in lowered], (slug, urgency, text)


@every_flag
def test_no_red_flag_hides_a_second_instruction_in_brackets(slug, urgency, text):
    """Brackets gloss a word, "(deep vein thrombosis)", "(free, at any hour)": they never hold a
    sentence of their own, which is how a second sign with another urgency crept into one flag."""
    for inside in re.findall(r"\(([^)]*)\)", text):
        assert not re.search(r"[:.।]", inside), (slug, text)


@every_article
def test_each_article_keeps_one_callout_with_red_flags(article):
    assert 4 <= len(article.sections) <= 6, article.slug
    assert sum(1 for _, _, callout in article.sections if callout) == 1, article.slug
    assert article.red_flags and all(isinstance(u, Urgency) for u, _ in article.red_flags)
    assert all(len(text) <= 300 for _, text in article.red_flags), article.slug
    assert len({text for _, text in article.red_flags}) == len(article.red_flags), article.slug


# ---- the danger-signs article -------------------------------------------------------------------


@pytest.fixture
def danger():
    return ENGLISH[DANGER_SIGNS_SLUG]


def test_light_painless_spotting_is_its_own_flag_within_24_hours_as_in_the_bleeding_article(danger):
    assert _flags(danger, "spotting without pain before 12 weeks") == [Urgency.WITHIN_24_HOURS]
    assert _flags(danger, "call your doctor today") == []
    assert (
        Urgency.HOSPITAL_NOW,
        "Bleeding from the vagina after 12 weeks, even if light, or bleeding with pain at any stage.",
    ) in danger.red_flags
    spotting = [f for f in danger.red_flags if "spotting" in f[1]]
    assert spotting == [f for f in ENGLISH["bleeding-in-pregnancy"].red_flags if "spotting" in f[1]]


def test_the_text_names_the_one_exception_to_at_once(danger):
    for answer in (danger.sections[0][1], _callout(danger)):
        assert "light spotting without pain before 12 weeks" in answer
        assert "doctor today" in answer
    assert len(re.findall(r"^- ", danger.sections[0][1], re.M)) == 9  # the MCP card's signs, as before


def test_pain_below_the_ribs_and_a_painful_swollen_calf_mean_hospital_now(danger):
    assert _flags(danger, "below your ribs") == [Urgency.HOSPITAL_NOW]
    assert _flags(danger, "calf", "swollen", "deep vein thrombosis") == [Urgency.HOSPITAL_NOW]
    first = danger.sections[0][1]
    assert "pain just below your ribs" in first and "calf" in first
    assert any(
        src.url.startswith("https://www.nhs.uk/conditions/deep-vein-thrombosis") for src in danger.sources
    )


def test_the_signs_after_the_birth_have_a_section_and_their_own_flags(danger):
    headings = [heading for heading, _, _ in danger.sections]
    assert "Which signs after the birth need a hospital?" in headings
    assert headings.index("Which signs after the birth need a hospital?") < headings.index(
        "When to see a doctor"
    )
    assert _flags(danger, "after the birth", "heavy bleeding", "soaking a pad in an hour or less") == [
        Urgency.CALL_108
    ]
    assert _flags(danger, "after the birth", "fever", "smells bad") == [Urgency.HOSPITAL_NOW]
    assert _flags(danger, "after the birth", "breast", "caesarean wound") == [Urgency.WITHIN_24_HOURS]
    assert _flags(danger, "fits", "after the birth") == [Urgency.CALL_108]
    assert _flags(danger, "severe headache", "after the birth") == [Urgency.HOSPITAL_NOW]
    # A breast or wound with a fever is not "within 24 hours": the fever flag above sends her now.
    assert "without a fever" in next(t for u, t in danger.red_flags if "breast" in t)
    urls = {src.url for src in danger.sources}
    assert "https://www.who.int/publications/i/item/9789240045989" in urls  # WHO postnatal care, 2022


def test_low_mood_and_thoughts_of_harm_after_the_birth_have_their_own_flags(danger):
    """Depression after the birth is common and treatable (NICE CG192): two weeks of low mood is "within
    24 hours"; thoughts of harming herself or the baby mean hospital now, with Tele-MANAS 14416."""
    assert _flags(danger, "after the birth", "feeling low", "two weeks") == [Urgency.WITHIN_24_HOURS]
    assert _flags(danger, "after the birth", "harming yourself or your baby", "14416") == [
        Urgency.HOSPITAL_NOW
    ]
    assert "harming yourself or your baby" in _answer(danger, "Which signs after the birth")
    assert {src.url for src in danger.sources} >= {src.url for src in (NICE_MENTAL_HEALTH, TELE_MANAS)}
    assert [u for u, text in DANGER_SIGNS_HI.red_flags if "14416" in text] == [Urgency.HOSPITAL_NOW]
    assert [u for u, text in DANGER_SIGNS_HI.red_flags if "मन उदास" in text] == [Urgency.WITHIN_24_HOURS]


def test_pmsma_is_for_the_second_and_third_trimesters_and_cited(danger):
    sentence = next(s for s in re.split(r"(?<=\.)\s|\n", _answer(danger, "How can I be ready")) if "9th" in s)
    assert (
        "second and third trimesters" in sentence and "Pradhan Mantri Surakshit Matritva Abhiyan" in sentence
    )
    assert "https://pmsma.mohfw.gov.in/" in {src.url for src in danger.sources}
    assert "[112](tel:112)" in _answer(danger, "How do I get to hospital")


# ---- the tiredness article ----------------------------------------------------------------------


def test_low_mood_is_within_24_hours_with_tele_manas_and_self_harm_is_never_the_same_day():
    tiredness = ENGLISH["tiredness-in-pregnancy"]
    assert _flags(tiredness, "feeling low, hopeless or anxious") == [Urgency.WITHIN_24_HOURS]
    low_mood = next(t for _, t in tiredness.red_flags if t.startswith("Feeling low"))
    assert "Tele-MANAS on 14416" in low_mood
    callout = _callout(tiredness)
    assert "same day" not in callout
    assert "at once" in callout and "[14416](tel:14416)" in callout and "[108](tel:108)" in callout
    assert _flags(tiredness, "harming yourself") == [Urgency.CALL_108, Urgency.HOSPITAL_NOW]
    assert "without waiting for your next check-up" in _answer(tiredness, "Is it normal to feel low")
