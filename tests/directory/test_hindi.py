"""The directory in Hindi: the same searches, profiles, packages, enquiries and data rights under /hi/,
with Hindi labels, messages and emails, and the same markers and results as the English pages."""

import datetime
import re
from html import unescape
from pathlib import Path

import pytest
from django.core import mail

from directory.models import Enquiry
from tests.directory.public_data import TODAY, cards, result_count
from tests.directory.test_enquiry import DOCTOR_URL, PACKAGE_URL, valid
from tests.i18n_scan import untranslated

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# English words of the directory's interface that must not be left on a Hindi page.
ENGLISH_UI = re.compile(
    r"\b(Send an enquiry|Experience|Consultation fee|Speaks|Practises at|Show results|Sort by|found|"
    r"Maternity packages|Gynecologists|Compare selected|Includes|Price valid|What is included|"
    r"Privacy notice|Grievance officer|Your name|Mobile number|Please correct|\d+ nights?|\d+ years?)\b"
)


@pytest.fixture
def directory(public_directory):
    """The shared small directory, with Hindi names for its cities."""
    public_directory.cities["pune"].name_hi = "पुणे"
    public_directory.cities["pune"].save()
    public_directory.cities["mumbai"].name_hi = "मुंबई"
    public_directory.cities["mumbai"].save()
    return public_directory


def text(response) -> str:
    """What a reader sees: the page without tags, scripts and structured data, entities decoded."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", html))


def main_text(response) -> str:
    """The page's own content (between the header and the footer, which other helpers translate)."""
    html = response.content.decode()
    start = html.index("<main") if "<main" in html else 0
    end = html.index("</main>") if "</main>" in html else len(html)
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", html[start:end], flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", body))


def assert_hindi_page(response):
    assert response.status_code == 200
    assert '<html lang="hi">' in response.content.decode()
    left = ENGLISH_UI.findall(main_text(response))
    assert not left, f"English interface words on a Hindi page: {left}"


# ---- templates ----


def test_every_directory_template_has_its_words_in_translate_tags():
    files = [
        *sorted((TEMPLATES / "directory").glob("*.html")),
        TEMPLATES / "includes/_doctor_cards.html",
        TEMPLATES / "includes/_package_cards.html",
        TEMPLATES / "includes/_short_privacy_notice.html",
    ]
    left = {str(path.relative_to(TEMPLATES)): untranslated(path) for path in files}
    assert {name: words for name, words in left.items() if words} == {}


# ---- searches ----


def test_doctor_city_page_in_hindi_has_the_same_results_as_in_english(client, directory):
    query = "?language=marathi&sort=fee"
    english = client.get(f"/gynecologists/pune/{query}")
    hindi = client.get(f"/hi/gynecologists/pune/{query}")
    assert_hindi_page(hindi)
    assert cards(hindi) == cards(english) == ["rahul-deshmukh", "meera-joshi", "asha-kulkarni"]
    assert result_count(hindi) == result_count(english) == 3
    html = hindi.content.decode()
    assert "<h1>पुणे में स्त्री रोग विशेषज्ञ</h1>" in html
    assert "<title>पुणे में स्त्री रोग विशेषज्ञ, महाराष्ट्र: फीस, अनुभव और भाषाएं - " in html
    assert ">3 स्त्री रोग विशेषज्ञ मिले</h2>" in html
    assert "1 से 3 तक दिखाए जा रहे हैं, सबसे कम फीस पहले।" in html
    # Filter labels and choices, sort order and buttons in Hindi; parameters unchanged.
    for label in ("बोली जाने वाली भाषाएं", "डॉक्टर महिला हों या पुरुष", "कम से कम अनुभव (साल)", "क्रम"):
        assert label in html
    assert '<option value="fee" selected>सबसे कम फीस</option>' in html
    assert 'name="language" value="marathi"' in html and 'name="max_fee"' in html
    assert ">नतीजे दिखाएं</button>" in html
    # The cards: experience with its Hindi plural, fee in Indian grouping, labels in Hindi.
    assert "<dt>अनुभव</dt><dd>15 साल</dd>" in html
    assert "<dt>परामर्श फीस</dt><dd>₹1,200</dd>" in html
    assert "कहां देखते हैं" in html
    # Language names in Hindi, on the cards and in the filter; the parameter values stay.
    assert '<span class="label">बोली जाने वाली भाषाएं</span> अंग्रेजी, हिंदी, मराठी</p>' in html
    assert 'name="language" value="marathi" id="id_language_2" checked>\n मराठी</label>' in html


