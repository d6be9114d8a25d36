"""The demo library loaded by seed_demo."""

import io
import re

import pytest

from articles import demo
from articles.models import Article, ArticleSection, Source, Status, Topic, Urgency
from directory.models import Gynecologist

pytestmark = pytest.mark.django_db


def test_demo_articles_are_complete_and_loading_twice_changes_nothing():
    demo.seed(stdout=io.StringIO())
    counts = (
        Article.objects.count(),
        ArticleSection.objects.count(),
        Source.objects.count(),
        Topic.objects.count(),
    )
    out = io.StringIO()
    demo.seed(stdout=out)
    assert (
        Article.objects.count(),
        ArticleSection.objects.count(),
        Source.objects.count(),
        Topic.objects.count(),
    ) == counts
    assert (
        "Articles: 15 demo articles and 6 Hindi translations in 7 topics (21 published now)."
        in out.getvalue()
    )
    assert Article.objects.published().count() == 21
    for article in Article.objects.prefetch_related("sections", "sources", "topics"):
        sections = list(article.sections.all())
        assert 4 <= len(sections) <= 6, article.slug
        callout = "When to see a doctor" if article.language == "en" else "डॉक्टर को कब दिखाएँ"
        assert [s.heading for s in sections if s.is_doctor_callout] == [callout], article.slug
        assert all(s.answer_html.startswith(("<p>", "<ul>")) for s in sections)
        assert (
            all(src.url.startswith("https://") for src in article.sources.all()) and article.sources.exists()
        )
        assert article.medical_reviewer and article.last_reviewed and article.next_review_due
        assert (article.hero_width, article.hero_height) == (1200, 630) and article.hero_alt
        assert article.topics.exists() and article.body_text
    slugs = set(Topic.objects.values_list("slug", flat=True))
    assert {"first-trimester", "second-trimester", "third-trimester", "symptoms", "nutrition"} <= slugs


def test_six_hindi_translations_are_published_reviewed_on_their_own_and_up_to_date():
    demo.seed(stdout=io.StringIO())
    hindi = list(Article.objects.filter(language="hi").select_related("translation_of").order_by("slug"))
    assert len(hindi) == 6 and all(a.is_live for a in hindi)
    assert "leg-cramps-in-pregnancy" in {a.translation_of.slug for a in hindi}
    for article in hindi:
        original = article.translation_of
        assert original.language == "en" and original.is_live
        assert article.slug != original.slug and article.title != original.title
        assert article.medical_reviewer_id != original.medical_reviewer_id  # its own reviewer read the Hindi
        assert article.last_reviewed > original.last_reviewed and article.publish_at > original.publish_at
        assert not article.is_out_of_date and article.hero_alt.startswith("एक-दूसरे")
    topic = Topic.objects.get(slug="first-trimester")
    assert (topic.name_hi, topic.description_hi.split(":")[0]) == ("पहली तिमाही", "पहले से 13वें हफ्ते तक")


def test_no_demo_article_shows_a_source_checked_after_its_last_medical_review():
    """An article revised when its sources were checked again was reviewed again: the page never says
    "reviewed on 7 September 2025" above a source "accessed 1 December 2026"."""
    demo.seed(stdout=io.StringIO())
    checked = 0
    for article in Article.objects.prefetch_related("sources"):
        accessed = [source.accessed for source in article.sources.all() if source.accessed]
        if accessed:
            checked += 1
            assert article.last_reviewed >= max(accessed), article.slug
            assert article.next_review_due > article.last_reviewed
    assert checked >= 6


def test_demo_creates_reviewer_doctors_only_when_the_directory_has_none():
    demo.seed(stdout=io.StringIO())
    assert set(Gynecologist.objects.values_list("registration_number", flat=True)) == {
        "DEMO-REVIEWER-1",
        "DEMO-REVIEWER-2",
        "DEMO-REVIEWER-3",
    }


def test_demo_pages_render(client):
    demo.seed(stdout=io.StringIO())
    response = client.get("/articles/morning-sickness/")
    assert response.status_code == 200
    assert "When to see a doctor" in response.content.decode()
    assert client.get("/articles/topics/first-trimester/").status_code == 200


# ---- clinical safety of the demo library ------------------------------------------------------


@pytest.fixture
def seeded():
    demo.seed(stdout=io.StringIO())
    return {a.slug: a for a in Article.objects.prefetch_related("sections", "red_flags", "sources")}


def _flags(article):
    return [(flag.urgency, flag.text) for flag in article.red_flags.all()]


