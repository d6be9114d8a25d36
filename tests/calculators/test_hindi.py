"""The due-date calculator in Hindi: the same results and markers as the English page, in Hindi words."""

import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.utils import translation
from icalendar import Calendar

from calculators import dating, wording
from calculators.dating import GestationalAge, Scan
from tests.calculators.test_views import ERRORS

EN, HI = "/due-date-calculator/", "/hi/due-date-calculator/"
NOW = datetime(2025, 3, 14, 20, 0, tzinfo=UTC)  # 15 March 2025 in India

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _frozen_today():
    with time_machine.travel(NOW, tick=False):
        yield


def machine_markers(html: str) -> dict:
    """Everything a machine reads on the result: the same in both languages."""
    return {
        "results": re.findall(r'<time data-result="([^"]+)" datetime="([^"]+)"', html),
        "milestones": re.findall(r'data-milestone="([^"]+)" datetime="([^"]+)"', html),
        "pmsma": re.findall(r'<time data-pmsma datetime="([^"]+)"', html),
        "all_datetimes": re.findall(r'datetime="(\d{4}-\d{2}-\d{2})"', html),
        "ga": re.findall(r'data-result="gestational-age" data-weeks="(\d+)" data-days="(\d+)"', html),
        "basis": re.findall(r'data-basis="([^"]+)"', html),
        "care": re.findall(r'data-care="([^"]+)"', html),
        "hidden": re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html),
    }


def text_of(html: str) -> str:
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def test_the_form_in_hindi(client):
    html = client.get(HI).content.decode()
    assert '<html lang="hi"' in html
    assert "<h1>ड्यू डेट कैलकुलेटर</h1>" in html
    for words in (
        "आखिरी माहवारी (पीरियड) के पहले दिन से",
        "पीरियड की तारीख से निकालें",
        "गर्भधारण की तारीख से निकालें",
        "आईवीएफ भ्रूण ट्रांसफर से",
        "अल्ट्रासाउंड स्कैन से",
        "माहवारी चक्र की आम लंबाई (दिनों में)",
        "ट्रांसफर के समय भ्रूण की उम्र",
        '<option value="5">पांचवां दिन (ब्लास्टोसिस्ट)</option>',
        "स्कैन में आई गर्भ की उम्र",
        "कैलकुलेटर कैसे काम करता है",
    ):
        assert words in html, words
    # the same form for a machine: field names, ids, the method of each section, the action under /hi/
    for marker in ('name="lmp"', 'name="cycle_length"', 'name="embryo_age"', 'id="ivf-transfer_date"'):
        assert marker in html
    assert 'action="/hi/due-date-calculator/"' in html
    for english in ("Calculate from", "First day of your last period", "How the calculator works", "Choose"):
        assert english not in text_of(html), english


RESULTS = [
    ({"method": "lmp", "lmp": "2025-01-01"}, "lmp", "8 अक्टूबर 2025"),
    ({"method": "lmp", "lmp": "2025-01-01", "cycle_length": "35"}, "lmp", "15 अक्टूबर 2025"),
    ({"method": "conception", "conception_date": "2025-01-15"}, "conception", "8 अक्टूबर 2025"),
    ({"method": "ivf", "transfer_date": "2025-01-18", "embryo_age": "3"}, "ivf", "8 अक्टूबर 2025"),
    ({"method": "ivf", "transfer_date": "2025-01-20", "embryo_age": "5"}, "ivf", "8 अक्टूबर 2025"),
    (
        {"method": "ultrasound", "scan_date": "2025-03-03", "scan_weeks": "8", "scan_days": "2"},
        "ultrasound",
        "11 अक्टूबर 2025",
    ),
    (
        {
            "method": "ultrasound",
            "scan_date": "2025-02-20",
            "scan_weeks": "8",
            "scan_days": "0",
            "lmp": "2025-01-01",
        },
        "ultrasound",
        "2 अक्टूबर 2025",
    ),
    (
        {
            "method": "ultrasound",
            "scan_date": "2025-02-20",
            "scan_weeks": "7",
            "scan_days": "6",
            "lmp": "2025-01-01",
        },
        "lmp",
        "8 अक्टूबर 2025",
    ),
]


@pytest.mark.parametrize(("data", "basis", "due_words"), RESULTS)
def test_every_method_gives_the_same_markers_in_hindi(client, data, basis, due_words):
    english = client.post(EN, data).content.decode()
    hindi = client.post(HI, data).content.decode()
    assert '<html lang="hi"' in hindi
    assert machine_markers(hindi) == machine_markers(english)
    assert machine_markers(hindi)["basis"] == [basis]
    assert "<h1>आपकी ड्यू डेट</h1>" in hindi
    assert f"{due_words}</time>" in hindi
    assert "आपकी डिलीवरी की संभावित तारीख" in hindi
    assert "यह तारीख कैसे निकाली गई" in hindi
    # the calendar download posts to the Hindi address
    assert 'action="/hi/due-date-calculator/calendar.ics"' in hindi
    text = text_of(hindi)
    for english_words in ("Your due date", "weeks", "trimester", "Estimated", "Today", "by your period"):
        assert english_words not in text, english_words


