"""The site frame, home, search, sitemap and error pages in Hindi (/hi/): what a Hindi reader sees."""

import io
import re
from html.parser import HTMLParser

import pytest
from django.core.paginator import Paginator
from django.db import OperationalError
from django.template import loader
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext

from portal import urls as portal_urls
from tests.client import FormClient
from tests.factories import (
    ArticleFactory,
    CityFactory,
    GynecologistFactory,
    HospitalFactory,
    LanguageFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Latin words a Hindi page may show: the site's name, the feed's name, the rules the calculator follows,
# the switcher's "English", and the names of places and people typed in English by the centres.
ALLOWED_LATIN = {"Nine", "Months", "RSS", "ACOG", "English"}


class _Visible(HTMLParser):
    """The words a reader sees or hears: text outside <script>/<style>, and the spoken attributes."""

    SPOKEN = {"alt", "title", "placeholder", "aria-label"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._hidden += 1
        for name, value in attrs:
            if value and (
                name in self.SPOKEN
                or (tag == "meta" and name == "content" and ("name", "description") in attrs)
            ):
                self.words += LATIN_WORD.findall(value)

    def handle_endtag(self, tag):
        if tag in {"script", "style"} and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.words += LATIN_WORD.findall(data)


def latin_words(html: str, *allowed: str) -> set[str]:
    """Latin words on the page other than the allowed ones (and those in `allowed`)."""
    parser = _Visible()
    parser.feed(html)
    return set(parser.words) - ALLOWED_LATIN - {w for phrase in allowed for w in LATIN_WORD.findall(phrase)}


@pytest.fixture
def pune():
    city = CityFactory(name="Pune", name_hi="पुणे", slug="pune")
    CityFactory(name="Mumbai", name_hi="मुंबई", slug="mumbai")
    return city


def test_hindi_home_speaks_hindi(client, pune):
    response = client.get("/hi/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="hi">' in html
    assert response["Content-Language"] == "hi"
    assert "<h1>गर्भावस्था में भरोसेमंद देखभाल, पहली जांच से डिलीवरी तक</h1>" in html
    assert '<h2 id="danger-signs-h">गर्भावस्था में खतरे के संकेत</h2>' in html
    assert "तुरंत अस्पताल जाएं" in html and '<a href="tel:108">108</a>' in html
    assert "अभी पास के अस्पताल जाएं या 108 पर कॉल करें" in html  # the footer keeps its urgency
    # The city chooser: labels in Hindi, city names in Devanagari, slugs and field names unchanged.
    assert '<label for="home-city">अपना शहर चुनें</label>' in html
    assert '<option value="">शहर चुनें</option>' in html
    assert '<option value="mumbai">मुंबई</option><option value="pune">पुणे</option>' in html
    assert '<button type="submit" name="find" value="gynecologists">स्त्री रोग विशेषज्ञ खोजें</button>' in html
    # Navigation, search box and footer.
    assert '<a href="/hi/gynecologists/">स्त्री रोग विशेषज्ञ</a>' in html
    assert '<a href="/hi/due-date-calculator/">ड्यू डेट कैलकुलेटर</a>' in html
    assert 'placeholder="लेख, डॉक्टर, अस्पताल खोजें"' in html
    assert '<form class="site-search" action="/hi/search/"' in html
    assert '<a class="skip-link" href="#main">सीधे मुख्य सामग्री पर जाएं</a>' in html
    # The switcher links to the English home, named in its own script.
    assert '<a href="/" lang="en" hreflang="en-IN">English</a>' in html
    assert not latin_words(html)


def test_english_home_links_to_hindi_in_devanagari(client, pune):
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert '<a href="/hi/" lang="hi" hreflang="hi-IN">हिन्दी</a>' in html
    assert '<option value="pune">Pune</option>' in html
    assert "<h1>Pregnancy care you can trust" in html


# Every kind of page (an unknown address is a 404 without a switcher: there is no page to switch to).
SWITCHED_PAGES = [
    "/",
    "/search/?q=pune",
    "/sitemap/",
    "/articles/",
    "/gynecologists/",
    "/gynecologists/pune/",
    "/maternity-packages/",
    "/due-date-calculator/",
]


@pytest.mark.parametrize("page", SWITCHED_PAGES)
def test_every_page_has_the_switcher_in_the_other_languages_script(client, pune, page):
    english = client.get(page).content.decode()
    hindi = client.get(f"/hi{page}").content.decode()
    assert re.search(r'<a href="/hi/[^"]*" lang="hi" hreflang="hi-IN">हिन्दी</a>', english), page
    assert re.search(r'<a href="/[^"]*" lang="en" hreflang="en-IN">English</a>', hindi), page
    assert '<html lang="hi">' in hindi and '<html lang="en">' in english


def _search_page(client, url):
    response = client.get(url)
    html = response.content.decode()
    return (
        response,
        html,
        re.findall(r'data-doctor="([^"]+)"', html),
        re.search(r'data-result-count="(\d+)"', html),
    )


def test_hindi_search_shows_the_same_results_in_hindi(client, pune):
    hospital = HospitalFactory(name="Sahyadri Hospital", city=pune, locality="Kothrud")
    for name, years in (("Asha Kulkarni", 12), ("Meera Joshi", 1)):
        GynecologistFactory(
            name=name, city=pune, experience_years=years, consultation_fee=800, hospitals=[hospital]
        )
    _, english, english_doctors, english_count = _search_page(client, "/search/?q=gynecologist+pune")
    response, html, doctors, count = _search_page(client, "/hi/search/?q=gynecologist+pune")
    assert response.status_code == 200
    assert doctors == english_doctors and len(doctors) == 2
    assert count.group(1) == english_count.group(1) == "2"
    assert "<h1>खोजें</h1>" in html
    assert "“gynecologist pune” के नतीजे।" in html
    assert '<h2 id="group-doctors">पुणे में स्त्री रोग विशेषज्ञ</h2>' in html
    assert "12 साल का अनुभव · परामर्श फीस ₹800 · पुणे" in html
    assert "1 साल का अनुभव" in html
    assert "पुणे में स्त्री रोग विशेषज्ञ: पूरी सूची देखें" in html
    assert 'href="/hi/gynecologists/pune/"' in html
    assert '<h2 id="group-doctors">Gynecologists in Pune</h2>' in english
    assert "12 years · ₹800 a visit · Pune" in english
    assert not latin_words(
        html, "gynecologist pune", "MBBS MS Obstetrics Gynaecology", "Asha Kulkarni Meera Joshi"
    )


def test_hindi_search_headings_say_what_was_understood(client, pune):
    marathi = LanguageFactory(name="Marathi", slug="marathi")
    hindi = LanguageFactory(name="Hindi", slug="hindi")
    GynecologistFactory(name="Asha Kulkarni", city=pune, languages=[marathi, hindi])
    html = client.get("/hi/search/?q=female+gynecologist+pune+marathi+hindi").content.decode()
    with translation.override("hi"):  # language names come from the directory's catalogue entries
        languages = f"{gettext('Marathi')} और {gettext('Hindi')}"
    assert f"पुणे में {languages} बोलने वाली महिला स्त्री रोग विशेषज्ञ" in html
    english = client.get("/search/?q=female+gynecologist+pune+marathi+hindi").content.decode()
    assert "Female gynecologists in Pune who speak Marathi and Hindi" in english


def test_hindi_search_with_nothing_found_and_without_a_query(client, pune):
    html = client.get("/hi/search/?q=zzzqqq").content.decode()
    assert 'data-result-count="0"' in html
    assert "“zzzqqq” से कुछ नहीं मिला। स्पेलिंग जांचें" in html
    assert not latin_words(html, "zzzqqq")
    empty = client.get("/hi/search/").content.decode()
    assert "ऊपर एक-दो शब्द लिखें" in empty
    assert not latin_words(empty)


def test_hindi_search_error_is_hindi_next_to_the_field(client):
    response = client.get("/hi/search/", {"q": "ज" * 101})
    html = response.content.decode()
    assert response.status_code == 400
    assert '<p class="field-error" id="search-q-error">ज्यादा से ज्यादा 100 अक्षर लिखें।</p>' in html
    assert "<h2>कुछ ठीक करना है</h2>" in html


def test_hindi_sitemap_names_cities_and_topics_in_hindi(client, pune):
    GynecologistFactory(city=pune, hospitals=[HospitalFactory(city=pune)])
    topic = TopicFactory(name="Nutrition", name_hi="पोषण", slug="nutrition")
    ArticleFactory(title="Iron", slug="iron").topics.add(topic)
    html = client.get("/hi/sitemap/").content.decode()
    assert "<h1>साइट का नक्शा</h1>" in html
    assert '<a href="/hi/gynecologists/pune/">पुणे में स्त्री रोग विशेषज्ञ</a>' in html
    assert ">पोषण</a>" in html
    assert '<span aria-current="page">साइट का नक्शा</span>' in html
    assert '<a href="/hi/">होम</a>' in html


def test_hindi_404_page(client):
    response = client.get("/hi/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="hi">' in html
    assert "<h1>पेज नहीं मिला</h1>" in html
    assert '<p class="error-code">गड़बड़ी 404</p>' in html
    assert '<a href="/hi/">होम पेज पर जाएं</a>' in html
    assert not latin_words(html)


ERROR_HEADINGS = {
    "400.html": "हम यह अनुरोध समझ नहीं पाए",
    "403.html": "यह पेज आपके लिए खुला नहीं है",
    "404.html": "पेज नहीं मिला",
    "429.html": "कृपया थोड़ी देर रुककर फिर कोशिश करें",
    "500.html": "हमारी तरफ से कुछ गड़बड़ हो गई",
    "503.html": "साइट कुछ देर के लिए उपलब्ध नहीं है",
    "request_refused.html": "हम यह अनुरोध नहीं ले सके",
}


@pytest.mark.parametrize(("template", "heading"), ERROR_HEADINGS.items())
def test_error_pages_in_hindi(template, heading):
    with translation.override("hi"):
        html = loader.get_template(template).render(
            {"SITE_NAME": "Nine Months", "status": 413, "message": ""}
        )
    assert f"<h1>{heading}</h1>" in html
    assert not latin_words(html), template


def _boom(request):
    raise RuntimeError("boom")


urlpatterns = [*portal_urls.urlpatterns, path("hi/boom/", _boom)]
handler500 = portal_urls.handler500


def test_server_error_under_hi_is_hindi(settings):
    settings.ROOT_URLCONF = __name__
    response = FormClient(raise_request_exception=False).get("/hi/boom/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "<h1>हमारी तरफ से कुछ गड़बड़ हो गई</h1>" in html
    assert "boom" not in html


class _Untouchable(io.RawIOBase):
    def readable(self):
        return True

    def readinto(self, buffer):
        raise AssertionError("the body was read")


def test_a_refused_request_under_hi_is_explained_in_hindi():
    response = FormClient().generic(
        "POST",
        "/hi/due-date-calculator/",
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(300 * 1024 * 1024),
        **{"wsgi.input": _Untouchable()},
    )
    html = response.content.decode()
    assert response.status_code == 413
    assert '<html lang="hi">' in html
    assert "जो भेजा गया वह हमारे किसी भी फॉर्म की जरूरत से बहुत ज्यादा बड़ा है।" in html
    assert "<h1>हम यह अनुरोध नहीं ले सके</h1>" in html
    english = FormClient().generic(
        "POST",
        "/due-date-calculator/",
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(300 * 1024 * 1024),
        **{"wsgi.input": _Untouchable()},
    )
    assert "far larger than any of our forms needs" in english.content.decode()


def _database_down(request):
    raise OperationalError("could not connect to server")


urlpatterns.append(path("hi/down/", _database_down))


def test_database_outage_under_hi_is_a_hindi_503(settings):
    settings.ROOT_URLCONF = __name__
    response = FormClient(raise_request_exception=False).get("/hi/down/")
    html = response.content.decode()
    assert response.status_code == 503
    assert '<html lang="hi">' in html
    assert "<h1>साइट कुछ देर के लिए उपलब्ध नहीं है</h1>" in html


def test_pagination_in_hindi(rf):
    page = Paginator(range(100), 10).page(5)
    request = rf.get("/hi/gynecologists/", {"page": "5", "q": "asha"})
    with translation.override("hi"):
        html = loader.get_template("includes/_pagination.html").render({"page_obj": page}, request)
    assert '<nav aria-label="नतीजों के पेज">' in html
    assert 'rel="prev">पिछला<span class="visually-hidden"> पेज</span></a>' in html
    assert 'rel="next">अगला<span class="visually-hidden"> पेज</span></a>' in html
    assert '<span aria-current="page"><span class="visually-hidden">पेज </span>5</span>' in html
    assert 'href="?page=4&amp;q=asha"' in html
    assert not latin_words(html)


@pytest.mark.parametrize("typed", ["kulkarmi", "कुलकर्णी"])
def test_hindi_search_offers_the_corrected_spelling_in_hindi(client, pune, typed):
    GynecologistFactory(
        name="Asha Kulkarni", slug="asha-kulkarni", city=pune, hospitals=[HospitalFactory(city=pune)]
    )
    html = client.get("/hi/search/", {"q": typed}).content.decode()
    assert f"“{typed}” से कुछ नहीं मिला, इसलिए यहां “<strong>kulkarni</strong>” के नतीजे हैं।" in html
    assert f'data-corrected-from="{typed}"' in html
    assert 'data-doctor="asha-kulkarni"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "lang", "heading"),
    [("", "en", "Your form could not be sent"), ("/hi", "hi", "आपका फॉर्म नहीं भेजा जा सका")],
)
def test_a_form_sent_without_its_security_token_gets_the_sites_own_page_in_its_language(
    prefix, lang, heading
):
    from django.test import Client

    from directory.models import Grievance

    response = Client(enforce_csrf_checks=True).post(
        f"{prefix}/privacy/grievance/", {"name": "Asha", "email": "asha@example.in", "details": "x"}
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert f'<html lang="{lang}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert "CSRF" not in html and "Referer" not in html  # no technical reason on the page
    assert not Grievance.objects.exists()
