"""The Hindi translation as a whole: every public template translated, the catalogue complete, in sync
with the code and compiled, Django's own messages and month names in our Hindi, pages cached per
language, and hostile input under /hi/ answered cleanly."""

import datetime
import re
import shutil
from pathlib import Path

import polib
import pytest
from django import forms
from django.conf import settings
from django.core.management import call_command
from django.template import Context, Template
from django.utils import translation

from tests.client import FormClient
from tests.directory.public_data import build_directory
from tests.i18n_scan import untranslated
from tests.security.hostile import CORPUS, assert_safe

ROOT = Path(settings.BASE_DIR)
PO = ROOT / "locale" / "hi" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


# ---- 1. Every public template is translated ----

PUBLIC_TEMPLATES = sorted(
    path.relative_to(ROOT).as_posix()
    for path in (ROOT / "templates").rglob("*.html")
    if not path.relative_to(ROOT / "templates").as_posix().startswith("admin/")
)


@pytest.mark.parametrize("name", PUBLIC_TEMPLATES)
def test_public_template_has_no_untranslated_text(name):
    assert untranslated(ROOT / name) == [], f"{name}: text outside translate tags"


def test_every_public_template_is_checked():
    assert {"templates/base.html", "templates/home.html", "templates/404.html"} <= set(PUBLIC_TEMPLATES)
    assert {"templates/directory/enquiry_form.html", "templates/calculators/_result.html"} <= set(
        PUBLIC_TEMPLATES
    )
    assert not any(name.startswith("templates/admin/") for name in PUBLIC_TEMPLATES)


# ---- 2. The catalogue is complete and well formed ----

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


def _catalogue():
    return polib.pofile(str(PO))


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def test_catalogue_has_no_empty_or_fuzzy_entry():
    catalogue = _catalogue()
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
    empty = [
        e.msgid for e in catalogue if not (e.msgstr or (e.msgstr_plural and all(e.msgstr_plural.values())))
    ]
    assert empty == []
    assert catalogue.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


def test_python_format_placeholders_match():
    wrong = []
    for entry in _catalogue():
        if "python-format" not in entry.flags:
            continue
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        expected = _placeholders(entry.msgid)
        for text in translations:
            if _placeholders(text) != expected:
                wrong.append((entry.msgid, text))
    assert wrong == []


def test_hindi_is_written_without_nukta_on_k_kh_g_j_ph_and_without_chandrabindu_in_jaanch():
    nukta = re.compile("[कखगजफ]\u093c|[\u0958\u0959\u095a\u095b\u095e]")
    found = [e.msgstr for e in _catalogue() if nukta.search(e.msgstr) or "जाँच" in e.msgstr]
    assert found == []
    # The demo Hindi articles spell as the interface does.
    demo = (ROOT / "articles" / "demo_content_hi.py").read_text(encoding="utf-8")
    assert nukta.findall(demo) == []
    assert demo.count("जाँच") == 0


# ---- 3. The catalogue is in sync with the code ----

# What `make messages` leaves out (Makefile), besides the directories not linked below.
IGNORED = ["templates/admin/*"]
NOT_SCANNED = {".venv", ".git", "var", "tests", "bench", "scripts", "locale", "node_modules"}


def _keys(catalogue) -> set[tuple]:
    return {(e.msgctxt, e.msgid, e.msgid_plural) for e in catalogue if not e.obsolete}


def test_catalogue_is_in_sync_with_the_code(tmp_path, monkeypatch, settings):
    if shutil.which("xgettext") is None or shutil.which("msgmerge") is None:
        pytest.skip("GNU gettext (xgettext, msgmerge) is not installed")
    # makemessages into a copy of the catalogue: the project's sources linked into a scratch directory,
    # so the real locale/ is never written.
    for entry in ROOT.iterdir():
        if entry.name not in NOT_SCANNED and not entry.name.startswith("."):
            (tmp_path / entry.name).symlink_to(entry)
    copy = tmp_path / "locale" / "hi" / "LC_MESSAGES" / "django.po"
    copy.parent.mkdir(parents=True)
    shutil.copy(PO, copy)
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)
    call_command(
        "makemessages",
        locale=["hi"],
        symlinks=True,
        no_obsolete=True,
        add_location="file",
        ignore_patterns=IGNORED,
        verbosity=0,
    )
    found, kept = _keys(polib.pofile(str(copy))), _keys(_catalogue())
    assert sorted(found - kept, key=str) == [], (
        "marked in the code but missing from django.po: run make messages"
    )
    assert sorted(kept - found, key=str) == [], "in django.po but no longer in the code: run make messages"