def test_the_reason_and_todays_week_in_hindi(client):
    html = client.post(HI, {"method": "lmp", "lmp": "2025-01-01"}).content.decode()
    # No English shorthand ("10w3d") after the age written out in Hindi.
    assert "आज, 15 मार्च 2025 को, आपकी गर्भावस्था <strong>10 हफ्ते 3 दिन</strong> की है" in html
    assert "10w3d" not in html
    assert "आप <strong>पहली तिमाही</strong> में हैं।" in html
    assert "आपकी ड्यू डेट आखिरी माहवारी के पहले दिन से 280 दिन (40 हफ्ते) बाद है" in html
    assert "बुधवार, 8 अक्टूबर 2025" in html


def test_redating_reason_and_notes_in_hindi(client):
    data = {
        "method": "ultrasound",
        "scan_date": "2025-02-20",
        "scan_weeks": "8",
        "scan_days": "0",
        "lmp": "2025-01-01",
    }
    html = client.post(HI, data).content.decode()
    assert (
        "आपका स्कैन पीरियड की तारीख के हिसाब से 7 हफ्ते 1 दिन पर हुआ (स्कैन में गर्भ की उम्र 8 हफ्ते 0 दिन आई)। "
        "इससे निकली ड्यू डेट पीरियड की तारीख वाली ड्यू डेट से 6 दिन अलग है, जो 9 हफ्ते से पहले के स्कैन के लिए "
        "तय 5 दिन की सीमा से ज्यादा है, इसलिए स्कैन वाली तारीख मानी गई है।"
    ) in html
    assert "पहली तिमाही का स्कैन (13 हफ्ते 6 दिन तक) गर्भ की उम्र जानने का सबसे सटीक तरीका है।" in html
    ivf = client.post(
        HI, {"method": "ivf", "transfer_date": "2025-01-20", "embryo_age": "5"}
    ).content.decode()
    assert (
        "ट्रांसफर के दिन डे-5 भ्रूण गर्भधारण के 5 दिन बाद की अवस्था में होता है, इसलिए ड्यू डेट ट्रांसफर की तारीख से 261 दिन बाद है।"
        in ivf
    )
    assert "आईवीएफ में ड्यू डेट भ्रूण की पता उम्र से निकलती है" in ivf


def test_the_schedule_timeline_and_table_in_hindi(client):
    html = client.post(HI, {"method": "lmp", "lmp": "2025-01-01"}).content.decode()
    assert "भारत में आपकी प्रसव-पूर्व देखभाल" in html
    assert "पहली प्रसव-पूर्व जांच (ANC) और पंजीकरण" in html
    assert "हर महीने की 9 तारीख को डॉक्टर से मुफ्त जांच (PMSMA)" in html
    assert "ड्यू डेट · 8 अक्टूबर" in html  # the chart's label
    assert "आज आपकी गर्भावस्था 10 हफ्ते 3 दिन की है।" in html  # the chart in words
    assert '<th scope="row">दूसरी तिमाही शुरू</th>' in html
    # The sources keep their English titles, marked as English for a Hindi screen reader's voice.
    assert re.search(r'<a href="https://[^"]+" rel="noopener" lang="en">[A-Z]', html)
    assert '(<span lang="en">' in html
    assert '<time data-result="second-trimester-start" datetime="2025-04-09">9 अप्रैल 2025</time>' in html