def test_amounts_can_be_written_in_hindi(client, directory):
    for amount in ("50 हजार", "50 हज़ार", "₹50,000", "50000 रुपये", "०.५ लाख"):
        response = client.get("/hi/maternity-packages/pune/", {"max_price": amount})
        assert cards(response, "package") == ["sahyadri-normal-general"], amount
    assert result_count(client.get("/hi/maternity-packages/", {"min_price": "1.5 लाख"})) == 1


def test_search_page_city_choices_are_in_devanagari(client, directory):
    html = client.get("/hi/gynecologists/").content.decode()
    assert '<option value="pune">पुणे</option>' in html
    assert '<option value="" selected>कोई भी शहर</option>' in html
    # Chosen with ?city=, the heading names the city in Hindi too.
    assert "<h1>मुंबई में स्त्री रोग विशेषज्ञ</h1>" in client.get("/hi/gynecologists/?city=mumbai").content.decode()


def test_bad_filters_under_hi_give_hindi_messages_next_to_the_field(client, directory):
    response = client.get("/hi/gynecologists/pune/?min_experience=ten&max_fee=lots&gender=other")
    assert response.status_code == 200
    html = response.content.decode()
    assert "कुछ फिल्टर छोड़ दिए गए" in html
    assert 'id="id_min_experience-error">साल पूरी संख्या में लिखें, जैसे 10। यह फिल्टर छोड़ दिया गया।</p>' in html
    assert (
        'id="id_max_fee-error">फीस रुपयों में लिखें, जैसे 1000, ₹1,000 या 1 लाख। यह फिल्टर छोड़ दिया गया।</p>' in html
    )
    assert "“other” हमारी सूची का कोई विकल्प नहीं है। यह फिल्टर छोड़ दिया गया।" in html
    assert result_count(response) == 4  # the bad filters are left out, the rest still works
    too_big = client.get("/hi/maternity-packages/?max_price=1000000000").content.decode()
    assert "कीमत ₹10,00,00,000 या उससे कम लिखें। यह फिल्टर छोड़ दिया गया।" in too_big


def test_empty_hindi_search_says_how_to_widen_it(client, directory):
    response = client.get("/hi/gynecologists/pune/?language=hindi&max_fee=100")
    assert result_count(response) == 0
    html = response.content.decode()
    assert ">0 स्त्री रोग विशेषज्ञ मिले</h2>" in html
    assert "इन सभी फिल्टर से कोई स्त्री रोग विशेषज्ञ नहीं मिले।" in html
    assert "कम भाषाएं चुनें, या कोई नहीं;" in html and "सभी फिल्टर हटाएं" in html


def test_package_list_in_hindi_has_the_same_packages_prices_and_hindi_labels(client, directory):
    english = client.get("/maternity-packages/pune/")
    hindi = client.get("/hi/maternity-packages/pune/")
    assert_hindi_page(hindi)
    assert cards(hindi, "package") == cards(english, "package")
    assert result_count(hindi) == result_count(english) == 4
    html = hindi.content.decode()
    assert "<h1>पुणे में डिलीवरी पैकेज</h1>" in html
    assert ">4 पैकेज मिले</h2>" in html
    assert '<p class="price">₹45,000</p>' in html
    assert '<li class="tag">नॉर्मल डिलीवरी</li>' in html and '<li class="tag">जनरल वार्ड</li>' in html
    assert '<li class="tag">2 रातें</li>' in html
    assert '<li class="tag">दो मरीजों वाला कमरा</li>' in html
    assert "अगर सिजेरियन करना पड़े: यहां ₹95,000, यानी ₹50,000 ज्यादा।" in html
    assert '<option value="caesarean">सिजेरियन (सी-सेक्शन)</option>' in html
    assert ">चुने हुए पैकेजों की तुलना करें</button>" in html
    assert "सहयाद्रि" not in html  # names of centres are data, shown as written
    assert "Sahyadri Women&#x27;s Hospital" in html


