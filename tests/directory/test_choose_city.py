"""The "choose your city" chooser (home page, articles, calculator result): nothing is preselected,
a chosen city leads to its doctors or packages, and a missing choice is explained next to the field."""

import re

import pytest

from tests.factories import CityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities():
    CityFactory(name="Pune", slug="pune")
    CityFactory(name="Ahmedabad", slug="ahmedabad", state="Gujarat")


def _chooser(html: str) -> str:
    return html.split('<form class="city-chooser"')[1].split("</form>")[0]


def test_the_home_page_asks_for_a_city_and_preselects_none(client, cities):
    chooser = _chooser(client.get("/").content.decode())
    assert '<label for="home-city">Choose your city</label>' in chooser
    options = re.findall(r'<option value="([\w-]*)"( selected)?>([^<]+)</option>', chooser)
    assert options == [("", "", "Select a city"), ("ahmedabad", "", "Ahmedabad"), ("pune", "", "Pune")]


@pytest.mark.parametrize(
    ("find", "target"),
    [
        ("gynecologists", "/gynecologists/pune/"),
        ("packages", "/maternity-packages/pune/"),
        ("", "/gynecologists/pune/"),  # Enter in the select submits without a button
        ("spaceships", "/gynecologists/pune/"),
    ],
)
def test_a_chosen_city_leads_to_its_city_page(client, cities, find, target):
    response = client.get("/choose-city/", {"city": "pune", "find": find})
    assert response.status_code == 302
    assert response["Location"] == target


@pytest.mark.parametrize(
    ("city", "message"),
    [
        ("", "Choose your city from the list, then press the button again."),
        ("atlantis", "We do not list that city yet: choose one from the list."),
    ],
)
def test_no_city_chosen_gets_a_message_next_to_the_field(client, cities, city, message):
    response = client.get("/choose-city/", {"city": city, "find": "packages"})
    html = response.content.decode()
    assert response.status_code == 200  # a choice not made yet, not a broken request
    assert "<h1>Choose your city</h1>" in html
    assert f'<p class="field-error" id="choose-city-error">{message}</p>' in html
    assert 'aria-invalid="true" aria-describedby="choose-city-error"' in html
    assert f'<a href="#choose-city">Choose your city: {message}</a>' in html  # the error summary
    assert '<meta name="robots" content="noindex">' in html
    assert re.findall(r'<option value="([\w-]+)">', _chooser(html)) == ["ahmedabad", "pune"]
