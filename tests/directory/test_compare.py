"""/maternity-packages/compare/: two to four listed packages side by side, clear messages otherwise."""

import re

import pytest

from tests.factories import MaternityPackageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

URL = "/maternity-packages/compare/"


def compared(response) -> list[str]:
    return re.findall(r'<th scope="col" data-package="([^"]+)"', response.content.decode())


def query(*slugs) -> str:
    return URL + "?" + "&".join(f"p={s}" for s in slugs)


def test_two_packages_side_by_side_in_the_order_chosen(client, public_directory):
    response = client.get(query("seaside-normal-deluxe", "sahyadri-normal-general"))
    html = response.content.decode()
    assert response.status_code == 200
    assert compared(response) == ["seaside-normal-deluxe", "sahyadri-normal-general"]
    # Row headers make the table read linearly.
    for row in ("Hospital", "Price", "Delivery", "Room", "Nights", "Included", "Not included"):
        assert f'<th scope="row">{row}</th>' in html
    assert '<td class="price">₹1,50,000</td><td class="price">₹45,000</td>' in html
    # The normal package shows what a caesarean would cost at the same centre.
    assert "<td>Not listed</td><td>₹95,000</td>" in html
    assert "compare-problems" not in html


def test_four_packages_are_the_most(client, public_directory):
    slugs = ["sahyadri-normal-general", "asha-normal-twin", "sahyadri-normal-single", "seaside-normal-deluxe"]
    response = client.get(query(*slugs))
    assert compared(response) == slugs


def test_duplicates_are_ignored(client, public_directory):
    response = client.get(query("asha-normal-twin", "asha-normal-twin", "sahyadri-normal-general"))
    assert compared(response) == ["asha-normal-twin", "sahyadri-normal-general"]
    assert "compare-problems" not in response.content.decode()


@pytest.mark.parametrize(
    "slugs",
    [(), ("asha-normal-twin",), ("asha-normal-twin", "asha-normal-twin"), ("", "  ")],
)
def test_fewer_than_two_asks_for_more(client, public_directory, slugs):
    response = client.get(query(*slugs))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose at least two packages to compare" in html
    assert compared(response) == []
    assert 'href="/maternity-packages/"' in html


def test_more_than_four_shows_the_first_four_and_says_why(client, public_directory):
    slugs = [
        "sahyadri-normal-general",
        "asha-normal-twin",
        "sahyadri-normal-single",
        "seaside-normal-deluxe",
        "sahyadri-caesarean-general",
    ]
    response = client.get(query(*slugs))
    assert "You can compare up to 4 packages at a time" in response.content.decode()
    assert compared(response) == slugs[:4]


@pytest.mark.parametrize("missing", ["no-such-package", "sahyadri-expired", "sahyadri-withdrawn"])
def test_unknown_expired_or_withdrawn_slugs_are_named_and_left_out(client, public_directory, missing):
    response = client.get(query("asha-normal-twin", missing, "sahyadri-normal-general"))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"We could not find “{missing}” among the packages listed today" in html
    assert compared(response) == ["asha-normal-twin", "sahyadri-normal-general"]


def test_unknown_slugs_alone_give_a_message_not_an_error(client, public_directory):
    response = client.get(query("x", "y", "<script>"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>" not in html.split("<main", 1)[1]
    assert "Choose at least two packages to compare" in html


def test_compare_runs_a_fixed_number_of_queries(client, public_directory, django_assert_max_num_queries):
    hospital = public_directory.hospitals["asha"]
    extra = [MaternityPackageFactory(hospital=hospital, slug=f"extra-{n}").slug for n in range(2)]
    with django_assert_max_num_queries(3):
        response = client.get(query("asha-normal-twin", "sahyadri-normal-general", *extra))
    assert len(compared(response)) == 4