# ---- profiles and packages ----


def test_doctor_profile_in_hindi(client, directory):
    response = client.get("/hi/doctors/asha-kulkarni/")
    assert_hindi_page(response)
    html = response.content.decode()
    assert "<title>Dr Asha Kulkarni, पुणे में स्त्री रोग विशेषज्ञ - " in html
    assert "<dt>अनुभव</dt><dd>22 साल</dd>" in html
    assert "<dt>परामर्श फीस</dt><dd>₹1,200</dd>" in html
    assert "<dt>बोली जाने वाली भाषाएं</dt><dd>अंग्रेजी, हिंदी, मराठी</dd>" in html
    assert "<dt>मेडिकल काउंसिल रजिस्ट्रेशन</dt><dd>MMC-2004-11873</dd>" in html
    assert "Dr Asha Kulkarni कहां देखते हैं" in html
    assert (
        'href="/hi/doctors/asha-kulkarni/enquire/"><span class="visually-hidden">Dr Asha Kulkarni को </span>'
        "पूछताछ भेजें</a>" in html
    )
    assert "पुणे में दूसरे स्त्री रोग विशेषज्ञ" in html


def test_hospital_page_in_hindi(client, directory):
    response = client.get("/hi/hospitals/sahyadri-womens-hospital/")
    assert_hindi_page(response)
    html = response.content.decode()
    assert "Sahyadri Women&#x27;s Hospital के डिलीवरी पैकेज" in html
    assert "Sahyadri Women&#x27;s Hospital के स्त्री रोग विशेषज्ञ" in html
    assert "यहां 3 डॉक्टर देखते हैं।" in html
    assert "<p>फोन: " in html
    assert '<p class="lead">Kothrud, पुणे, महाराष्ट्र</p>' in html
    assert cards(response) == cards(client.get("/hospitals/sahyadri-womens-hospital/"))


def test_package_detail_in_hindi(client, directory):
    response = client.get("/hi/packages/sahyadri-normal-general/")
    assert_hindi_page(response)
    html = response.content.decode()
    assert '<p class="price package-price">₹45,000 <span class="small muted">सभी टैक्स मिलाकर</span>' in html
    assert "<dt>डिलीवरी</dt><dd>नॉर्मल डिलीवरी</dd>" in html
    assert "<dt>कमरा</dt><dd>जनरल वार्ड</dd>" in html
    assert "<dt>अस्पताल में रुकना</dt><dd>2 रातें</dd>" in html
    # The month as our catalogue spells it (portal/django_strings.py), not Django's दिसम्बर.
    assert '<dd><time datetime="2026-12-31">31 दिसंबर 2026</time> तक</dd>' in html
    assert "अगर सिजेरियन (सी-सेक्शन) करना पड़े" in html
    assert "<strong>₹95,000</strong>" in html and "<strong>₹50,000</strong>" in html
    assert '<h2 id="inclusions-heading">क्या शामिल है</h2>' in html
    assert '<h2 id="exclusions-heading">क्या शामिल नहीं है</h2>' in html
    assert "पुणे में दूसरे पैकेज" in html


