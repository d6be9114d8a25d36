"""The article pages in Hindi: Hindi articles under /hi/ with Hindi chrome around them."""

import datetime
import json
import re

import pytest
import time_machine

from articles.models import DANGER_SIGNS_SLUG, Language, Urgency
from tests.factories import (
    ArticleFactory,
    ArticleSectionFactory,
    GynecologistFactory,
    RedFlagFactory,
    SourceFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

IST = datetime.timezone(datetime.timedelta(hours=5, minutes=30))
NOW = datetime.datetime(2026, 3, 10, 12, 0, tzinfo=IST)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def topic():
    return TopicFactory(
        name="Symptoms",
        name_hi="लक्षण",
        slug="symptoms",
        description="Common symptoms.",
        description_hi="गर्भावस्था के आम लक्षण।",
    )


@pytest.fixture
def hindi_article(frozen, topic):
    reviewer = GynecologistFactory(name="Dr Asha Kulkarni", slug="dr-asha-kulkarni")
    english = ArticleFactory(
        title="Leg cramps in pregnancy",
        slug="leg-cramps",
        medical_reviewer=reviewer,
        publish_at=datetime.datetime(2026, 1, 5, 9, 30, tzinfo=IST),
        last_reviewed=datetime.date(2026, 1, 2),
    )
    english.topics.add(topic)
    article = ArticleFactory(
        title="गर्भावस्था में पैर में ऐंठन",
        slug="pair-mein-ainthan",
        standfirst="रात में पिंडली में दर्द भरी ऐंठन आम है।",
        language=Language.HINDI,
        translation_of=english,
        medical_reviewer=reviewer,
        publish_at=datetime.datetime(2026, 3, 1, 9, 30, tzinfo=IST),
        last_reviewed=datetime.date(2026, 1, 20),
    )
    article.topics.add(topic)
    ArticleSectionFactory(article=article, order=1, heading="ऐंठन क्या है?", answer="पिंडली का **कसना**।")
    ArticleSectionFactory(article=article, order=2, heading="आराम कैसे मिले?", answer="- खिंचाव\n- मालिश")
    ArticleSectionFactory(
        article=article,
        order=3,
        heading="डॉक्टर को कब दिखाएं",
        answer="अगर पिंडली सूजी हुई हो।",
        is_doctor_callout=True,
    )
    RedFlagFactory(article=article, order=1, urgency=Urgency.HOSPITAL_NOW, text="पिंडली सूजी, लाल और गरम।")
    RedFlagFactory(article=article, order=2, urgency=Urgency.CALL_108, text="सांस फूलना या सीने में दर्द।")
    RedFlagFactory(article=article, order=3, urgency=Urgency.NEXT_VISIT, text="बार-बार ऐंठन।")
    SourceFactory(
        article=article,
        order=1,
        title="Leg cramps",
        publisher="NHS",
        date=datetime.date(2025, 6, 1),
        accessed=datetime.date(2026, 1, 15),
    )
    return article


def english_words_in(html: str) -> list[str]:
    """UI words of the English page that must not be left on a Hindi page."""
    main = html[html.index("<main") : html.index("</main>")]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))
    chrome = [
        "Medically reviewed by",
        "On this page",
        "Sources",
        "Page last reviewed",
        "Next review due",
        "Emergency ambulance",
        "Free transport",
        "Go to hospital now",
        "Call 108 now",
        "Mention it",
        "Find care near you",
        "Related articles",
        "Published",
        "Pregnancy articles",
        "All topics",
        "Search",
        "articles",
        "article",
    ]
    return [word for word in chrome if word in text]


def test_hindi_article_page(client, hindi_article):
    html = client.get("/hi/articles/pair-mein-ainthan/").content.decode()
    assert '<html lang="hi"' in html
    assert re.search(
        r'<p class="reviewed-by">चिकित्सकीय जांच: <a href="/hi/doctors/dr-asha-kulkarni/">Dr Asha Kulkarni</a>'
        r', MBBS, [^<]*, जांच की तारीख <time datetime="2026-01-20">20 जनवरी 2026</time></p>',
        html,
    )
    assert '<h2 id="toc-heading">इस पेज पर</h2>' in html
    assert '<h2 id="sources-h">स्रोत</h2>' in html
    assert '(<time datetime="2025-06-01">जून 2025</time>)' in html
    assert '। देखा गया: <time datetime="2026-01-15">15 जनवरी 2026</time>' in html
    assert 'पेज की पिछली जांच की तारीख: <time datetime="2026-01-20">20 जनवरी 2026</time>' in html
    assert re.search(
        r'पेज की अगली जांच की तारीख: <time datetime="\d{4}-\d{2}-\d{2}">\d+ [^<]+ \d{4}</time>', html
    )
    assert '<a class="tag" href="/hi/articles/topics/symptoms/">लक्षण</a>' in html
    assert "अपने पास इलाज खोजें" in html
    assert "हमारा ड्यू डेट कैलकुलेटर इस्तेमाल करें" in html
    assert english_words_in(html) == []