# ---- 4. The compiled catalogue is the catalogue ----


def test_compiled_catalogue_matches_the_po_file():
    assert MO.exists(), "locale/hi/LC_MESSAGES/django.mo is missing: make test compiles it"
    compiled = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in polib.mofile(str(MO))
    }
    compiled.pop((None, ""), None)  # the header
    source = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in _catalogue()
        if not e.fuzzy and not e.obsolete
    }
    assert compiled == source, "django.mo is stale: recompile it (make locale/hi/LC_MESSAGES/django.mo)"


# ---- Django's own messages and dates, in our Hindi ----


@pytest.mark.parametrize(
    ("day", "expected"),
    [(datetime.date(2025, 10, 8), "8 अक्टूबर 2025"), (datetime.date(2026, 12, 2), "2 दिसंबर 2026")],
)
def test_dates_use_our_month_names(day, expected):
    template = Template('{{ d|date:"j F Y" }}|{{ d|date:"DATE_FORMAT" }}|{{ d|date:"E" }}')
    with translation.override("hi"):
        full, default, alternative = template.render(Context({"d": day})).split("|")
    assert full == default == expected
    assert alternative == expected.split()[1]
    with translation.override("en"):
        assert template.render(Context({"d": day})).split("|")[0] == day.strftime("%-d %B %Y")


def test_every_month_and_weekday_is_written_our_way():
    months = ["जनवरी", "फरवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर"]
    template = Template('{{ d|date:"F" }} {{ d|date:"E" }} {{ d|date:"l" }}')
    weekdays = set()
    with translation.override("hi"):
        for month, name in enumerate(months, start=1):
            assert template.render(Context({"d": datetime.date(2026, month, 1)})).split()[:2] == [name, name]
        for offset in range(7):
            weekdays.add(template.render(Context({"d": datetime.date(2026, 1, 5 + offset)})).split()[2])
    assert weekdays == {"सोमवार", "मंगलवार", "बुधवार", "गुरुवार", "शुक्रवार", "शनिवार", "रविवार"}


class _Form(forms.Form):
    name = forms.CharField(max_length=5)
    email = forms.EmailField()
    day = forms.DateField()
    weeks = forms.IntegerField(min_value=4, max_value=42)
    fee = forms.DecimalField()
    kind = forms.ChoiceField(choices=[("a", "A")])


def test_django_form_errors_read_as_our_hindi():
    with translation.override("hi"):
        empty = _Form({})
        assert empty.errors["name"] == ["यह जानकारी भरना जरूरी है।"]
        form = _Form({"name": "abcdefg", "email": "x", "day": "x", "weeks": "1.5", "fee": "x", "kind": "z"})
        assert form.errors["name"] == ["ज्यादा से ज्यादा 5 अक्षर लिखें (अभी 7 हैं)।"]
        assert form.errors["email"] == ["सही ईमेल पता लिखें।"]
        assert form.errors["day"] == ["सही तारीख लिखें।"]
        assert form.errors["weeks"] == ["पूरी संख्या लिखें (दशमलव के बिना)।"]
        assert form.errors["fee"] == ["कोई संख्या लिखें।"]
        assert form.errors["kind"] == ["दिए गए विकल्पों में से चुनें। z इनमें से कोई विकल्प नहीं है।"]
        assert _Form({"weeks": "50"}).errors["weeks"] == ["यह संख्या 42 या उससे कम होनी चाहिए।"]
        assert _Form({"weeks": "2"}).errors["weeks"] == ["यह संख्या 4 या उससे ज्यादा होनी चाहिए।"]
        assert _Form({"name": "a\x00"}).errors["name"] == ["इसमें ऐसे अक्षर हैं जो यहां नहीं लिखे जा सकते।"]
    with translation.override("en"):
        assert _Form({}).errors["name"] == ["This field is required."]


# ---- 5. Pages are cached per language ----


@pytest.mark.django_db
@pytest.mark.parametrize("first", ["/", "/hi/"])
def test_each_language_is_cached_separately(first, django_assert_num_queries):
    from tests.factories import CityFactory

    CityFactory(name="Pune", name_hi="पुणे", slug="pune")
    client = FormClient()
    expected = {"/": ('<html lang="en">', ">Pune<"), "/hi/": ('<html lang="hi">', ">पुणे<")}
    order = [first, "/hi/" if first == "/" else "/"]
    for url in order:
        html = client.get(url).content.decode()
        assert all(marker in html for marker in expected[url]), url
    for url in order:  # now from the cache: no query, still each in its own language
        with django_assert_num_queries(0):
            html = client.get(url).content.decode()
        assert all(marker in html for marker in expected[url]), url