def test_compare_in_hindi(client, directory):
    query = "?p=sahyadri-normal-general&p=asha-normal-twin&p=nope"
    response = client.get(f"/hi/maternity-packages/compare/{query}")
    assert_hindi_page(response)
    html = response.content.decode()
    assert cards(response, "package") == cards(client.get(f"/maternity-packages/compare/{query}"), "package")
    assert "<h1>डिलीवरी पैकेजों की तुलना करें</h1>" in html
    assert "आज की सूची के पैकेजों में हमें “nope” नहीं मिला, इसलिए उसे छोड़ दिया गया है।" in html
    assert '<td class="price">₹45,000</td>' in html and '<td class="price">₹52,000</td>' in html
    assert "<td>नॉर्मल डिलीवरी</td>" in html and "<td>दो मरीजों वाला कमरा</td>" in html
    assert '<th scope="row">कीमत</th>' in html
    assert "2 पैकेज आमने-सामने" in html
    # The month in full: Django's Hindi short month names are cryptic ("दिस्"). Spelt as our catalogue
    # spells it once portal/django_strings.py is in (दिसंबर), else as Django's (दिसमबर).
    assert re.search(r'<td><time datetime="2026-12-31">31 (दिसंबर|दिसमबर) 2026</time></td>', html)
    one = client.get("/hi/maternity-packages/compare/?p=asha-normal-twin").content.decode()
    assert "तुलना के लिए कम से कम दो पैकेज चुनें" in one