def test_hindi_red_flag_callout_keeps_its_markers_and_urgency(client, hindi_article):
    html = client.get("/hi/articles/pair-mein-ainthan/").content.decode()
    start = html.index("data-red-flags")
    callout = html[start : html.index("</section>", start)]
    assert "<h2" in callout and "डॉक्टर को कब दिखाएं</h2>" in callout
    assert '<a class="tel-link tel-108" href="tel:108"><span class="tel-number">108</span>' in callout
    assert '<span class="tel-what">इमरजेंसी एंबुलेंस</span>' in callout
    assert '<a class="tel-link tel-102" href="tel:102"><span class="tel-number">102</span>' in callout
    assert "गर्भवती महिलाओं के लिए मुफ्त गाड़ी (JSSK)" in callout
    # most urgent first, as in English, each with its Hindi heading and advice
    assert re.findall(r'data-urgency="([^"]+)"', callout) == ["call_108", "hospital_now", "next_visit"]
    assert "<h3>अभी 108 पर कॉल करें</h3>" in callout
    assert "इमरजेंसी एंबुलेंस के लिए 108 पर कॉल करें।" in callout
    assert "<h3>अभी अस्पताल जाएं</h3>" in callout
    assert "दिन हो या रात, तुरंत अपने डिलीवरी वाले अस्पताल या सबसे पास के अस्पताल जाएं।" in callout
    assert "<h3>अगली जांच में डॉक्टर को बताएं</h3>" in callout
    assert "सांस फूलना या सीने में दर्द।" in callout