def test_the_page_cache_key_names_the_language(rf):
    from portal.pagecache import _page_key

    request = rf.get("/search/", {"q": "pune"})
    keys = set()
    for language in ("en", "hi"):
        request.LANGUAGE_CODE = language  # as PathLanguageMiddleware sets it
        keys.add(_page_key(request))
    assert len(keys) == 2 and None not in keys


@pytest.mark.django_db
def test_the_language_comes_from_the_address_alone():
    client = FormClient()
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="hi")
    hindi = client.get("/hi/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="en">' in english.content.decode() and english["Content-Language"] == "en"
    assert '<html lang="hi">' in hindi.content.decode() and hindi["Content-Language"] == "hi"
    for response in (english, hindi, client.get("/search/?q=pune", HTTP_ACCEPT_LANGUAGE="hi")):
        assert "accept-language" not in response.get("Vary", "").lower()
    # A cached English page stays English for a Hindi browser, and the other way round.
    assert '<html lang="en">' in client.get("/", HTTP_ACCEPT_LANGUAGE="hi-IN,hi;q=0.9").content.decode()
    assert '<html lang="hi">' in client.get("/hi/", HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()


# ---- 6. Hostile input under /hi/ ----

HOSTILE_TARGETS = [
    ("/hi/search/", "q"),
    ("/hi/gynecologists/pune/", "q"),
    ("/hi/gynecologists/pune/", "gender"),
    ("/hi/gynecologists/pune/", "min_experience"),
    ("/hi/gynecologists/pune/", "page"),
    ("/hi/gynecologists/pune/", "sort"),
]
CALCULATOR = {"method": "lmp", "lmp": "2026-01-01", "cycle_length": "28"}


@pytest.fixture
def public_directory(db):
    return build_directory()


@pytest.mark.parametrize(("url", "name"), HOSTILE_TARGETS)
def test_hostile_query_under_hi_never_crashes(public_directory, url, name):
    http = FormClient(raise_request_exception=False)
    failures = []
    for label, raw in CORPUS:
        response = http.get(f"{url}?{name}={raw}")
        try:
            body = assert_safe(response, f"GET {url}?{name}=<{label}>")
            assert response.status_code in (200, 400, 404), f"{label}: {response.status_code}"
            assert '<html lang="hi">' in body, f"{label}: not a Hindi page"
            if url == "/hi/search/" and response.status_code == 400:
                error = re.search(r'<p class="field-error" id="search-q-error">([^<]*)</p>', body).group(1)
                assert not re.search("[A-Za-z]{2,}", error), f"{label}: {error}"
        except AssertionError as exc:
            failures.append(str(exc).splitlines()[0])
    assert failures == []


@pytest.mark.parametrize("field", ["method", "lmp", "cycle_length"])
def test_hostile_calculator_post_under_hi_never_crashes(db, field):
    http = FormClient(raise_request_exception=False)
    failures = []
    for label, raw in CORPUS:
        others = "&".join(f"{k}={v}" for k, v in CALCULATOR.items() if k != field)
        response = http.post(
            "/hi/due-date-calculator/",
            data=f"{others}&{field}={raw}",
            content_type="application/x-www-form-urlencoded",
        )
        try:
            body = assert_safe(response, f"POST {field}=<{label}>")
            assert response.status_code in (200, 400), f"{label}: {response.status_code}"
            assert '<html lang="hi">' in body, f"{label}: not a Hindi page"
        except AssertionError as exc:
            failures.append(str(exc).splitlines()[0])
    assert failures == []


@pytest.mark.django_db
def test_a_500_character_hindi_query_gets_a_hindi_answer():
    response = FormClient().get("/hi/search/", {"q": ("पैर में ऐंठन " * 50)[:500]})
    html = response.content.decode()
    assert response.status_code == 400
    assert '<p class="field-error" id="search-q-error">ज्यादा से ज्यादा 100 अक्षर लिखें।</p>' in html
    assert '<html lang="hi">' in html


def test_a_mixed_latin_and_devanagari_query_gets_a_clean_hindi_results_page(public_directory):
    response = FormClient().get("/hi/search/", {"q": "पुणे gynecologist"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="hi">' in html
    assert "“पुणे gynecologist” के नतीजे" in html
    assert re.search(r'data-result-count="[1-9]\d*"', html)
    assert "<h1>खोजें</h1>" in html
