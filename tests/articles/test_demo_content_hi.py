"""The Hindi demo articles: each the counterpart of an English demo article, clinically the same, safe
under the PCPNDT Act, valid Markdown, and written in Hindi."""

import re
import unicodedata

import pytest

from articles.demo_content import ARTICLES, TOPICS
from articles.demo_content_hi import CALLOUT, HINDI_ARTICLES, TRANSLATION_OF
from articles.models import DANGER_SIGNS_SLUG, Urgency
from articles.rendering import markdown_problems, render_markdown
from directory.pcpndt import sex_determination_problem

ENGLISH = {article.slug: article for article in ARTICLES}
REQUIRED = {
    "leg-cramps-in-pregnancy",
    DANGER_SIGNS_SLUG,
    "reduced-baby-movements",
    "bleeding-in-pregnancy",
    "morning-sickness",
    "tiredness-in-pregnancy",
}
# The only words in Latin letters the Hindi articles use: abbreviations and terms people say in
# English, units, one name and one medicine named beside its Hindi name.
LATIN_WORDS = {
    "ANM", "B", "BP", "C", "CTG", "Cochrane", "DVT", "Hb", "IFA", "JSSK", "MCP", "O", "Rh", "anti", "D",
    "mg", "mcg", "quinine", "tel",
}  # fmt: skip

by_slug = pytest.mark.parametrize("article", HINDI_ARTICLES, ids=lambda a: a.slug)


def english(article):
    return ENGLISH[TRANSLATION_OF[article.slug]]


def strings(article):
    """Every text a reader sees, and the slug."""
    yield article.slug
    yield article.title
    yield article.standfirst
    for heading, answer, _ in article.sections:
        yield heading
        yield answer
    for _, text in article.red_flags:
        yield text


def flags(article, word):
    return [urgency for urgency, text in article.red_flags if word in text]


def text(article):
    return "\n".join(strings(article))


def test_six_hindi_articles_one_for_each_required_english_article_leg_cramps_among_them():
    slugs = [article.slug for article in HINDI_ARTICLES]
    assert len(HINDI_ARTICLES) >= 6
    assert set(TRANSLATION_OF) == set(slugs)
    assert set(TRANSLATION_OF.values()) <= set(ENGLISH)  # every one maps to an existing English article
    assert len(set(TRANSLATION_OF.values())) == len(TRANSLATION_OF)  # and no two to the same one
    assert set(TRANSLATION_OF.values()) >= REQUIRED
    assert TRANSLATION_OF["garbhavastha-mein-pair-mein-ainthan"] == "leg-cramps-in-pregnancy"


def test_slugs_are_unique_romanised_ascii_and_differ_from_the_english_ones():
    slugs = [article.slug for article in HINDI_ARTICLES]
    assert len(slugs) == len(set(slugs))
    for slug in slugs:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
        assert len(slug) <= 160
        assert slug not in ENGLISH


@by_slug
def test_fields_fit_the_model_and_topics_and_sources_are_the_english_articles(article):
    assert len(article.title) <= 150 and len(article.standfirst) <= 300
    assert all(len(heading) <= 200 for heading, _, _ in article.sections)
    assert all(len(flag) <= 300 for _, flag in article.red_flags)
    assert set(article.topics) <= {slug for slug, *_ in TOPICS}
    assert article.topics == english(article).topics
    assert article.sources == english(article).sources


@by_slug
def test_every_answer_is_markdown_the_page_shows_as_written(article):
    assert 4 <= len(article.sections) <= 6
    for heading, answer, _ in article.sections:
        assert markdown_problems(answer) == [], heading
        assert render_markdown(answer).startswith(("<p>", "<ul>")), heading
        assert heading.endswith("?") or heading == CALLOUT, heading


@by_slug
def test_nothing_offers_or_hints_at_prenatal_sex_determination(article):
    for string in strings(article):
        assert sex_determination_problem(string) is None, string
    assert sex_determination_problem(text(article)) is None


@by_slug
def test_one_callout_and_the_english_articles_red_flags_with_the_same_urgencies(article):
    callouts = [heading for heading, _, callout in article.sections if callout]
    assert callouts == [CALLOUT] == ["डॉक्टर को कब दिखाएँ"]
    assert article.red_flags
    assert [u for u, _ in article.red_flags] == [u for u, _ in english(article).red_flags]
    assert all(isinstance(u, Urgency) for u, _ in article.red_flags)


@by_slug
def test_the_text_is_hindi_in_devanagari(article):
    letters = [
        char
        for string in strings(article)
        if string != article.slug
        for char in re.sub(r"\]\([^)]*\)", "]", string)  # not the addresses of links
        if unicodedata.category(char)[0] in "LM"
    ]
    devanagari = sum(1 for char in letters if "\u0900" <= char <= "\u097f")
    assert devanagari / len(letters) > 0.9
    for string in strings(article):
        if string != article.slug:
            assert set(re.findall(r"[A-Za-z]+", string)) <= LATIN_WORDS, string


def test_leg_cramps_clot_urgencies_calcium_and_quinine():
    article = next(a for a in HINDI_ARTICLES if TRANSLATION_OF[a.slug] == "leg-cramps-in-pregnancy")
    assert flags(article, "फेफड़ों") == [Urgency.CALL_108]
    assert flags(article, "DVT") == [Urgency.HOSPITAL_NOW]
    body = text(article)
    assert "14वें हफ्ते से दिन में दो बार 500 mg कैल्शियम" in body
    assert "**डॉक्टर के बताए अनुसार लेती रहें।**" in body
    assert "**ऐंठन के लिए कुनैन (quinine) बिल्कुल न लें।**" in body
    assert "उसी दिन" not in body  # a clot means hospital now, not the same day