def test_hindi_article_structured_data_is_in_hindi(client, hindi_article):
    html = client.get("/hi/articles/pair-mein-ainthan/").content.decode()
    page, trail = [
        json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    assert page["inLanguage"] == "hi-IN" and page["about"] == [{"@type": "Thing", "name": "लक्षण"}]
    assert [item["name"] for item in trail["itemListElement"]][:2] == ["होम", "लेख"]


def test_english_article_keeps_english_chrome(client, hindi_article):
    html = client.get("/articles/leg-cramps/").content.decode()
    assert '<html lang="en"' in html
    assert "Medically reviewed by" in html
    assert '<a class="tag" href="/articles/topics/symptoms/">Symptoms</a>' in html


def test_hindi_article_list(client, hindi_article):
    ArticleFactory(title="Only in English", slug="only-english")
    html = client.get("/hi/articles/").content.decode()
    assert '<html lang="hi"' in html
    assert "<h1>गर्भावस्था के लेख</h1>" in html
    assert '<h2 data-result-count="1">' in html and "सभी लेख, सबसे नए पहले" in html
    assert re.findall(r'<h3><a href="(/hi/articles/[\w-]+/)">', html) == ["/hi/articles/pair-mein-ainthan/"]
    assert 'प्रकाशित: <time datetime="2026-03-01">1 मार्च 2026</time>' in html
    assert '<label for="id_q">लेख खोजें</label>' in html
    assert '<button type="submit">खोजें</button>' in html
    assert ">सभी विषय</a>" in html and ">लक्षण</a>" in html
    assert "नए लेख RSS फीड से पाएं" in html
    assert english_words_in(html) == []


def test_hindi_article_list_filtered_searched_and_unknown_topic(client, hindi_article):
    by_topic = client.get("/hi/articles/?topic=symptoms").content.decode()
    assert re.search(r'<h2 data-result-count="1">\s*लक्षण: 1 लेख\s*</h2>', by_topic)
    assert "<title>लक्षण: गर्भावस्था के लेख" in by_topic
    nothing = client.get("/hi/articles/?q=zzzz").content.decode()
    assert re.search(r'<h2 data-result-count="0">\s*“zzzz” से मिलते 0 लेख\s*</h2>', nothing)
    assert "कोई लेख नहीं मिला।" in nothing
    unknown = client.get("/hi/articles/?topic=nope").content.decode()
    assert "“nope” नाम का कोई विषय हमारे पास नहीं है" in unknown


def test_hindi_topic_page(client, hindi_article, topic):
    html = client.get("/hi/articles/topics/symptoms/").content.decode()
    assert '<html lang="hi"' in html
    assert "<h1>लक्षण</h1>" in html
    assert '<p class="lead">गर्भावस्था के आम लक्षण।</p>' in html
    assert '<h2 data-result-count="1">1 लेख</h2>' in html
    assert "<title>लक्षण: गर्भावस्था के लेख" in html
    assert "अपनी ड्यू डेट निकालें और जानें कि आप किस तिमाही में हैं" in html
    assert '<a href="/hi/articles/">लेख</a>' in html  # the breadcrumb
    assert english_words_in(html) == []
    empty = TopicFactory(name="Labour", name_hi="प्रसव", slug="labour")
    html = client.get(f"/hi/articles/topics/{empty.slug}/").content.decode()
    assert "इस विषय पर अभी कोई लेख नहीं है।" in html
    assert '<meta name="description" content="प्रसव पर गर्भावस्था के लेख' in html


def test_trimester_reading_in_hindi_on_the_calculator(client):
    TopicFactory(name="First trimester", name_hi="पहली तिमाही", slug="first-trimester", trimester=1)
    with time_machine.travel(datetime.datetime(2025, 3, 14, 20, 0, tzinfo=datetime.UTC), tick=False):
        html = client.post(
            "/hi/due-date-calculator/", {"method": "lmp", "lmp": "2025-01-01"}
        ).content.decode()
        english = client.post(
            "/due-date-calculator/", {"method": "lmp", "lmp": "2025-01-01"}
        ).content.decode()
    assert '<a href="/hi/articles/topics/first-trimester/">पहली तिमाही पर लेख</a>' in html
    assert '<a href="/hi/articles/">गर्भावस्था के सभी लेख</a>' in html
    assert '<a href="/articles/topics/first-trimester/">Articles on the first trimester</a>' in english


def test_a_search_too_long_is_explained_in_hindi(client, hindi_article):
    html = client.get("/hi/articles/?q=" + "क" * 120).content.decode()
    assert '<p class="field-error" id="q-error">ज्यादा से ज्यादा 100 अक्षर लिखें (अभी 120 हैं)।</p>' in html
    english = client.get("/articles/?q=" + "a" * 120).content.decode()
    assert "Ensure this value has at most 100 characters (it has 120)." in english


def _danger_signs_link(html: str) -> str:
    block = re.search(r"<aside [^>]*data-danger-signs>(.*?)</aside>", html, re.S).group(1)
    return re.findall(r'<a href="(/[^"]*)">', block)[-1]


def test_the_hindi_home_page_links_the_hindi_danger_signs_article_or_else_the_english_one(
    client, frozen, django_capture_on_commit_callbacks
):
    english = ArticleFactory(title="Danger signs in pregnancy", slug=DANGER_SIGNS_SLUG)
    # No Hindi translation yet: the English article at its English address, not a /hi/ page that is a 404.
    assert _danger_signs_link(client.get("/hi/").content.decode()) == "/articles/danger-signs-in-pregnancy/"
    with django_capture_on_commit_callbacks(execute=True):  # publishing it empties the page cache
        ArticleFactory(
            title="गर्भावस्था में खतरे के लक्षण",
            slug="khatre-ke-lakshan",
            language=Language.HINDI,
            translation_of=english,
        )
    link = _danger_signs_link(client.get("/hi/").content.decode())
    assert link == "/hi/articles/khatre-ke-lakshan/"
    assert client.get(link).status_code == 200
    assert _danger_signs_link(client.get("/").content.decode()) == "/articles/danger-signs-in-pregnancy/"


def _switch_to(html: str, code: str) -> str:
    return re.search(rf'<a href="([^"]+)" lang="{code}"', html).group(1).replace("&amp;", "&")


def test_the_language_switch_on_a_later_page_of_articles_opens_the_first_page_in_the_other_language(
    client, hindi_article, topic
):
    for number in range(12):
        ArticleFactory(title=f"English article {number}").topics.add(topic)
    cases = {
        "/articles/?page=2": "/hi/articles/",
        "/articles/?topic=symptoms&page=2": "/hi/articles/?topic=symptoms",
        "/articles/topics/symptoms/?page=2": "/hi/articles/topics/symptoms/",
    }
    for page_two, hindi in cases.items():
        html = client.get(page_two).content.decode()
        assert _switch_to(html, "hi") == hindi, page_two
        assert f'hreflang="hi-IN" href="http://testserver{hindi}"' in html.replace("&amp;", "&")
        assert client.get(hindi).status_code == 200
        assert client.get(page_two.replace("/articles/", "/hi/articles/", 1)).status_code == 404
    # On the first page the filters carry over as before, and the Hindi list switches back to English.
    assert _switch_to(client.get("/hi/articles/?topic=symptoms").content.decode(), "en") == (
        "/articles/?topic=symptoms"
    )