def test_a_withdrawn_listing_is_a_hindi_404(client, directory):
    response = client.get("/hi/packages/sahyadri-withdrawn/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Withdrawn package अब सूची में नहीं है" in html
    assert '<a href="/hi/maternity-packages/pune/">पुणे में डिलीवरी पैकेज</a>' in html


# ---- enquiries ----


HI_DOCTOR_URL = f"/hi{DOCTOR_URL}"


def test_enquiry_form_in_hindi(client, directory):
    response = client.get(HI_DOCTOR_URL)
    assert_hindi_page(response)
    html = response.content.decode()
    assert "<h1>Dr Asha Kulkarni के बारे में पूछताछ भेजें</h1>" in html
    assert '<label for="id_phone">मोबाइल नंबर</label>' in html
    assert "मैं सहमत हूं कि Sahyadri Women&#x27;s Hospital इस पूछताछ के बारे में मुझसे" in html
    assert "आपकी जानकारी का क्या होता है" in html
    assert "मेरी उम्र 18 साल या उससे ज्यादा है" in html
    assert ">पूछताछ भेजें</button>" in html


EMPTY_ENQUIRY = dict.fromkeys(valid(), "")


def test_an_empty_enquiry_under_hi_gets_hindi_errors_next_to_the_fields(client, directory):
    response = client.post(HI_DOCTOR_URL, EMPTY_ENQUIRY)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>गलती: " in html
    assert "कृपया ये बातें ठीक करें" in html
    for field, message in [
        ("patient_name", "अपना नाम लिखें, ताकि सेंटर को पता हो कि फोन पर किससे बात करनी है।"),
        ("phone", "अपना मोबाइल नंबर लिखें, ताकि सेंटर आपको वापस फोन कर सके।"),
        ("age", "बताएं कि आपकी उम्र 18 साल या उससे ज्यादा है या नहीं, ताकि हम आपकी जानकारी आगे भेज सकें।"),
        ("consent", "इस बॉक्स पर सही का निशान लगाएं, ताकि सेंटर आपसे संपर्क कर सके;"),
    ]:
        assert re.search(rf'id="id_{field}-error">{re.escape(message)}', html), field
    assert "This field is required" not in html
    assert not Enquiry.objects.exists()


def test_without_consent_the_hindi_consent_message_shows(client, directory):
    response = client.post(HI_DOCTOR_URL, valid(consent="", phone="12345", preferred_date="2020-01-01"))
    html = response.content.decode()
    assert (
        'id="id_consent-error">इस बॉक्स पर सही का निशान लगाएं, ताकि सेंटर आपसे संपर्क कर सके; '
        "इसके बिना हम पूछताछ नहीं भेज सकते।</p>" in html
    )
    assert "6, 7, 8 या 9 से शुरू होने वाला 10 अंकों का भारतीय मोबाइल नंबर लिखें" in html
    assert "आज की या उसके बाद की तारीख चुनें।" in html
    assert not Enquiry.objects.exists()


def test_a_hindi_enquiry_thanks_in_hindi_and_emails_the_patient_in_hindi(
    client, directory, run_jobs, settings
):
    response = client.post(HI_DOCTOR_URL, valid(), follow=True)
    enquiry = Enquiry.objects.get()
    assert enquiry.language == "hi"
    assert response.redirect_chain[-1][0] == f"/hi/enquiries/thanks/{enquiry.reference}/"
    assert_hindi_page(response)
    html = response.content.decode()
    assert "<h1>धन्यवाद, आपकी पूछताछ भेज दी गई है</h1>" in html
    assert f'data-reference="{enquiry.reference}">{enquiry.reference}</strong> है।' in html
    assert "<dt>वे आपको इस नंबर पर फोन करेंगे</dt><dd data-phone>+91 98765 43210</dd>" in html
    private = re.search(r'<a href="https?://[^"/]+(/hi/my-enquiry/[^"/]+/)">', html).group(1)

    run_jobs()
    [to_patient] = [m for m in mail.outbox if m.to == ["priya@example.com"]]
    assert to_patient.subject == f"आपकी पूछताछ {enquiry.reference}"
    assert to_patient.body.startswith("पूछताछ भेजने के लिए धन्यवाद।")
    assert f"आपका संदर्भ नंबर {enquiry.reference} है।" in to_patient.body
    assert "सेंटर: Sahyadri Women's Hospital" in to_patient.body
    assert f"{settings.SITE_URL.rstrip('/')}{private}" in to_patient.body
    assert "108 पर कॉल करें" in to_patient.body
    assert "Thank you" not in to_patient.body and "Your private link" not in to_patient.body
    # The centre's email is for its staff: English.
    [to_centre] = [m for m in mail.outbox if m.to == ["enquiries@sahyadri.example"]]
    assert to_centre.subject == f"New enquiry {enquiry.reference} about Dr Asha Kulkarni"


def test_an_english_enquiry_emails_the_patient_in_english(client, directory, run_jobs, settings):
    client.post(PACKAGE_URL, valid())
    enquiry = Enquiry.objects.get()
    assert enquiry.language == "en"
    run_jobs()
    [to_patient] = [m for m in mail.outbox if m.to == ["priya@example.com"]]
    assert to_patient.subject == f"Your enquiry {enquiry.reference}"
    assert to_patient.body.startswith("Thank you for your enquiry.")
    assert f"{settings.SITE_URL.rstrip('/')}/my-enquiry/" in to_patient.body
    assert "/hi/" not in to_patient.body


def test_under_18_without_a_guardian_in_hindi(client, directory):
    response = client.post(HI_DOCTOR_URL, valid(age="no"))
    assert_hindi_page(response)
    html = response.content.decode()
    assert "हमने आपकी पूछताछ न भेजी है, न रखी है" in html
    assert '<a href="tel:108">108</a> पर कॉल करें' in html
    assert not Enquiry.objects.exists()


# ---- data rights ----


def private_page(client):
    response = client.post(HI_DOCTOR_URL, valid(), follow=True)
    return re.search(r'<a href="https?://[^"/]+(/hi/my-enquiry/[^"/]+/)">', response.content.decode()).group(
        1
    )


def test_the_private_page_in_hindi_corrects_and_withdraws(client, directory):
    path = private_page(client)
    enquiry = Enquiry.objects.get()
    page = client.get(path)
    assert_hindi_page(page)
    html = page.content.decode()
    assert f"<h1>आपकी पूछताछ {enquiry.reference}</h1>" in html
    assert "<dt>पसंद की तारीख</dt>" in html
    shown = (TODAY + datetime.timedelta(days=3)).strftime("%Y-%m-%d")
    assert f'<time datetime="{shown}">14 मार्च 2026</time>' in html
    assert "<dt>आपकी उम्र</dt><dd>मेरी उम्र 18 साल या उससे ज्यादा है</dd>" in html
    assert "<dt>सेंटर ने क्या किया</dt><dd>नई</dd>" in html
    assert "11 मार्च 2026 को दी गई, ताकि Sahyadri Women&#x27;s Hospital" in html
    assert (
        '<dt>अपने आप कब मिटेगी</dt><dd><time datetime="2026-09-07">7 सितंबर 2026</time>, '
        "यानी भेजने के 180 दिन बाद, अगर आप उससे पहले वापस न लें</dd>"
    ) in html

    data = {
        "action": "correct",
        "patient_name": "Priya S. Sharma",
        "phone": "12345",
        "email": "",
        "preferred_date": "",
        "message": "",
    }
    bad = client.post(path, data)
    assert bad.status_code == 400
    assert 'id="id_phone-error">6, 7, 8 या 9 से शुरू होने वाला' in bad.content.decode()
    saved = client.post(path, {**data, "phone": "९८७६५ ००००० "})
    assert saved.status_code == 200
    assert "आपके सुधार सेव हो गए हैं। सेंटर इन्हें तुरंत देख सकता है।" in saved.content.decode()
    assert Enquiry.objects.get().phone == "+919876500000"

    withdrawn = client.post(path, {"action": "withdraw"})
    assert_hindi_page(withdrawn)
    html = withdrawn.content.decode()
    assert "<h1>आपकी सहमति वापस ले ली गई है और आपकी जानकारी मिटा दी गई है</h1>" in html
    assert f"पूछताछ {enquiry.reference} के लिए आपका नाम" in html
    assert 'href="/hi/privacy/grievance/">हमारे शिकायत अधिकारी को बताएं</a>' in html
    assert Enquiry.objects.get().patient_name == ""


def test_privacy_notice_in_hindi(client, settings):
    response = client.get("/hi/privacy/")
    assert_hindi_page(response)
    html = response.content.decode()
    assert "<h1>निजता सूचना</h1>" in html
    assert '<th scope="row">मोबाइल नंबर</th>' in html
    assert "पूछताछ भेजने के 180 दिन बाद हम आपका नाम" in html
    assert "<dt>देखें कि हमारे पास क्या है" in html
    assert 'href="/hi/privacy/grievance/">अनुरोध और शिकायत का फॉर्म</a>' in html
    assert "<strong>Test Grievance Officer</strong>" in html


def test_grievance_form_in_hindi(client, directory):
    page = client.get("/hi/privacy/grievance/")
    assert_hindi_page(page)
    html = page.content.decode()
    assert "<h1>आपकी जानकारी के बारे में अनुरोध और शिकायतें</h1>" in html
    assert "मैं अपनी सहमति वापस लेती हूं" in html
    blank = {"kind": "", "name": "", "email": "", "phone": "", "enquiry_reference": "", "message": ""}
    empty = client.post("/hi/privacy/grievance/", blank).content.decode()
    assert 'id="id_kind-error">चुनें कि आपका अनुरोध किस बारे में है।</p>' in empty
    assert 'id="id_name-error">अपना नाम लिखें।</p>' in empty
    assert 'id="id_email-error">ईमेल पता या मोबाइल नंबर दें, ताकि हम आपको जवाब दे सकें।</p>' in empty
    sent = client.post(
        "/hi/privacy/grievance/",
        {"kind": "access", "name": "Priya", "email": "priya@example.com", "message": "मेरी जानकारी दिखाएं"},
        follow=True,
    )
    assert_hindi_page(sent)
    html = sent.content.decode()
    assert "<h1>हमें आपका अनुरोध मिल गया है</h1>" in html
    assert '<time datetime="2026-04-10">10 अप्रैल 2026</time> तक जवाब देंगे।' in html