def _text(article):
    return "\n".join([s.answer for s in article.sections.all()] + [f.text for f in article.red_flags.all()])


def test_every_demo_article_passes_the_publish_check_and_shows_108_and_102(client, seeded):
    assert len(seeded) == 21  # 15 in English, 6 in Hindi
    for slug, article in seeded.items():
        assert article.status == Status.PUBLISHED
        article.full_clean()  # the callout, its red flags and the PCPNDT guard
        assert article.red_flags.exists(), slug
        prefix = "/hi" if article.language == "hi" else ""
        html = client.get(f"{prefix}/articles/{slug}/").content.decode()
        callout = re.search(r"<section [^>]*data-red-flags>(.*?)</section>", html, re.S).group(1)
        assert 'href="tel:108"' in callout and 'href="tel:102"' in callout, slug
        urgencies = re.findall(r'data-urgency="(\w+)"', callout)
        assert urgencies == sorted(urgencies, key=list(Urgency).index), slug  # most urgent first
        assert {src.url.split("/")[2] for src in article.sources.all()}, slug


def test_each_article_cites_guidance_from_india_or_its_own_clinical_sources(seeded):
    indian = {"nhm.gov.in", "pmsma.mohfw.gov.in", "telemanas.mohfw.gov.in", "www.nin.res.in"}
    for slug in (
        "tiredness-in-pregnancy",
        "danger-signs-in-pregnancy",
        "bleeding-in-pregnancy",
        "reduced-baby-movements",
    ):
        hosts = {src.url.split("/")[2] for src in seeded[slug].sources.all()}
        assert hosts & indian, slug
        assert hosts - indian, slug  # and international guidance beside it


def test_pre_eclampsia_and_clot_signs_mean_now_and_lung_signs_mean_108(seeded):
    for slug in ("headaches-in-pregnancy", "swollen-feet-and-ankles"):
        flags = _flags(seeded[slug])
        assert (
            Urgency.HOSPITAL_NOW,
            "Blurred vision, flashing lights or spots in front of your eyes.",
        ) in flags
        assert (Urgency.HOSPITAL_NOW, "Sudden swelling of your face, hands or feet.") in flags
    assert (
        Urgency.HOSPITAL_NOW,
        "Strong pain just below your ribs, especially on the right, with or without heartburn.",
    ) in _flags(seeded["heartburn-in-pregnancy"])
    cramps = _flags(seeded["leg-cramps-in-pregnancy"])
    assert [u for u, t in cramps if "deep vein thrombosis" in t] == [Urgency.HOSPITAL_NOW]
    assert [u for u, t in cramps if "coughing up blood" in t] == [Urgency.CALL_108]
    assert "the same day" not in _text(seeded["leg-cramps-in-pregnancy"])
    for slug in ("swollen-feet-and-ankles", "headaches-in-pregnancy", "heartburn-in-pregnancy"):
        assert "weeks after the birth" in _text(seeded[slug]), slug


def test_nsaids_are_avoided_from_20_weeks_and_paracetamol_kept_low_and_short(seeded):
    for slug in ("back-pain-in-pregnancy", "headaches-in-pregnancy"):
        text = _text(seeded[slug])
        assert (
            "Avoid ibuprofen, diclofenac and other anti-inflammatory painkillers (NSAIDs) from 20 weeks"
            in text
        )
        assert "combine paracetamol with ibuprofen or diclofenac" in text
        assert "the lowest dose that helps, for the shortest time" in text
        assert any("fda.gov" in s.url for s in seeded[slug].sources.all())
        assert "particularly in the third trimester" not in text


def test_tiredness_states_indias_iron_and_calcium_norms_and_drops_jaggery(seeded):
    text = _text(seeded["tiredness-in-pregnancy"])
    assert (
        "one tablet a day (60 mg of iron with 500 mcg of folic acid) from the second trimester, for at least 180 days"
        in text
    )
    assert "again for 180 days after the birth" in text
    assert "500 mg twice a day from 14 weeks until 6 months after the birth" in text
    assert "Jaggery (gur) is mostly sugar" in text and "jaggery, eggs" not in text
    flags = _flags(seeded["tiredness-in-pregnancy"])
    assert [u for u, t in flags if "harming yourself" in t] == [Urgency.CALL_108, Urgency.HOSPITAL_NOW]
    assert "Tele-MANAS on [14416](tel:14416)" in text