@pytest.mark.parametrize(("data", "target", "message"), ERRORS)
def test_every_rejection_in_hindi_next_to_its_field(client, data, target, message):
    response = client.post(HI, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-result" not in html
    summary = html[html.index("data-error-summary") : html.index("</div>", html.index("data-error-summary"))]
    assert f'href="#{target}"' in summary
    assert "कृपया" in summary  # "Please check ..." in Hindi
    hindi = re.findall(r'href="#[^"]+">([^<]+)</a>', summary)
    assert hindi and all(re.search("[\u0900-\u097f]", m) for m in hindi), hindi
    english = client.post(EN, data).content.decode()
    assert message in english  # the same rejection in English
    if target != "methods":
        error = re.search(rf'<p class="field-error" id="{target}-error">([^<]*)</p>', html)
        assert (
            error
            and re.search("[\u0900-\u097f]", error.group(1))
            and not re.search("[A-Za-z]{3,}", error.group(1).replace("YYYY-MM-DD", ""))
        )


@pytest.mark.parametrize(
    ("data", "target", "message"),
    [
        ({"method": "lmp"}, "lmp-lmp", "अपनी आखिरी माहवारी (पीरियड) का पहला दिन डालें।"),
        (
            {"method": "lmp", "lmp": "2025-03-16"},
            "lmp-lmp",
            "आखिरी माहवारी का पहला दिन आज (15 मार्च 2025) के बाद का नहीं हो सकता।",
        ),
        (
            {"method": "lmp", "lmp": "2025-02-30"},
            "lmp-lmp",
            "यह तारीख होती ही नहीं है। दिन और महीना दोबारा देखें।",
        ),
        (
            {"method": "lmp", "lmp": "2025-01-01", "cycle_length": "46"},
            "lmp-cycle_length",
            "माहवारी चक्र की लंबाई 20 से 45 दिन के बीच डालें।",
        ),
        (
            {"method": "conception", "conception_date": "2019-01-01"},
            "conception-conception_date",
            "गर्भधारण की तारीख पांच साल से ज्यादा पुरानी है।",
        ),
        (
            {"method": "ivf", "transfer_date": "2025-01-20", "embryo_age": "4"},
            "ivf-embryo_age",
            "ट्रांसफर के समय भ्रूण की उम्र चुनें: तीसरा, पांचवां या छठा दिन।",
        ),
        (
            {"method": "ultrasound", "scan_date": "2025-03-01", "scan_weeks": "43"},
            "ultrasound-scan_weeks",
            "स्कैन में दिखे हफ्ते डालें, 4 से 42 तक।",
        ),
        (
            {"method": "ultrasound", "scan_date": "2025-03-01", "scan_weeks": "8", "lmp": "2025-03-02"},
            "ultrasound-scan_date",
            "स्कैन की तारीख आखिरी माहवारी के पहले दिन से पहले की है।",
        ),
    ],
)
def test_hindi_error_wording(client, data, target, message):
    html = client.post(HI, data).content.decode()
    error = re.search(rf'<p class="field-error" id="{target}-error">([^<]*)</p>', html)
    assert error and message in error.group(1)


def test_bad_method_in_hindi(client):
    html = client.post(HI, {"method": "astrology"}).content.decode()
    assert "चुनें कि ड्यू डेट किससे निकालनी है" in html


def _events(response) -> dict:
    calendar = Calendar.from_ical(response.content)
    return {
        str(e["uid"]): (str(e["summary"]), str(e["description"]), e.decoded("dtstart"), e.decoded("dtend"))
        for e in calendar.walk("VEVENT")
    }


def test_calendar_in_the_language_of_the_page(client):
    data = {"method": "lmp", "lmp": "2025-01-01"}
    english = _events(client.post(EN + "calendar.ics", data))
    hindi = _events(client.post(HI + "calendar.ics", data))
    assert english.keys() == hindi.keys() and len(hindi) == 11
    assert {uid: e[2:] for uid, e in english.items()} == {uid: e[2:] for uid, e in hindi.items()}
    due = next(uid for uid in hindi if uid.startswith("due-date-"))
    assert english[due][0] == "Estimated due date (40w0d)"
    assert hindi[due][0] == "डिलीवरी की संभावित तारीख (ड्यू डेट) (40 हफ्ते 0 दिन)"
    assert hindi[due][1] == "यह एक अनुमान है: लगभग 20 में से 1 बच्चा ठीक ड्यू डेट पर पैदा होता है।"
    nt = next(uid for uid in hindi if uid.startswith("nt-scan-"))
    assert hindi[nt][0] == "NT स्कैन (न्यूकल ट्रांसलूसेंसी) का समय (11 हफ्ते 0 दिन से 13 हफ्ते 6 दिन तक)"
    assert not any(re.search("[a-z]{4,}", summary) for summary, *_ in hindi.values())
    calendar = Calendar.from_ical(client.post(HI + "calendar.ics", data).content)
    assert str(calendar["x-wr-calname"]) == "गर्भावस्था के खास पड़ाव"


def test_calendar_with_bad_input_in_hindi(client):
    response = client.post(HI + "calendar.ics", {"method": "lmp"})
    assert response.status_code == 400
    assert "अपनी आखिरी माहवारी (पीरियड) का पहला दिन डालें।" in response.content.decode()


# --- The wording matches dating.py's English word for word -------------------------------------------

SCANS = [(4, 0), (7, 6), (8, 0), (10, 1), (13, 6), (18, 3), (24, 0), (30, 5), (40, 1), (42, 6)]


@pytest.mark.parametrize(("weeks", "days"), SCANS)
@pytest.mark.parametrize("cycle", [21, 27, 28, 29, 35])
def test_english_wording_is_datings_english(weeks, days, cycle):
    today = date(2025, 12, 1)
    lmp = date(2025, 1, 1)
    results = [
        dating.date_pregnancy("lmp", today, lmp=lmp, cycle_length=cycle),
        dating.date_pregnancy("conception", today, conception=lmp),
        dating.date_pregnancy("ivf", today, transfer=lmp, embryo_age=5, scan=Scan(lmp, weeks, days)),
        dating.date_pregnancy("ultrasound", today, scan=Scan(date(2025, 6, 1), weeks, days)),
        dating.date_pregnancy(
            "ultrasound",
            today,
            scan=Scan(date(2025, 6, 1), weeks, days),
            lmp=lmp,
            cycle_length=cycle,
        ),
    ]
    with translation.override("en"):
        for result in results:
            assert wording.reason(result) == result.reason
            assert wording.notes(result) == list(result.notes)
            assert wording.ga_long(result.ga_today) == str(result.ga_today)
            assert wording.ga_short(result.ga_today) == result.ga_today.short
            for mark in result.landmarks:
                assert wording.label(mark.key) == mark.label
            for milestone in result.milestones:
                assert wording.label(milestone.key) == milestone.label


@pytest.mark.parametrize("total_days", [-8, -1, 0, 1, 7, 8, 73, 280, 307])
def test_gestational_ages_in_both_languages(total_days):
    ga = GestationalAge(total_days)
    with translation.override("en"):
        assert (wording.ga_long(ga), wording.ga_short(ga)) == (str(ga), ga.short)
    with translation.override("hi"):
        assert not re.search("[A-Za-z]", wording.ga_long(ga) + wording.ga_short(ga))
    with translation.override("hi"):
        assert wording.ga_long(GestationalAge.of(1, 1)) == "1 हफ्ता 1 दिन"
        assert wording.ga_short(GestationalAge.of(10, 3)) == "10 हफ्ते 3 दिन"


def test_dating_stays_free_of_django():
    """dating.py words nothing in Hindi itself: it gives codes that calculators.wording words."""
    from pathlib import Path

    from tests.test_code_shape import imported_modules

    modules = list(imported_modules(Path(dating.__file__)))
    assert modules and not [m for m in modules if m == "django" or m.startswith("django.")]


MY_FILES = (
    "calculators/",
    "templates/calculators/",
    "templates/articles/",
    "templates/includes/_article_card.html",
    "templates/includes/_red_flags.html",
    "templates/includes/_trimester_reading.html",
    "articles/views.py",
    "articles/models.py",
)
NUKTA = re.compile("[\u0915\u0916\u0917\u091c\u092b]\u093c|[\u0958\u0959\u095a\u095b\u095e]")  # क़ ख़ ग़ ज़ फ़


def test_the_catalogue_translates_every_string_of_the_calculator_and_the_articles():
    """Every string of these pages has a Hindi msgstr, none fuzzy, with the English placeholders, and is
    written without nukta on क ख ग ज फ (STYLE.md)."""
    from pathlib import Path

    import polib

    catalogue = polib.pofile(str(Path(__file__).resolve().parents[2] / "locale/hi/LC_MESSAGES/django.po"))
    mine = [e for e in catalogue if any(f.startswith(MY_FILES) for f, _ in e.occurrences)]
    assert len(mine) > 200
    problems = []
    for entry in mine:
        texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        wanted = set(re.findall(r"%\(\w+\)[sd]", entry.msgid))
        for text in texts:
            if (
                not text
                or entry.fuzzy
                or set(re.findall(r"%\(\w+\)[sd]", text)) != wanted
                or NUKTA.search(text)
            ):
                problems.append(entry.msgid)
    assert problems == []


@pytest.mark.parametrize(
    ("lmp", "stage", "says"),
    [
        ("2024-06-08", "due", "इसी हफ्ते अपने डॉक्टर से मिलें"),
        ("2024-06-01", "late-term", "41 से 42 हफ्ते के बीच"),
        ("2024-05-25", "post-term", "आज ही अपने डिलीवरी वाले अस्पताल जाएं"),
    ],
)
def test_advice_once_the_due_date_has_come_in_hindi(client, lmp, stage, says):
    html = client.post(HI, {"method": "lmp", "lmp": lmp}).content.decode()
    advice = re.search(rf'data-result="overdue-advice" data-stage="{stage}">(.*?)</p>', html).group(1)
    assert says in advice
    assert "If your baby" not in advice
    assert "खतरे के संकेत जानें" in advice