def test_tiredness_states_indias_iron_and_calcium_norms_tele_manas_and_drops_jaggery():
    article = next(a for a in HINDI_ARTICLES if TRANSLATION_OF[a.slug] == "tiredness-in-pregnancy")
    body = text(article)
    assert "रोज एक गोली (60 mg आयरन और 500 mcg फोलिक एसिड)" in body
    assert "गर्भ में कम से कम 180 दिन, और फिर बच्चे के जन्म के बाद भी 180 दिन" in body
    assert "500 mg, दिन में दो बार, 14वें हफ्ते से बच्चे के जन्म के 6 महीने बाद तक" in body
    assert "टेली-मानस को [14416](tel:14416)" in body and "[108](tel:108)" in body
    assert "**गुड़ में ज्यादातर चीनी ही होती है**" in body
    assert flags(article, "नुकसान पहुँचाने") == [Urgency.CALL_108, Urgency.HOSPITAL_NOW]


def test_danger_signs_list_the_mcp_card_signs_and_the_numbers_108_102_and_112():
    article = next(a for a in HINDI_ARTICLES if TRANSLATION_OF[a.slug] == DANGER_SIGNS_SLUG)
    first_answer = article.sections[0][1]
    assert len(re.findall(r"^- ", first_answer, re.M)) == 9
    body = text(article)
    for link in ("[108](tel:108)", "[102](tel:102)", "[112](tel:112)"):
        assert link in body
    assert "JSSK" in body and "9 तारीख" in body


def test_bleeding_and_movements_urgencies():
    bleeding = next(a for a in HINDI_ARTICLES if TRANSLATION_OF[a.slug] == "bleeding-in-pregnancy")
    assert flags(bleeding, "पूरा पैड भीग जाना") == [Urgency.CALL_108]
    # A burst ectopic pregnancy is 108; one-sided or shoulder-tip pain is hospital now (as in English).
    assert flags(bleeding, "एक्टोपिक") == [Urgency.CALL_108, Urgency.HOSPITAL_NOW]
    movements = next(a for a in HINDI_ARTICLES if TRANSLATION_OF[a.slug] == "reduced-baby-movements")
    assert flags(movements, "कम हिलना") == [Urgency.HOSPITAL_NOW]
    assert flags(movements, "बिल्कुल न हिलना") == [Urgency.HOSPITAL_NOW]
    sickness = next(a for a in HINDI_ARTICLES if TRANSLATION_OF[a.slug] == "morning-sickness")
    assert flags(sickness, "24 घंटे") == [Urgency.HOSPITAL_NOW]  # nothing kept down for a day
    assert "16 से 20 हफ्ते" in text(sickness)


@by_slug
def test_each_red_flag_matches_its_english_flag_in_order_numbers_and_the_weeks_after_the_birth(article):
    """The same flags in the same order: beside the urgencies (above), the n-th Hindi flag gives the
    same numbers (weeks, hours, 14416) as the n-th English flag, and speaks of the time after the birth
    exactly where the English does."""
    original = english(article)
    assert len(article.red_flags) == len(original.red_flags)
    for (_, hindi), (_, text) in zip(article.red_flags, original.red_flags, strict=True):
        assert re.findall(r"\d+", hindi) == re.findall(r"\d+", text), (hindi, text)
        assert ("जन्म के बाद" in hindi) == ("after the birth" in text.lower()), (hindi, text)


def test_danger_signs_split_early_spotting_add_ribs_calf_and_the_weeks_after_the_birth():
    article = next(a for a in HINDI_ARTICLES if TRANSLATION_OF[a.slug] == DANGER_SIGNS_SLUG)
    assert flags(article, "बिना दर्द के हल्के धब्बे") == [Urgency.WITHIN_24_HOURS]
    assert flags(article, "आज ही") == [Urgency.WITHIN_24_HOURS]
    assert flags(article, "पसलियों के ठीक नीचे") == [Urgency.HOSPITAL_NOW]
    assert flags(article, "पिंडली") == [Urgency.HOSPITAL_NOW]
    assert flags(article, "जन्म के बाद योनि से बहुत ज्यादा खून") == [Urgency.CALL_108]
    assert flags(article, "बदबूदार") == [Urgency.HOSPITAL_NOW]
    assert flags(article, "स्तन") == [Urgency.WITHIN_24_HOURS]
    headings = [heading for heading, _, _ in article.sections]
    assert "बच्चे के जन्म के बाद किन लक्षणों में अस्पताल जाना है?" in headings
    for answer in (article.sections[0][1], next(a for h, a, _ in article.sections if h == CALLOUT)):
        assert "12 हफ्ते से पहले बिना दर्द के हल्के धब्ब" in answer and "आज ही डॉक्टर" in answer
    ready = next(a for h, a, _ in article.sections if h.startswith("कुछ होने से पहले"))
    pmsma = next(line for line in ready.split("\n") if "9 तारीख" in line)
    assert "दूसरी और तीसरी तिमाही" in pmsma and "प्रधानमंत्री सुरक्षित मातृत्व अभियान" in pmsma


def test_tiredness_low_mood_is_within_24_hours_and_self_harm_needs_help_at_once():
    article = next(a for a in HINDI_ARTICLES if TRANSLATION_OF[a.slug] == "tiredness-in-pregnancy")
    assert flags(article, "मन उदास, निराश या घबराया") == [Urgency.WITHIN_24_HOURS]
    assert "टेली-मानस को 14416" in next(t for _, t in article.red_flags if "मन उदास" in t)
    callout = next(a for h, a, _ in article.sections if h == CALLOUT)
    assert "उसी दिन" not in callout and "तुरंत मदद" in callout
    assert "[14416](tel:14416)" in callout and "[108](tel:108)" in callout