def test_itching_is_within_24_hours_and_cholestasis_twice_as_common(seeded):
    stretch = seeded["stretch-marks-in-pregnancy"]
    assert [u for u, t in _flags(stretch) if t.startswith("Itching without a rash")] == [
        Urgency.WITHIN_24_HOURS
    ]
    assert "about twice as common in women of Indian or Pakistani origin" in _text(stretch)
    assert "settles by 16 to 20 weeks. For some it lasts longer" in _text(seeded["morning-sickness"])


def test_leg_cramps_advice_on_salt_sports_drinks_quinine_and_calcium(seeded):
    text = _text(seeded["leg-cramps-in-pregnancy"])
    assert "Salt water, sports drinks and tonic water" in text and "None has been shown" in text
    assert "**Do not take quinine.**" in text and "can harm an unborn baby" in text
    assert "keep taking them as prescribed" in text


def _urgency_of(article, words: str) -> set[str]:
    return {flag.urgency for flag in article.red_flags.all() if words in flag.text}


def test_danger_signs_carry_one_urgency_across_articles_and_languages(client, seeded):
    """Signs the MCP card makes a hospital visit are never "within 24 hours" in another article, and
    the two articles on early pain give an ectopic pregnancy the same urgency (clinical review)."""
    sickness = seeded["morning-sickness"]
    assert _urgency_of(sickness, "a fever, with the vomiting") == {Urgency.HOSPITAL_NOW}
    assert _urgency_of(sickness, "not kept any food or drink down for 24 hours") == {Urgency.HOSPITAL_NOW}
    hindi_sickness = seeded["garbhavastha-mein-ulti-aur-ji-michlana"]
    assert _urgency_of(hindi_sickness, "बुखार") == {Urgency.HOSPITAL_NOW}
    assert _urgency_of(seeded["tiredness-in-pregnancy"], "breathless at rest or doing little") == {
        Urgency.HOSPITAL_NOW
    }
    assert _urgency_of(seeded["garbhavastha-mein-thakan-aur-khoon-ki-kami"], "साँस फूल") == {
        Urgency.CALL_108,  # sudden breathlessness
        Urgency.HOSPITAL_NOW,
    }
    for slug in ("bleeding-in-pregnancy", "pelvic-pain-in-pregnancy"):
        assert _urgency_of(seeded[slug], "pain in the tip of your shoulder") == {Urgency.HOSPITAL_NOW}, slug
        assert _urgency_of(seeded[slug], "burst ectopic pregnancy") == {Urgency.CALL_108}, slug
    # Light painless spotting early on is a flag of its own, "within 24 hours", in both articles that
    # name it; it is never folded into a "go to hospital now" line.
    for slug in ("danger-signs-in-pregnancy", "bleeding-in-pregnancy"):
        assert _urgency_of(seeded[slug], "spotting without pain before 12 weeks") == {
            Urgency.WITHIN_24_HOURS
        }, slug
    headache = _text(seeded["headaches-in-pregnancy"])
    assert "do not wait to see whether rest or paracetamol helps: go to hospital now" in headache
    for path, pain in (("/", "severe pain in the tummy"), ("/hi/", "पेट में तेज दर्द")):
        home = client.get(path).content.decode()
        block = re.search(r"<aside [^>]*data-danger-signs>(.*?)</aside>", home, re.S).group(1)
        assert pain in block, path


def test_the_new_articles_list_the_mcp_card_signs(client, seeded):
    danger = _text(seeded["danger-signs-in-pregnancy"])
    for sign in (
        "bleeding from the vagina",
        "fits (convulsions)",
        "a severe headache, or blurred vision",
        "a high fever",
        "fluid leaking from the vagina",
        "your baby moving less than usual, or not at all",
        "breathlessness",
        "swelling of your face and hands",
    ):
        assert f"- {sign}" in danger, sign
    assert (
        Urgency.HOSPITAL_NOW,
        "Your baby moving less than usual, or the pattern of movements changing.",
    ) in _flags(seeded["reduced-baby-movements"])
    assert (
        Urgency.CALL_108,
        "Heavy bleeding: soaking a pad in an hour or less, or passing clots.",
    ) in _flags(seeded["bleeding-in-pregnancy"])
    home = client.get("/").content.decode()
    block = re.search(r"<aside [^>]*data-danger-signs>(.*?)</aside>", home, re.S).group(1)
    assert 'href="/articles/danger-signs-in-pregnancy/"' in block
    assert 'href="tel:108"' in block and 'href="tel:102"' in block
    assert client.get("/articles/danger-signs-in-pregnancy/").status_code == 200
