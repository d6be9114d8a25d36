"""The search forms render their widgets in Python: the markup must be exactly Django's own."""

import pytest
from django.forms.renderers import get_default_renderer
from django.http import QueryDict

from directory.filters import DoctorFilter, PackageFilter
from directory.forms import SearchFormRenderer
from directory.models import Gynecologist, MaternityPackage
from tests.factories import CityFactory, LanguageFactory

pytestmark = pytest.mark.django_db

DOCTOR_QUERIES = [
    "",
    "city=pune&language=marathi&max_fee=1500&sort=experience",
    "language=marathi&language=hindi&gender=female&min_experience=10",
    "city=atlantis&max_fee=abc&min_experience=-5&language=klingon&gender=x&sort=bogus",
    "q=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E&max_fee=%22+onfocus%3D%22x",
    "q=" + "a" * 120,
    "city=&language=&max_fee=&gender=",
    "q=%E0%A4%AE%E0%A4%B0%E0%A4%BE%E0%A4%A0%E0%A5%80&language=marathi&language=marathi",
]
PACKAGE_QUERIES = [
    "",
    "city=pune&delivery_type=normal&max_price=150000",
    "delivery_type=zzz&room_type=yyy&min_price=-1&max_price=1.5&sort=x",
    "room_type=single&sort=nights&min_price=50000&q=%3Cb%3E%26amp%3B",
]


@pytest.fixture
def reference_data():
    CityFactory(name="Pune", slug="pune")
    CityFactory(name="Kochi <&> “Ernakulam”", slug="kochi")
    LanguageFactory(name="Marathi", slug="marathi")
    LanguageFactory(name="Hindi", slug="hindi")


def _both_renderings(filterset):
    form = filterset.form
    form.is_valid()
    fast = [str(field) for field in form]
    stock = [field.as_widget(attrs=None) for field in _with_renderer(form, get_default_renderer())]
    return fast, stock


def _with_renderer(form, renderer):
    form.renderer = renderer
    return list(form)


@pytest.mark.parametrize("query", DOCTOR_QUERIES)
@pytest.mark.parametrize("city_page", [False, True])
def test_doctor_form_widgets_match_djangos_templates(reference_data, query, city_page):
    city = CityFactory(name="Mumbai", slug="mumbai") if city_page else None
    filterset = DoctorFilter(QueryDict(query), queryset=Gynecologist.objects.all(), city=city)
    assert isinstance(filterset.form.renderer, SearchFormRenderer)
    fast, stock = _both_renderings(filterset)
    assert fast == stock
    assert any("<select" in html for html in fast) and any('type="checkbox"' in html for html in fast)


@pytest.mark.parametrize("query", PACKAGE_QUERIES)
def test_package_form_widgets_match_djangos_templates(reference_data, query):
    filterset = PackageFilter(QueryDict(query), queryset=MaternityPackage.objects.all())
    fast, stock = _both_renderings(filterset)
    assert fast == stock


def test_error_attributes_and_escaping_survive(reference_data):
    query = "city=atlantis&language=klingon&max_fee=%22%3E%3Cb%3E"
    filterset = DoctorFilter(QueryDict(query), queryset=Gynecologist.objects.all())
    filterset.form.is_valid()
    html = {field.name: str(field) for field in filterset.form}
    assert 'aria-describedby="id_city-error"' in html["city"]
    assert 'aria-invalid="true"' in html["city"]
    assert 'aria-describedby="id_language-error id_language_helptext" id="id_language_0"' in html["language"]
    assert 'value="&quot;&gt;&lt;b&gt;"' in html["max_fee"]
    assert "Kochi &lt;&amp;&gt; “Ernakulam”" in html["city"]


def test_other_widgets_fall_back_to_the_templates():
    renderer = SearchFormRenderer()
    context = {"widget": {"name": "x", "value": None, "attrs": {}, "template_name": "t", "type": "hidden"}}
    html = renderer.render("django/forms/widgets/hidden.html", context)
    assert html == '<input type="hidden" name="x">'
